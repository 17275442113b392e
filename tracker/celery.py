import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("stretchstop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# tasks modules below the apps' own packages (autodiscovery looks one level down only).
app.autodiscover_tasks(["tracker.care"])

# Beat entries live here, one comment each: when it runs and why. The
# dispatcher's two come in below, once the settings say how often they run.
app.conf.beat_schedule = {
    # Daily at 03:17 UTC (a quiet hour, off the round minute): delete deliveries
    # older than REMINDERS_RETENTION_DAYS so the table does not grow forever.
    # Batches of 5,000 ids, each its own transaction; two runs at once are harmless.
    "prune-old-deliveries": {
        "task": "reminders.tasks.prune_deliveries_task",
        "schedule": crontab(hour=3, minute=17),
        "options": {"expires": 3600},
    },
    # Daily at 03:47 UTC (quiet, and apart from the deliveries' prune): delete the
    # access audit's records older than AUDIT_RETENTION_DAYS, 5,000 a batch.
    "prune-old-access-records": {
        "task": "tracker.tasks.prune_access_records_task",
        "schedule": crontab(hour=3, minute=47),
        "options": {"expires": 3600},
    },
    # Every minute: send the notices of care messages held through the
    # recipient's quiet hours (or retried, or whose task was lost). Each is
    # claimed with a conditional update, so overlapping runs send it once.
    "notify-due-messages": {
        "task": "tracker.care.tasks.notify_due_messages_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
}


@app.on_after_configure.connect
def _dispatcher_entries(sender, **kwargs) -> None:
    """Add the dispatcher's entries, every REMINDERS_DISPATCH_EVERY_SECONDS (60)."""
    from django.conf import settings

    every = float(settings.REMINDERS_DISPATCH_EVERY_SECONDS)
    # A pass still queued when the next is sent is dropped: the next one does its work.
    options = {"expires": every * 0.9}
    sender.conf.beat_schedule.update(
        {
            # Each interval: turn the schedules and drives that fell due into deliveries.
            # Safe to run on several machines at once (rows are claimed with SKIP LOCKED).
            "dispatch-due-reminders": {
                "task": "reminders.tasks.dispatch_due_task",
                "schedule": every,
                "options": options,
            },
            # Each interval: re-enqueue deliveries whose send task was lost (broker
            # restart, a worker killed with its tasks unacknowledged).
            "sweep-stuck-deliveries": {
                "task": "reminders.tasks.sweep_stuck_task",
                "schedule": every,
                "options": options,
            },
        }
    )
