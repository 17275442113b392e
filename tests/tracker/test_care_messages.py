"""Care messages through the API: the thread, unread counts, bad input, ended links, throttling."""

import pytest
from django.utils import timezone

from tests.tracker.test_care_links import link_between
from tracker import services as tracker_services
from tracker.models import CareMessage

LINKS = "/api/v1/care/links/"


def messages_url(link) -> str:
    return f"{LINKS}{link.pk}/messages/"


@pytest.fixture
def link(thera, alice):
    return link_between(thera, alice)


def unread_of(client, link) -> int:
    return next(row["unread"] for row in client.get(LINKS).json() if row["id"] == link.pk)


def test_a_message_and_its_reply_make_one_thread_with_unread_counts(
    link, thera, alice, thera_client, alice_client
):
    sent = thera_client.post(messages_url(link), {"body": "  How did the lunge feel?  "})

    assert sent.status_code == 201
    assert sent.json()["body"] == "How did the lunge feel?"  # trimmed
    assert sent.json()["from_me"] is True
    assert sent.json()["read_at"] is None
    assert unread_of(alice_client, link) == 1
    assert unread_of(thera_client, link) == 0  # one's own messages are never unread

    thread = alice_client.get(messages_url(link)).json()
    assert [(m["sender"], m["from_me"], m["body"]) for m in thread] == [
        (thera.pk, False, "How did the lunge feel?")
    ]
    read = alice_client.post(f"{messages_url(link)}read/")
    assert read.status_code == 200
    assert read.json() == {"marked": 1}
    assert unread_of(alice_client, link) == 0
    assert CareMessage.objects.get().read_at is not None

    alice_client.post(messages_url(link), {"body": "Better, thanks."})
    assert unread_of(thera_client, link) == 1
    thread = thera_client.get(messages_url(link)).json()
    assert [m["body"] for m in thread] == ["How did the lunge feel?", "Better, thanks."]
    # Marking read again marks nothing more.
    assert alice_client.post(f"{messages_url(link)}read/").json() == {"marked": 0}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"body": ""},
        {"body": "   \n  "},
        {"body": "x" * 2001},
        {"body": 42},
        {"body": ["hi"]},
        {"body": {"text": "hi"}},
        {"body": None},
        {"body": True},
        {"body": "nul \x00 inside"},
    ],
    ids=[
        "missing",
        "empty",
        "blank",
        "too-long",
        "number",
        "list",
        "object",
        "null",
        "bool",
        "nul",
    ],
)
def test_bad_input_is_a_400_on_the_body_and_stores_nothing(link, alice_client, body):
    response = alice_client.post(messages_url(link), body, format="json")

    assert response.status_code == 400
    assert "body" in response.json()
    assert CareMessage.objects.count() == 0


def test_2000_characters_are_accepted(link, alice_client):
    response = alice_client.post(messages_url(link), {"body": "é" * 2000}, format="json")

    assert response.status_code == 201
    assert len(CareMessage.objects.get().body) == 2000


def test_html_is_stored_as_typed(link, alice_client):
    text = '<script>alert("x")</script><b>bold</b> & more'

    response = alice_client.post(messages_url(link), {"body": text}, format="json")

    assert response.json()["body"] == text
    assert CareMessage.objects.get().body == text


def test_an_ended_link_is_read_only_for_both_and_stays_readable(
    link, thera, alice, thera_client, alice_client
):
    thera_client.post(messages_url(link), {"body": "See you next week."})
    tracker_services.link_end(link=link, by=alice, now=timezone.now())

    for client in (thera_client, alice_client):
        listed = client.get(messages_url(link))
        assert listed.status_code == 200
        assert [m["body"] for m in listed.json()] == ["See you next week."]
        refused = client.post(messages_url(link), {"body": "One more thing"})
        assert refused.status_code == 409
        assert "ended" in refused.json()["detail"]
    assert CareMessage.objects.count() == 1
    # Reading still works, so the count can reach zero.
    assert alice_client.post(f"{messages_url(link)}read/").json() == {"marked": 1}


def test_someone_not_on_the_link_gets_404_even_for_an_ended_one(link, alice, bob_client):
    tracker_services.link_end(link=link, by=alice, now=timezone.now())

    assert bob_client.get(messages_url(link)).status_code == 404
    assert bob_client.post(messages_url(link), {"body": "hi"}).status_code == 404
    assert bob_client.get(f"{LINKS}999999/messages/").status_code == 404


def test_sending_is_throttled_per_account(settings, link, alice_client, thera_client):
    settings.THROTTLE_MESSAGE_SEND = "3/hour"
    for number in range(3):
        assert alice_client.post(messages_url(link), {"body": f"m{number}"}).status_code == 201

    refused = alice_client.post(messages_url(link), {"body": "m3"})

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert CareMessage.objects.count() == 3
    # Reading is not throttled, and the other person has their own count.
    assert alice_client.get(messages_url(link)).status_code == 200
    assert thera_client.post(messages_url(link), {"body": "ok"}).status_code == 201


def test_each_message_is_due_for_a_notice_when_sent(link, alice_client):
    alice_client.post(messages_url(link), {"body": "Hello"})

    message = CareMessage.objects.get()
    assert message.notify_at == message.sent_at
    assert message.notified_at is None
