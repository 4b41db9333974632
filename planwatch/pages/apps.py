from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "planwatch.pages"
    label = "pages"
    verbose_name = "Pages"
