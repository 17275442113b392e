"""The pages' routes. The API lives under /api/v1/; everything here is HTML
(or, for the manifest and the service worker, what a browser asks for by name)."""

from django.urls import path

from tracker.web import (
    account,
    accounts,
    care,
    devices,
    drive,
    goals,
    history,
    invites,
    library,
    messages,
    onboarding,
    plans,
    player,
    programme,
    progress,
    pwa,
    reminders,
    therapist,
    today,
)

urlpatterns = [
    path("", accounts.home_page, name="home"),
    path("signup/", accounts.signup_page, name="signup"),
    path("login/", accounts.login_page, name="login"),
    path("logout/", accounts.logout_page, name="logout"),
    path("today/", today.today_page, name="today"),
    path("onboarding/", onboarding.safety_page, name="onboarding"),
    path("onboarding/advice/", onboarding.advice_page, name="onboarding-advice"),
    path("onboarding/profile/", onboarding.profile_page, name="onboarding-profile"),
    path("onboarding/reminders/", onboarding.reminders_page, name="onboarding-reminders"),
    path("settings/reminders/", reminders.reminders_settings_page, name="reminders-settings"),
    path("library/", library.library_page, name="library"),
    path("library/<slug:slug>/", library.exercise_page, name="library-exercise"),
    path("routines/<slug:slug>/play/", player.player_page, name="routine-player"),
    path("plans/<int:plan_id>/play/", player.plan_player_page, name="plan-player"),
    path("plans/<int:plan_id>/edit/", plans.plan_edit_page, name="plan-edit"),
    path("drive/", drive.drive_page, name="drive"),
    path("progress/", progress.progress_page, name="progress"),
    path("goals/", goals.goals_page, name="goals"),
    path("history/", history.history_page, name="history"),
    path("account/", account.account_page, name="account"),
    path("account/delete/", account.account_delete_page, name="account-delete"),
    path("account/deleted/", account.account_deleted_page, name="account-deleted"),
    # Sessions: signed-in devices (tracker/web/devices.py).
    path("account/devices/", devices.devices_page, name="devices"),
    path("account/devices/sign-out/", devices.device_sign_out, name="device-sign-out"),
    path(
        "account/devices/sign-out-all/", devices.devices_sign_out_all, name="devices-sign-out-all"
    ),
    path("patients/", therapist.patients_page, name="patients"),
    path("patients/invite/", invites.invite_page, name="patients-invite"),
    path("patients/<int:patient_id>/", therapist.patient_page, name="patient"),
    path(
        "patients/<int:patient_id>/messages/post/",
        messages.patient_message_post,
        name="patient-message-post",
    ),
    path("programme/", programme.my_programme_page, name="programme"),
    path(
        "patients/<int:patient_id>/programme/",
        programme.patient_programme_page,
        name="patient-programme",
    ),
    path("messages/", messages.threads_page, name="messages"),
    path("messages/<int:link_id>/", messages.thread_page, name="messages-thread"),
    path("care/accept/", care.accept_page, name="care-accept-page"),
    path("offline/", pwa.offline_page, name="offline"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("robots.txt", pwa.robots_txt, name="robots-txt"),
    path("favicon.ico", pwa.favicon, name="favicon"),
]
