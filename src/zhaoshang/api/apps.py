from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zhaoshang.api"
    label = "zhaoshang_api"
    verbose_name = "接口"
