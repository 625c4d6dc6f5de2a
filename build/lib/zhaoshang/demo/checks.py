"""`zhaoshang check --deploy` fails while the demo is loaded or an account can log in with the demo's
published password: the demo in production would hand the whole city's ledger to anyone who read the
README (issue 14, defect 13)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.db.models import Q

from zhaoshang.core.models import SiteFlag
from zhaoshang.demo.loader import DEMO_PASSWORD, DEMO_USERNAMES

# Checking a password costs one hash: the demo's user names and the administrators are checked.
MAX_CHECKED = 200


@register(Tags.security, deploy=True)
def no_demo_in_production(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    User = get_user_model()
    try:
        demo_loaded = SiteFlag.is_set("demo_loaded")
        accounts = list(
            User.objects.filter(Q(username__in=DEMO_USERNAMES) | Q(is_staff=True), is_active=True)[
                :MAX_CHECKED
            ]
        )
    except DatabaseError:  # no tables yet (before the first migrate): no account can log in either
        return []
    errors = []
    if demo_loaded:
        errors.append(
            Error(
                "数据库中载入了演示数据。生产环境请使用空数据库：zhaoshang migrate、zhaoshang load_reference，"
                "再用 zhaoshang createadmin 创建管理员。",
                id="zhaoshang.demo.E001",
            )
        )
    if weak := sorted(user.username for user in accounts if user.check_password(DEMO_PASSWORD)):
        errors.append(
            Error(
                f"以下账号可用公开的演示密码登录：{'、'.join(weak)}。",
                hint="请立即修改或停用这些账号。",
                id="zhaoshang.demo.E002",
            )
        )
    return errors
