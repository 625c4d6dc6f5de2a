"""Users of a bureau: each belongs to a region and has one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("市级管理员")
    DISTRICT_ADMIN = "district_admin", _("区县管理员")
    OFFICER = "officer", _("招商专员")
    LEADER = "leader", _("领导")


class User(AbstractUser):
    """A bureau user; `region` is the district (or city) whose data they work on."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
