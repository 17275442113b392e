import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("stretchstop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat entries live here, one comment each: when it runs and why.
# The reminders issue adds the dispatcher and the sweeper.
app.conf.beat_schedule = {}
