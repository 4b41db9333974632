from django.urls import path, register_converter

from planwatch.performance import indicator_views, views


class IndicatorChangeConverter:
    """What an officer may change on an indicator; any other word is not a page (404)."""

    regex = "|".join(indicator_views.FORMS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IndicatorChangeConverter, "indicator_change")

app_name = "performance"
urlpatterns = [
    path("plans/<slug:slug>/performance/", views.data_pack_latest, name="latest"),
    path("plans/<slug:slug>/performance/<slug:period>/", views.data_pack_page, name="data-pack"),
    path(
        "plans/<slug:slug>/performance/<slug:period>/data-pack.<str:fmt>",
        views.data_pack_download,
        name="download",
    ),
    path("performance/indicators/", indicator_views.indicator_list, name="indicators"),
    path("performance/indicators/<str:code>/", indicator_views.indicator_detail, name="indicator"),
    path(
        "performance/indicators/<str:code>/<indicator_change:what>/",
        indicator_views.indicator_change,
        name="indicator-change",
    ),
    path("performance/observations/new/", indicator_views.observation_new, name="observation-new"),
    path(
        "performance/observations/example.csv",
        indicator_views.observations_example,
        name="observations-example",
    ),
]
