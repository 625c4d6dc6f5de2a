from django.contrib import admin

from zhaoshang.industries.models import IndustryCode, IndustryDirection


@admin.register(IndustryCode)
class IndustryCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "section", "parent"]
    list_filter = ["level", "section"]
    search_fields = ["code", "name"]


@admin.register(IndustryDirection)
class IndustryDirectionAdmin(admin.ModelAdmin):
    list_display = ["region", "order", "name"]
    search_fields = ["name", "region__name"]
    autocomplete_fields = ["region"]
