from django.urls import path

from planwatch.performance import views

app_name = "performance"
urlpatterns = [
    path("plans/<slug:slug>/performance/", views.data_pack_latest, name="latest"),
    path("plans/<slug:slug>/performance/<slug:period>/", views.data_pack_page, name="data-pack"),
    path(
        "plans/<slug:slug>/performance/<slug:period>/data-pack.<str:fmt>",
        views.data_pack_download,
        name="download",
    ),
]
