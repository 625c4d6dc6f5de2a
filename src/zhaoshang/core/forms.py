"""Form fields the bureau's pages share: money in 万元/亿元 and periods such as 2022H1."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.lib.amounts import QuantityParseError, parse_money_cell
from zhaoshang.lib.periods import Period, PeriodParseError, parse_period


class MoneyField(forms.CharField):
    """Money typed as people write it: 3.5亿, 35000万元, or a bare number in `default_unit`.

    Cleans to integer yuan (or dollars), never a float.
    """

    def __init__(self, *args, default_unit: str = "万元", **kwargs) -> None:
        self.default_unit = default_unit
        kwargs.setdefault(
            "help_text", _("可填写“3.5亿”“35000万元”，纯数字按%(unit)s计") % {"unit": default_unit}
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):  # stored yuan -> the unit people type in, exactly (no float rounding)
            divisor = 10_000 if "万" in self.default_unit else 1
            return (
                format(Decimal(value) / divisor, "f").rstrip("0").rstrip(".")
                if value % divisor
                else str(value // divisor)
            )
        return value

    def to_python(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # a typed amount (the API's validated integer): nothing to parse
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_money_cell(value, default_unit=self.default_unit)
        except QuantityParseError as exc:
            raise forms.ValidationError(str(exc), code="money") from exc


class PeriodField(forms.CharField):
    """A period code (2022, 2022H1, 2022Q3, 2022-05, 2022-06YTD, 2022-01-01..2022-06-30)."""

    def to_python(self, value) -> Period | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_period(value)
        except PeriodParseError as exc:
            raise forms.ValidationError(str(exc), code="period") from exc


class DeleteForm(forms.Form):
    """Confirm a deletion to the recycle bin: why (required), and for a project in a reported period the
    更正理由 the amendment records."""

    reason = forms.CharField(label=_("删除理由"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}))
    amendment_reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        max_length=500,
        help_text=_("删除会改变已报送期间的数字时必填：说明更正原因，将与报送数字一并显示"),
    )

    def __init__(self, *args, amendable: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not amendable:  # only a project's deletion can change reported figures
            del self.fields["amendment_reason"]


class RestoreForm(forms.Form):
    """Restore from the recycle bin; a project in a reported period needs a 更正理由."""

    amendment_reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        max_length=500,
        help_text=_("恢复会改变已报送期间的数字时必填：说明更正原因，将与报送数字一并显示"),
    )
