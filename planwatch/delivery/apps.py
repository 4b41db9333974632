from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "planwatch.delivery"
    label = "delivery"
    verbose_name = "Delivery Plan"
