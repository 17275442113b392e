from datetime import date

from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exercises.api.client_records import id_field
from exercises.api.fields import PAIN_FIELD, LibrarySlugField, RecentDateTimeField
from exercises.models import (
    Audience,
    Exercise,
    ExerciseLog,
    Kind,
    Plan,
    PlanItem,
    PlanVersion,
    Routine,
    RoutineStep,
    Side,
    Tag,
)
from exercises.progression import item_hold_on
from exercises.selectors import illustrations_of, sources_described


class SourceSerializer(serializers.Serializer):
    file = serializers.CharField(help_text="The seed article's file name: the machine reference.")
    title = serializers.CharField(help_text="The article's title.")
    site = serializers.CharField(help_text="Where the article comes from.")


class StepIllustrationSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="Which step (1 = the first of `steps`).")
    illustration = serializers.URLField(help_text="The step's picture (SVG).")
    illustration_alt = serializers.CharField(help_text="What the picture shows, in words.")


@extend_schema_field(SourceSerializer(many=True))
class SourcesField(serializers.Field):
    """Seed file names, shown with each article's title and site."""

    def to_representation(self, files):
        return sources_described(files)


class ExerciseSerializer(serializers.ModelSerializer):
    """An exercise with its pictures: its own, and one per step where the position changes."""

    illustration = serializers.SerializerMethodField(
        help_text="The exercise's picture (SVG); null only for an entry without one."
    )
    step_illustrations = serializers.SerializerMethodField(
        help_text="Pictures of the steps where the position changes, in step order."
    )
    sources = SourcesField(read_only=True)

    class Meta:
        model = Exercise
        fields = [*Exercise.CONTENT_FIELDS, "illustration"]
        read_only_fields = fields

    def _url(self, name: str) -> str:
        request = self.context.get("request")
        url = static(name)
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_illustration(self, exercise) -> str | None:
        pictures = illustrations_of(exercise)
        return self._url(pictures[0]["static_name"]) if pictures else None

    @extend_schema_field(StepIllustrationSerializer(many=True))
    def get_step_illustrations(self, exercise) -> list[dict]:
        return [
            {
                "step": p["step"],
                "illustration": self._url(p["static_name"]),
                "illustration_alt": p["alt"],
            }
            for p in illustrations_of(exercise)[1:]
        ]


class ExerciseFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    tag = serializers.ChoiceField(choices=Tag.choices, required=False)


class RoutineStepSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)

    class Meta:
        model = RoutineStep
        fields = ["order", "exercise", "exercise_name", "hold_seconds", "reps", "sets", "note"]
        read_only_fields = fields


class RoutineSerializer(serializers.ModelSerializer):
    steps = RoutineStepSerializer(many=True, read_only=True)

    class Meta:
        model = Routine
        fields = ["slug", "name", "summary", "minutes_min", "minutes_max", "tags", "steps"]
        read_only_fields = fields


class SelfCareExerciseField(LibrarySlugField):
    """An exercise named by slug; clinician techniques are not found for anyone's plan."""

    default_error_messages = {
        "does_not_exist": _("No self-care exercise is called {value}."),
        "invalid": _("Give the exercise's slug as text."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Exercise.objects.filter(audience=Audience.SELF_CARE))
        super().__init__(**kwargs)


class ProgressionSerializer(serializers.Serializer):
    """The hold grows by step_seconds every every_days from start, up to max_seconds."""

    step_seconds = serializers.IntegerField(min_value=1, max_value=600)
    every_days = serializers.IntegerField(min_value=1, max_value=365)
    max_seconds = serializers.IntegerField(min_value=1, max_value=3600)
    start = serializers.DateField(required=False)


class PlanItemSerializer(serializers.ModelSerializer):
    exercise = SelfCareExerciseField()
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    hold_seconds = serializers.IntegerField(
        min_value=1, max_value=3600, required=False, allow_null=True
    )
    reps = serializers.IntegerField(min_value=1, max_value=200, required=False, allow_null=True)
    sets = serializers.IntegerField(min_value=1, max_value=20, required=False, allow_null=True)
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="left, right or each; blank when the exercise has no side.",
    )
    times_per_day = serializers.IntegerField(min_value=1, max_value=24, default=1)
    days_of_week = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=7),
        max_length=7,
        default=list,
        help_text="ISO weekdays, Monday=1 to Sunday=7; empty means every day.",
    )
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    progression = ProgressionSerializer(required=False, allow_null=True)
    current_hold_seconds = serializers.SerializerMethodField()

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "order",
            "exercise",
            "exercise_name",
            "hold_seconds",
            "reps",
            "sets",
            "side",
            "times_per_day",
            "days_of_week",
            "notes",
            "progression",
            "current_hold_seconds",
        ]
        read_only_fields = ["id", "order"]

    def get_current_hold_seconds(self, item) -> int | None:
        return item_hold_on(item, self.context.get("today") or timezone.localdate())

    def validate_days_of_week(self, days):
        if len(set(days)) != len(days):
            raise serializers.ValidationError(_("Name each weekday once."))
        return sorted(days)

    def validate(self, attrs):
        progression = attrs.pop("progression", None)
        if progression:
            cap = progression["max_seconds"]
            if attrs.get("hold_seconds") is None:
                raise serializers.ValidationError(
                    {"progression": _("A progression needs a starting hold_seconds.")}
                )
            if cap < attrs["hold_seconds"]:
                raise serializers.ValidationError(
                    {"progression": _("max_seconds must be at least hold_seconds.")}
                )
            attrs.update(
                progression_step_seconds=progression["step_seconds"],
                progression_every_days=progression["every_days"],
                progression_max_seconds=cap,
                progression_start=progression.get("start")
                or self.context.get("today")
                or timezone.localdate(),
            )
        else:
            attrs.update(
                progression_step_seconds=None,
                progression_every_days=None,
                progression_max_seconds=None,
                progression_start=None,
            )
        return attrs


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.SerializerMethodField()

    def get_display_name(self, user) -> str:
        return user.get_full_name() or getattr(user, "display_name", "") or user.get_username()


class CurrentVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    effective_from = serializers.DateField(
        allow_null=True, help_text="Null: from the day the plan was created."
    )


class PlanSerializer(serializers.ModelSerializer):
    name = serializers.CharField(max_length=120)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    items = PlanItemSerializer(many=True, max_length=40)
    assigned_by = UserRefSerializer(read_only=True, allow_null=True)
    effective_from = serializers.DateField(
        required=False,
        write_only=True,
        help_text=(
            "PATCH: the local day the change applies from (default today); days "
            "before keep what was planned then. Today or later."
        ),
    )
    version = serializers.SerializerMethodField(help_text="The latest version.")

    class Meta:
        model = Plan
        fields = [
            "id",
            "name",
            "notes",
            "is_paused",
            "assigned_by",
            "items",
            "effective_from",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "assigned_by", "created_at", "updated_at"]

    @extend_schema_field(CurrentVersionSerializer(allow_null=True))
    def get_version(self, plan) -> dict | None:
        items = plan.items.all()
        version = next((item.version for item in items if item.version_id), None)
        if version is None:
            return None
        return {"number": version.number, "effective_from": version.effective_from}

    def validate(self, attrs):
        plan = self.instance
        if plan is not None and plan.assigned_by_id is not None:
            # A therapist chose these doses; the patient may pause the plan, not edit it.
            changed = set(attrs) - {"is_paused", "effective_from"}
            if changed:
                raise serializers.ValidationError(
                    {
                        field: _("Set by your therapist; you can pause this plan.")
                        for field in changed
                    }
                )
        return attrs


class PlanVersionSerializer(serializers.ModelSerializer):
    """One version of a plan: what it asked for, from which day, who made the change and when."""

    changed_by = UserRefSerializer(read_only=True, allow_null=True)
    items = PlanItemSerializer(many=True, read_only=True)
    effective_from = serializers.SerializerMethodField(
        help_text="The first local day it applied (the first version: the day the plan was made)."
    )

    class Meta:
        model = PlanVersion
        fields = [
            "number",
            "change",
            "changed_by",
            "created_at",
            "effective_from",
            "effective_to",
            "name",
            "notes",
            "is_paused",
            "items",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DateField())
    def get_effective_from(self, version) -> date:
        if version.effective_from is not None:
            return version.effective_from
        user = version.plan.user
        return timezone.localdate(version.plan.created_at, timezone=getattr(user, "tzinfo", None))


class ExerciseLogSerializer(serializers.ModelSerializer):
    id = id_field()
    performed_at = RecentDateTimeField()
    exercise = SelfCareExerciseField(required=False, allow_null=True)
    routine = LibrarySlugField(queryset=Routine.objects.all(), required=False, allow_null=True)
    plan_item = serializers.PrimaryKeyRelatedField(
        queryset=PlanItem.objects.none(), required=False, allow_null=True
    )
    sets = serializers.IntegerField(min_value=0, max_value=50, required=False, allow_null=True)
    reps = serializers.IntegerField(min_value=0, max_value=500, required=False, allow_null=True)
    hold_seconds = serializers.IntegerField(
        min_value=0, max_value=3600, required=False, allow_null=True
    )
    duration_seconds = serializers.IntegerField(
        min_value=0, max_value=86400, required=False, allow_null=True
    )
    pain_before = serializers.IntegerField(**PAIN_FIELD)
    pain_after = serializers.IntegerField(**PAIN_FIELD)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    delivery = serializers.IntegerField(
        source="origin_delivery_id",
        read_only=True,
        allow_null=True,
        help_text="The reminder delivery whose Done made this log (origin reminder), else null.",
    )

    class Meta:
        model = ExerciseLog
        fields = [
            "id",
            "performed_at",
            "exercise",
            "routine",
            "plan_item",
            "sets",
            "reps",
            "hold_seconds",
            "duration_seconds",
            "pain_before",
            "pain_after",
            "note",
            "origin",
            "delivery",
            "created_at",
        ]
        read_only_fields = ["origin", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # Only the user's own plan items can be named; others are "does not exist".
            self.fields["plan_item"].queryset = PlanItem.objects.filter(plan__user=request.user)

    def validate(self, attrs):
        if not attrs.get("exercise") and not attrs.get("routine"):
            raise serializers.ValidationError(
                {"exercise": _("Name the exercise or the routine that was done.")}
            )
        item = attrs.get("plan_item")
        if item is not None and attrs.get("exercise") and item.exercise_id != attrs["exercise"].pk:
            raise serializers.ValidationError(
                {"plan_item": _("This plan item is another exercise.")}
            )
        return attrs


class SafetyItemSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    sources = SourcesField()


class SafetyQuestionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    question = serializers.CharField(help_text='Asked so that "yes" is the warning sign.')
    hint = serializers.CharField(
        default="", help_text="Why the question is asked; empty when it speaks for itself."
    )
    sources = SourcesField()


class SafetySerializer(serializers.Serializer):
    """What the onboarding safety screen shows, from the seed articles."""

    questions = SafetyQuestionSerializer(many=True)
    advice = serializers.CharField()
    disclaimer = serializers.CharField()
    serious_conditions = SafetyItemSerializer(many=True)
    pain_areas = SafetyItemSerializer(many=True)
    aggravating_activities = SafetyItemSerializer(many=True)
