"""The messages pages through Django's test client: threads, escaping, read-only, access."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_user
from tracker import services as tracker_services
from tracker.models import CareLink, CareMessage, Role

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture
def link(thera, alice) -> CareLink:
    return CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def say(link, sender, body: str) -> CareMessage:
    return CareMessage.objects.create(
        link=link, sender=sender, body=body, sent_at=timezone.now(), notify_at=None
    )


def test_a_patient_with_one_therapist_goes_straight_to_the_thread(link, alice):
    response = logged_in(alice).get("/messages/")

    assert response.status_code == 302
    assert response["Location"] == f"/messages/{link.pk}/"


def test_a_patient_without_a_therapist_is_told_how_messages_work(alice):
    response = logged_in(alice).get("/messages/")

    assert response.status_code == 200
    assert b'id="no-threads"' in response.content


def test_html_in_a_message_is_shown_as_text_on_both_sides(link, thera, alice, library):
    say(link, alice, SCRIPT)

    for client, path in ((logged_in(alice), f"/messages/{link.pk}/"),
                         (logged_in(thera), f"/patients/{alice.pk}/")):  # fmt: skip
        page = client.get(path).content.decode()
        assert "<script>alert" not in page
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
            in page
        )


def test_the_header_counts_unread_messages_until_the_thread_is_opened(link, thera, alice):
    say(link, thera, "How is it going?")
    say(link, thera, "Any pain?")
    client = logged_in(alice)

    assert 'id="unread-count">2<' in client.get("/today/").content.decode()
    client.get(f"/messages/{link.pk}/")

    assert 'id="unread-count"' not in client.get("/account/").content.decode()
    assert CareMessage.objects.filter(read_at__isnull=True).count() == 0


def test_the_patient_list_shows_unread_messages_per_patient(link, thera, alice, library):
    say(link, alice, "Question about the lunge")
    client = logged_in(thera)

    page = client.get("/patients/").content.decode()
    assert 'class="unread-messages"' in page
    assert "1</span> new message<" in page
    client.get(f"/patients/{alice.pk}/")  # the page shows the thread: read

    assert 'class="unread-messages"' not in client.get("/patients/").content.decode()


def test_a_patient_sends_from_the_thread_page(link, alice):
    response = logged_in(alice).post(f"/messages/{link.pk}/", {"body": "Feeling better"})

    assert response.status_code == 302
    assert CareMessage.objects.get().body == "Feeling better"
    assert CareMessage.objects.get().sender == alice


def test_the_therapist_replies_from_the_patients_page(link, thera, alice, library):
    client = logged_in(thera)

    response = client.post(f"/patients/{alice.pk}/messages/post/", {"body": "Keep going"})

    assert response.status_code == 302
    assert response["Location"] == f"/patients/{alice.pk}/#messages"
    assert CareMessage.objects.get().sender == thera
    page = client.get(f"/patients/{alice.pk}/").content.decode()
    assert "Keep going" in page
    assert 'id="glance-pain"' in page


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001, "nul \x00 inside"])
def test_bad_text_is_refused_with_a_message_and_the_draft_kept(link, alice, body):
    response = logged_in(alice).post(f"/messages/{link.pk}/", {"body": body})

    assert response.status_code == 400
    assert b'id="message-errors"' in response.content
    assert CareMessage.objects.count() == 0


def test_the_therapists_bad_reply_shows_its_error_on_the_patients_page(link, thera, alice, library):
    client = logged_in(thera)

    response = client.post(f"/patients/{alice.pk}/messages/post/", {"body": " "}, follow=True)

    assert b"Write something first." in response.content
    assert CareMessage.objects.count() == 0


def test_an_ended_link_shows_its_thread_without_a_form(link, thera, alice):
    say(link, thera, "Last note")
    tracker_services.link_end(link=link, by=alice, now=timezone.now())
    client = logged_in(alice)

    page = client.get(f"/messages/{link.pk}/").content.decode()
    refused = client.post(f"/messages/{link.pk}/", {"body": "Hello?"})

    assert "Last note" in page
    assert 'id="thread-ended"' in page
    assert 'id="message-form"' not in page
    assert refused.status_code == 400
    assert CareMessage.objects.count() == 1


def test_other_people_get_404(link, thera, alice, bob):
    other_thera = make_user("otto", role=Role.THERAPIST)

    assert logged_in(bob).get(f"/messages/{link.pk}/").status_code == 404
    assert logged_in(bob).post(f"/messages/{link.pk}/", {"body": "hi"}).status_code == 404
    post = logged_in(other_thera).post(f"/patients/{alice.pk}/messages/post/", {"body": "hi"})
    assert post.status_code == 404
    assert CareMessage.objects.count() == 0


def test_page_sends_share_the_apis_throttle(settings, link, alice):
    settings.THROTTLE_MESSAGE_SEND = "2/hour"
    client = logged_in(alice)
    for number in range(2):
        client.post(f"/messages/{link.pk}/", {"body": f"m{number}"})

    refused = client.post(f"/messages/{link.pk}/", {"body": "m2"})

    assert refused.status_code == 400
    assert b"many messages" in refused.content
    assert CareMessage.objects.count() == 2


def test_times_in_a_thread_are_the_viewers_own(link, thera, alice):
    # alice lives in Europe/Berlin (UTC+1 in January).
    CareMessage.objects.create(link=link, sender=thera, body="Hi", sent_at="2026-01-10T08:00:00Z")

    page = logged_in(alice).get(f"/messages/{link.pk}/").content.decode()

    assert "10 Jan, 09:00" in page
