from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.leads.models import Lead, Visit


class VisitInline(admin.TabularInline):
    model = Visit
    extra = 0


@admin.register(Lead)
class LeadAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "region", "stage", "owner", "next_action_on"]
    list_filter = ["stage", "source"]
    search_fields = ["enterprise__name"]
    autocomplete_fields = ["enterprise", "region"]
    inlines = [VisitInline]
