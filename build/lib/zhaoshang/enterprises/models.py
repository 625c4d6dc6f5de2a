"""Enterprises: identified by their unified social credit code (统一社会信用代码)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as uscc_std
from stdnum.exceptions import ValidationError as StdnumError

from zhaoshang.core.audit import audited
from zhaoshang.core.json import UnicodeJSONEncoder


def validate_uscc(value: str) -> None:
    """GB 32100-2015: 18 characters, the last a check character over the first 17."""
    try:
        uscc_std.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”无效：请检查位数与校验位"), params={"value": value}, code="uscc"
        ) from exc


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def named(self, text: str) -> EnterpriseQuerySet:
        """Match the current name, a former name or an alias (赛力斯 = 小康)."""
        text = text.strip()
        return self.filter(
            Q(name__icontains=text) | Q(former_names__icontains=text) | Q(aliases__icontains=text)
        )


class Enterprise(models.Model):
    """A firm the bureau deals with: investor, chain member, lead or candidate."""

    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True, validators=[validate_uscc]
    )
    name = models.CharField(_("企业名称"), max_length=200, db_index=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    former_names = models.JSONField(_("曾用名"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    aliases = models.JSONField(_("别名"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("注册地"), null=True, blank=True, on_delete=models.PROTECT
    )
    industry = models.ForeignKey(
        "industries.IndustryCode", verbose_name=_("行业"), null=True, blank=True, on_delete=models.PROTECT
    )
    registered_capital = models.BigIntegerField(_("注册资本（元）"), null=True, blank=True)
    is_above_scale = models.BooleanField(_("规上企业"), default=False)
    is_listed = models.BooleanField(_("上市企业"), default=False)
    group = models.CharField(_("所属集团"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("演示数据"), default=False)

    objects = EnterpriseQuerySet.as_manager()
    history = audited()

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_capital__isnull=True) | Q(registered_capital__gte=0),
                name="enterprise_capital_non_negative",
                violation_error_message=_("注册资本不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(uscc__isnull=True) | Q(uscc__regex=r"^[0-9A-HJ-NPQRTUWXY]{18}$"),
                name="enterprise_uscc_format",
                violation_error_message=_("统一社会信用代码应为 18 位数字或大写字母。"),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def all_names(self) -> list[str]:
        return [self.name, *([self.short_name] if self.short_name else []), *self.former_names, *self.aliases]
