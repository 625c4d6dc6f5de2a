"""The ledger in the Django admin (superusers only, core/admin_site.py); it asks the period lock too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.projects.models import FundsInPlace, Project, StageEvent
from zhaoshang.records import locks
from zhaoshang.records.locks import PeriodLocked


class StageEventInline(admin.TabularInline):
    model = StageEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_stage", "to_stage", "occurred_on", "comment", "created_by", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ProjectAdminForm(forms.ModelForm):
    """The admin's project form (ModelAdmin makes it a ModelForm of Project): a change to a reported
    (locked) period needs a 更正理由, as on every door."""

    actor: Any = None  # the superuser saving (set per request by ProjectAdmin.get_form)
    amendment_reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("修改已报送（锁定）期间的数字时必填，将作为更正记录与报送数字一并显示。"),
    )

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds the values to save
        project = self.instance
        before = Project.all_objects.filter(pk=project.pk).first() if project.pk else None
        project.is_manufacturing = project.derive_manufacturing()
        try:
            self.amendment = locks.require_amendment(
                before, project, actor=self.actor, reason=self.cleaned_data.get("amendment_reason", "")
            )
        except PeriodLocked as exc:
            self.add_error("amendment_reason", str(exc))


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    form = ProjectAdminForm
    list_display = [
        "name",
        "region",
        "stage",
        "signed_on",
        "contract_investment",
        "is_key",
        "is_manufacturing",
    ]
    list_filter = ["stage", "is_key", "is_manufacturing"]
    search_fields = ["name"]
    autocomplete_fields = ["region", "investors", "industry", "park", "direction"]
    readonly_fields = ["stage"]
    inlines = [StageEventInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)  # inside the admin's transaction
        form.amendment.record(obj)


admin.site.register(FundsInPlace)
