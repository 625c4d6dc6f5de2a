from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.targets.models import Target


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "metric", "scope", "level", "value"]
    list_filter = ["year", "level", "metric"]
    search_fields = ["region__name", "metric"]
    autocomplete_fields = ["region"]
