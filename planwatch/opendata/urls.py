from django.urls import path

from planwatch.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.<str:fmt>", views.download, name="download"),
]
