"""Forms of the plan pages: making a plan, completing a node, a delay, a template and its nodes."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.models import User
from zhaoshang.accounts.scoping import for_user
from zhaoshang.plans.models import Anchor, NodeTemplate, TemplateNode
from zhaoshang.plans.rules import MAX_REASON
from zhaoshang.projects.models import Stage
from zhaoshang.regions.models import Level, Region

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    template = forms.ModelChoiceField(label=_("节点模板"), queryset=NodeTemplate.objects.none())
    start_on = forms.DateField(
        label=_("计划开工日期"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("倒排节点从此日期往前排；留空按模板的默认天数。"),
    )

    def __init__(self, *args: Any, user: Any, initial_template: NodeTemplate | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = for_user(NodeTemplate.objects.filter(is_active=True), user)
        if initial_template is not None:
            field.initial = initial_template.pk


class CompleteForm(forms.Form):
    actual_on = forms.DateField(label=_("实际完成日期"), widget=DATE_INPUT)
    evidence_note = forms.CharField(
        label=_("佐证说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actual_on"].initial = timezone.localdate()


class DelayForm(forms.Form):
    delay_reason = forms.CharField(label=_("延期原因"), max_length=MAX_REASON)


class AssignForm(forms.Form):
    planned_on = forms.DateField(label=_("计划完成日期"), widget=DATE_INPUT)
    person = forms.ModelChoiceField(label=_("责任人"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(label=_("调整原因"), required=False, max_length=MAX_REASON)

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(region_id=project.region_id, is_active=True).order_by("username")


class TemplateForm(forms.ModelForm):
    class Meta:
        model = NodeTemplate
        fields = ["name", "region", "project_type", "start_offset_days", "is_active", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = for_user(Region.objects.filter(level=Level.COUNTY), user)


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in re.split(r"[\s,，、;；]+", text.strip()) if code)


class TemplateNodeForm(forms.ModelForm):
    """One node row of the template editor; dependencies as codes (供地 needs `review`: "review")."""

    depends = forms.CharField(label=_("前置节点代码"), required=False, help_text=_("以逗号或顿号分隔"))

    class Meta:
        model = TemplateNode
        fields = ["order", "code", "name", "anchor", "offset_days", "ledger_stage", "unit_kind", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["depends"].initial = "、".join(d.code for d in self.instance.depends_on.all())
        self.fields["anchor"].choices = Anchor.choices
        stage = self.fields["ledger_stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [("", "—"), *[(v, label) for v, label in Stage.choices if v != Stage.TERMINATED]]


TemplateNodeFormSet = forms.inlineformset_factory(
    NodeTemplate, TemplateNode, form=TemplateNodeForm, extra=2, can_delete=True
)
