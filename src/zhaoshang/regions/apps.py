from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    """Reference data below accounts: its scopes are registered by accounts/apps.py."""

    name = "zhaoshang.regions"
    verbose_name = _("行政区划与载体")
