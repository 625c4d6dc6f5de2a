from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.intake.reading import IntakeError, check_size

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PasteForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300, required=False)
    published_on = forms.DateField(
        label=_("发布日期"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("留空则取正文中的第一个日期；“上半年”等按此日期所在年份理解"),
    )
    text = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}), strip=False)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        allow_empty_file=True,
        help_text=_("支持 .txt、.html、.htm、.docx，不超过 10 MB；文本须为 UTF-8 编码"),
    )
    published_on = forms.DateField(
        label=_("发布日期"), required=False, widget=DATE_INPUT, help_text=_("留空则取网页或正文中的日期")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)  # refused before a byte of it is read
        except IntakeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class CorrectionForm(forms.Form):
    phrase = forms.CharField(
        label=_("更正数字"),
        max_length=100,
        required=False,
        help_text=_("照原文写法填写，如“超320亿元”“近40%”“50个”"),
    )
    region = forms.CharField(
        label=_("区划"), max_length=50, required=False, help_text=_("代码或名称，如 500106")
    )
    period = forms.CharField(label=_("期间"), max_length=30, required=False, help_text=_("如 2022H1、2022"))

    def clean(self):
        data = super().clean()
        if not any(data.get(k, "").strip() for k in ("phrase", "region", "period")):
            raise forms.ValidationError(_("请至少填写一项更正内容。"))
        return data
