from django.contrib import admin
from django.utils import translation

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem, Routine, RoutineStep


class LibraryAdmin(admin.ModelAdmin):
    """Library rows are edited in their English columns (the other languages come
    from exercises/content/). Read them with no language active, or a German admin
    would see, and save, German words as the English."""

    def changeform_view(self, *args, **kwargs):
        with translation.override(None):
            return super().changeform_view(*args, **kwargs)


@admin.register(Exercise)
class ExerciseAdmin(LibraryAdmin):
    list_display = ("name", "slug", "kind", "audience")
    list_filter = ("kind", "audience")


class RoutineStepInline(admin.TabularInline):
    model = RoutineStep
    extra = 0


@admin.register(Routine)
class RoutineAdmin(LibraryAdmin):
    list_display = ("name", "slug", "minutes_min", "minutes_max")
    inlines = [RoutineStepInline]


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "is_paused", "assigned_by", "created_at")
    list_select_related = ("user", "assigned_by")
    inlines = [PlanItemInline]


@admin.register(ExerciseLog)
class ExerciseLogAdmin(admin.ModelAdmin):
    list_display = ("user", "performed_at", "exercise", "routine", "origin")
    list_select_related = ("user", "exercise", "routine")
