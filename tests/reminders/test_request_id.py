"""The request id follows a request into the send task it enqueues, in a real worker."""

import logging

from reminders.models import Delivery, DeliveryState
from tests.conftest import client_for
from tests.reminders.helpers import wait_for_state


def test_a_test_push_logs_in_the_worker_under_the_requests_id(
    postgres, celery_worker, push_receiver, subscribed, caplog
):
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    user, _, _ = subscribed

    response = client_for(user).post("/api/v1/push/test/", HTTP_X_REQUEST_ID="trace-me-42")

    assert response.status_code == 202
    wait_for_state(Delivery.objects.get().pk, DeliveryState.SENT)
    sent = [r for r in caplog.records if r.getMessage() == "sent 1 of 1 deliveries"]
    assert [r.request_id for r in sent] == ["trace-me-42"]
    assert sent[0].task_id not in ("-", "trace-me-42")
