from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhaoshang.units.models import ResponsibleUnit, UnitMember


class MemberInline(admin.TabularInline):
    model = UnitMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "region", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    inlines = [MemberInline]
