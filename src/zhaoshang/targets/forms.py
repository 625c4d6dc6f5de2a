from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.regions.models import Level, Region
from zhaoshang.targets.models import Target
from zhaoshang.targets.registry import METRICS


class TargetForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("指标"))
    value = forms.CharField(label=_("目标值"), help_text=_("金额可写“112亿”“50000万元”；个数写整数；比率写“80%”"))

    class Meta:
        model = Target
        fields = ["region", "year", "metric", "scope", "level", "value"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(k, m.label) for k, m in METRICS.items()]
        self.fields["region"].queryset = Region.objects.filter(level__in=[Level.COUNTY, Level.CITY, Level.PROVINCE])
        if self.instance.pk:
            self.initial["value"] = str(self.instance.value.normalize())

    def clean(self):
        from zhaoshang.targets.services import TargetValueError, target_value

        data = super().clean()
        if data.get("metric") and data.get("value"):
            try:
                data["value"] = target_value(data["metric"], data["value"])
            except TargetValueError as exc:
                self.add_error("value", str(exc))
        return data


class TargetImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
    dry_run = forms.BooleanField(label=_("仅试导入（不写入）"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("文件超过 5 MB。"))
        return upload
