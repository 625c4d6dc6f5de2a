"""Node plans (节点计划): what must happen after signing, by when, and by whom.

A `NodeTemplate` (data the bureau edits, per project type, a district's own or the default for all) lists
its `TemplateNode`s in order; giving a project a `Plan` copies them into `ProjectNode`s with planned dates
(lib/schedule.py), which then carry the actual date, the responsible unit and person, the delay reason and
the evidence note.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.lib import schedule
from zhaoshang.projects.models import ProjectType, Stage


class Anchor(models.TextChoices):
    SIGNING = schedule.SIGNING, _("签约日期起算（顺排）")
    START = schedule.START, _("计划开工日倒排")


class NodeTemplate(models.Model):
    """A plan template: the nodes a project of a type goes through after signing.

    `region` empty: the default for every district; a district's own template for a type takes precedence.
    `project_type` empty: for any type without a template of its own.
    """

    _change_reason: str  # not a column: the reason of the next save's history record

    name = models.CharField(_("模板名称"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("适用区县"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="node_templates",
        help_text=_("留空：全市默认模板。"),
    )
    project_type = models.CharField(
        _("项目类型"),
        max_length=20,
        choices=ProjectType.choices,
        blank=True,
        help_text=_("留空：适用于没有专门模板的项目类型。"),
    )
    start_offset_days = models.IntegerField(
        _("默认计划开工（签约后天数）"),
        default=180,
        help_text=_("未指定计划开工日期时，按签约日期加此天数倒排。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    notes = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = audited(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("节点模板")
        verbose_name_plural = _("节点模板")
        ordering = ["region__code", "project_type", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "project_type"],
                condition=Q(is_active=True),
                name="node_template_one_active_per_region_and_type",
                violation_error_message=_("该区县已有此项目类型的启用模板。"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:template", args=[self.pk])

    def specs(self) -> list[schedule.NodeSpec]:
        """The nodes as the scheduler takes them."""
        nodes = list(self.nodes.prefetch_related("depends_on"))
        return [node.spec() for node in nodes]


class TemplateNode(models.Model):
    """One node of a template: its default planned date, dependencies, evidence and ledger stage."""

    template = models.ForeignKey(
        NodeTemplate, verbose_name=_("模板"), on_delete=models.CASCADE, related_name="nodes"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    code = models.SlugField(_("节点代码"), max_length=40)
    name = models.CharField(_("节点名称"), max_length=50)
    anchor = models.CharField(_("计划方式"), max_length=10, choices=Anchor.choices, default=Anchor.SIGNING)
    offset_days = models.IntegerField(
        _("偏移天数"), default=0, help_text=_("顺排：签约后第几天；倒排：计划开工前为负数，之后为正数。")
    )
    depends_on = models.ManyToManyField(
        "self", verbose_name=_("前置节点"), symmetrical=False, blank=True, related_name="dependents"
    )
    evidence = models.TextField(_("所需佐证材料"), blank=True, help_text=_("每行一项。"))
    ledger_stage = models.CharField(
        _("对应台账阶段"),
        max_length=20,
        choices=Stage.choices,
        blank=True,
        help_text=_("台账进入该阶段时，本节点自动完成。"),
    )
    unit_kind = models.CharField(_("默认责任单位类型"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("模板节点")
        verbose_name_plural = _("模板节点")
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                name="template_node_unique_code",
                violation_error_message=_("同一模板内节点代码不能重复。"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def spec(self) -> schedule.NodeSpec:
        deps = tuple(d.code for d in self.depends_on.all())
        return schedule.NodeSpec(self.code, self.anchor, self.offset_days, deps)

    @property
    def evidence_items(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class Plan(models.Model):
    """A project's node plan: which template it came from and the target start date it was scheduled to."""

    project = models.OneToOneField(
        "projects.Project", verbose_name=_("项目"), on_delete=models.CASCADE, related_name="plan"
    )
    template = models.ForeignKey(
        NodeTemplate, verbose_name=_("节点模板"), null=True, on_delete=models.SET_NULL, related_name="plans"
    )
    start_on = models.DateField(_("计划开工日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = audited()

    class Meta:
        verbose_name = _("节点计划")
        verbose_name_plural = _("节点计划")

    def __str__(self) -> str:
        return str(self.project)

    def get_absolute_url(self) -> str:
        return reverse("plans:project", args=[self.project_id])


class ProjectNodeQuerySet(models.QuerySet["ProjectNode"]):
    def open(self) -> ProjectNodeQuerySet:
        return self.filter(actual_on__isnull=True)

    def overdue(self, today: date | None = None) -> ProjectNodeQuerySet:
        """Open nodes past their planned date (due today is not overdue)."""
        return self.open().filter(planned_on__lt=today or timezone.localdate())

    def due_between(self, first: date, last: date) -> ProjectNodeQuerySet:
        return self.open().filter(planned_on__gte=first, planned_on__lte=last)

    def live(self) -> ProjectNodeQuerySet:
        """Nodes of projects that are neither deleted nor terminated."""
        return self.filter(project__deleted_at__isnull=True).exclude(project__stage=Stage.TERMINATED)


class ProjectNode(models.Model):
    """One node of a project's plan: planned and actual date, responsible unit and person, dependencies,
    the evidence it needs and what was noted, the reason of a delay."""

    # Not a column: the reason simple-history writes on the next save's history record.
    _change_reason: str

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("项目"), on_delete=models.CASCADE, related_name="nodes"
    )
    template_node = models.ForeignKey(
        TemplateNode, verbose_name=_("模板节点"), null=True, blank=True, on_delete=models.SET_NULL
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    code = models.SlugField(_("节点代码"), max_length=40)
    name = models.CharField(_("节点名称"), max_length=50)
    ledger_stage = models.CharField(_("对应台账阶段"), max_length=20, choices=Stage.choices, blank=True)
    planned_on = models.DateField(_("计划完成日期"), db_index=True)
    actual_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_nodes",
    )
    depends_on = models.ManyToManyField(
        "self", verbose_name=_("前置节点"), symmetrical=False, blank=True, related_name="dependents"
    )
    evidence_required = models.TextField(_("所需佐证材料"), blank=True)
    evidence_note = models.TextField(_("佐证说明"), blank=True)
    delay_reason = models.CharField(_("延期原因"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProjectNodeQuerySet.as_manager()
    history = audited(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("计划节点")
        verbose_name_plural = _("计划节点")
        ordering = ["project", "order", "id"]
        indexes = [models.Index(fields=["planned_on", "actual_on"], name="project_node_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="project_node_unique_code",
                violation_error_message=_("同一项目的节点代码不能重复。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("plans:project", args=[self.project_id]) + f"#node-{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.actual_on is not None

    def days_late(self, today: date | None = None) -> int:
        return schedule.days_late(self.planned_on, actual=self.actual_on, today=today or timezone.localdate())

    @property
    def evidence_items(self) -> list[str]:
        return [line.strip() for line in self.evidence_required.splitlines() if line.strip()]
