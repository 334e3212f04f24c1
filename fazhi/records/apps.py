from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "fazhi.records"
    verbose_name = "台账"
