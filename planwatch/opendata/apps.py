from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "planwatch.opendata"
    label = "opendata"
    verbose_name = "Open data"
