from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "planwatch.papers"
    label = "papers"
    verbose_name = "Papers"
