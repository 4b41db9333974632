from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "planwatch.consultation"
    label = "consultation"
    verbose_name = "Consultation: surveys and partners' priorities"
