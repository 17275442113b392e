from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tracker.models import PainEntry, PauseDay, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("StretchStop", {"fields": ("role", "timezone", "display_name", "profile")}),
    )
    list_display = ("username", "display_name", "role", "profile", "timezone", "is_staff")
    list_filter = ("role", "profile", "is_staff")


@admin.register(PainEntry)
class PainEntryAdmin(admin.ModelAdmin):
    list_display = ("user", "recorded_at", "rating", "context")
    list_select_related = ("user",)


@admin.register(PauseDay)
class PauseDayAdmin(admin.ModelAdmin):
    list_display = ("user", "date", "reason")
