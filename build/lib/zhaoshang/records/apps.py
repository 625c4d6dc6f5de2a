from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The pages and commands over every app's records: history, recycle bin, imports, backup and restore."""

    name = "zhaoshang.records"
    verbose_name = _("记录")
