"""Messages between a therapist and a patient: one thread per care link.

Reads (`link_for_messages`, `thread`, `unread_counts`, …) and writes
(`message_send`, `thread_mark_read`, `message_notify`), for the API and the
pages alike. Only the two people of a link reach its thread, whether the link
is active or ended; an ended link's thread is read-only.

Notifications (README, "Messages"): each new message is due for a notice to
the other person at once; `message_notify` (a Celery task, enqueued on
commit) sends it by push, else email, unless the person is in their quiet
hours, in which case the notice is held until they end (`notify_at`) and the
beat sweep sends it then. A message read before its notice goes out gets none.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from reminders.channels import ChannelError
from reminders.notices import Notice, notice_due_at, notice_send
from tracker.models import MESSAGE_MAX_CHARS, CareLink, CareMessage, Role, User

# After a notice failed on every channel for a reason that may pass.
NOTIFY_RETRY = timedelta(minutes=5)


class ThreadReadOnly(Exception):
    """The link has ended: its thread can be read, not written to."""


class InvalidMessage(ValueError):
    """The text cannot be a message; str() says why, for the person who wrote it."""


class EmptyMessage(InvalidMessage):
    pass


class MessageTooLong(InvalidMessage):
    pass


def link_for_messages(*, user: User, link_id: int) -> CareLink | None:
    """Return the link if `user` is one of its two people (active or ended), else None."""
    return (
        CareLink.objects.filter(Q(patient=user) | Q(therapist=user), pk=link_id)
        .select_related("therapist", "patient")
        .first()
    )


def active_link_between(*, therapist: User, patient_id: int) -> CareLink | None:
    """Return the therapist's active link to the patient, or None (ended, unknown, not theirs)."""
    return (
        CareLink.objects.filter(therapist=therapist, patient_id=patient_id, ended_at__isnull=True)
        .select_related("therapist", "patient")
        .first()
    )


def thread(*, link: CareLink) -> QuerySet[CareMessage]:
    """Return the link's messages, oldest first."""
    return CareMessage.objects.filter(link=link).order_by("sent_at", "id")


def _unread_for(user: User) -> Q:
    return Q(messages__read_at__isnull=True) & ~Q(messages__sender=user)


def with_unread(links: QuerySet[CareLink], *, user: User) -> QuerySet[CareLink]:
    """Annotate each link with `unread`: messages to `user` they have not read."""
    return links.annotate(unread=Count("messages", filter=_unread_for(user)))


def unread_total(*, user: User) -> int:
    """Return how many messages to `user`, on any link of theirs, are unread."""
    return (
        CareMessage.objects.filter(Q(link__patient=user) | Q(link__therapist=user))
        .filter(read_at__isnull=True)
        .exclude(sender=user)
        .count()
    )


def unread_by_patient(*, therapist: User) -> dict[int, int]:
    """Return {patient id: unread messages from them} over the therapist's active links."""
    rows = (
        CareMessage.objects.filter(
            link__therapist=therapist, link__ended_at__isnull=True, read_at__isnull=True
        )
        .exclude(sender=therapist)
        .values("link__patient")
        .annotate(count=Count("id"))
    )
    return {row["link__patient"]: row["count"] for row in rows}


def threads_for(*, user: User) -> QuerySet[CareLink]:
    """Return every link of the user (ended ones too, either side), with `unread`, newest first."""
    links = CareLink.objects.filter(Q(patient=user) | Q(therapist=user)).select_related(
        "therapist", "patient"
    )
    return with_unread(links, user=user).order_by("ended_at", "-created_at", "-id")


def clean_body(body: str) -> str:
    """Return the message text as it is stored: trimmed, checked, never interpreted.

    Raise EmptyMessage, MessageTooLong or InvalidMessage (a NUL character,
    which PostgreSQL cannot store in text). The text is kept as typed (HTML is
    text like any other); every page escapes it when showing it.
    """
    if "\x00" in body:
        raise InvalidMessage(_("Remove the NUL character from the message."))
    text = body.strip()
    if not text:
        raise EmptyMessage(_("Write something first."))
    if len(text) > MESSAGE_MAX_CHARS:
        raise MessageTooLong(_("At most %(count)d characters.") % {"count": MESSAGE_MAX_CHARS})
    return text


def message_send(
    *,
    link: CareLink,
    sender: User,
    body: str,
    now: datetime,
    enqueue: Callable[[int], None],
) -> CareMessage:
    """Store a message on the link and enqueue its notice to the other person on commit.

    1. Lock the link, so that a message cannot slip in after it ended.
    2. Refuse an ended link (ThreadReadOnly) and bad text (EmptyMessage, MessageTooLong).
    3. Store it, due for a notice now; `enqueue(message id)` runs once it is committed.
    """
    text = clean_body(body)
    with transaction.atomic():
        locked = CareLink.objects.select_for_update().get(pk=link.pk)
        if not locked.is_active:
            raise ThreadReadOnly(_("This conversation has ended: it can be read, not answered."))
        message = CareMessage.objects.create(
            link=locked, sender=sender, body=text, sent_at=now, notify_at=now
        )
        transaction.on_commit(lambda: enqueue(message.pk))
    return message


def thread_mark_read(*, link: CareLink, reader: User, now: datetime) -> int:
    """Mark every message to `reader` on the link read; return how many were unread."""
    return (
        CareMessage.objects.filter(link=link, read_at__isnull=True)
        .exclude(sender=reader)
        .update(read_at=now, notify_at=None)
    )


def recipient_of(message: CareMessage) -> User:
    link = message.link
    return link.patient if message.sender_id == link.therapist_id else link.therapist


def notice_for(message: CareMessage) -> Notice:
    """Return what the recipient's notice says: who wrote, never what (lock screens, email).

    In the recipient's language, whatever the worker's.
    """
    sender = message.sender
    recipient = recipient_of(message)
    if recipient.role == Role.THERAPIST:
        url = f"/patients/{message.link.patient_id}/#messages"
    else:
        url = f"/messages/{message.link_id}/"
    with translation.override(recipient.language):
        fallback = _("your therapist") if sender.role == Role.THERAPIST else sender.username
        return Notice(
            title=_("New message from %(name)s") % {"name": sender.display_name or fallback},
            body=_("Open StretchStop to read it."),
            url=url,
            tag=f"care-message-{message.link_id}",
        )


def message_notify(*, message_id: int, now: datetime) -> str:
    """Send the notice of one message if it is due; return what happened.

    1. Nothing to do unless the notice is due (`notify_at` not after now) and
       the message is still unread: "not due", "read".
    2. In the recipient's quiet hours: move `notify_at` to their end: "held".
    3. Claim the notice (a conditional update: of two workers, one wins), send
       it by push, else email: "sent", or "no channel" when the person has
       neither. When every channel failed for a reason that may pass, it is due
       again in NOTIFY_RETRY: "retry".
    """
    message = (
        CareMessage.objects.select_related("link__therapist", "link__patient", "sender")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.notify_at is None or message.notify_at > now:
        return "not due"
    if message.read_at is not None:
        CareMessage.objects.filter(pk=message_id).update(notify_at=None)
        return "read"
    recipient = recipient_of(message)
    due = notice_due_at(user=recipient, now=now)
    if due > now:
        CareMessage.objects.filter(pk=message_id, notified_at__isnull=True).update(notify_at=due)
        return "held"
    claimed = CareMessage.objects.filter(
        pk=message_id, notify_at=message.notify_at, notified_at__isnull=True
    ).update(notify_at=None)
    if not claimed:
        return "not due"
    try:
        channels = notice_send(user=recipient, notice=notice_for(message))
    except ChannelError:
        CareMessage.objects.filter(pk=message_id).update(notify_at=now + NOTIFY_RETRY)
        return "retry"
    if not channels:
        return "no channel"
    CareMessage.objects.filter(pk=message_id).update(notified_at=now, notified_by=channels)
    return "sent"


def notices_due(*, now: datetime, limit: int = 500) -> list[int]:
    """Return ids of messages whose notice is due (held through quiet hours, or lost)."""
    return list(
        CareMessage.objects.filter(notify_at__lte=now, notified_at__isnull=True)
        .order_by("notify_at")
        .values_list("pk", flat=True)[:limit]
    )
