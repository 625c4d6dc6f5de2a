from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    """精准招商: the enterprise universe (Parquet/DuckDB), the scope classifier, scoring and candidates."""

    name = "zhaoshang.targeting"
    verbose_name = _("精准招商")
