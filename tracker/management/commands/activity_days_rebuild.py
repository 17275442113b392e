from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef, Q

from exercises.models import ExerciseLog
from tracker.activity_days import activity_days_rebuild
from tracker.models import ActivityDay, PainEntry, User


class Command(BaseCommand):
    help = (
        "Count every person's sessions and pain ratings by local day again from the rows "
        "(the counts the therapists' dashboard reads): after writes that bypassed the "
        "models (bulk loads, SQL), or to check that nothing drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", type=int, action="append", help="Only this user id.")

    def handle(self, *args, user=None, **options):
        people = User.objects.filter(
            Exists(ExerciseLog.objects.filter(user=OuterRef("pk")))
            | Exists(PainEntry.objects.filter(user=OuterRef("pk")))
            | Exists(ActivityDay.objects.filter(user=OuterRef("pk")))
        )
        if user:
            people = people.filter(Q(pk__in=user))
        count = 0
        for person in people.only("pk", "timezone").iterator(chunk_size=500):
            activity_days_rebuild(user=person)
            count += 1
        self.stdout.write(f"Counted the days of {count} people again.")
