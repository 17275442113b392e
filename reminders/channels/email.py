from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail

from reminders.channels.base import Channel, ChannelError, Message, Target


def emailable_addresses(users) -> dict[int, str]:
    """Return {user id: address} for those of `users` we may e-mail: a verified address.

    The one rule for every e-mail about a person's reminders and messages: only
    to the account's address once its owner opened the link that proves it is
    theirs (allauth's EmailAddress, verified). An address typed at sign-up or
    changed to but never confirmed may be someone else's. One query for all.
    """
    wanted = {u.pk: u.email.lower() for u in users if u.email}
    if not wanted:
        return {}
    verified = {
        (user_id, email.lower())
        for user_id, email in EmailAddress.objects.filter(
            user_id__in=wanted, verified=True
        ).values_list("user_id", "email")
    }
    return {u.pk: u.email for u in users if (u.pk, wanted.get(u.pk)) in verified}


class EmailChannel(Channel):
    """Reminders by email, through Django's email backend (console in development)."""

    name = "email"

    def targets_for(self, users) -> tuple[Channel, dict[int, list[Target]]]:
        addresses = emailable_addresses(users)
        return self, {pk: [Target(key="email", address=a)] for pk, a in addresses.items()}

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
