"""Resends racing each other on PostgreSQL: an offline outbox flushing twice at once."""

import threading
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from exercises.models import Audience, Exercise, ExerciseLog, Kind
from exercises.services import log_save
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sends_of_one_log_store_one_row_and_report_one_creation(postgres):
    user = make_user("racer")
    exercise = Exercise.objects.create(
        slug="low-lunge", name="Low lunge", kind=Kind.STRETCH, audience=Audience.SELF_CARE,
        summary="x", sources=["001.txt"],
    )  # fmt: skip
    log_id = uuid.uuid4()
    values = {"performed_at": timezone.now(), "exercise": exercise, "hold_seconds": 30}
    senders = 8
    barrier = threading.Barrier(senders)
    created_flags, errors = [], []

    def send():
        try:
            barrier.wait()
            _, created = log_save(user=user, log_id=log_id, values=values)
            created_flags.append(created)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(created_flags) == [False] * (senders - 1) + [True]
    assert ExerciseLog.objects.filter(pk=log_id).count() == 1
