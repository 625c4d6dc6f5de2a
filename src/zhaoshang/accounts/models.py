"""Users of a bureau (each belongs to a region and has one role) and their personal API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("市级管理员")
    DISTRICT_ADMIN = "district_admin", _("区县管理员")
    OFFICER = "officer", _("招商专员")
    LEADER = "leader", _("领导")
    # A department of a district (区发改委, 街道 …): sees and acts on only what is assigned to its unit
    # (accounts/scoping.py, the unit path), nothing else of the ledger (accounts/unitgate.py).
    UNIT = "unit", _("责任单位")


class User(AbstractUser):
    """A bureau user; `region` is the district (or city) whose data they work on.

    What a user may see and do follows from the role and the region (accounts/scoping.py and
    accounts/permissions.py); the role's group carries the Django permissions such as export.
    """

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Set for an account an administrator created (with a password the administrator knows); the user must
    # choose their own before anything else (accounts/middleware.py).
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [("export_data", _("可导出数据"))]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "role" in update_fields:
            from zhaoshang.accounts.roles import sync_role_group

            sync_role_group(self)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Not revoked, not expired, of an active user."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A personal API token. Only the SHA-256 digest of its secret is stored: the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=100)
    # The first characters of the secret, so that a user can tell their tokens apart.
    prefix = models.CharField(_("前缀"), max_length=12)
    digest = models.CharField(_("摘要"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("到期时间"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
