from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "zhaoshang.notify"
    verbose_name = _("消息与提醒")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register
        from zhaoshang.records import history

        register("notify.Robot", "region")
        register("notify.Outbox", "region")
        # The inbox pages filter by recipient; the region path bounds any list across users.
        register("notify.Message", "region")
        history.register(history.Audited("robot", "notify.Robot", ("region",)))
