from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exercises.models import Routine


class Channel(models.TextChoices):
    PUSH = "push", "Web Push"
    EMAIL = "email", "Email"


class ScheduleKind(models.TextChoices):
    SITTING = "sitting", "Sitting breaks"
    TIMES = "times", "Routine at fixed times"


def default_weekdays() -> list[int]:
    return [1, 2, 3, 4, 5]


def default_channels() -> list[str]:
    return [Channel.PUSH]


class Schedule(models.Model):
    """A user's reminder: sitting breaks every N minutes, or a routine at fixed times.

    `next_fire_at` is the one instant the dispatcher looks at; it is recomputed
    by reminders.schedule whenever the rule, a snooze, a pause or a break changes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_schedules"
    )
    kind = models.CharField(max_length=16, choices=ScheduleKind.choices)
    name = models.CharField(max_length=120, blank=True)
    is_active = models.BooleanField(default=True)
    interval_minutes = models.PositiveSmallIntegerField(
        default=45, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    window_start = models.TimeField(default="09:00")
    window_end = models.TimeField(default="17:30")
    weekdays = models.JSONField(default=default_weekdays)
    # Local wall-clock times ("07:30") for kind=times.
    times = models.JSONField(default=list, blank=True)
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    paused_until = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    channels = models.JSONField(default=default_channels)
    # routine and set_by are indexed by the partial indexes in Meta (most are NULL).
    routine = models.ForeignKey(
        Routine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # A therapist who set this reminder with the patient's consent (therapists' issue).
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders_set",
    )
    next_fire_at = models.DateTimeField(null=True, blank=True)
    last_fired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # Serves the dispatcher's "due now" scan: only active schedules with a fire time.
            models.Index(
                fields=["next_fire_at"],
                name="schedule_due_idx",
                condition=Q(is_active=True, next_fire_at__isnull=False),
            ),
            # Partial: the dispatcher's advance of a due schedule changes next_fire_at,
            # which is indexed, so it writes an entry in every index of the table;
            # a full index on these mostly-NULL columns would be two of those
            # writes per reminder for a NULL no query looks up. Lookups by value
            # (`= x`, `IN (...)`) imply NOT NULL, so these still serve them.
            models.Index(
                fields=["routine"],
                name="schedule_routine_idx",
                condition=Q(routine__isnull=False),
            ),
            models.Index(
                fields=["set_by"],
                name="schedule_set_by_idx",
                condition=Q(set_by__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=15) & Q(interval_minutes__lte=240),
                name="schedule_interval_15_240",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} #{self.pk}"


class DriveRules(models.TextChoices):
    US = "us", _("US hours of service (30 min before 8 h driving)")
    EU = "eu", _("EU drivers' hours (45 min after 4.5 h driving)")
    INTERVAL = "interval", _("Plain interval")


class Drive(models.Model):
    """A drive in progress or past; its segments say when the driver drove or stopped."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drives"
    )
    rules = models.CharField(max_length=16, choices=DriveRules.choices, default=DriveRules.INTERVAL)
    stop_every_minutes = models.PositiveSmallIntegerField(
        default=120, validators=[MinValueValidator(30), MaxValueValidator(600)]
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    next_fire_at = models.DateTimeField(null=True, blank=True)
    # The start of the driving count the last reminder belonged to, so one count
    # gets one reminder however often the dispatcher looks.
    reminded_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(
                fields=["next_fire_at"],
                name="drive_due_idx",
                condition=Q(ended_at__isnull=True, next_fire_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="one_open_drive_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} drive {self.started_at:%Y-%m-%d %H:%M}"


class SegmentKind(models.TextChoices):
    DRIVING = "driving", "Driving"
    STOPPED = "stopped", "Stopped"


class DriveSegment(models.Model):
    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="segments")
    kind = models.CharField(max_length=16, choices=SegmentKind.choices)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["drive", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["drive"], condition=Q(end__isnull=True), name="one_open_segment_per_drive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.drive_id} {self.kind} {self.start:%H:%M}"


class DeliveryKind(models.TextChoices):
    SITTING = "sitting", "Sitting break"
    TIMES = "times", "Routine time"
    DRIVE = "drive", "Stretch at your next stop"
    TEST = "test", "Test notification"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    MISSED = "missed", "Missed (fell due during an outage)"
    # Not to be sent any more: the therapist who set it may no longer remind the patient.
    CANCELLED = "cancelled", "Cancelled (consent withdrawn or care link ended)"


class DeliveryAction(models.TextChoices):
    DONE = "done", _("Done")
    SNOOZED = "snoozed", _("Snoozed")
    SKIPPED = "skipped", _("Skipped")


class Delivery(models.Model):
    """One reminder that fell due: made by the dispatcher, consumed by the send task.

    The unique constraints make "one delivery per schedule (or drive) and due
    instant" a fact of the database, so dispatchers racing each other cannot
    create a reminder twice.
    """

    # No index of their own on user, schedule and drive: each is the leading
    # column of an index or unique constraint below, which serves the same lookups.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,
    )
    schedule = models.ForeignKey(
        Schedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        db_index=False,
    )
    drive = models.ForeignKey(
        Drive,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        db_index=False,
    )
    kind = models.CharField(max_length=16, choices=DeliveryKind.choices)
    due_at = models.DateTimeField()
    # No index: routines are the library's content, which the app never deletes,
    # and nothing looks deliveries up by routine; an index would be one more
    # write per reminder for a (rare, admin) routine deletion's SET NULL scan.
    routine = models.ForeignKey(
        Routine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    channels = models.JSONField(default=default_channels)
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # A send task holds the delivery until then; another one finding it held
    # leaves it alone, so two copies of one task never send twice.
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    action = models.CharField(max_length=16, choices=DeliveryAction.choices, blank=True)
    acted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["user", "due_at"], name="delivery_user_due_idx"),
            # Serves the therapists' dashboard: a patient's sent deliveries of the
            # last 28 days (without it, each patient's 90 days are read and filtered).
            models.Index(
                fields=["user", "sent_at"],
                name="delivery_user_sent_idx",
                condition=Q(state="sent"),
            ),
            # Serves the sweeper's scan for deliveries stuck in pending.
            models.Index(
                fields=["enqueued_at"],
                name="delivery_pending_idx",
                condition=Q(state="pending"),
            ),
        ]
        # Partial: a delivery has a schedule or a drive, and the other is NULL. A
        # full index would hold an entry for every NULL (each delivery's), which
        # is one more index write per reminder and, for drives, an index almost
        # all of whose entries serve nothing.
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "due_at"],
                name="one_delivery_per_schedule_and_due",
                condition=Q(schedule__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["drive", "due_at"],
                name="one_delivery_per_drive_and_due",
                condition=Q(drive__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M} {self.state}"


class ChannelSend(models.Model):
    """One channel's try at one delivery: recorded before the network call, settled after.

    A channel with a successful send is never sent again for that delivery,
    which is what makes a re-run send task (worker killed, message redelivered)
    harmless.
    """

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="sends")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    target = models.CharField(max_length=100, blank=True, help_text="Subscription id or address.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["delivery", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "channel", "target"],
                condition=Q(ok=True),
                name="one_successful_send_per_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.channel} {self.ok}"


class PushSubscription(models.Model):
    """A browser's Web Push subscription (endpoint on a push service, and its keys)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.user_id} push #{self.pk}"
