"""The therapist's invite page: invite a patient by link, by email or by a QR code
on screen (for sign-up in the clinic), see the invites still pending, cancel one.

The same helpers, services, serializer and throttle as /api/v1/care/invites/.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tracker.care import selectors, services
from tracker.care.invites import invite_make, invite_qr_svg
from tracker.care.serializers import InviteCreateSerializer
from tracker.care.throttles import CareInviteThrottle
from tracker.web.access import therapist_required
from tracker.web.throttling import page_throttled

TEMPLATE = "tracker/invite.html"
PAGE = "/patients/invite/"


def group_code(code: str, size: int = 5) -> str:
    """Return the code in groups of `size`, joined by dashes (accepting ignores them)."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def _context(request: HttpRequest, **extra) -> dict:
    pending = selectors.invites_pending(therapist=request.user, now=timezone.now())
    return {"user_timezone": request.user.timezone, "pending": pending, "errors": {}, **extra}


def _cancel(request: HttpRequest) -> HttpResponse:
    """Cancel one of the caller's pending invites; another's, or a done one, is not found."""
    raw = request.POST.get("cancel", "")
    pending = selectors.invites_pending(therapist=request.user, now=timezone.now())
    invite = pending.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if invite is None or not services.invite_cancel(invite=invite, now=timezone.now()):
        messages.error(request, _("That invite is no longer pending."))
        return redirect(PAGE)
    messages.success(request, _("Invite cancelled: its code no longer works."))
    return redirect(PAGE)


@therapist_required
@require_http_methods(["GET", "POST"])
def invite_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, TEMPLATE, _context(request))
    if "cancel" in request.POST:
        return _cancel(request)
    email = request.POST.get("email", "").strip()
    if page_throttled(request, (CareInviteThrottle(),)):
        errors = {
            "form": [_("You have made many invites lately. Please wait and try again later.")]
        }
        return render(request, TEMPLATE, _context(request, errors=errors, email=email), status=429)
    incoming = InviteCreateSerializer(data={"email": email})
    if not incoming.is_valid():
        return render(
            request, TEMPLATE, _context(request, errors=incoming.errors, email=email), status=400
        )
    # Rendered, not redirected: the code is not stored and cannot be shown again.
    made = invite_make(request=request, therapist=request.user, email=email)
    return render(
        request,
        TEMPLATE,
        _context(
            request,
            made=made,
            code=group_code(made.code),
            # segno's own markup of our own link: paths only, nothing from the request.
            qr_svg=mark_safe(invite_qr_svg(made.link)),  # noqa: S308
        ),
    )
