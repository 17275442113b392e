from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tracker.models import AccessRecord, PainEntry, PauseDay, User


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


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Read-only: the access audit is append-only, for the admin too (tracker/audit.py)."""

    list_display = ("at", "actor_name", "actor_username", "kind", "what", "patient", "address")
    list_filter = ("kind", "what", "via")
    list_select_related = ("patient",)
    search_fields = ("actor_username", "actor_name", "patient__username", "address")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
