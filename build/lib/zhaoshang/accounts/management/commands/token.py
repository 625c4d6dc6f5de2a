from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from zhaoshang.accounts.models import ApiToken, User
from zhaoshang.accounts.tokens import TokenError, issue_token, revoke_token
from zhaoshang.core.command import BaseCommand


class Command(BaseCommand):
    help = "管理个人 API 令牌：create 新建（只显示一次密钥）、list 列出、revoke 撤销。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="新建令牌并显示其密钥")
        create.add_argument("--user", required=True, help="用户名")
        create.add_argument("--name", default="命令行", help="用途")
        create.add_argument("--days", type=int, default=None, help="有效期（天），默认见 API_TOKEN_DAYS")
        listing = sub.add_parser("list", help="列出某用户的令牌")
        listing.add_argument("--user", required=True, help="用户名")
        revoke = sub.add_parser("revoke", help="按编号撤销令牌")
        revoke.add_argument("id", type=int, help="令牌编号（见 list）")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到用户“{username}”。")
        if not user.is_active:
            raise CommandError(f"用户“{username}”已停用。")
        return user

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "create":
            try:
                _token, secret = issue_token(
                    user=self._user(options["user"]), name=options["name"], days=options["days"]
                )
            except TokenError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(secret)
        elif action == "list":
            for token in ApiToken.objects.filter(user=self._user(options["user"])):
                state = "有效" if token.is_active else "已撤销" if token.revoked_at else "已过期"
                used = token.last_used_at.isoformat() if token.last_used_at else "—"
                self.stdout.write(
                    f"{token.pk}\t{token.prefix}…\t{token.name}\t{state}\t到期 {token.expires_at:%Y-%m-%d}\t最近使用 {used}"
                )
        else:
            token = ApiToken.objects.filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"找不到令牌 {options['id']}。")
            revoke_token(token=token)
            self.stdout.write(f"已撤销令牌 {token.pk}（{token.name}）。")
