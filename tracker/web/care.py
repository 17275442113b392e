"""A patient accepts a therapist's invite: the code from the link (or typed), and
consent to reminders set by the therapist (unticked unless the patient ticks it).

The same service (`invite_accept_submitted`: checks, one message for every bad
code) and the same throttles as POST /api/v1/care/accept/.

An invite link opened signed out keeps its code in the session, so it survives
logging in or signing up (which lead back here): the patient never retypes it.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tracker.care import services
from tracker.care.throttles import CareAcceptIPThrottle, CareAcceptUserThrottle
from tracker.models import Role
from tracker.web.navigation import home_url
from tracker.web.throttling import page_throttled

TEMPLATE = "tracker/care_accept.html"
ACCEPT_URL = "/care/accept/"
# The session keys of a code from an invite link opened signed out, and of where
# to go once it is accepted (a patient who has just signed up: onboarding).
PENDING_CODE = "care_invite_code"
AFTER_ACCEPT = "care_after_accept"
MAX_CODE_LENGTH = 64  # as AcceptSerializer's code


def pending_invite_code(request: HttpRequest) -> str:
    """Return the invite code this browser brought from a link, or ""."""
    return request.session.get(PENDING_CODE, "")


@require_http_methods(["GET", "POST"])
def accept_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        code = request.GET.get("code", "").strip()[:MAX_CODE_LENGTH]
        if code:
            request.session[PENDING_CODE] = code
        # A fixed next: the code travels in the session, not through the login form.
        return redirect_to_login(ACCEPT_URL)
    if request.user.role != Role.PATIENT:
        return redirect(home_url(request.user))
    source = request.POST if request.method == "POST" else request.GET
    context = {
        "code": source.get("code", "") or pending_invite_code(request),
        "consent": request.method == "POST" and "reminders_consent" in request.POST,
        "errors": {},
    }
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    if page_throttled(request, (CareAcceptUserThrottle(), CareAcceptIPThrottle())):
        context["errors"] = {"code": [_("Too many attempts. Please wait and try again later.")]}
        return render(request, TEMPLATE, context, status=429)
    try:
        link, created = services.invite_accept_submitted(
            patient=request.user,
            data={"code": context["code"], "reminders_consent": context["consent"]},
            now=timezone.now(),
        )
    except services.InviteRefused as refused:
        # The code from the link failed: the patient now types one, if anything.
        request.session.pop(PENDING_CODE, None)
        context["errors"] = refused.errors
        return render(request, TEMPLATE, context, status=400)
    request.session.pop(PENDING_CODE, None)
    after = request.session.pop(AFTER_ACCEPT, "/today/")
    therapist = link.therapist.display_name or link.therapist.username
    if created:
        message = _("You are now linked with %(name)s: they see your progress.")
    else:
        message = _("You were already linked with %(name)s.")
    messages.success(request, message % {"name": therapist})
    return redirect(after)


def after_signup_url(request: HttpRequest, user, default: str) -> str:
    """Return where a new account goes: to accept the invite it came with, else `default`.

    A new patient with an invite sees the consent screen first, then `default`
    (onboarding); a new therapist ignores a patient's invite.
    """
    if user.role == Role.PATIENT and pending_invite_code(request):
        request.session[AFTER_ACCEPT] = default
        return ACCEPT_URL
    return default
