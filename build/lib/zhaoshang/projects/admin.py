from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.projects.models import FundsInPlace, Project, StageEvent


class StageEventInline(admin.TabularInline):
    model = StageEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_stage", "to_stage", "occurred_on", "comment", "created_by", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
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


admin.site.register(FundsInPlace)
