from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "planwatch.governance"
    label = "governance"
    verbose_name = "Bodies and meetings"
