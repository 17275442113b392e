"""A patient accepts a therapist's invite: the code from the link, and consent to
reminders set by the therapist (unticked unless the patient ticks it).

The same serializer, service, one message for every bad code, and the same
throttles (shared with POST /api/v1/care/accept/) as the API.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tracker.care import services
from tracker.care.api import INVALID_CODE, CareAcceptIPThrottle, CareAcceptUserThrottle
from tracker.care.serializers import AcceptSerializer
from tracker.web.access import patient_required
from tracker.web.throttling import page_throttled

TEMPLATE = "tracker/care_accept.html"


@patient_required
@require_http_methods(["GET", "POST"])
def accept_page(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    context = {
        "code": source.get("code", ""),
        "consent": request.method == "POST" and "reminders_consent" in request.POST,
        "errors": {},
    }
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    if page_throttled(request, (CareAcceptUserThrottle(), CareAcceptIPThrottle())):
        context["errors"] = {"code": ["Too many attempts. Please wait and try again later."]}
        return render(request, TEMPLATE, context, status=429)
    incoming = AcceptSerializer(
        data={"code": context["code"], "reminders_consent": context["consent"]}
    )
    if not incoming.is_valid():
        context["errors"] = incoming.errors
        return render(request, TEMPLATE, context, status=400)
    try:
        link, created = services.invite_accept(
            patient=request.user,
            code=incoming.validated_data["code"],
            reminders_consent=incoming.validated_data["reminders_consent"],
            now=timezone.now(),
        )
    except services.InvalidInviteCode:
        # One message for unknown, expired and used codes.
        context["errors"] = {"code": [INVALID_CODE]}
        return render(request, TEMPLATE, context, status=400)
    therapist = link.therapist.display_name or link.therapist.username
    if created:
        messages.success(request, f"You are now linked with {therapist}: they see your progress.")
    else:
        messages.success(request, f"You were already linked with {therapist}.")
    return redirect("/today/")
