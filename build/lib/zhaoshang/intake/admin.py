from __future__ import annotations

from django.contrib import admin

from zhaoshang.intake.models import Document, Fact, FactEvent


class FactInline(admin.TabularInline):
    model = Fact
    fk_name = "document"
    fields = ["key", "type", "label", "text", "value", "region_code", "period", "status", "reviewed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "published_on", "region", "period", "format", "created_at"]
    list_filter = ["format", "period"]
    search_fields = ["title", "source", "text"]
    readonly_fields = ["text_hash", "near_duplicate_of", "similarity", "uploaded_by", "created_at"]
    inlines = [FactInline]


@admin.register(FactEvent)
class FactEventAdmin(admin.ModelAdmin):
    list_display = ["fact", "action", "from_status", "to_status", "before", "after", "user", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
