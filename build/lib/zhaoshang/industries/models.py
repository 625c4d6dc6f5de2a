"""GB/T 4754-2017 industry classification and the industry directions (产业方向) a region chooses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MANUFACTURING_SECTION = "C"


class IndustryLevel(models.TextChoices):
    SECTION = "section", _("门类")
    DIVISION = "division", _("大类")
    GROUP = "group", _("中类")
    CLASS = "class", _("小类")


class IndustryCode(models.Model):
    """One node of GB/T 4754-2017: section letter, or a 2/3/4-digit division, group or class."""

    code = models.CharField(_("行业代码"), max_length=4, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=IndustryLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The section letter, denormalised so that "is manufacturing" is one indexed comparison.
    section = models.CharField(_("门类"), max_length=1, db_index=True)

    class Meta:
        verbose_name = _("国民经济行业分类")
        verbose_name_plural = _("国民经济行业分类")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_manufacturing(self) -> bool:
        return self.section == MANUFACTURING_SECTION


class IndustryDirection(models.Model):
    """An industry direction (产业方向) a region targets, e.g. 先进制造; ordered per region."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.CASCADE, related_name="directions"
    )
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("产业方向")
        verbose_name_plural = _("产业方向")
        ordering = ["region__code", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="direction_unique_name_per_region",
                violation_error_message=_("同一区划内产业方向名称不能重复。"),
            )
        ]

    def __str__(self) -> str:
        return self.name
