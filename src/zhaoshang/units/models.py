"""Responsible units (责任单位): the departments of a district that own the work after signing, and their users.

A unit (区发改委, 区经信委, 街道 …) belongs to one region; its members are users of the 责任单位 role, each a
member of at most one unit. What a unit user sees is what is assigned to the unit (accounts/scoping.py, the
unit path); the apps above (plans, supervision) assign their items to units.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.softdelete import SoftDeletable, SoftDeleteQuerySet, alive_manager


class UnitKind(models.TextChoices):
    DEVELOPMENT = "development", _("发改")
    ECONOMY = "economy", _("经信")
    PLANNING = "planning", _("规划自然资源")
    ENVIRONMENT = "environment", _("生态环境")
    HOUSING = "housing", _("住建")
    EMERGENCY = "emergency", _("应急")
    TAX = "tax", _("税务")
    MARKET = "market", _("市场监管")
    SUBDISTRICT = "subdistrict", _("街道镇")
    PARK = "park", _("园区管委会")
    OTHER = "other", _("其他")


class UnitQuerySet(SoftDeleteQuerySet):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)


class ResponsibleUnit(SoftDeletable):
    """A department of a region that nodes, 督办 and 诉求 are assigned to (责任单位)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    # An inactive unit keeps its history and assignments but gets no new ones, and its users see nothing.
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = alive_manager(UnitQuerySet)
    all_objects = UnitQuerySet.as_manager()  # with the deleted ones (回收站)
    history = audited(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        ordering = ["region__code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="unit_unique_name_per_region",
                condition=Q(deleted_at__isnull=True),
                violation_error_message=_("本区划已有同名的责任单位。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("units:detail", args=[self.pk])

    @property
    def label(self) -> str:
        """The short name where there is one (tables, badges), else the full name."""
        return self.short_name or self.name


class UnitMember(models.Model):
    """A user acting for a unit; `is_head` marks the unit's head (负责人), the first step of escalation."""

    unit = models.ForeignKey(
        ResponsibleUnit, verbose_name=_("责任单位"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="unit_membership",
    )
    is_head = models.BooleanField(_("单位负责人"), default=False)
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    history = audited()
    _history_user: Any  # who made the change, set by units/services.py for the audit trail

    class Meta:
        verbose_name = _("单位成员")
        verbose_name_plural = _("单位成员")
        ordering = ["-is_head", "user__username"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.user}"
