from django.urls import path
from rest_framework.routers import SimpleRouter

from reminders import drives
from reminders.api import views

# Path converters, not regexes: a malformed id never reaches a view.
router = SimpleRouter(use_regex_path=False)
router.register("reminders", views.ScheduleViewSet, basename="reminder")
router.register("deliveries", views.DeliveryViewSet, basename="delivery")
router.register("push/subscriptions", views.PushSubscriptionViewSet, basename="push-subscription")

urlpatterns = [
    path("push/key/", views.PushKeyView.as_view(), name="push-key"),
    path("push/test/", views.PushTestView.as_view(), name="push-test"),
    path("drives/", views.DriveStartView.as_view(), name="drives"),
    path("drives/current/", views.CurrentDriveView.as_view(), name="drive-current"),
    path(
        "drives/current/stop/",
        views.DriveTransitionView.as_view(transition=drives.drive_stop),
        name="drive-stop",
    ),
    path(
        "drives/current/resume/",
        views.DriveTransitionView.as_view(transition=drives.drive_resume),
        name="drive-resume",
    ),
    path(
        "drives/current/end/",
        views.DriveTransitionView.as_view(transition=drives.drive_end),
        name="drive-end",
    ),
    *router.urls,
]
