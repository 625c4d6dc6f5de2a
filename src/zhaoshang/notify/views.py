"""The 消息 pages: the inbox (mark read), a message, the subscriptions; for administrators the group robots
and the outbox (status, attempts, last error, retry)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import (
    can_manage_robots,
    can_retry_outbox,
    can_view_outbox,
    refuse_posted_region,
)
from zhaoshang.accounts.scoping import for_user
from zhaoshang.core.redirects import safe_next
from zhaoshang.notify import delivery, services
from zhaoshang.notify.forms import RobotForm, SubscriptionForm
from zhaoshang.notify.models import Message, Outbox, OutboxStatus, Robot, Subscription
from zhaoshang.notify.sources import SOURCES, label_of

PAGE_SIZE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    mine = Message.objects.filter(recipient=request.user, digest__isnull=True).select_related("region")
    if request.GET.get("unread"):
        mine = mine.filter(read_at__isnull=True)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    for message in page:
        message.kind_label = label_of(message.kind) if not message.is_digest else _("每日汇总")
    return render(request, "notify/inbox.html", {"page": page})


@login_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Message.objects.filter(recipient=request.user), pk=pk)
    if found.read_at is None:
        services.mark_read(request.user, [found.pk])
        found.read_at = timezone.now()
    items = list(found.items.order_by("due", "pk")) if found.is_digest else []
    for item in items:
        item.kind_label = label_of(item.kind)
    context = {"message": found, "items": items, "kind_label": label_of(found.kind)}
    return render(request, "notify/message.html", context)


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    if request.POST.get("all"):
        services.mark_read(request.user)
    else:
        ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
        services.mark_read(request.user, ids)
    return redirect(safe_next(request, "notify:inbox"))


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    prefs = {kind: services.preference(request.user, kind) for kind in SOURCES}
    form = SubscriptionForm(request.POST or None, preferences=prefs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind in SOURCES:
                Subscription.objects.update_or_create(
                    user=request.user,
                    kind=kind,
                    defaults={
                        "enabled": form.cleaned_data[f"{kind}__enabled"],
                        "days_ahead": form.cleaned_data[f"{kind}__days_ahead"],
                        "email": form.cleaned_data[f"{kind}__email"],
                    },
                )
        messages.success(request, _("提醒订阅已保存。"))
        return redirect("notify:subscriptions")
    return render(request, "notify/subscriptions.html", {"form": form})


@login_required
def robot_list(request: HttpRequest) -> HttpResponse:
    if not can_manage_robots(request.user):
        raise PermissionDenied(_("只有管理员可以设置群机器人。"))
    robots = for_user(Robot.objects.select_related("region"), request.user)
    for robot in robots:
        robot.kind_labels = [label_of(k) for k in robot.kinds]
    return render(request, "notify/robot_list.html", {"robots": robots})


def _save_robot(request: HttpRequest, robot: Robot | None) -> HttpResponse:
    if request.method == "POST":
        refuse_posted_region(request, can_manage_robots)
    form = RobotForm(request.POST or None, instance=robot, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not can_manage_robots(request.user, form.cleaned_data["region"]):
            raise PermissionDenied(_("您无权为该区划设置群机器人。"))
        saved = form.save(commit=False)
        saved.kinds = form.cleaned_data["kinds"]
        saved.secret = form.cleaned_data["secret"]
        if saved.pk is None:
            saved.created_by = request.user
        saved._change_reason = _("新建群机器人") if robot is None else _("修改群机器人")
        saved.save()
        messages.success(request, _("群机器人“%(name)s”已保存。") % {"name": saved.name})
        return redirect("notify:robots")
    return render(request, "notify/robot_form.html", {"form": form, "robot": robot})


@login_required
def robot_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_robots(request.user):
        raise PermissionDenied(_("只有管理员可以设置群机器人。"))
    return _save_robot(request, None)


@login_required
def robot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    robot = get_object_or_404(for_user(Robot.objects.all(), request.user), pk=pk)
    if not can_manage_robots(request.user, robot.region):
        raise PermissionDenied(_("只有管理员可以设置群机器人。"))
    return _save_robot(request, robot)


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    if not can_view_outbox(request.user):
        raise PermissionDenied(_("只有管理员可以查看发件箱。"))
    rows = for_user(Outbox.objects.select_related("robot", "recipient", "region"), request.user).exclude(
        status=OutboxStatus.FOLDED
    )
    if (status := request.GET.get("status")) in OutboxStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "statuses": OutboxStatus.choices}
    return render(request, "notify/outbox.html", context)


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(for_user(Outbox.objects.all(), request.user), pk=pk)
    if not can_retry_outbox(request.user, row):
        raise PermissionDenied(_("您无权重发此消息。"))
    if delivery.retry(row):
        messages.success(request, _("已重新排队发送。"))
    else:
        messages.error(request, _("只有发送失败的消息可以重发。"))
    return redirect("notify:outbox")
