from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "StretchStop"

    def ready(self) -> None:
        from tracker import (  # noqa: F401 - checks registers itself
            activity_days,
            checks,
            devices,
            logs,
            metrics,
            recovery,
        )

        # recovery connects its receiver of allauth's password_reset signal.

        logs.install_record_factory()  # importing logs also connects its Celery signals
        metrics.connect_signals()
        # The dashboard's day counts follow every log and pain rating written.
        activity_days.connect_signals()
        # allauth's password change and reset end the account's other sessions and tokens.
        devices.connect_signals()
