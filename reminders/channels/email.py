from django.conf import settings
from django.core.mail import send_mail

from reminders.channels.base import Channel, ChannelError, Message, Target


class EmailChannel(Channel):
    """Reminders by email, through Django's email backend (console in development)."""

    name = "email"

    def targets_for(self, users) -> tuple[Channel, dict[int, list[Target]]]:
        return self, {u.pk: [Target(key="email", address=u.email)] for u in users if u.email}

    def send(self, message: Message, target: Target) -> None:
        link = f"{settings.SITE_URL.rstrip('/')}{message.url}"
        try:
            send_mail(
                subject=message.title,
                message=f"{message.body}\n\n{link}\n",
                from_email=None,
                recipient_list=[target.address],
            )
        except (OSError, TimeoutError) as error:
            raise ChannelError(f"email: {error}") from error
