from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("如“数据大屏”“月度报表脚本”"))
