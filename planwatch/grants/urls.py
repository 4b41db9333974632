from django.urls import path

from planwatch.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.grant_edit, name="add"),
    path("schemes/new/", views.scheme_add, name="scheme-add"),
    path("register/", views.register, name="register"),
    path("register.<str:fmt>", views.register_file, name="register-file"),
    path("<int:pk>/", views.grant_page, name="grant"),
    path("<int:pk>/edit/", views.grant_edit, name="edit"),
    path("<int:pk>/returns/new/", views.return_add, name="return-add"),
    path("returns/<int:pk>/", views.return_state, name="return"),
]
