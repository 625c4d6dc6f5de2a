"""Account pages: the permission matrix (with its audit export) and the user's own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhaoshang.accounts import exports, matrix
from zhaoshang.accounts.forms import TokenForm
from zhaoshang.accounts.models import ApiToken, User
from zhaoshang.accounts.permissions import can_export
from zhaoshang.accounts.scoping import for_user, is_unit_user
from zhaoshang.accounts.tokens import issue_token, revoke_token
from zhaoshang.accounts.unitgate import unit_home
from zhaoshang.core.downloads import attachment


class LoginView(auth_views.LoginView):
    """Django's log-in page; a 责任单位 user lands on their own home, not on the ledger they may not open."""

    def get_default_redirect_url(self) -> str:
        if is_unit_user(self.request.user):
            return resolve_url(unit_home())
        return super().get_default_redirect_url()


def _users(request: HttpRequest) -> list[User]:
    rows = for_user(User.objects.filter(is_active=True), request.user).select_related("region")
    return list(rows.order_by("region__code", "role", "username"))


@login_required
def permission_matrix(request: HttpRequest) -> HttpResponse:
    context = {
        "actions": matrix.ACTIONS,
        "role_rows": matrix.role_rows(),
        "user_rows": matrix.user_rows(_users(request)),
        "can_export": can_export(request.user),
    }
    return render(request, "accounts/permission_matrix.html", context)


@login_required
def permission_matrix_xlsx(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("没有导出权限。"))
    content = exports.matrix_workbook(
        matrix.role_rows(), matrix.user_rows(_users(request)), str(request.user)
    )
    return attachment(content, _("权限矩阵.xlsx"))


@login_required
def permission_matrix_csv(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("没有导出权限。"))
    content = exports.matrix_csv(matrix.role_rows(), matrix.user_rows(_users(request)))
    return attachment(content, _("权限矩阵.csv"), "text/csv; charset=utf-8")


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's own tokens; a new token's secret is shown on this response only."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = issue_token(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"] or None
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/token_list.html", {"form": form, "tokens": tokens, "secret": secret})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token)
    messages.success(request, _("令牌“%(name)s”已撤销。") % {"name": token.name})
    return redirect("accounts:tokens")
