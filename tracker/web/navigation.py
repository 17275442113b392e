"""The bottom navigation, by role, as a template context processor."""

from django.http import HttpRequest

from tracker.models import Profile, Role

PATIENT_SECTIONS = (
    ("/today/", "Today"),
    ("/drive/", "Drive"),
    ("/progress/", "Progress"),
    ("/library/", "Library"),
    ("/settings/reminders/", "Reminders"),
    ("/account/", "Account"),
)
THERAPIST_SECTIONS = (
    ("/patients/", "Patients"),
    ("/library/", "Library"),
    ("/account/", "Account"),
)


def home_url(user) -> str:
    """Where a signed-in person lands: therapists on their patients, patients on Today."""
    return "/patients/" if user.role == Role.THERAPIST else "/today/"


def sections_for(user) -> tuple[tuple[str, str], ...]:
    if user.role == Role.THERAPIST:
        return THERAPIST_SECTIONS
    # Drive mode is for drivers; everyone else gets one tab fewer.
    if user.profile != Profile.DRIVER:
        return tuple(section for section in PATIENT_SECTIONS if section[0] != "/drive/")
    return PATIENT_SECTIONS


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": ()}
    return {
        "nav": [
            {"url": url, "label": label, "current": request.path.startswith(url)}
            for url, label in sections_for(user)
        ]
    }
