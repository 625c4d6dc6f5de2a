"""Account security pages (等保): changing one's password, and the log-in log for administrators."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessFailureLog, AccessLog
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.accounts.models import User
from zhaoshang.accounts.permissions import can_export, can_view_login_log
from zhaoshang.accounts.scoping import for_user
from zhaoshang.core.downloads import attachment
from zhaoshang.core.localtime import local_text
from zhaoshang.core.workbooks import Heading, ListSheet, new_book, to_bytes

LOG_DAYS = 90  # what the page and its export cover
PAGE_ROWS = 500


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, the validators of settings), which also lifts the forced
    change of an account an administrator created."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"password_help": password_validators_help_texts()}

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        if user.must_change_password:
            User.objects.filter(pk=user.pk).update(must_change_password=False)
        messages.success(self.request, _("密码已修改。"))
        return response


password_change = PasswordChangeView.as_view()


def _entries(request: HttpRequest) -> list[dict]:
    """Log-ins, log-outs and failures of the last LOG_DAYS days, of the users within the viewer's reach
    (a superuser also sees attempts with unknown user names), newest first."""
    since = timezone.now() - timedelta(days=LOG_DAYS)
    logins: QuerySet = AccessLog.objects.filter(attempt_time__gte=since)
    failures: QuerySet = AccessFailureLog.objects.filter(attempt_time__gte=since)
    if not request.user.is_superuser:
        names = for_user(User.objects.all(), request.user).values("username")
        logins, failures = logins.filter(username__in=names), failures.filter(username__in=names)
    rows = [
        {
            "time": log.attempt_time,
            "username": log.username,
            "event": _("登录成功"),
            "ip": log.ip_address,
            "agent": log.user_agent,
            "logout": log.logout_time,
            "failed": False,
        }
        for log in logins.order_by("-attempt_time")[:PAGE_ROWS]
    ] + [
        {
            "time": log.attempt_time,
            "username": log.username,
            "event": _("登录失败（已锁定）") if log.locked_out else _("登录失败"),
            "ip": log.ip_address,
            "agent": log.user_agent,
            "logout": None,
            "failed": True,
        }
        for log in failures.order_by("-attempt_time")[:PAGE_ROWS]
    ]
    return sorted(rows, key=lambda row: row["time"], reverse=True)[:PAGE_ROWS]


def _refuse_unless_allowed(request: HttpRequest) -> None:
    if not can_view_login_log(request.user):
        raise PermissionDenied(_("只有管理员可以查看登录日志。"))


@login_required
def login_log(request: HttpRequest) -> HttpResponse:
    _refuse_unless_allowed(request)
    context = {"entries": _entries(request), "days": LOG_DAYS, "can_export": can_export(request.user)}
    return render(request, "accounts/login_log.html", context)


HEADERS = [
    gettext_lazy("时间"),
    gettext_lazy("用户名"),
    gettext_lazy("事件"),
    gettext_lazy("IP 地址"),
    gettext_lazy("退出时间"),
    gettext_lazy("浏览器"),
]


@login_required
def login_log_xlsx(request: HttpRequest) -> HttpResponse:
    _refuse_unless_allowed(request)
    if not can_export(request.user):
        raise PermissionDenied(_("没有导出权限。"))
    book = new_book()
    headings = [Heading(str(h), width=w) for h, w in zip(HEADERS, (20, 16, 12, 16, 20, 50), strict=True)]
    sheet = ListSheet(book, _("登录日志"), title=_("登录日志"), headings=headings)
    for row in _entries(request):
        logout = local_text(row["logout"]) if row["logout"] else ""
        sheet.append(
            [
                local_text(row["time"]),
                row["username"],
                str(row["event"]),
                row["ip"] or "",
                logout,
                row["agent"],
            ]
        )
    return attachment(to_bytes(book), _("登录日志.xlsx"))
