"""Industry chains (产业链): segments as a tree, and the enterprises that are members of them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.json import UnicodeJSONEncoder
from zhaoshang.core.softdelete import SoftDeletable, alive_manager


class Position(models.TextChoices):
    UPSTREAM = "upstream", _("上游")
    MIDSTREAM = "midstream", _("中游")
    DOWNSTREAM = "downstream", _("下游")


class Chain(models.Model):
    """A chain a bureau builds, e.g. 智能网联新能源汽车 (key `nev`)."""

    key = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """A segment (环节) of a chain, e.g. 车载操作系统; keywords and GB/T classes drive classification."""

    chain = models.ForeignKey(
        Chain, verbose_name=_("产业链"), on_delete=models.CASCADE, related_name="segments"
    )
    name = models.CharField(_("环节"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级环节"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.CharField(
        _("位置"), max_length=12, choices=Position.choices, default=Position.MIDSTREAM
    )
    gbt_classes = models.JSONField(_("行业小类"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    keywords = models.JSONField(_("关键词"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    negative_keywords = models.JSONField(_("排除词"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    aliases = models.JSONField(
        _("别称"), default=list, blank=True, encoder=UnicodeJSONEncoder
    )  # for reading reports
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("产业链环节")
        verbose_name_plural = _("产业链环节")
        ordering = ["chain__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "name"],
                name="segment_unique_name_per_chain",
                violation_error_message=_("同一产业链内环节名称不能重复。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.chain.name}·{self.name}"


class MemberRole(models.TextChoices):
    LEADER = "leader", _("链主")
    SUPPLIER = "supplier", _("配套")


class ChainMember(SoftDeletable):
    """An enterprise's place in a chain segment within a region (local or not)."""

    segment = models.ForeignKey(
        Segment, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="members"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.CASCADE,
        related_name="chain_memberships",
    )
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT)
    role = models.CharField(_("角色"), max_length=10, choices=MemberRole.choices, default=MemberRole.SUPPLIER)
    is_local = models.BooleanField(_("本地企业"), default=True)

    objects = alive_manager()
    all_objects = models.Manager()  # with the deleted ones (回收站)
    history = audited()

    class Meta:
        verbose_name = _("产业链企业")
        verbose_name_plural = _("产业链企业")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "enterprise", "region"],
                name="member_unique_per_segment_region",
                condition=models.Q(deleted_at__isnull=True),
                violation_error_message=_("该企业已是此环节的成员。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} @ {self.segment}"
