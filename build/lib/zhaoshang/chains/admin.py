from django.contrib import admin

from zhaoshang.chains.models import Chain, ChainMember, Segment


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "order"]


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name", "chain", "position", "parent", "order"]
    list_filter = ["chain", "position"]
    search_fields = ["name"]


@admin.register(ChainMember)
class ChainMemberAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "segment", "region", "role", "is_local"]
    list_filter = ["role", "is_local", "segment__chain"]
    search_fields = ["enterprise__name"]
    autocomplete_fields = ["enterprise", "region"]
