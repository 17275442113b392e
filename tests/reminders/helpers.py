import time
from datetime import timedelta

from django.utils import timezone

from reminders.models import Delivery, Schedule


def wait_until(condition, timeout: float = 30, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def wait_for_state(delivery_id: int, state: str, timeout: float = 30) -> Delivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = Delivery.objects.get(pk=delivery_id)
        if delivery.state == state:
            return delivery
        time.sleep(0.1)
    raise AssertionError(f"delivery {delivery_id} stayed {delivery.state}, not {state}")


def due_schedule(user, *, minutes_ago=1) -> Schedule:
    now = timezone.now()
    return Schedule.objects.create(
        user=user, kind="sitting", next_fire_at=now - timedelta(minutes=minutes_ago),
        weekdays=[1, 2, 3, 4, 5, 6, 7], window_start="00:00", window_end="00:00",
    )  # fmt: skip
