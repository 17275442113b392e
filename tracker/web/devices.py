"""Signed-in devices: the browsers and apps signed in to the account, and signing them out.

The same services as the API (tracker/api/devices.py): tracker.devices lists
and ends sessions and tokens.
"""

import datetime

from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from tracker import devices

DEVICES_URL = "/account/devices/"


def _current_session_id(request: HttpRequest) -> str | None:
    session = UserSession.objects.filter(session_key=request.session.session_key).first()
    return f"{devices.SESSION_ID_PREFIX}{session.pk}" if session else None


def _last_used(when: datetime.datetime, now: datetime.datetime) -> str:
    """Return "just now" or "3 hours ago": the largest unit only, for a glance."""
    if now - when < datetime.timedelta(minutes=1):
        return _("just now")
    # Translators: "3 hours ago"; %(time)s is Django's own "3 hours" in the same language.
    return _("%(time)s ago") % {"time": timesince(when, now, depth=1)}


@require_GET
@login_required
def devices_page(request: HttpRequest) -> HttpResponse:
    listed = devices.signed_in_devices(
        user=request.user, current_session_key=request.session.session_key
    )
    now = timezone.now()
    return render(
        request,
        "tracker/devices.html",
        {
            "devices": listed,
            "rows": [(device, _last_used(device.last_used_at, now)) for device in listed],
            "others": sum(not device.current for device in listed),
        },
    )


@require_POST
@login_required
def device_sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out one session or token; signing out this browser goes to the log-in page."""
    device_id = request.POST.get("device", "")
    is_current = device_id == _current_session_id(request)
    if not devices.device_end(user=request.user, device_id=device_id):
        raise Http404(_("No such device of yours."))
    if is_current:
        logout(request)
        return redirect("/login/")
    messages.success(request, _("Signed out that device."))
    return redirect(DEVICES_URL)


@require_POST
@login_required
def devices_sign_out_all(request: HttpRequest) -> HttpResponse:
    """Sign out every other device, or (with keep_this=no) this one too."""
    if request.POST.get("keep_this") == "no":
        devices.sessions_end(user=request.user)
        logout(request)
        return redirect("/login/")
    ended = devices.sessions_end(user=request.user, keep_session_key=request.session.session_key)
    messages.success(
        request,
        ngettext("Signed out %(count)d other device.", "Signed out %(count)d other devices.", ended)
        % {"count": ended}
        if ended
        else _("No other devices were signed in."),
    )
    return redirect(DEVICES_URL)
