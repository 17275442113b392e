from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "StretchStop"

    def ready(self) -> None:
        from tracker import metrics

        metrics.connect_signals()
