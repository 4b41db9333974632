from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planwatch.plans"
    label = "plans"
    verbose_name = "Police and Crime Plans"
