from django.apps import AppConfig


class ChainsConfig(AppConfig):
    name = "zhaoshang.chains"
    verbose_name = "产业链"
