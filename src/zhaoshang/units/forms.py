from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.models import Role, User
from zhaoshang.accounts.scoping import for_user
from zhaoshang.regions.models import Level, Region
from zhaoshang.units.models import ResponsibleUnit
from zhaoshang.units.services import UnitError


def add_problems(form: forms.Form, error: UnitError) -> None:
    """Show the rules' problems on the form's fields (or on the form as a whole)."""
    for problem in error.problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


class UnitForm(forms.ModelForm):
    class Meta:
        model = ResponsibleUnit
        fields = ["region", "name", "short_name", "kind", "is_active"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties = Region.objects.filter(level=Level.COUNTY)
        self.fields["region"].queryset = for_user(counties, user) if user is not None else counties
        if self.instance.pk:
            self.fields.pop("region")  # a unit stays in its region
        elif user is not None and user.region_id and user.region.level == Level.COUNTY:
            self.fields["region"].initial = user.region_id

    def validate_unique(self) -> None:
        """Uniqueness is a rule of the service (units/rules.py), said once."""


class MemberForm(forms.Form):
    """Add an existing 责任单位 account of the region to the unit."""

    user = forms.ModelChoiceField(label=_("账号"), queryset=User.objects.none())
    is_head = forms.BooleanField(label=_("单位负责人"), required=False)

    def __init__(self, *args: Any, unit: ResponsibleUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            role=Role.UNIT, region=unit.region, is_active=True, unit_membership__isnull=True
        ).order_by("username")


class UnitUserForm(forms.Form):
    """Create a 责任单位 account for the unit (the user sets their own password at the first log-in)."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    password = forms.CharField(
        label=_("初始密码"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("告知本人；首次登录时须修改。"),
    )
    is_head = forms.BooleanField(label=_("单位负责人"), required=False)
