"""Messages pages: the patient's threads, and the therapist's reply from a patient's page.

The same rules as the API (tracker.care.messages): only the two people of a
link see its thread, an ended link's thread is read-only, and sending shares
the API's throttle (THROTTLE_MESSAGE_SEND). Opening a thread marks what it
shows as read.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tracker.api.throttles import MessageSendThrottle
from tracker.audit import access_note
from tracker.care import messages, selectors
from tracker.care.tasks import enqueue_message_notice
from tracker.models import MESSAGE_MAX_CHARS, CareLink, User
from tracker.web.access import patient_required, therapist_required
from tracker.web.throttling import page_throttled

THROTTLED = gettext_lazy("You have sent many messages in a short time. Try again later.")


@dataclass(frozen=True)
class ThreadView:
    """A thread as a page shows it to one of its two people."""

    link: CareLink
    other_name: str
    entries: list
    read_only: bool
    max_chars: int = MESSAGE_MAX_CHARS


def thread_view(*, link: CareLink, viewer: User, mark_read: bool = True) -> ThreadView:
    """Return the thread for `viewer`, marking what it shows as read."""
    other = link.therapist if link.patient_id == viewer.pk else link.patient
    entries = list(messages.thread(link=link))
    if mark_read:
        messages.thread_mark_read(link=link, reader=viewer, now=timezone.now())
    return ThreadView(
        link=link,
        other_name=other.display_name or other.username,
        entries=entries,
        read_only=not link.is_active,
    )


def send_from_form(request: HttpRequest, link: CareLink) -> list[str]:
    """Send the form's message on the link; return the errors ([] when it was sent)."""
    if page_throttled(request, [MessageSendThrottle()]):
        return [str(THROTTLED)]
    body = request.POST.get("body", "")
    try:
        messages.message_send(
            link=link,
            sender=request.user,
            body=body,
            now=timezone.now(),
            enqueue=enqueue_message_notice,
        )
    except (messages.InvalidMessage, messages.ThreadReadOnly) as error:
        return [str(error)]
    return []


@patient_required
def threads_page(request: HttpRequest) -> HttpResponse:
    """The patient's threads, one per therapist link; with only one, that thread."""
    links = list(messages.threads_for(user=request.user))
    if len(links) == 1:
        return redirect(f"/messages/{links[0].pk}/")
    return render(request, "tracker/messages.html", {"links": links})


@patient_required
@require_http_methods(["GET", "POST"])
def thread_page(request: HttpRequest, link_id: int) -> HttpResponse:
    link = messages.link_for_messages(user=request.user, link_id=link_id)
    if link is None:
        raise Http404()
    errors, draft = [], ""
    if request.method == "POST":
        errors = send_from_form(request, link)
        if not errors:
            return redirect(f"/messages/{link.pk}/#message-form")
        draft = request.POST.get("body", "")
    context = {
        "thread": thread_view(link=link, viewer=request.user),
        "errors": errors,
        "draft": draft,
        "action": f"/messages/{link.pk}/",
        "has_other_threads": messages.threads_for(user=request.user).count() > 1,
    }
    return render(request, "tracker/thread.html", context, status=400 if errors else 200)


@therapist_required
@require_POST
def patient_message_post(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The therapist's reply from the patient's page (the thread of their active link)."""
    link = messages.active_link_between(therapist=request.user, patient_id=patient_id)
    if link is None:
        raise Http404()
    access_note(request, patients=[link.patient_id])
    errors = send_from_form(request, link)
    if errors:
        request.session["message_errors"] = errors
        request.session["message_draft"] = request.POST.get("body", "")[: MESSAGE_MAX_CHARS * 2]
    return redirect(f"/patients/{patient_id}/#messages")


def patient_thread_context(request: HttpRequest, patient: User) -> dict:
    """Return the patient page's thread, with the latest pain and adherence shown beside it.

    The caller found the patient through the active link; the numbers are the
    dashboard's (tracker.care.selectors.dashboard_rows), for this patient only.
    """
    rows = selectors.dashboard_rows(
        therapist=request.user, now=timezone.now(), patient_id=patient.pk
    )
    if not rows:
        # The link ended since the caller found the patient.
        raise Http404("No such patient.")
    row = rows[0]
    return {
        "thread": thread_view(link=row.link, viewer=request.user),
        "glance": row,
        "message_errors": request.session.pop("message_errors", []),
        "draft": request.session.pop("message_draft", ""),
        "action": f"/patients/{patient.pk}/messages/post/",
    }
