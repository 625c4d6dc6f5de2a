"""Reminders and notifications (消息与提醒): the in-app inbox, users' subscriptions, group robots and the
outbox every message to an outside system goes through."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhaoshang.core.audit import audited
from zhaoshang.lib import robots


class Message(models.Model):
    """One message in a user's inbox (站内消息): a reminder, an immediate notice or a day's digest.

    `dedup_key` is the message's identity for its recipient: the same reminder collected again (a second
    `zhaoshang remind` the same day) finds its message and makes no second one, nor a second send. A
    reminder folded into a digest keeps its own row (so it is not sent again) with `digest` set; the inbox
    lists the digest, whose page lists its items.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        on_delete=models.CASCADE,
        related_name="inbox_messages",
    )
    kind = models.CharField(_("类型"), max_length=40)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    dedup_key = models.CharField(_("去重键"), max_length=200)
    due = models.DateField(_("到期日"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_digest = models.BooleanField(_("每日汇总"), default=False)
    digest = models.ForeignKey(
        "self",
        verbose_name=_("所在汇总"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedup_key"], name="message_once_per_recipient"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="message_unread")]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("notify:message", args=[self.pk])


class Subscription(models.Model):
    """A user's choice for one kind of reminder: whether at all, how many days ahead, and by e-mail too.
    Without a row the kind's defaults apply (on, its days ahead, e-mail when the user has an address)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="notify_subscriptions",
    )
    kind = models.CharField(_("类型"), max_length=40)
    enabled = models.BooleanField(_("接收"), default=True)
    days_ahead = models.PositiveSmallIntegerField(_("提前天数"), default=3)
    email = models.BooleanField(_("同时发邮件"), default=True)

    class Meta:
        verbose_name = _("提醒订阅")
        verbose_name_plural = _("提醒订阅")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="subscription_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class Platform(models.TextChoices):
    WECOM = robots.WECOM, _("企业微信")
    DINGTALK = robots.DINGTALK, _("钉钉")
    FEISHU = robots.FEISHU, _("飞书")


class Robot(models.Model):
    """A group robot (群机器人) of a district: reminders of the district's records of the chosen kinds are
    posted to the group. The webhook address (which carries the robot's key) and the signing secret are
    never shown back in full and are kept out of the history; `fingerprint` records their masked form."""

    region = models.ForeignKey("regions.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT)
    name = models.CharField(_("名称"), max_length=100)
    platform = models.CharField(_("平台"), max_length=10, choices=Platform.choices)
    webhook = models.CharField(_("Webhook 地址"), max_length=500)
    secret = models.CharField(_("加签密钥"), max_length=200, blank=True)
    fingerprint = models.CharField(_("地址与密钥（部分）"), max_length=200, blank=True, editable=False)
    kinds = models.JSONField(_("推送的提醒类型"), default=list, blank=True)  # empty: every kind
    enabled = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = audited(excluded_fields=["webhook", "secret"])

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")
        ordering = ["region__code", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fingerprint = self.describe_secrets()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("notify:robot_edit", args=[self.pk])

    def describe_secrets(self) -> str:
        text = robots.masked(self.webhook)
        return f"{text} · {_('已加签')}" if self.secret else text

    @property
    def webhook_masked(self) -> str:
        return robots.masked(self.webhook)

    def takes(self, kind: str) -> bool:
        return self.enabled and (not self.kinds or kind in self.kinds)


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WECOM = robots.WECOM, _("企业微信")
    DINGTALK = robots.DINGTALK, _("钉钉")
    FEISHU = robots.FEISHU, _("飞书")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    FOLDED = "folded", _("已并入汇总")


class Outbox(models.Model):
    """One message to one outside destination (an e-mail address, a group robot), written in the same
    transaction as what caused it and sent later by `zhaoshang remind` or the worker.

    `target` names the destination (user:<pk>, robot:<pk>) and with `channel` and `dedup_key` is unique: the
    same reminder never becomes a second row, so never a second send. A row is claimed (pending → sending)
    before it is sent; a failed send waits `next_attempt_at` (exponential back-off) and after
    NOTIFY_MAX_ATTEMPTS stays failed, visible on the outbox page with its last error and a retry button.
    """

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    target = models.CharField(_("接收方"), max_length=40)
    dedup_key = models.CharField(_("去重键"), max_length=200)
    kind = models.CharField(_("类型"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    robot = models.ForeignKey(
        Robot,
        verbose_name=_("群机器人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox",
    )
    address = models.CharField(_("邮箱"), max_length=254, blank=True)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.SET_NULL
    )
    digest = models.ForeignKey(
        "self", verbose_name=_("所在汇总"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("发件箱")
        verbose_name_plural = _("发件箱")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "target", "dedup_key"], name="outbox_once_per_target"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.subject}"
