"""One-off notices to a person, outside their reminder schedules (a new care message).

They follow the reminders' own rules: the same channels (reminders.channels),
and never in the person's quiet hours, which are the quiet hours set on any of
their active reminders (a person with none set has none). What a notice says
and when it is due is the caller's business; this floor knows nothing of
care links.
"""

from dataclasses import dataclass
from datetime import datetime

from reminders.channels import CHANNELS, ChannelError, Message
from reminders.models import Schedule
from reminders.schedule import LocalWindow, quiet_until


@dataclass(frozen=True)
class Notice:
    """What a notice says.

    `url` is a path of the site; `tag` groups notices that replace each other.
    """

    title: str
    body: str
    url: str
    tag: str


def quiet_windows(*, user) -> list[LocalWindow]:
    """Return the person's quiet hours: those of every active reminder that has them."""
    rows = Schedule.objects.filter(
        user=user, is_active=True, quiet_start__isnull=False, quiet_end__isnull=False
    ).values_list("quiet_start", "quiet_end")
    return [LocalWindow(start, end) for start, end in set(rows)]


def notice_due_at(*, user, now: datetime) -> datetime:
    """Return when a notice to `user` may go out: now, or the end of their quiet hours."""
    return quiet_until(now, user.tzinfo, quiet_windows(user=user)) or now


def notice_send(*, user, notice: Notice) -> list[str]:
    """Send the notice by push to each of the person's browsers, else by email.

    Return the channels that took it ([] when the person has neither a push
    subscription nor an email address). A subscription the push service says is
    gone is removed. Raise ChannelError when every target failed and one of the
    failures may pass (the caller tries again later).
    """
    message = Message(
        delivery_id=0,
        title=notice.title,
        body=notice.body,
        url=notice.url,
        tag=notice.tag,
        interactive=False,
    )
    transient: ChannelError | None = None
    for key in ("push", "email"):
        channel, by_user = CHANNELS[key]().targets_for([user])
        reached = []
        for target in by_user.get(user.pk, []):
            try:
                channel.send(message, target)
            except ChannelError as error:
                if error.target_gone:
                    channel.forget(target)
                elif not error.permanent:
                    transient = error
                continue
            reached.append(target)
        if reached:
            channel.reached(reached)
            return [key]
    if transient is not None:
        raise transient
    return []
