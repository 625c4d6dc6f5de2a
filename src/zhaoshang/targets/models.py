"""Annual targets a region is assessed on (市级任务 set by the city, 区级目标 set by the district)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.json import UnicodeJSONEncoder
from zhaoshang.core.softdelete import SoftDeletable, alive_manager
from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN


class TargetLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("市级任务")
    DISTRICT = "district", _("区级目标")


class Target(SoftDeletable):
    """The value a region should reach for one metric (and scope) in one year.

    `value` is in the metric's base unit: yuan for amounts, a count for counts, a fraction for rates.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    metric = models.CharField(_("指标"), max_length=50)
    scope = models.CharField(_("口径"), max_length=50, blank=True, default="")
    level = models.CharField(_("目标层级"), max_length=10, choices=TargetLevel.choices)
    value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)

    objects = alive_manager()
    all_objects = models.Manager()  # with the deleted ones (回收站)
    history = audited()

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["region__code", "year", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "metric", "scope", "level"],
                name="target_unique_per_key",
                condition=Q(deleted_at__isnull=True),
                violation_error_message=_("该区划、年度、指标、口径和层级的目标已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_value_non_negative",
                violation_error_message=_("目标值不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(value__lte=MAX_AMOUNT_YUAN),
                name="target_value_bounded",
                violation_error_message=_("目标值超出允许范围。"),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="target_year_plausible",
                violation_error_message=_("年度应在 2000 至 2100 之间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.metric} {self.get_level_display()}"


class AssessmentRule(models.Model):
    """A weighted assessment rule (考核办法) as data: items, weights and caps (see rules/default.json)."""

    name = models.CharField(_("名称"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, help_text=_("留空表示各年度通用")
    )
    items = models.JSONField(_("考核项"), default=list, encoder=UnicodeJSONEncoder)
    is_active = models.BooleanField(_("启用"), default=True)

    history = audited()

    class Meta:
        verbose_name = _("考核规则")
        verbose_name_plural = _("考核规则")
        ordering = ["-is_active", "-year", "name"]

    def __str__(self) -> str:
        return self.name


class PeriodReport(models.Model):
    """Figures a district reported (报送) for a period; while locked, changes to them need an amendment."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="period_reports"
    )
    period_code = models.CharField(_("期间"), max_length=30)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    figures = models.JSONField(_("报送数字"), default=dict, encoder=UnicodeJSONEncoder)
    is_locked = models.BooleanField(_("已锁定"), default=True)
    reported_by = models.ForeignKey(
        "accounts.User", verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    reported_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报送记录")
        verbose_name_plural = _("报送记录")
        ordering = ["-end", "region__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period_code"],
                name="report_unique_period_per_region",
                violation_error_message=_("该区县此期间已报送。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.period_code}"


class Amendment(models.Model):
    """A change made to a reported (locked) period, with its reason: shown beside the reported figures."""

    report = models.ForeignKey(
        PeriodReport, verbose_name=_("报送记录"), on_delete=models.CASCADE, related_name="amendments"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("项目"), null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.CharField(_("更正理由"), max_length=500)
    changes = models.JSONField(_("变更内容"), default=dict, encoder=UnicodeJSONEncoder)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("更正记录")
        verbose_name_plural = _("更正记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.report}: {self.reason}"
