"""Delivery channels, by the stable key stored in schedules and deliveries.

To add one (SMS, say): subclass channels.base.Channel, add it here and to
reminders.models.Channel.
"""

from reminders.channels.base import Channel, ChannelError, Message, Target
from reminders.channels.email import EmailChannel
from reminders.channels.webpush import WebPushChannel

CHANNELS: dict[str, type[Channel]] = {
    "push": WebPushChannel,
    "email": EmailChannel,
}

__all__ = ["CHANNELS", "Channel", "ChannelError", "Message", "Target"]
