from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustriesConfig(AppConfig):
    """Reference data below accounts: its scopes are registered by accounts/apps.py."""

    name = "zhaoshang.industries"
    verbose_name = _("行业与产业方向")
