"""Administrative divisions (GB/T 2260) and the parks/platforms (载体) inside them."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Suffixes stripped to get the short name people write (沙坪坝区 -> 沙坪坝).
_SUFFIXES = re.compile(
    r"(土家族苗族自治县|苗族土家族自治县|土家族自治县|自治县|自治州|自治区|特别行政区|地区|新区|区|县|市|省|盟|旗)$"
)


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地市级")
    COUNTY = "county", _("区县级")


class RegionQuerySet(models.QuerySet["Region"]):
    def children_of(self, code: str) -> RegionQuerySet:
        return self.filter(parent__code=code)

    def lookup(self, text: str) -> Region | None:
        """Find a region by code, full name or short name (沙坪坝区, 沙坪坝, 500106)."""
        text = text.strip()
        if not text:
            return None
        if text.isdigit():
            return self.filter(code=text).first()
        matches = list(self.filter(Q(name=text) | Q(short_name=text)).order_by("level", "code")[:5])
        # Prefer counties, where the bureaus are, when a short name is shared (e.g. 朝阳).
        return (
            matches[0]
            if len(matches) == 1
            else next((m for m in matches if m.level == Level.COUNTY), matches[0] if matches else None)
        )


class Region(models.Model):
    """An administrative division: province/municipality, city, or district/county."""

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    short_name = models.CharField(_("简称"), max_length=50, db_index=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[1-9][0-9]{5}$"),
                name="region_code_six_digits",
                violation_error_message=_("区划代码应为 6 位数字。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def short_name_of(name: str) -> str:
        short = _SUFFIXES.sub("", name)
        return short if len(short) >= 2 else name


class ParkKind(models.TextChoices):
    PARK = "park", _("园区")
    PLATFORM = "platform", _("平台")
    PORT = "port", _("口岸")
    BASE = "base", _("基地")


class Park(models.Model):
    """A carrier (载体): park, platform, port or base where projects land."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="parks"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=ParkKind.choices, default=ParkKind.PARK)

    class Meta:
        verbose_name = _("载体")
        verbose_name_plural = _("载体")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="park_unique_name_per_region",
                violation_error_message=_("同一区划内载体名称不能重复。"),
            )
        ]

    def __str__(self) -> str:
        return self.name
