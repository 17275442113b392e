"""The bottom navigation, by role, as a template context processor."""

from django.http import HttpRequest
from django.utils.translation import pgettext_lazy

from tracker.care.messages import unread_total
from tracker.models import Profile, Role

# (tab URL, label, the paths the tab covers). A page reached from a tab keeps
# that tab highlighted: Goals is opened from Progress, a routine from Today.
PATIENT_SECTIONS = (
    ("/today/", pgettext_lazy("tab", "Today"), ("/today/", "/routines/", "/plans/")),
    ("/drive/", pgettext_lazy("tab", "Drive"), ("/drive/",)),
    ("/progress/", pgettext_lazy("tab", "Progress"), ("/progress/", "/goals/")),
    ("/library/", pgettext_lazy("tab", "Library"), ("/library/",)),
    ("/settings/reminders/", pgettext_lazy("tab", "Reminders"), ("/settings/reminders/",)),
    ("/account/", pgettext_lazy("tab", "Account"), ("/account/",)),
)
THERAPIST_SECTIONS = (
    ("/patients/", pgettext_lazy("tab", "Patients"), ("/patients/",)),
    ("/library/", pgettext_lazy("tab", "Library"), ("/library/",)),
    ("/account/", pgettext_lazy("tab", "Account"), ("/account/",)),
)


def home_url(user) -> str:
    """Where a signed-in person lands: therapists on their patients, patients on Today."""
    return "/patients/" if user.role == Role.THERAPIST else "/today/"


def sections_for(user) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if user.role == Role.THERAPIST:
        return THERAPIST_SECTIONS
    # Drive mode is for drivers; everyone else gets one tab fewer.
    if user.profile != Profile.DRIVER:
        return tuple(section for section in PATIENT_SECTIONS if section[0] != "/drive/")
    return PATIENT_SECTIONS


def current_for(path: str, url: str, covers: tuple[str, ...]) -> str | None:
    """aria-current of a tab: "page" on the tab's own page, "true" on a page it covers."""
    if path == url:
        return "page"
    if any(path.startswith(prefix) for prefix in covers):
        return "true"
    return None


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": (), "unread_messages": None}
    return {
        "nav": [
            {"url": url, "label": label, "current": current_for(request.path, url, covers)}
            for url, label, covers in sections_for(user)
        ],
        # Patients reach their messages from the header on every page; a
        # therapist sees them per patient (the list and each patient's page).
        "unread_messages": None if user.role == Role.THERAPIST else unread_total(user=user),
    }
