from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("如“数据大屏”“月度报表脚本”"))
    days = forms.IntegerField(
        label=_("有效期（天）"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DAYS,
        required=False,
        help_text=_("留空为默认有效期"),
    )
