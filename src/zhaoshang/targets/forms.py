from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.scoping import for_user
from zhaoshang.regions.models import Level, Region
from zhaoshang.targets.models import Target
from zhaoshang.targets.registry import METRICS


class TargetForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("指标"))
    value = forms.CharField(
        label=_("目标值"), help_text=_("金额可写“112亿”“50000万元”；个数写整数；比率写“80%”")
    )

    class Meta:
        model = Target
        fields = ["region", "year", "metric", "scope", "level", "value"]

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(k, m.label) for k, m in METRICS.items()]
        regions = Region.objects.filter(level__in=[Level.COUNTY, Level.CITY, Level.PROVINCE])
        if user is not None:  # only regions within the user's reach (and not all 3,400 of China)
            regions = for_user(regions, user)
        self.fields["region"].queryset = regions.order_by("code")
        if self.instance.pk:
            self.initial["value"] = str(self.instance.value.normalize())

    def clean_scope(self) -> str:
        from zhaoshang.targets.registry import check_scope

        scope = (self.cleaned_data.get("scope") or "").strip()
        try:
            check_scope(scope)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return scope

    def clean(self):
        from zhaoshang.targets.services import TargetValueError, target_value

        data = super().clean()
        if data.get("metric") and data.get("value"):
            try:
                data["value"] = target_value(data["metric"], data["value"])
            except TargetValueError as exc:
                self.add_error("value", str(exc))
        return data

    def validate_unique(self) -> None:
        """Also the unique key, which is conditional on `deleted_at`: Django skips a constraint that names a
        field the form lacks, so a duplicate reached the database as an IntegrityError (issue 14 item 14)."""
        super().validate_unique()
        exclude = self._get_validation_exclusions() - {"deleted_at"}
        for constraint in Target._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                try:
                    constraint.validate(Target, self.instance, exclude=exclude)
                except ValidationError as exc:
                    self._update_errors(exc)
