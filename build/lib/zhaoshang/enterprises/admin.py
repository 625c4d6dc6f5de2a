from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.enterprises.models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "uscc", "region", "industry", "is_above_scale", "is_listed"]
    list_filter = ["is_above_scale", "is_listed", "is_synthetic"]
    search_fields = ["name", "short_name", "uscc"]
    autocomplete_fields = ["region", "industry"]
