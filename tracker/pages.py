"""Server-rendered pages. The PWA's pages arrive with its issue; this is the
reminder page a notification opens, which must work where a notification has
no action buttons (Safari) and with no session (the link carries a token).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reminders import services as reminder_services
from reminders.models import Delivery
from reminders.sending import message_for
from tracker.languages import user_language_activate

SNOOZE_CHOICES = (10, 20, 30)


def _delivery_for(request: HttpRequest, delivery_id: int, token: str) -> Delivery:
    deliveries = Delivery.objects.select_related("user", "schedule", "routine", "drive")
    if request.user.is_authenticated:
        delivery = deliveries.filter(pk=delivery_id, user=request.user).first()
        if delivery is not None:
            return delivery
    if token and reminder_services.action_token_valid(token, delivery_id):
        delivery = deliveries.filter(pk=delivery_id).first()
        if delivery is not None:
            return delivery
    # Unknown, someone else's, or a bad token: the same answer for all three.
    raise Http404


def _answer(delivery: Delivery, action: str) -> None:
    now = timezone.now()
    if action == "done":
        reminder_services.delivery_done(delivery=delivery, now=now)
    elif action == "skip":
        reminder_services.delivery_skip(delivery=delivery, now=now)
    elif action.startswith("snooze:") and action[7:] in {str(m) for m in SNOOZE_CHOICES}:
        reminder_services.delivery_snooze(delivery=delivery, minutes=int(action[7:]), now=now)
    else:
        raise ValueError(action)


@require_http_methods(["GET", "POST"])
def delivery_page(request: HttpRequest, delivery_id: int) -> HttpResponse:
    token = request.POST.get("token") or request.GET.get("token", "")
    delivery = _delivery_for(request, delivery_id, token)
    # The link carries a token, not a session: the page speaks the recipient's
    # language, as the notification that opened it did (message_for).
    user_language_activate(request, delivery.user)
    if request.method == "POST":
        try:
            _answer(delivery, request.POST.get("action", ""))
        except ValueError:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
        except reminder_services.ActionConflict as conflict:
            return HttpResponse(str(conflict), status=409, content_type="text/plain")
        # Post/redirect/get: a reload does not answer twice.
        suffix = f"?token={token}" if token else ""
        return redirect(f"/reminders/{delivery.pk}/{suffix}")
    routine = reminder_services.suggested_routine(delivery)
    return render(
        request,
        "reminders/delivery.html",
        {
            "delivery": delivery,
            "message": message_for(delivery),
            "routine": routine,
            "token": token,
            "snooze_choices": SNOOZE_CHOICES,
        },
    )
