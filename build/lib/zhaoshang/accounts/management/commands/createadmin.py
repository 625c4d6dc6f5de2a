from __future__ import annotations

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from zhaoshang.accounts.models import Role, User
from zhaoshang.core.command import BaseCommand
from zhaoshang.regions.models import Region

PASSWORD_ENV = "ZHAOSHANG_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "创建生产环境的第一位管理员（超级用户，市级或区县管理员角色）。密码取自环境变量 "
        f"{PASSWORD_ENV}，未设置时交互输入两次；须符合密码复杂度要求。不加载任何演示数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="用户名")
        parser.add_argument("--region", required=True, help="所属区划代码（6 位），如 500000（重庆市）")
        parser.add_argument("--name", default="", help="显示的姓名")

    def _password(self, user: User) -> str:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = getpass.getpass("密码：")
            if getpass.getpass("再次输入密码：") != password:
                raise CommandError("两次输入的密码不一致。")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("密码不符合要求：" + "；".join(exc.messages)) from exc
        return password

    def handle(self, *args, **options) -> None:
        username = options["username"].strip()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"用户“{username}”已存在。")
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(
                f"找不到区划代码“{options['region']}”（先运行 zhaoshang load_reference 载入区划）。"
            )
        role = Role.DISTRICT_ADMIN if region.level == "county" else Role.CITY_ADMIN
        user = User(username=username, first_name=options["name"], role=role, region=region)
        user.is_staff = user.is_superuser = True
        user.set_password(self._password(user))
        with transaction.atomic():
            user.save()
        self.stdout.write(f"已创建管理员“{username}”（{user.get_role_display()}，{region.name}）。")
