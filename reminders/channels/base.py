from dataclasses import dataclass, field


class ChannelError(Exception):
    """A channel could not deliver.

    `permanent` errors are not retried; `target_gone` ones (a push subscription
    the service says has expired) also remove the target. Others are retried
    with backoff, after `retry_after` seconds when the service said how long.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        target_gone: bool = False,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.permanent = permanent or target_gone
        self.target_gone = target_gone
        self.retry_after = retry_after


@dataclass(frozen=True)
class Message:
    """What a reminder says, whatever the channel."""

    delivery_id: int
    title: str
    body: str
    url: str
    tag: str
    interactive: bool
    actions: list[dict] = field(default_factory=list)
    action_token: str = ""
    ttl_seconds: int = 900
    urgency: str = "normal"


@dataclass(frozen=True)
class Target:
    """Where one send goes: a push subscription or an email address.

    `key` identifies it in ChannelSend rows; `secrets` holds what the channel
    needs to send that the address does not say (a subscription's keys).
    """

    key: str
    address: str
    secrets: dict = field(default_factory=dict)


class Channel:
    """One way of reaching a person. Subclasses send one message to one target."""

    name = ""

    def targets_for(self, users) -> tuple["Channel", dict[int, list[Target]]]:
        """Return this channel and {user id: targets} for many users at once."""
        return self, {}

    def send(self, message: Message, target: Target) -> None:
        """Send or raise ChannelError."""
        raise ChannelError(f"channel {self.name!r} cannot send", permanent=True)

    def forget(self, target: Target) -> None:
        """Drop a target the service reported gone (a permanent error)."""

    def reached(self, targets: list[Target]) -> None:
        """Note targets that took a message (one call per delivery, in its transaction)."""
