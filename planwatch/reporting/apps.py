from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "planwatch.reporting"
    label = "reporting"
    verbose_name = "Reports and documents"
