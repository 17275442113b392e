import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import connections, models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exercises.models import PAIN_VALIDATORS
from tracker.timezones import validate_timezone


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    THERAPIST = "therapist", _("Therapist")


class Profile(models.TextChoices):
    DESK = "desk", _("Office / desk work")
    DRIVER = "driver", _("Truck driver")
    OTHER = "other", _("Other")


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    timezone = models.CharField(
        max_length=64, default=settings.DEFAULT_USER_TIMEZONE, validators=[validate_timezone]
    )
    display_name = models.CharField(max_length=120, blank=True)
    # Only patients have a profile; it picks the routines and reminders offered.
    profile = models.CharField(max_length=16, choices=Profile.choices, blank=True)
    # What pages, API answers, reminders and emails are written in. Sign-up
    # takes it from the browser (tracker.languages.signup_language).
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST


class PainLocation(models.TextChoices):
    """Where it hurts: the areas the seed articles name for a tight iliopsoas."""

    LOWER_BACK = "lower_back", _("Lower back")
    LOWER_ABDOMEN = "lower_abdomen", _("Lower abdomen")
    GROIN = "groin", _("Groin")
    BUTTOCK = "buttock", _("Buttock")
    HIP = "hip", _("Hip")
    FRONT_OF_THIGH = "front_of_thigh", _("Front of the thigh")
    DOWN_THE_LEG = "down_the_leg", _("Down the leg")
    SACROILIAC_JOINT = "sacroiliac_joint", _("Sacroiliac joint")
    TOP_OF_HIP_BONE = "top_of_hip_bone", _("Along the top of the hip bone")


class PainContext(models.TextChoices):
    """What the pain followed: the aggravating activities the seeds name."""

    AFTER_SITTING_LONG = "after_sitting_long", _("After sitting a long time")
    AFTER_WALKING_LONG = "after_walking_long", _("After walking a long time")
    STANDING_UP = "standing_up", _("Standing up from sitting")
    SQUATTING = "squatting", _("Squatting")
    CLIMBING_STAIRS = "climbing_stairs", _("Climbing stairs")
    ABDOMINAL_EXERCISE = "abdominal_exercise", _("Abdominal exercise")
    DRIVING = "driving", _("Driving")
    ON_WAKING = "on_waking", _("On waking")
    OTHER = "other", _("Other")


class PainEntry(models.Model):
    """A 0-10 numeric pain rating at a moment, with a client-generated id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pain_entries"
    )
    recorded_at = models.DateTimeField()
    rating = models.PositiveSmallIntegerField(validators=PAIN_VALIDATORS)
    locations = models.JSONField(default=list)
    context = models.CharField(max_length=32, choices=PainContext.choices, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "id"]
        verbose_name_plural = "pain entries"
        indexes = [
            # Serves the listing and the per-day pain aggregation.
            models.Index(fields=["user", "recorded_at"], name="pain_user_recorded_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__lte=10), name="pain_rating_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.recorded_at:%Y-%m-%d %H:%M} {self.rating}/10"


class ActivityDay(models.Model):
    """One local day of a person's sessions and pain ratings, as counts kept on write.

    Derived data: every row can be recomputed from the logs and pain entries
    (tracker.activity_days, which keeps it as they are written, and its
    `activity_days_rebuild` command). The therapists' dashboard reads these
    rows instead of grouping a month of every patient's rows by local day on
    every request. `date` is local to the person's zone, as in progress/.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_days"
    )
    date = models.DateField()
    # Sessions as progress/ counts them (tracker.selectors.session_count).
    sessions = models.PositiveIntegerField(default=0)
    pain_entries = models.PositiveIntegerField(default=0)
    # The sum of the day's ratings: means over several days stay exact.
    pain_total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="activity_day_user_date"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date}: {self.sessions} sessions, {self.pain_entries} ratings"


class PauseReason(models.TextChoices):
    FLARE_UP = "flare_up", _("Flare-up")
    TRAVEL = "travel", _("Travel")


class PauseDay(models.Model):
    """A local day that neither breaks the streak nor lowers the habit score."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pause_days"
    )
    date = models.DateField()
    reason = models.CharField(max_length=16, choices=PauseReason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="pause_day_unique_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date} {self.reason}"


class CareInvite(models.Model):
    """A single-use code a therapist gives a patient to start a care link.

    Only a keyed hash of the code is stored (`tracker.care.services.code_hash`),
    so a copy of the database holds no code anyone could accept.
    """

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_invites"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    # Where the invite was emailed, if it was; shown in the therapist's pending list.
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # Cancelled by the therapist: the code then fails like an unknown one.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invite by {self.therapist_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class CareLink(models.Model):
    """A patient's consent that one therapist may see their data, until either ends it.

    An ended link is kept (with who ended it and when) but grants nothing.
    """

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links_as_therapist"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links_as_patient"
    )
    created_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Given when accepting, revocable by the patient: may the therapist set reminders?
    reminders_consent = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves "which therapists may see this patient" (the partial unique
            # index below serves the therapist's side).
            models.Index(
                fields=["patient"],
                condition=Q(ended_at__isnull=True),
                name="care_link_active_patient_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "patient"],
                condition=Q(ended_at__isnull=True),
                name="care_link_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(therapist=models.F("patient")), name="care_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        state = "active" if self.is_active else "ended"
        return f"{self.therapist_id} -> {self.patient_id} ({state})"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Goal(models.Model):
    """An activity the pain makes hard, rated 0-10 over time (Patient-Specific Functional Scale).

    The Patient-Specific Functional Scale is by Stratford, Gill, Westaway and
    Binkley (1995). A patient has at most five active goals
    (`tracker.goals.GOALS_ACTIVE_MAX`), a
    rule `tracker.services.goal_create` keeps under a lock on the patient's row.
    An archived goal keeps its ratings but no longer counts in the score.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    activity = models.CharField(max_length=200)
    # The patient, or a therapist linked to them when the goal was named.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.patient_id} {self.activity}"

    @property
    def is_active(self) -> bool:
        return self.archived_at is None


class GoalRating(models.Model):
    """How well the patient manages the goal's activity: 0 unable .. 10 as before the problem."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    rated_at = models.DateTimeField()
    score = models.PositiveSmallIntegerField(validators=PAIN_VALIDATORS)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["rated_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=10), name="goal_rating_score_0_10"),
        ]

    def __str__(self) -> str:
        return f"goal {self.goal_id} {self.rated_at:%Y-%m-%d} {self.score}/10"


class SafetyCheck(models.Model):
    """A patient's answers to the onboarding safety screen (exercises.library.SAFETY_SCREEN).

    Only the ticked questions are kept: an answer of "no" carries nothing a
    therapist or the patient needs later.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_checks"
    )
    answered_at = models.DateTimeField()
    # Slugs of the questions answered "yes", in the screen's order.
    warning_signs = models.JSONField(default=list)
    # Of those, the ones not ticked in the patient's previous check (all of them
    # in the first). Fixed when the answers arrive, under a lock on the patient,
    # so the dashboard reads "a new warning sign" with one subquery.
    new_warning_signs = models.JSONField(default=list)

    class Meta:
        ordering = ["-answered_at", "-id"]
        indexes = [
            models.Index(fields=["user", "answered_at"], name="safety_user_answered_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.answered_at:%Y-%m-%d %H:%M} {len(self.warning_signs)} signs"


class AlertKind(models.TextChoices):
    PAIN_RISE = "pain_rise", _("7-day mean pain up 2 or more")
    PAIN_HIGH = "pain_high", _("A pain rating of 8 or more")
    INACTIVE = "inactive", _("No activity for 5 days with an active plan")
    WARNING_SIGN = "warning_sign", _("A new warning sign on the safety screen")


class AlertAcknowledgement(models.Model):
    """A therapist has seen one occurrence of an alert about a linked patient.

    Alerts are computed on read (tracker.care.dashboard); only this row is
    stored. `occurrence` names what happened (the high rating's id, the day a
    rise began, …), so a new occurrence is a new alert while this one stays
    quiet. Keyed by the link: after a link ends and a new one starts, nothing
    counts as seen.
    """

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="acknowledgements")
    kind = models.CharField(max_length=16, choices=AlertKind.choices)
    occurrence = models.CharField(max_length=64)
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ["-acknowledged_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "kind", "occurrence"], name="one_ack_per_alert_occurrence"
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.link_id} {self.kind}:{self.occurrence}"


MESSAGE_MAX_CHARS = 2000


class CareMessage(models.Model):
    """A plain-text message between the two people of a care link: one thread per link.

    The thread is read-only once the link ends, and stays in both people's
    exports. `notify_at` is when the recipient's notification is due (moved to
    the end of their quiet hours while they are in them); it is cleared once the
    notification is sent, found needless (already read) or impossible (no channel).
    """

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=MESSAGE_MAX_CHARS)
    sent_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    notify_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    # The channels that took the notification ("push", "email"), for the record.
    notified_by = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["link", "sent_at"], name="care_message_thread_idx"),
            # Serves the unread counts: only unread messages are in it.
            models.Index(
                fields=["link", "sender"],
                condition=Q(read_at__isnull=True),
                name="care_message_unread_idx",
            ),
            # Serves the sweep of notifications that fell due (held through quiet hours).
            models.Index(
                fields=["notify_at"],
                condition=Q(notify_at__isnull=False),
                name="care_message_notify_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="care_message_not_empty"),
        ]

    def __str__(self) -> str:
        return f"link {self.link_id} from {self.sender_id} at {self.sent_at:%Y-%m-%d %H:%M}"


class ApiTokenClient(models.Model):
    """The device behind a knox API token, for "Signed-in devices".

    Knox stores only the token's hash, expiry and owner. This row adds what
    the list shows: the client's user agent and address and when the token was
    last used. tracker.api.authentication writes it at most once a minute per
    token, so that authenticating stays a read. It goes with its token.
    """

    token = models.OneToOneField(
        "knox.AuthToken", on_delete=models.CASCADE, primary_key=True, related_name="client"
    )
    user_agent = models.CharField(max_length=500, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    last_used_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.address} ({self.user_agent[:40]})"


class AccessKind(models.TextChoices):
    READ = "read", "saw"
    CHANGE = "change", "changed"


class AccessWhat(models.TextChoices):
    """What of a patient's data a therapist's request reached (labels read after "saw")."""

    DASHBOARD = "dashboard", _("your row in their list of patients")
    PATIENT_PAGE = "patient_page", _("your page with progress, goals, plans and messages")
    PROFILE = "profile", _("your profile")
    PROGRESS = "progress", _("your progress")
    ALERTS = "alerts", _("an alert about you")
    PLANS = "plans", _("your plans")
    GOALS = "goals", _("your goals")
    REMINDER = "reminder", _("the reminder they set for you")
    MESSAGES = "messages", _("your messages")
    LINK = "link", _("your link with them")
    EXPORT_CSV = "export_csv", _("your data as CSV files")
    EXPORT_FHIR = "export_fhir", _("your data as a FHIR file")
    PROGRAMME = "programme", _("your home programme")
    PROGRAMME_PDF = "programme_pdf", _("your home programme as a PDF")
    OTHER = "other", _("your data")


# Reading these is taking a copy away: the patient reads "downloaded", not "saw".
DOWNLOADS = frozenset({AccessWhat.EXPORT_CSV, AccessWhat.EXPORT_FHIR, AccessWhat.PROGRAMME_PDF})


class AccessVia(models.TextChoices):
    API = "api", "the app's API"
    PAGE = "page", "the web pages"


class AccessRecordQuerySet(models.QuerySet):
    """Refuses updates and deletes: the audit is append-only (see AccessRecord)."""

    def update(self, **kwargs):
        raise AccessRecordImmutable("Access records cannot be changed.")

    def delete(self):
        raise AccessRecordImmutable(
            "Access records are deleted only by tracker.audit.access_records_prune."
        )

    def bulk_update(self, objs, fields, batch_size=None):
        raise AccessRecordImmutable("Access records cannot be changed.")

    def record_each(self, patient_ids: list[int], **common) -> int:
        """Insert one record per patient id, all alike but for the patient; return how many.

        One statement either way. On PostgreSQL the ids travel as one array
        (INSERT ... SELECT FROM unnest): a dashboard's 500 records then cost
        one parameter instead of 500 model instances of 12 fields each, which
        bulk_create (the fallback elsewhere) builds, converts and reads back.
        """
        if not patient_ids:
            return 0
        connection = connections[self.db]
        if connection.vendor != "postgresql":
            records = [self.model(patient_id=pid, **common) for pid in patient_ids]
            return len(self.bulk_create(records))
        fields = [self.model._meta.get_field(name) for name in common]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        values = [
            field.get_db_prep_save(
                value.pk if field.is_relation and isinstance(value, models.Model) else value,
                connection,
            )
            for field, value in zip(fields, common.values(), strict=True)
        ]
        table = connection.ops.quote_name(self.model._meta.db_table)
        placeholders = ", ".join(["%s"] * len(values))
        # The ids as one array literal's text: psycopg would otherwise dump
        # each of the 500 on its own, in Python.
        ids = "{" + ",".join(map(str, map(int, patient_ids))) + "}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (patient_id, {columns})"  # noqa: S608 - our table, columns
                f" SELECT patient, {placeholders} FROM unnest(%s::bigint[]) AS patient",
                [*values, ids],
            )
            return cursor.rowcount


class AccessRecordImmutable(Exception):
    pass


class AccessRecord(models.Model):
    """One request in which a therapist read or changed a patient's data: append-only.

    Written by tracker.audit (one INSERT per request, whatever the number of
    patients it reached). The app never changes or deletes a record: save()
    refuses an existing row and the default manager refuses update() and
    delete(). Only the retention prune (tracker.audit.access_records_prune) and
    Django's own cascades reach the rows, through the plain base manager: the
    patient's deletion takes their records with them; the therapist's deletion
    nulls `actor` and leaves the name they had then in `actor_name`.
    """

    # No index of its own: access_record_patient_idx starts with it (a dashboard
    # view writes 500 records, each into every index).
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_records",
        db_index=False,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Snapshots at the time: they outlive the therapist's account and renames.
    actor_name = models.CharField(max_length=150)
    actor_username = models.CharField(max_length=150)
    at = models.DateTimeField()
    kind = models.CharField(max_length=8, choices=AccessKind.choices)
    what = models.CharField(max_length=16, choices=AccessWhat.choices)
    via = models.CharField(max_length=8, choices=AccessVia.choices)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=255)
    # The answer's status: a refused change (400) is on record as an attempt.
    status = models.PositiveSmallIntegerField()
    address = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # Serves "who saw my data", newest first.
            models.Index(fields=["patient", "-at", "-id"], name="access_record_patient_idx"),
            # Serves the retention prune.
            models.Index(fields=["at"], name="access_record_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_username} {self.kind} {self.what} of {self.patient_id} at {self.at}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessRecordImmutable("Access records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessRecordImmutable(
            "Access records are deleted only by tracker.audit.access_records_prune."
        )

    @property
    def action_text(self) -> str:
        """Return what the actor did, as the patient reads it: "saw your goals"."""
        what = AccessWhat(self.what).label
        if self.kind == AccessKind.READ and self.what in DOWNLOADS:
            return gettext("downloaded %(what)s") % {"what": what}
        if self.kind == AccessKind.CHANGE:
            return gettext("changed %(what)s") % {"what": what}
        return gettext("saw %(what)s") % {"what": what}
