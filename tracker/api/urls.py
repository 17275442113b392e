from django.urls import include, path
from rest_framework.routers import SimpleRouter

from tracker.api import accounts, exports, goals, mfa, safety
from tracker.api.pain import PainEntryViewSet
from tracker.api.progress import PauseDayDetailView, PauseDayListView, ProgressView

# Path converters, not regexes: a malformed id never reaches a view.
router = SimpleRouter(use_regex_path=False)
router.register("pain", PainEntryViewSet, basename="pain")

urlpatterns = [
    path("auth/register/", accounts.RegisterView.as_view(), name="register"),
    path("auth/token/", accounts.TokenView.as_view(), name="token"),
    path("auth/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("me/", accounts.MeView.as_view(), name="me"),
    path("me/export/", accounts.ExportView.as_view(), name="me-export"),
    path("me/export/csv/", exports.ExportCSVView.as_view(), name="me-export-csv"),
    # Second factor (issue 12, MFA).
    path("me/mfa/totp/", mfa.TOTPView.as_view(), name="me-mfa-totp"),
    path("me/mfa/totp/confirm/", mfa.TOTPConfirmView.as_view(), name="me-mfa-totp-confirm"),
    path("me/safety/", safety.SafetyCheckView.as_view(), name="me-safety"),
    path("progress/", ProgressView.as_view(), name="progress"),
    path("pause-days/", PauseDayListView.as_view(), name="pause-day-list"),
    path("pause-days/<str:date>/", PauseDayDetailView.as_view(), name="pause-day-detail"),
    path("goals/", goals.GoalListView.as_view(), name="goal-list"),
    path("goals/<int:goal_id>/", goals.GoalDetailView.as_view(), name="goal-detail"),
    path("goals/<int:goal_id>/ratings/", goals.GoalRatingView.as_view(), name="goal-ratings"),
    path("", include("tracker.care.urls")),
    *router.urls,
]
