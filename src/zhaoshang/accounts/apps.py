from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "zhaoshang.accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from zhaoshang.accounts.roles import ensure_role_groups

        # After auth's own post_migrate handler has created the permissions of this app.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="zhaoshang.accounts.role_groups")
