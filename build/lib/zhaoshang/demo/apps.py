from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The deterministic demo (演示数据) and the reference-data loader: on top of every other app."""

    name = "zhaoshang.demo"
    verbose_name = _("演示数据")

    def ready(self) -> None:
        from zhaoshang.demo import checks  # noqa: F401  (registers the deploy check)
