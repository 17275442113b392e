from django.contrib import admin

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem, Routine, RoutineStep


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "audience")
    list_filter = ("kind", "audience")


class RoutineStepInline(admin.TabularInline):
    model = RoutineStep
    extra = 0


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
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
