from django.apps import AppConfig


class TargetingConfig(AppConfig):
    """精准招商: the enterprise universe (Parquet/DuckDB), the scope classifier, scoring and candidates."""

    name = "zhaoshang.targeting"
    verbose_name = "精准招商"
