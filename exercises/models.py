import copy
import logging
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PAIN_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


class Kind(models.TextChoices):
    STRETCH = "stretch", _("Stretch")
    STRENGTHEN = "strengthen", _("Strengthen")
    SELF_MASSAGE = "self_massage", _("Self-massage")
    MOBILITY = "mobility", _("Mobility")
    HABIT = "habit", _("Habit")
    CLINICIAN_TECHNIQUE = "clinician_technique", _("Clinician technique")


class Audience(models.TextChoices):
    SELF_CARE = "self_care", _("Self-care")
    CLINICIAN = "clinician", _("Clinician only")


class Tag(models.TextChoices):
    DESK = "desk", _("At a desk")
    TRUCK_STOP = "truck_stop", _("At a truck stop")
    BED = "bed", _("On a bed")
    FLOOR = "floor", _("On the floor")
    NO_EQUIPMENT = "no_equipment", _("No equipment")
    FLARE_UP_SAFE = "flare_up_safe", _("Safe during a flare-up")
    STANDING = "standing", _("Standing")
    KNEELING = "kneeling", _("Kneeling")
    LYING = "lying", _("Lying down")
    SLEEP = "sleep", _("Sleep")
    SITTING = "sitting", _("Sitting")
    DRIVING = "driving", _("Driving")
    GENTLE = "gentle", _("Gentle")


class Translated(models.Model):
    """A library row whose words come in every language of settings.LANGUAGES.

    English is in the ordinary columns; each other language's words are in
    `translations` ({language: {field: value}}), written by `load_exercises`
    from exercises/content/<language>.py. A row read from the database speaks
    the active language (from_db swaps the words in), so the API, the pages and
    anything else that shows an exercise or a routine need no code of their own
    for it. The worker, which has no request, asks `text(field)` inside
    translation.override(recipient's language).
    """

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    translations = models.JSONField(
        default=dict, blank=True, help_text="Other languages' words: {language: {field: value}}."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Its columns hold another language's words now: saving would write them as English.
        if getattr(self, "_english", None):
            raise ValueError(
                f"{type(self).__name__} {self.pk} was read in another language; "
                "read it inside translation.override(None) to change it."
            )
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        language = translation.get_language()
        if language and language != settings.LANGUAGE_CODE and "translations" in instance.__dict__:
            instance._english = {
                f: instance.__dict__[f] for f in cls.TRANSLATED_FIELDS if f in instance.__dict__
            }
            for field in instance._english:
                instance.__dict__[field] = instance.text(field, language)
        return instance

    def text(self, field: str, language: str | None = None) -> object:
        """Return `field` in `language` (default: the active one).

        A missing translation is logged and shows the English: the library's
        tests fail on one, so in production it means `load_exercises` has not
        run since the content changed.
        """
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        english = getattr(self, "_english", {}).get(field, getattr(self, field))
        if language == settings.LANGUAGE_CODE:
            return english
        words = self.translations.get(language, {})
        if field not in words:
            logger.warning("%s %s has no %r %s", type(self).__name__, self.pk, language, field)
            return english
        return copy.deepcopy(words[field])


class Exercise(Translated):
    """One entry of the library: an exercise, a habit or a clinician technique.

    Content comes from exercises/library.py (loaded by `load_exercises`), whose
    facts come from the seed articles named in `sources`.
    """

    # What an entry says: the library's keys and what the API shows.
    CONTENT_FIELDS = (
        "slug", "name", "kind", "audience", "summary", "steps", "cues", "cautions",
        "skip_when", "professional_note", "progressions", "default_hold_seconds",
        "default_reps", "default_sets", "default_times_per_day", "tags", "equipment",
        "sources", "illustration_alt", "step_illustrations",
    )  # fmt: skip
    # Its words, in every language (see Translated).
    TRANSLATED_FIELDS = (
        "name", "summary", "steps", "cues", "cautions", "skip_when", "professional_note",
        "progressions", "equipment", "illustration_alt", "step_illustrations",
    )  # fmt: skip

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    summary = models.TextField()
    steps = models.JSONField(default=list, help_text="Ordered list of instructions.")
    cues = models.JSONField(default=list, blank=True)
    cautions = models.JSONField(default=list, blank=True)
    skip_when = models.JSONField(default=list, blank=True, help_text="When not to do it.")
    professional_note = models.TextField(
        blank=True,
        help_text="Advice to see or work with a professional, where the source gives it.",
    )
    progressions = models.JSONField(default=list, blank=True)
    default_hold_seconds = models.PositiveIntegerField(null=True, blank=True)
    default_reps = models.PositiveIntegerField(null=True, blank=True)
    default_sets = models.PositiveIntegerField(null=True, blank=True)
    default_times_per_day = models.PositiveIntegerField(null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    equipment = models.JSONField(default=list, blank=True)
    sources = models.JSONField(default=list, help_text="Seed file names the facts come from.")
    # The picture is a static file named after the slug (exercises.illustrations);
    # these say in words what it shows.
    illustration_alt = models.TextField(blank=True, help_text="What the picture shows, in words.")
    step_illustrations = models.JSONField(
        default=list,
        blank=True,
        help_text='Steps with a picture of their own: [{"step": 1-based index, "alt": text}].',
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_self_care(self) -> bool:
        return self.audience == Audience.SELF_CARE

    @property
    def steps_with_pictures(self) -> list[dict]:
        """Return each step as {"number", "text", "alt"}; alt is "" for a step without
        a picture of its own."""
        alts = {picture["step"]: picture["alt"] for picture in self.step_illustrations}
        return [
            {"number": number, "text": text, "alt": alts.get(number, "")}
            for number, text in enumerate(self.steps, start=1)
        ]


class Routine(Translated):
    """A named built-in sequence of exercises with doses."""

    TRANSLATED_FIELDS = ("name", "summary")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField()
    minutes_min = models.PositiveIntegerField()
    minutes_max = models.PositiveIntegerField()
    tags = models.JSONField(default=list)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class RoutineStep(Translated):
    TRANSLATED_FIELDS = ("note",)

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField()
    hold_seconds = models.PositiveIntegerField(null=True, blank=True)
    reps = models.PositiveIntegerField(null=True, blank=True)
    sets = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["routine", "order"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "order"], name="routine_step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.routine_id}#{self.order}: {self.exercise_id}"


class Plan(models.Model):
    """A user's home plan: their own, or one a therapist assigned.

    What the plan asks for on a given day is its version valid that day
    (PlanVersion): an edit, a pause or a deletion starts a new version or ends
    the current one from a date, so earlier days keep what was planned then. A
    deleted plan keeps its rows with `ended_on` set, out of every list.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    name = models.CharField(max_length=120)
    notes = models.TextField(blank=True)
    is_paused = models.BooleanField(default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_plans",
    )
    # Set when the plan was deleted: from this local day on it plans nothing,
    # and it leaves every list; the days before keep what it planned.
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class PlanChange(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    PAUSED = "paused", _("Paused")
    RESUMED = "resumed", _("Resumed")
    DELETED = "deleted", _("Deleted")


class PlanVersion(models.Model):
    """What a plan asked for from `effective_from` until the day before `effective_to`.

    Local dates of the plan's user. `effective_to` is None while the version
    is still in force. A version whose two days are equal was replaced on the
    day it was to start: it planned nothing, and stays as history. Items of a
    paused version plan nothing either.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # None: from the local day the plan was created (the first version).
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    name = models.CharField(max_length=120)
    notes = models.TextField(blank=True)
    is_paused = models.BooleanField(default=False)
    change = models.CharField(max_length=16, choices=PlanChange.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="plan_version_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class Side(models.TextChoices):
    LEFT = "left", _("Left side")
    RIGHT = "right", _("Right side")
    EACH = "each", _("Each side")


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    # The version the item belongs to. Null only for items written straight to
    # the table (no service): they count from the plan's creation, while the
    # plan is not paused or deleted, as plans did before versions.
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="items"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=8, choices=Side.choices, blank=True)
    order = models.PositiveIntegerField(default=0)
    hold_seconds = models.PositiveIntegerField(null=True, blank=True)
    reps = models.PositiveIntegerField(null=True, blank=True)
    sets = models.PositiveIntegerField(null=True, blank=True)
    times_per_day = models.PositiveSmallIntegerField(default=1)
    # ISO weekdays the item is planned on, Monday=1 .. Sunday=7.
    days_of_week = models.JSONField(default=list)
    notes = models.CharField(max_length=500, blank=True)
    # Optional progression: the hold grows by `progression_step_seconds` every
    # `progression_every_days` from `progression_start` up to `progression_max_seconds`.
    progression_step_seconds = models.PositiveIntegerField(null=True, blank=True)
    progression_every_days = models.PositiveIntegerField(null=True, blank=True)
    progression_max_seconds = models.PositiveIntegerField(null=True, blank=True)
    progression_start = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(times_per_day__gte=1) & Q(times_per_day__lte=24),
                name="plan_item_times_per_day_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.order}: {self.exercise_id}"

    @property
    def progression(self) -> dict | None:
        """Return the hold progression as one value, or None when the hold is fixed."""
        if not self.progression_step_seconds:
            return None
        return {
            "step_seconds": self.progression_step_seconds,
            "every_days": self.progression_every_days,
            "max_seconds": self.progression_max_seconds,
            "start": self.progression_start,
        }


class LogOrigin(models.TextChoices):
    MANUAL = "manual", _("Logged by hand")
    REMINDER = "reminder", _("From a reminder")


class ExerciseLog(models.Model):
    """One session done: a single exercise, or a whole routine.

    The primary key is generated by the client so that an offline outbox can
    resend the same log any number of times and the server keeps one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="logs"
    )
    performed_at = models.DateTimeField()
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan_item = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="logs"
    )
    sets = models.PositiveIntegerField(null=True, blank=True)
    reps = models.PositiveIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveIntegerField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    note = models.TextField(blank=True, max_length=2000)
    origin = models.CharField(max_length=16, choices=LogOrigin.choices, default=LogOrigin.MANUAL)
    # The reminder delivery this log answers, when origin is "reminder". A plain
    # value, not a foreign key: exercises sits below reminders and imports nothing of it.
    origin_delivery_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-performed_at", "id"]
        indexes = [
            # Serves the log listing and the per-day progress aggregation.
            models.Index(fields=["user", "performed_at"], name="log_user_performed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(exercise__isnull=False) | Q(routine__isnull=False),
                name="log_names_exercise_or_routine",
            ),
            models.CheckConstraint(
                condition=Q(pain_before__isnull=True) | Q(pain_before__lte=10),
                name="log_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True) | Q(pain_after__lte=10),
                name="log_pain_after_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.performed_at:%Y-%m-%d %H:%M}"


class PlanTemplate(models.Model):
    """A therapist's reusable plan: a name, notes for the patient and items.

    `items` holds what PlanItem holds, as the plans API takes it (the exercise
    by slug), so assigning a template goes through the same checks as a plan
    typed in full.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_templates"
    )
    name = models.CharField(max_length=120)
    notes = models.TextField(blank=True)
    items = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
