"""The Django admin, for superusers only.

The admin's model pages know nothing of district scoping or of confidential projects' masking, so a staff
user of one district with a view permission would read every district's ledger there (issue 14, defect 12).
Bureau staff work through the pages and the API, which scope and mask; the admin is the superuser's tool
for reference data and accounts.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("招商引资管理平台")
    site_title = _("招商引资管理平台")
    index_title = _("基础数据管理")

    def has_permission(self, request: HttpRequest) -> bool:
        from zhaoshang.accounts.permissions import can_administer

        return can_administer(request.user)


class SuperuserAdminConfig(AdminConfig):
    default_site = "zhaoshang.accounts.admin_site.SuperuserAdminSite"
