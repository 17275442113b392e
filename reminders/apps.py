from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self) -> None:
        from reminders import (
            checks,  # noqa: F401 - registers the system checks
            lookups,  # noqa: F401 - registers field__any
        )
