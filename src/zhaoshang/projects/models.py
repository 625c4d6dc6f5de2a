"""The ledger (台账): investment-promotion projects, their stage events and funds in place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.softdelete import SoftDeletable, alive_manager
from zhaoshang.industries.models import MANUFACTURING_SECTION
from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects import stages
from zhaoshang.projects.querysets import ProjectQuerySet


class Stage(models.TextChoices):
    LEAD = "lead", _("线索")
    NEGOTIATING = "negotiating", _("洽谈")
    SIGNED = "signed", _("签约")
    REGISTERED = "registered", _("注册")
    STARTED = "started", _("开工")
    IN_PRODUCTION = "in_production", _("投产")
    TERMINATED = "terminated", _("终止")


class ProjectType(models.TextChoices):
    NEW = "new", _("新建")
    EXPANSION = "expansion", _("增资扩产")
    RETROFIT = "retrofit", _("技改")
    HEADQUARTERS = "headquarters", _("总部")


class Origin(models.TextChoices):
    DOMESTIC = "domestic", _("内资")
    FOREIGN = "foreign", _("外资")


class Project(SoftDeletable):
    """One line of the ledger: a project from first lead to production (or termination)."""

    # Not a column: `disclosed` is annotated by `ProjectQuerySet.disclosed_to` (or `services.disclose`).
    disclosed: bool

    name = models.CharField(_("项目名称"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区县"), on_delete=models.PROTECT, related_name="projects"
    )
    investors = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("投资方"), blank=True, related_name="projects"
    )
    direction = models.ForeignKey(
        "industries.IndustryDirection",
        verbose_name=_("产业方向"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry = models.ForeignKey(
        "industries.IndustryCode",
        verbose_name=_("国民经济行业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    segments = models.ManyToManyField(
        "chains.Segment", verbose_name=_("产业链环节"), blank=True, related_name="projects"
    )
    park = models.ForeignKey(
        "regions.Park",
        verbose_name=_("落地载体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    is_key = models.BooleanField(_("重点产业项目"), default=False)
    # Derived from the industry code (section C) unless overridden with a reason.
    is_manufacturing = models.BooleanField(_("制造业项目"), default=False, editable=False)
    manufacturing_override = models.BooleanField(_("制造业（人工认定）"), null=True, blank=True)
    manufacturing_override_reason = models.CharField(_("人工认定理由"), max_length=200, blank=True)
    project_type = models.CharField(
        _("项目类型"), max_length=20, choices=ProjectType.choices, default=ProjectType.NEW
    )
    origin = models.CharField(_("资金来源"), max_length=10, choices=Origin.choices, default=Origin.DOMESTIC)
    origin_country = models.CharField(_("来源国家/地区"), max_length=50, blank=True)
    contract_investment = models.BigIntegerField(_("合同投资额（元）"), null=True, blank=True)
    fixed_asset_investment = models.BigIntegerField(_("计划固定资产投资（元）"), null=True, blank=True)
    foreign_capital_usd = models.BigIntegerField(_("实际使用外资（美元）"), null=True, blank=True)
    stage = models.CharField(
        _("阶段"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True
    )
    lead_on = models.DateField(_("线索日期"), null=True, blank=True)
    negotiating_on = models.DateField(_("洽谈日期"), null=True, blank=True)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True, db_index=True)
    registered_on = models.DateField(_("注册日期"), null=True, blank=True)
    started_on = models.DateField(_("开工日期"), null=True, blank=True, db_index=True)
    in_production_on = models.DateField(_("投产日期"), null=True, blank=True)
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    termination_reason = models.CharField(_("终止原因"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
    )
    notes = models.TextField(_("备注"), blank=True)
    # A confidential project (保密项目, typically while 洽谈中) shows its code name instead of its name, and
    # its investors, name and notes only to its owner and its district's administrators.
    is_confidential = models.BooleanField(_("保密项目"), default=False)
    code_name = models.CharField(_("项目代号"), max_length=100, blank=True)
    is_synthetic = models.BooleanField(_("演示数据"), default=False)
    # Optimistic locking: every save increments it; an edit based on an older version is refused.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = alive_manager(ProjectQuerySet)
    all_objects = ProjectQuerySet.as_manager()  # with the deleted ones (回收站)
    history = audited(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["region", "signed_on"], name="project_region_signed")]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_investment__isnull=True) | Q(contract_investment__gte=0),
                name="project_contract_investment_non_negative",
                violation_error_message=_("合同投资额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(fixed_asset_investment__isnull=True) | Q(fixed_asset_investment__gte=0),
                name="project_fixed_asset_investment_non_negative",
                violation_error_message=_("固定资产投资不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(foreign_capital_usd__isnull=True) | Q(foreign_capital_usd__gte=0),
                name="project_foreign_capital_non_negative",
                violation_error_message=_("实际使用外资不能为负数。"),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__lte": MAX_AMOUNT_YUAN}),
                    name=f"project_{name}_within_limit",
                    violation_error_message=_("金额超出台账可记录的范围。"),
                )
                for name in ("contract_investment", "fixed_asset_investment", "foreign_capital_usd")
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=stages.SIGNED_OR_LATER)
                | Q(signed_on__isnull=False, contract_investment__isnull=False),
                name="project_signed_has_date_and_amount",
                violation_error_message=_("签约及以后阶段的项目必须有签约日期和合同投资额。"),
            ),
            models.CheckConstraint(
                condition=~Q(stage=stages.TERMINATED)
                | (Q(terminated_on__isnull=False) & ~Q(termination_reason="")),
                name="project_terminated_has_date_and_reason",
                violation_error_message=_("终止的项目必须有终止日期和终止原因。"),
            ),
            models.CheckConstraint(
                condition=Q(manufacturing_override__isnull=True) | ~Q(manufacturing_override_reason=""),
                name="project_manufacturing_override_has_reason",
                violation_error_message=_("人工认定是否制造业时必须填写理由。"),
            ),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | ~Q(code_name=""),
                name="project_confidential_has_code_name",
                violation_error_message=_("保密项目必须填写项目代号。"),
            ),
        ]

    def __str__(self) -> str:
        # The safe default: a confidential project prints as its code name unless disclosed.
        return self.title

    def save(self, *args, **kwargs) -> None:
        # A reported (locked) period is not checked here: every write path asks `records.locks` first.
        self.is_manufacturing = self.derive_manufacturing()
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def is_masked(self) -> bool:
        """Confidential and not disclosed to whoever loaded it (`disclosed` comes from `disclosed_to`)."""
        return self.is_confidential and not getattr(self, "disclosed", False)

    @property
    def title(self) -> str:
        """The name to show: the code name of a masked project, else the real name."""
        return self.code_name if self.is_masked else self.name

    def derive_manufacturing(self) -> bool:
        if self.manufacturing_override is not None:
            return self.manufacturing_override
        return bool(self.industry_id) and self.industry.section == MANUFACTURING_SECTION

    def stage_date(self, stage: str):
        return getattr(self, stages.DATE_FIELD[stage])

    @property
    def next_stage(self) -> str | None:
        return stages.next_stage(self.stage)


class StageEvent(models.Model):
    """An immutable record of one stage change: who, when, from, to, comment."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="events"
    )
    from_stage = models.CharField(_("原阶段"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=20, choices=Stage.choices)
    occurred_on = models.DateField(_("发生日期"))
    comment = models.CharField(_("说明"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[Q(from_stage=a, to_stage=b) for a, b in sorted(stages.allowed_transitions())],
                    _connector=Q.OR,
                ),
                name="stage_event_allowed_transition",
                violation_error_message=_("不允许的阶段变更。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_stage or '—'} → {self.to_stage}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Stage events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Stage events are immutable")


class FundsOrigin(models.TextChoices):
    OUTSIDE_DISTRICT = "outside_district", _("区外")
    OUTSIDE_CITY = "outside_city", _("市外")
    OUTSIDE_PROVINCE = "outside_province", _("省外")
    ABROAD = "abroad", _("境外")


class FundsInPlace(models.Model):
    """Money actually invested into a project (实际到位资金), dated, with its origin and evidence."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="funds"
    )
    received_on = models.DateField(_("到位日期"))
    amount = models.BigIntegerField(_("到位金额（元）"))
    origin = models.CharField(_("资金来源"), max_length=20, choices=FundsOrigin.choices)
    evidence = models.CharField(_("佐证材料"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("实际到位资金")
        verbose_name_plural = _("实际到位资金")
        ordering = ["received_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funds_amount_non_negative",
                violation_error_message=_("到位金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__lte=MAX_AMOUNT_YUAN),
                name="funds_amount_within_limit",
                violation_error_message=_("金额超出台账可记录的范围。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.received_on} {self.amount}"
