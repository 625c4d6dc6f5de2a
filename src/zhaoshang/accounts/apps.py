from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zhaoshang.accounts"
    verbose_name = _("用户与权限")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from zhaoshang.accounts.middleware import start_session_clock
        from zhaoshang.accounts.roles import ensure_role_groups
        from zhaoshang.accounts.scoping import register

        register("accounts.User", "region")
        # The reference data below accounts is registered here, by the registry's own app, so that regions and
        # industries import nothing above them.
        register("regions.Region", "")
        register("regions.Park", "region")
        register("industries.IndustryDirection", "region")

        user_logged_in.connect(start_session_clock, dispatch_uid="zhaoshang.accounts.session_clock")

        # After auth's own post_migrate handler has created the permissions of this app.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="zhaoshang.accounts.role_groups")
