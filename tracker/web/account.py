"""Account: who you are, your name, language and time zone, your therapists (patients: "Link to my
therapist" with a code), your data, log out, delete.

The same rules as the API: the name and the zone go through UserSerializer
(PATCH /api/v1/me/), deleting needs the password as AccountDeleteSerializer
checks it (DELETE /api/v1/me/) and then tracker.services.account_delete.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from tracker import recovery, services
from tracker.api.serializers import AccountDeleteSerializer, UserSerializer
from tracker.care.selectors import active_links_for
from tracker.models import Role
from tracker.web.timezone_picker import zone_choices

# The fields this page changes; anything else posted is ignored, not applied.
EDITABLE_FIELDS = ("display_name", "timezone", "language")
CONFIRM_MESSAGE = _("Tick the box to confirm that everything is to be deleted.")


def _export_links() -> list[tuple[str, str]]:
    """Return the API's exports; they work with the page's session."""
    return [
        (_("JSON, everything in one file"), reverse("me-export")),
        (_("CSV files in a zip, for a spreadsheet"), reverse("me-export-csv")),
    ]


def _render(request: HttpRequest, status: int = 200, **context) -> HttpResponse:
    user = request.user
    context.setdefault("values", {name: getattr(user, name) for name in EDITABLE_FIELDS})
    context.setdefault("errors", {})
    context.setdefault("delete_errors", {})
    links = list(active_links_for(user)) if user.role == Role.PATIENT else None
    context.update(
        {
            # Each language named in itself (settings.LANGUAGES), so anyone finds their own.
            "languages": settings.LANGUAGES,
            "timezones": zone_choices(),
            "exports": _export_links(),
            "saved": request.GET.get("saved") == "1",
            "email": recovery.email_status(user=user),
            "therapist_links": links,
            "therapist_names": ", ".join(
                link.therapist.display_name or link.therapist.username for link in links or ()
            ),
        }
    )
    return render(request, "tracker/account.html", context, status=status)


@require_http_methods(["GET", "POST"])
def account_page(request: HttpRequest) -> HttpResponse:
    """Show the account; a POST changes the display name, the language and the time zone.

    The language goes through UserSerializer like PATCH /api/v1/me/ `language`; the
    redirect then loads the page in it (UserLanguageMiddleware reads User.language).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "GET":
        return _render(request)
    data = {name: request.POST[name] for name in EDITABLE_FIELDS if name in request.POST}
    incoming = UserSerializer(instance=request.user, data=data, partial=True)
    if not incoming.is_valid():
        values = {**{name: getattr(request.user, name) for name in EDITABLE_FIELDS}, **data}
        return _render(request, status=400, values=values, errors=incoming.errors)
    incoming.save()
    return redirect("/account/?saved=1")


@require_http_methods(["GET", "POST"])
def account_delete_page(request: HttpRequest) -> HttpResponse:
    """Delete the account and everything in it, given the password and the confirmation.

    The form is on the account page; a GET (a reload after a refusal) goes back there.
    """
    if not request.user.is_authenticated:
        return redirect_to_login("/account/")
    if request.method == "GET":
        return redirect("/account/#delete-heading")
    check = AccountDeleteSerializer(
        data={"password": request.POST.get("password", "")}, context={"request": request}
    )
    errors = {} if check.is_valid() else dict(check.errors)
    if request.POST.get("confirm") != "yes":
        errors["confirm"] = [CONFIRM_MESSAGE]
    if errors:
        return _render(request, status=400, delete_errors=errors)
    user = request.user
    logout(request)
    services.account_delete(user=user)
    return redirect("/account/deleted/")


@require_GET
def account_deleted_page(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        # Only someone whose account is gone says goodbye here.
        return redirect("/account/")
    return render(request, "tracker/account_deleted.html")
