from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    """精准招商: the enterprise universe (Parquet, DuckDB or Spark), the scope classifier, scoring and candidates."""

    name = "zhaoshang.targeting"
    verbose_name = _("精准招商")

    def ready(self) -> None:
        from django.core import checks

        from zhaoshang.chains import gaps
        from zhaoshang.targeting.checks import check_universe_engine
        from zhaoshang.targeting.services import feasible_gaps

        checks.register(check_universe_engine)
        gaps.register(gaps.GapAdvisor(density=feasible_gaps, url_name="targeting:page"))
