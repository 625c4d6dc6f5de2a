import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "zhaoshang.reports"
    verbose_name = _("简报")

    def ready(self) -> None:
        # WeasyPrint and fontTools log every layout step at INFO; a PDF is not an event worth a log line.
        for name in ("weasyprint", "fontTools"):
            logging.getLogger(name).setLevel(logging.WARNING)
