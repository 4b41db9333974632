from django.urls import path

from planwatch.consultation import views

app_name = "consultation"
urlpatterns = [
    path("", views.index, name="index"),
    path("surveys/import/", views.survey_import, name="import"),
    path("surveys/<slug:slug>/", views.survey_page, name="survey"),
    path("surveys/<slug:slug>/questions/<int:pk>/", views.text_page, name="text"),
    path("answers/<int:pk>/themes/", views.answer_tag, name="tag"),
    path("priorities/new/", views.priority_edit, name="priority-add"),
    path("priorities/<int:pk>/", views.priority_edit, name="priority"),
    path("you-said-we-did/", views.we_did, name="we-did"),
]
