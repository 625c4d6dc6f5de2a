"""Site-wide facts that are data, not settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteFlag(models.Model):
    """A named flag, e.g. `demo_loaded`: the database holds the synthetic demo (演示数据)."""

    key = models.CharField(_("键"), max_length=50, unique=True)
    value = models.CharField(_("值"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("站点标记")
        verbose_name_plural = _("站点标记")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"

    @classmethod
    def is_set(cls, key: str) -> bool:
        return cls.objects.filter(key=key).exists()
