from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "StretchStop"

    def ready(self) -> None:
        from tracker import checks, logs, metrics, recovery  # noqa: F401 - checks registers itself

        # recovery connects its receiver of allauth's password_reset signal.

        logs.install_record_factory()  # importing logs also connects its Celery signals
        metrics.connect_signals()
