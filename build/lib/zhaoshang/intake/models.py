"""Documents taken in (press releases, reports), the facts extracted from them, and their review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.core.json import UnicodeJSONEncoder

if TYPE_CHECKING:
    from zhaoshang.intake.factcheck import Check


class DocumentFormat(models.TextChoices):
    PASTE = "paste", _("粘贴文本")
    TXT = "txt", _("文本文件")
    HTML = "html", _("网页")
    DOCX = "docx", _("Word 文档")


class Document(models.Model):
    """A press release or report: its cleaned text (every fact span points into it) and its origin.

    `text_hash` identifies the article whatever its layout (exact duplicates are refused); a republished
    copy with different page furniture is kept and linked to the first one (`near_duplicate_of`).
    """

    title = models.CharField(_("标题"), max_length=300, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    author = models.CharField(_("作者"), max_length=200, blank=True)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    format = models.CharField(_("格式"), max_length=10, choices=DocumentFormat.choices)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("原文件字节数"), default=0)
    text = models.TextField(_("正文"))
    length = models.PositiveIntegerField(_("正文字数"), default=0)
    text_hash = models.CharField(_("正文指纹"), max_length=64, unique=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所述区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    period = models.CharField(_("所述期间"), max_length=30, blank=True)
    entities = models.JSONField(_("实体"), default=dict, blank=True, encoder=UnicodeJSONEncoder)
    near_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("相近文档"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_duplicates",
    )
    similarity = models.FloatField(_("相似度"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文档")
        verbose_name_plural = _("文档")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.original_name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("intake:detail", args=[self.pk])

    @property
    def owning_region(self):
        """The region the document belongs to: the one it is about, else its uploader's (None: nobody's)."""
        if self.region_id is not None:
            return self.region
        return self.uploaded_by.region if self.uploaded_by_id is not None else None


class FactStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("已驳回")


class Fact(models.Model):
    """One figure a document states, as the extractor proposed it; only accepted facts feed anything."""

    # Not a column: the API sets the live check of a loaded fact (api/routers/intake.py `_checked`).
    live_check: Check | None

    document = models.ForeignKey(
        Document, verbose_name=_("文档"), on_delete=models.CASCADE, related_name="facts"
    )
    key = models.CharField(_("编号"), max_length=10)  # the extraction's id (f1, f2 …)
    type = models.CharField(_("类型"), max_length=30)
    label = models.CharField(_("指标"), max_length=100)
    value = models.DecimalField(_("数值"), max_digits=30, decimal_places=6)
    range_high = models.DecimalField(_("区间上限"), max_digits=30, decimal_places=6, null=True, blank=True)
    currency = models.CharField(_("币种"), max_length=3, blank=True)
    unit_text = models.CharField(_("单位"), max_length=20, blank=True)
    qualifier = models.CharField(_("限定词"), max_length=10, blank=True)
    scope = models.CharField(_("口径"), max_length=50, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("所属"), null=True, blank=True, on_delete=models.SET_NULL, related_name="parts"
    )
    base = models.ForeignKey(
        "self", verbose_name=_("比较基数"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region_code = models.CharField(_("区划代码"), max_length=6, blank=True)
    region_name = models.CharField(_("区划"), max_length=50, blank=True)
    period = models.CharField(_("期间"), max_length=30, blank=True)
    # A figure of one signing event (本次签约, 集中签约, 签约仪式上…): never checked against period totals.
    single_event = models.BooleanField(_("单次活动数字"), default=False)
    span_start = models.PositiveIntegerField(_("起始位置"))
    span_end = models.PositiveIntegerField(_("结束位置"))
    text = models.CharField(_("原文数字"), max_length=100)  # as written, or as re-entered by a reviewer
    sentence = models.TextField(_("所在句子"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=FactStatus.choices, default=FactStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    original_text = models.CharField(_("更正前"), max_length=100, blank=True)

    history = audited()

    class Meta:
        verbose_name = _("事实")
        verbose_name_plural = _("事实")
        ordering = ["document", "span_start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="fact_unique_key_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text}"

    @property
    def is_corrected(self) -> bool:
        return bool(self.original_text)


class FactEvent(models.Model):
    """An immutable record of one review action on a fact: who, when, what it was and what it became."""

    fact = models.ForeignKey(Fact, verbose_name=_("事实"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=10)  # accept | reject | correct | reset
    from_status = models.CharField(_("原状态"), max_length=10, choices=FactStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=10, choices=FactStatus.choices)
    before = models.CharField(_("更正前"), max_length=200, blank=True)
    after = models.CharField(_("更正后"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.fact}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Review events are immutable")
        super().save(*args, **kwargs)
