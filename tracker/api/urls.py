from django.urls import include, path
from rest_framework.routers import SimpleRouter

from tracker.api import access_log, accounts, devices, exports, goals, mfa, recovery, safety
from tracker.api.pain import PainEntryViewSet
from tracker.api.progress import PauseDayDetailView, PauseDayListView, ProgressView

# Path converters, not regexes: a malformed id never reaches a view.
router = SimpleRouter(use_regex_path=False)
router.register("pain", PainEntryViewSet, basename="pain")

urlpatterns = [
    path("auth/register/", accounts.RegisterView.as_view(), name="register"),
    path("auth/token/", accounts.TokenView.as_view(), name="token"),
    path("auth/logout/", accounts.LogoutView.as_view(), name="logout"),
    # Accounts, recovery: verification, password reset (tracker/api/recovery.py).
    path("auth/email/verify/", recovery.EmailVerifyView.as_view(), name="email-verify"),
    path("auth/password/reset/", recovery.PasswordResetView.as_view(), name="password-reset"),
    path(
        "auth/password/reset/confirm/",
        recovery.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("me/", accounts.MeView.as_view(), name="me"),
    # Sessions: signed-in devices, signing out, password change (tracker/api/devices.py).
    path("me/sessions/", devices.SessionListView.as_view(), name="me-sessions"),
    path(
        "me/sessions/<str:device_id>/",
        devices.SessionDetailView.as_view(),
        name="me-session-detail",
    ),
    path("auth/logout-all/", devices.LogoutAllView.as_view(), name="logout-all"),
    path("me/password/", devices.PasswordChangeView.as_view(), name="me-password"),
    path("me/export/", accounts.ExportView.as_view(), name="me-export"),
    path("me/export/csv/", exports.ExportCSVView.as_view(), name="me-export-csv"),
    path("me/access-log/", access_log.AccessLogView.as_view(), name="me-access-log"),
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
