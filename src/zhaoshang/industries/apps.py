from django.apps import AppConfig


class IndustriesConfig(AppConfig):
    name = "zhaoshang.industries"
    verbose_name = "行业与产业方向"
