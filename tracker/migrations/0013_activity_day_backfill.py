"""Count the existing logs and pain ratings into ActivityDay rows.

A frozen copy of tracker.activity_days_rebuild's counting, on the models as
they are at this migration (tracker.selectors.session_count: a part of a
routine, a log naming both a routine and an exercise, counts once per routine
and moment; every other log is a session).
"""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import CharField, Count, Q, Sum, Value
from django.db.models.functions import Cast, Concat, TruncDate

ROUTINE_PART = Q(routine__isnull=False, exercise__isnull=False)


def count_days(apps, schema_editor):
    User = apps.get_model("tracker", "User")
    ExerciseLog = apps.get_model("exercises", "ExerciseLog")
    PainEntry = apps.get_model("tracker", "PainEntry")
    ActivityDay = apps.get_model("tracker", "ActivityDay")
    people = User.objects.filter(
        Q(pk__in=ExerciseLog.objects.values("user_id"))
        | Q(pk__in=PainEntry.objects.values("user_id"))
    )
    for person in people.only("pk", "timezone").iterator(chunk_size=500):
        tz = ZoneInfo(person.timezone)
        sessions = dict(
            ExerciseLog.objects.filter(user_id=person.pk)
            .annotate(day=TruncDate("performed_at", tzinfo=tz))
            .values("day")
            .annotate(
                n=Count("pk", filter=~ROUTINE_PART)
                + Count(
                    Concat(
                        Cast("routine_id", CharField()),
                        Value(" "),
                        Cast("performed_at", CharField()),
                    ),
                    distinct=True,
                    filter=ROUTINE_PART,
                )
            )
            .order_by()
            .values_list("day", "n")
        )
        pain = {
            day: (n, total)
            for day, n, total in PainEntry.objects.filter(user_id=person.pk)
            .annotate(day=TruncDate("recorded_at", tzinfo=tz))
            .values("day")
            .annotate(n=Count("pk"), total=Sum("rating"))
            .order_by()
            .values_list("day", "n", "total")
        }
        ActivityDay.objects.bulk_create(
            ActivityDay(
                user_id=person.pk,
                date=day,
                sessions=sessions.get(day, 0),
                pain_entries=pain.get(day, (0, 0))[0],
                pain_total=pain.get(day, (0, 0))[1],
            )
            for day in sorted(sessions.keys() | pain.keys())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0012_activity_day"),
        ("exercises", "0006_exercise_lists_may_be_empty"),
    ]

    operations = [migrations.RunPython(count_days, migrations.RunPython.noop)]
