from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the exercise library and create demo accounts (for `make run`)."

    def handle(self, *args, **options):
        # One process instead of three: Django starts once, which halves `make run`'s start.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_exercises", stdout=self.stdout)
        call_command("seed_demo", stdout=self.stdout)
