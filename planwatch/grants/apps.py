from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "planwatch.grants"
    label = "grants"
    verbose_name = "Grants"
