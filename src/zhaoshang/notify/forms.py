from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.scoping import visible_regions
from zhaoshang.notify.models import Platform, Robot
from zhaoshang.notify.sources import HORIZON_DAYS, SOURCES


class RobotForm(forms.ModelForm):
    """A group robot. The webhook and the secret are write-only: left empty on edit they stay as they are."""

    kinds = forms.MultipleChoiceField(
        label=_("推送的提醒类型"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选即推送全部类型。"),
    )

    class Meta:
        model = Robot
        fields = ["region", "name", "platform", "webhook", "secret", "kinds", "enabled"]
        widgets = {
            "webhook": forms.PasswordInput(render_value=False),
            "secret": forms.PasswordInput(render_value=False),
        }
        help_texts = {
            "webhook": _(
                "群机器人的 Webhook 地址（含 key 或 access_token）；保存后不再完整显示，留空即不修改。"
            ),
            "secret": _("钉钉“加签”或飞书“签名校验”的密钥；企业微信不需要。留空即不修改。"),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = visible_regions(user).filter(level__in=["county", "city"])
        self.fields["kinds"].choices = [(s.kind, s.label) for s in SOURCES.values()]
        self.fields["platform"].choices = Platform.choices
        if self.instance.pk:
            self.fields["webhook"].required = False
            self.fields["webhook"].widget.attrs["placeholder"] = self.instance.webhook_masked
            if self.instance.secret:
                self.fields["secret"].widget.attrs["placeholder"] = _("已设置（留空不修改）")
        self.fields["kinds"].initial = self.instance.kinds or []
        self.fields["clear_secret"] = forms.BooleanField(label=_("清除加签密钥"), required=False)

    def clean_webhook(self) -> str:
        value = (self.cleaned_data.get("webhook") or "").strip()
        if not value and self.instance.pk:
            return self.instance.webhook
        if not value.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Webhook 地址应以 https:// 开头。"))
        return value

    def clean_secret(self) -> str:
        value = (self.cleaned_data.get("secret") or "").strip()
        return value or (self.instance.secret if self.instance.pk else "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("clear_secret"):
            data["secret"] = ""
        return data


class SubscriptionForm(forms.Form):
    """One row per kind of reminder: receive it, how many days ahead, by e-mail too."""

    def __init__(self, *args: Any, preferences: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = list(SOURCES.values())
        for source in self.kinds:
            pref = preferences[source.kind]
            self.fields[f"{source.kind}__enabled"] = forms.BooleanField(
                label=source.label, required=False, initial=pref.enabled
            )
            self.fields[f"{source.kind}__days_ahead"] = forms.IntegerField(
                label=_("提前天数"), min_value=0, max_value=HORIZON_DAYS, initial=pref.days_ahead
            )
            self.fields[f"{source.kind}__email"] = forms.BooleanField(
                label=_("邮件"), required=False, initial=pref.email
            )

    def rows(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                source,
                self[f"{source.kind}__enabled"],
                self[f"{source.kind}__days_ahead"],
                self[f"{source.kind}__email"],
            )
            for source in self.kinds
        ]
