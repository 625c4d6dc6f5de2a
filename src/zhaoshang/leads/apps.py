from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "zhaoshang.leads"
    verbose_name = "招商线索"
