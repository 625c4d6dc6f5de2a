from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.scoping import for_user
from zhaoshang.chains.models import Segment
from zhaoshang.leads.models import Lead, Visit
from zhaoshang.regions.models import Level, Region

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeadForm(forms.ModelForm):
    enterprise_name = forms.CharField(
        label=_("企业名称"), max_length=200, help_text=_("已有企业按名称、曾用名或别名匹配，没有的将新建")
    )

    wide_fields = ("notes",)  # a whole row (templates/core/_field.html)

    class Meta:
        model = Lead
        fields = ["region", "source", "segment", "owner", "stage", "next_action", "next_action_on", "notes"]
        widgets = {"next_action_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        counties = Region.objects.filter(level=Level.COUNTY)
        self.fields["region"].queryset = for_user(counties, user) if user is not None else counties
        if user is not None:
            self.fields["owner"].queryset = for_user(self.fields["owner"].queryset, user)
        if user is not None and user.region_id and user.region.level == Level.COUNTY:
            self.fields["region"].initial = user.region_id
        self.fields["segment"].queryset = Segment.objects.select_related("chain")
        if self.instance.pk:
            self.fields.pop("enterprise_name")
        elif user is not None:
            self.fields["owner"].initial = user.pk
        self.fields["stage"].choices = [c for c in self.fields["stage"].choices if c[0] != "converted"]


class VisitForm(forms.ModelForm):
    next_action = forms.CharField(label=_("下一步"), required=False, max_length=200)
    next_action_on = forms.DateField(label=_("下一步日期"), required=False, widget=DATE_INPUT)

    class Meta:
        model = Visit
        fields = ["kind", "visited_on", "people", "summary", "outcome"]
        widgets = {"visited_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()


class ConvertForm(forms.Form):
    name = forms.CharField(label=_("项目名称"), max_length=200)
