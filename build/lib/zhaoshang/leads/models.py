"""Leads (线索): enterprises being courted, their visits and follow-ups, and their conversion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.softdelete import SoftDeletable, SoftDeleteQuerySet, alive_manager


class LeadStage(models.TextChoices):
    NEW = "new", _("新线索")
    CONTACTED = "contacted", _("已接触")
    VISITED = "visited", _("已拜访")
    NEGOTIATING = "negotiating", _("洽谈中")
    CONVERTED = "converted", _("已转化")
    ABANDONED = "abandoned", _("已放弃")


OPEN_STAGES = [LeadStage.NEW, LeadStage.CONTACTED, LeadStage.VISITED, LeadStage.NEGOTIATING]


class LeadSource(models.TextChoices):
    TARGETING = "targeting", _("精准招商")
    REFERRAL = "referral", _("以商招商")
    EXPO = "expo", _("展会活动")
    AGENT = "agent", _("中介机构")
    INBOUND = "inbound", _("主动来访")
    PRESS = "press", _("公开报道")
    OTHER = "other", _("其他")


class LeadQuerySet(SoftDeleteQuerySet):
    def open(self) -> LeadQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def overdue(self, today=None) -> LeadQuerySet:
        return self.open().filter(next_action_on__lt=today or timezone.localdate())


class Lead(SoftDeletable):
    """An enterprise a district courts, from first contact to a ledger project (or abandonment)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="leads"
    )
    region = models.ForeignKey("regions.Region", verbose_name=_("招商区县"), on_delete=models.PROTECT)
    source = models.CharField(_("来源"), max_length=20, choices=LeadSource.choices, default=LeadSource.OTHER)
    segment = models.ForeignKey(
        "chains.Segment", verbose_name=_("产业链环节"), null=True, blank=True, on_delete=models.SET_NULL
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("负责人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=LeadStage.choices, default=LeadStage.NEW)
    next_action = models.CharField(_("下一步"), max_length=200, blank=True)
    next_action_on = models.DateField(_("下一步日期"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    score_explanation = models.JSONField(_("评分说明"), default=dict, blank=True)
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("转化项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = alive_manager(LeadQuerySet)
    all_objects = LeadQuerySet.as_manager()  # with the deleted ones (回收站)
    history = audited(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("招商线索")
        verbose_name_plural = _("招商线索")
        ordering = ["next_action_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "enterprise"],
                name="lead_unique_enterprise_per_region",
                condition=Q(deleted_at__isnull=True),
                violation_error_message=_("该企业在本区县已有线索。"),
            ),
            models.CheckConstraint(
                condition=~Q(stage="converted") | Q(project__isnull=False),
                name="lead_converted_has_project",
                violation_error_message=_("已转化的线索必须关联项目。"),
            ),
        ]

    def __str__(self) -> str:
        return str(self.enterprise)

    def get_absolute_url(self) -> str:
        return reverse("leads:detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.stage in OPEN_STAGES
            and self.next_action_on is not None
            and (self.next_action_on < timezone.localdate())
        )


class VisitKind(models.TextChoices):
    VISIT = "visit", _("上门拜访")
    CALL = "call", _("电话联系")
    MEETING = "meeting", _("来访会谈")
    FOLLOW_UP = "follow_up", _("跟进")


class Visit(models.Model):
    """A visit or follow-up on a lead: when, who, what was said, what came of it."""

    lead = models.ForeignKey(Lead, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("方式"), max_length=20, choices=VisitKind.choices, default=VisitKind.VISIT)
    visited_on = models.DateField(_("日期"))
    people = models.CharField(_("参与人员"), max_length=300, blank=True)
    summary = models.TextField(_("纪要"))
    outcome = models.CharField(_("结果"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.lead} {self.visited_on}"
