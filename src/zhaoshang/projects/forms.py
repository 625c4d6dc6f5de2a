"""Forms of the ledger: project create/edit and the stage actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts.scoping import for_user, subtree_prefix
from zhaoshang.chains.models import Segment
from zhaoshang.core.forms import MoneyField
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.enterprises.services import find_or_create_enterprise
from zhaoshang.industries.models import IndustryCode, IndustryDirection
from zhaoshang.projects import rules, stages
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Level, Park, Region

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    """Create or edit a project. Stage and stage dates are set on creation; later only by stage actions."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    amendment_reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        max_length=500,
        help_text=_("修改已报送期间的数字时必填：说明更正原因，将与报送数字一并显示"),
    )
    investor_names = forms.CharField(
        label=_("投资方"),
        required=False,
        help_text=_("多个投资方用顿号或逗号分隔；已有企业按名称、曾用名或别名匹配，没有的将新建"),
    )
    industry_code = forms.CharField(
        label=_("国民经济行业代码"),
        required=False,
        max_length=4,
        help_text=_("GB/T 4754-2017 小类代码，如 3670（汽车零部件及配件制造）"),
        widget=forms.TextInput(attrs={"list": "industry-codes"}),
    )
    contract_investment = MoneyField(label=_("合同投资额"), required=False)
    fixed_asset_investment = MoneyField(label=_("计划固定资产投资"), required=False)
    foreign_capital_usd = MoneyField(label=_("实际使用外资"), required=False, default_unit="万美元")

    wide_fields = ("segments", "notes")  # a whole row each (templates/core/_field.html)

    class Meta:
        model = Project
        fields = [
            "name",
            "is_confidential",
            "code_name",
            "region",
            "direction",
            "park",
            "is_key",
            "project_type",
            "origin",
            "origin_country",
            "contract_investment",
            "fixed_asset_investment",
            "foreign_capital_usd",
            "segments",
            "manufacturing_override",
            "manufacturing_override_reason",
            "stage",
            "lead_on",
            "negotiating_on",
            "signed_on",
            "registered_on",
            "started_on",
            "in_production_on",
            "owner",
            "notes",
        ]
        widgets = {
            "segments": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            **{f: DATE_INPUT for f in stages.DATE_FIELD.values()},
        }
        help_texts = {
            "is_confidential": _(
                "洽谈中需要保密的项目：项目名称、投资方和备注只对责任人和本区县管理员可见，"
                "其他人只看到项目代号"
            ),
            "code_name": _("保密项目对外显示的名称，如“A 项目（代号）”，不要含投资方名称"),
        }

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].queryset = Region.objects.filter(level=Level.COUNTY).select_related("parent")
        self.fields["direction"].queryset = IndustryDirection.objects.select_related("region")
        self.fields["park"].queryset = Park.objects.select_related("region")
        if user is not None:  # only the districts, directions, parks and colleagues within the user's reach
            counties = for_user(self.fields["region"].queryset, user)
            if user.region_id:
                counties = counties.filter(code__startswith=subtree_prefix(user.region.code))
            self.fields["region"].queryset = counties
            if user.region_id and user.region.level == Level.COUNTY:
                self.fields["region"].initial = user.region_id
            for name in ("direction", "park", "owner"):
                self.fields[name].queryset = for_user(self.fields[name].queryset, user)
            if self.instance.owner_id:  # keep a current owner from elsewhere selectable
                owners = self.fields["owner"].queryset
                self.fields["owner"].queryset = owners | owners.model.objects.filter(
                    pk=self.instance.owner_id
                )
        self.fields["direction"].label_from_instance = lambda d: f"{d.region.name}·{d.name}"
        self.fields["segments"].queryset = Segment.objects.select_related("chain")
        self.fields["manufacturing_override"].widget = forms.Select(
            choices=[("", _("按行业代码自动判断")), ("true", _("是制造业")), ("false", _("不是制造业"))]
        )
        self.fields["stage"].choices = [(s, Stage(s).label) for s in stages.ORDER]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            for name in ["stage", *stages.DATE_FIELD.values()]:
                self.fields.pop(name, None)
            self.fields["investor_names"].initial = "、".join(i.name for i in self.instance.investors.all())
            if self.instance.industry_id:
                self.fields["industry_code"].initial = self.instance.industry.code
        elif user is not None:
            self.fields["owner"].initial = user.pk

    def clean_industry_code(self) -> IndustryCode | None:
        code = self.cleaned_data["industry_code"].strip()
        if not code:
            return None
        industry = IndustryCode.objects.filter(code=code).first()
        if industry is None:
            raise forms.ValidationError(
                _("行业代码“%(code)s”不存在于 GB/T 4754-2017。"), params={"code": code}
            )
        return industry

    def clean(self):
        data = super().clean()
        direction, region = data.get("direction"), data.get("region")
        if direction and region and direction.region_id != region.pk:
            self.add_error("direction", _("该产业方向不属于所选区县。"))
        park = data.get("park")
        if park and region and park.region_id != region.pk:
            self.add_error("park", _("该载体不在所选区县。"))
        for problem in self.rule_problems(data):
            if problem.field not in self.errors:  # a value that could not be read has its own message
                self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        return data

    def rule_problems(self, data: dict) -> list[rules.Problem]:
        """The ledger's rules over the project as it would be saved (its current values, then the form's).

        Editing leaves the stage and its dates to the stage actions (they were checked there), so an edit
        reports only the problems of the fields it shows.
        """
        proposal = rules.Proposal.of(self.instance, **{k: v for k, v in data.items() if k in self.fields})
        problems = rules.check(proposal, today=timezone.localdate())
        if self.instance.pk:
            problems = [p for p in problems if p.field in self.fields]
        return problems

    def investors(self) -> list[Enterprise]:
        """Existing enterprises matched by any of their names, new ones for names not found."""
        raw = self.cleaned_data.get("investor_names", "")
        names = [n.strip() for n in raw.replace("，", "、").replace(",", "、").split("、") if n.strip()]
        return [find_or_create_enterprise(name) for name in names]

    def _post_clean(self) -> None:
        # industry is entered as a code, outside Meta.fields: set it before the model is validated.
        if "industry_code" in self.cleaned_data:
            self.instance.industry = self.cleaned_data["industry_code"]
        super()._post_clean()


class StageChangeForm(forms.Form):
    """Move a project to its next stage, or terminate it."""

    to_stage = forms.ChoiceField(label=_("变更为"), choices=Stage.choices)
    on = forms.DateField(label=_("日期"), widget=DATE_INPUT)
    contract_investment = MoneyField(label=_("合同投资额"), required=False)
    reason = forms.CharField(label=_("终止原因"), required=False, max_length=500)
    comment = forms.CharField(label=_("说明"), required=False, max_length=500)
    amendment_reason = forms.CharField(
        label=_("更正理由"), required=False, max_length=500, help_text=_("变更会改变已报送期间的数字时必填")
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        choices = []
        if project.next_stage:
            choices.append((project.next_stage, Stage(project.next_stage).label))
        if project.stage != Stage.TERMINATED:
            choices.append((Stage.TERMINATED, Stage.TERMINATED.label))
        self.fields["to_stage"].choices = choices
        self.fields["on"].initial = timezone.localdate()
