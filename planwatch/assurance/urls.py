from django.urls import path

from planwatch.assurance import views

app_name = "assurance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:what>/", views.tracker, name="tracker"),
    path("<slug:what>.xlsx", views.tracker_xlsx, name="tracker-xlsx"),
]
