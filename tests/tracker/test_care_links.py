"""Care links: invites, accepting them, ending links, consent, and who may see what."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from exercises.models import Audience, Exercise, Kind, Plan, PlanTemplate
from exercises.services import plan_create, template_create
from reminders.models import Schedule
from tests.conftest import client_for, make_user
from tracker import services as tracker_services
from tracker.care import selectors, services
from tracker.care.services import INVALID_CODE
from tracker.models import CareInvite, CareLink, CareMessage, PainEntry, Role, User

ACCEPT = "/api/v1/care/accept/"
INVITES = "/api/v1/care/invites/"
LINKS = "/api/v1/care/links/"


def link_between(therapist: User, patient: User, *, consent: bool = False) -> CareLink:
    now = timezone.now()
    _, code = services.invite_create(therapist=therapist, now=now)
    link, _ = services.invite_accept(patient=patient, code=code, reminders_consent=consent, now=now)
    return link


@pytest.fixture
def thera_link(thera, alice) -> CareLink:
    return link_between(thera, alice, consent=True)


# Invites


def test_a_therapist_creates_an_invite_with_a_code_and_a_link(settings, thera_client, thera):
    # The link is on the address the request came in on, whatever SITE_URL says.
    settings.SITE_URL = "https://elsewhere.example"
    settings.ALLOWED_HOSTS = ["app.example.org"]
    before = timezone.now()

    response = thera_client.post(INVITES, HTTP_HOST="app.example.org:8443", secure=True)

    assert response.status_code == 201
    code = response.json()["code"]
    assert len(code) >= 8
    assert set(code) <= set(services.CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert response.json()["link"] == f"https://app.example.org:8443/care/accept/?code={code}"
    invite = CareInvite.objects.get(therapist=thera)
    assert invite.expires_at - before >= timedelta(days=7)
    assert invite.expires_at - before < timedelta(days=7, minutes=1)
    # Only a keyed hash is stored: the code itself is in no column.
    assert invite.code_hash == services.code_hash(code)
    assert code not in invite.code_hash


def test_invite_codes_differ(thera):
    now = timezone.now()
    codes = {services.invite_create(therapist=thera, now=now)[1] for _ in range(20)}

    assert len(codes) == 20


def test_a_patient_cannot_create_an_invite(alice_client):
    response = alice_client.post(INVITES)

    assert response.status_code == 403
    assert CareInvite.objects.count() == 0


# Accepting


def test_a_patient_accepts_an_invite_with_consent(thera, thera_client, alice, alice_client):
    code = thera_client.post(INVITES).json()["code"]

    response = alice_client.post(ACCEPT, {"code": code, "reminders_consent": True})

    assert response.status_code == 201
    body = response.json()
    assert body["therapist"] == {"id": thera.pk, "display_name": "Thera Pist"}
    assert body["patient"] == {"id": alice.pk, "display_name": "Alice"}
    assert body["active"] is True
    assert body["reminders_consent"] is True
    link = CareLink.objects.get()
    assert (link.therapist, link.patient, link.ended_at) == (thera, alice, None)
    invite = CareInvite.objects.get()
    assert invite.used_by == alice
    assert invite.used_at is not None


def test_consent_is_off_unless_given(thera, alice_client):
    _, code = services.invite_create(therapist=thera, now=timezone.now())

    response = alice_client.post(ACCEPT, {"code": code})

    assert response.status_code == 201
    assert response.json()["reminders_consent"] is False


def test_a_code_is_accepted_in_lower_case_and_with_spaces_or_dashes(thera, alice_client):
    _, code = services.invite_create(therapist=thera, now=timezone.now())
    typed = f" {code[:5].lower()}-{code[5:]} "

    response = alice_client.post(ACCEPT, {"code": typed})

    assert response.status_code == 201


def test_accepting_while_already_linked_keeps_the_link_and_records_the_consent(
    thera, alice, alice_client, thera_link
):
    _, code = services.invite_create(therapist=thera, now=timezone.now())

    response = alice_client.post(ACCEPT, {"code": code, "reminders_consent": False})

    assert response.status_code == 200
    assert response.json()["id"] == thera_link.pk
    assert CareLink.objects.count() == 1
    thera_link.refresh_from_db()
    assert thera_link.reminders_consent is False


def test_a_new_invite_links_again_after_a_link_ended(thera, alice, alice_client, thera_link):
    tracker_services.link_end(link=thera_link, by=alice, now=timezone.now())
    _, code = services.invite_create(therapist=thera, now=timezone.now())

    response = alice_client.post(ACCEPT, {"code": code})

    assert response.status_code == 201
    assert response.json()["id"] != thera_link.pk
    assert list(selectors.patients_of(thera)) == [alice]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"code": ""},
        {"code": None},
        {"code": ["ABCDEFGHJK"]},
        {"code": "x" * 65},
        {"code": "ABCDEFGHJK", "reminders_consent": "perhaps"},
    ],
)
def test_bad_accept_input_is_a_field_error(thera, alice_client, body):
    response = alice_client.post(ACCEPT, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) <= {"code", "reminders_consent"}
    assert CareLink.objects.count() == 0


def test_a_wrong_code_says_nothing_about_why(thera, alice_client):
    services.invite_create(therapist=thera, now=timezone.now())

    response = alice_client.post(ACCEPT, {"code": "ABCDEFGHJK"})

    assert response.status_code == 400
    assert response.json() == {"code": [INVALID_CODE]}
    assert CareLink.objects.count() == 0


def test_a_used_code_answers_like_a_wrong_one(thera, alice_client, bob_client):
    _, code = services.invite_create(therapist=thera, now=timezone.now())
    assert alice_client.post(ACCEPT, {"code": code}).status_code == 201

    response = bob_client.post(ACCEPT, {"code": code})

    assert response.status_code == 400
    assert response.json() == {"code": [INVALID_CODE]}
    assert CareLink.objects.count() == 1


def test_a_used_code_cannot_be_accepted_again_even_by_the_same_patient(thera, alice):
    now = timezone.now()
    _, code = services.invite_create(therapist=thera, now=now)
    services.invite_accept(patient=alice, code=code, reminders_consent=False, now=now)

    with pytest.raises(services.InvalidInviteCode):
        services.invite_accept(patient=alice, code=code, reminders_consent=False, now=now)


def test_a_code_expires_after_seven_days(thera, alice, bob):
    created = timezone.now()
    invite, code = services.invite_create(therapist=thera, now=created)
    _, other_code = services.invite_create(therapist=thera, now=created)

    with pytest.raises(services.InvalidInviteCode):
        services.invite_accept(
            patient=alice, code=code, reminders_consent=False, now=created + timedelta(days=7)
        )
    # A second before the end it still works.
    link, created_link = services.invite_accept(
        patient=bob,
        code=other_code,
        reminders_consent=False,
        now=created + timedelta(days=7, seconds=-1),
    )

    assert created_link and link.patient == bob
    invite.refresh_from_db()
    assert invite.used_at is None


def test_an_expired_code_answers_like_a_wrong_one(thera, alice_client):
    _, code = services.invite_create(
        therapist=thera, now=timezone.now() - timedelta(days=7, minutes=1)
    )

    response = alice_client.post(ACCEPT, {"code": code})

    assert response.status_code == 400
    assert response.json() == {"code": [INVALID_CODE]}


def test_a_therapist_cannot_accept_an_invite(thera, db):
    other = make_user("otto", role=Role.THERAPIST)
    _, code = services.invite_create(therapist=thera, now=timezone.now())

    response = client_for(other).post(ACCEPT, {"code": code})

    assert response.status_code == 403
    assert CareLink.objects.count() == 0
    # The refusal did not use the code up.
    assert CareInvite.objects.get().used_at is None


def test_the_roles_are_enforced_in_the_services_too(thera, alice):
    with pytest.raises(services.CareRoleError):
        services.invite_create(therapist=alice, now=timezone.now())
    _, code = services.invite_create(therapist=thera, now=timezone.now())
    with pytest.raises(services.CareRoleError):
        services.invite_accept(
            patient=thera, code=code, reminders_consent=False, now=timezone.now()
        )


def test_one_active_link_per_pair_is_a_database_constraint(thera, alice, thera_link):
    with pytest.raises(IntegrityError):
        CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())


# Throttling


def test_accepting_is_throttled_per_user_with_retry_after(settings, thera, alice):
    settings.THROTTLE_CARE_ACCEPT_USER = "3/min"
    settings.THROTTLE_CARE_ACCEPT_IP = "1000/min"
    client = client_for(alice)
    statuses = []
    for attempt in range(4):
        # A different address each time: spreading guesses over addresses does not help.
        response = client.post(ACCEPT, {"code": "ABCDEFGHJK"}, REMOTE_ADDR=f"10.0.0.{attempt + 1}")
        statuses.append(response.status_code)

    assert statuses == [400, 400, 400, 429]
    assert int(response["Retry-After"]) > 0


def test_accepting_is_throttled_per_address_across_accounts(settings, thera):
    settings.THROTTLE_CARE_ACCEPT_USER = "1000/min"
    settings.THROTTLE_CARE_ACCEPT_IP = "3/min"
    _, code = services.invite_create(therapist=thera, now=timezone.now())
    statuses = []
    for n in range(4):
        patient = make_user(f"guesser{n}", role=Role.PATIENT)
        response = client_for(patient).post(ACCEPT, {"code": code if n == 3 else "ABCDEFGHJK"})
        statuses.append(response.status_code)

    assert statuses == [400, 400, 400, 429]
    assert int(response["Retry-After"]) > 0
    # Even the right code is refused once throttled, and it stays unused.
    assert CareLink.objects.count() == 0
    assert CareInvite.objects.get().used_at is None


# Listing, ending, consent


def test_both_sides_list_their_links(thera, thera_client, alice, alice_client, bob_client):
    link = link_between(thera, alice, consent=True)

    for client in (thera_client, alice_client):
        response = client.get(LINKS)
        assert response.status_code == 200
        assert response.json() == [
            {
                "id": link.pk,
                "therapist": {"id": thera.pk, "display_name": "Thera Pist"},
                "patient": {"id": alice.pk, "display_name": "Alice"},
                "active": True,
                "reminders_consent": True,
                "created_at": link.created_at.isoformat().replace("+00:00", "Z"),
                "ended_at": None,
                "unread": 0,
            }
        ]
    assert bob_client.get(LINKS).json() == []


@pytest.mark.parametrize("side", ["therapist", "patient"])
def test_either_side_ends_a_link_at_once(thera, alice, thera_link, side):
    ender = thera if side == "therapist" else alice

    response = client_for(ender).delete(f"{LINKS}{thera_link.pk}/")

    assert response.status_code == 204
    thera_link.refresh_from_db()
    assert thera_link.ended_at is not None
    assert thera_link.ended_by == ender
    assert client_for(thera).get(f"/api/v1/care/patients/{alice.pk}/").status_code == 404
    assert client_for(thera).get(LINKS).json() == []
    listed = client_for(alice).get(LINKS).json()
    assert [(item["id"], item["active"]) for item in listed] == [(thera_link.pk, False)]


def test_ending_an_ended_link_again_changes_nothing(thera, alice, thera_link):
    ended = tracker_services.link_end(
        link=thera_link, by=alice, now=timezone.now() - timedelta(days=1)
    )

    response = client_for(alice).delete(f"{LINKS}{thera_link.pk}/")

    assert response.status_code == 204
    thera_link.refresh_from_db()
    assert (thera_link.ended_at, thera_link.ended_by) == (ended.ended_at, alice)
    # The therapist no longer reaches it at all.
    assert client_for(thera).delete(f"{LINKS}{thera_link.pk}/").status_code == 404


def test_the_patient_withdraws_and_gives_reminders_consent(alice_client, thera_link):
    response = alice_client.patch(f"{LINKS}{thera_link.pk}/", {"reminders_consent": False})

    assert response.status_code == 200
    assert response.json()["reminders_consent"] is False
    thera_link.refresh_from_db()
    assert thera_link.reminders_consent is False

    response = alice_client.patch(f"{LINKS}{thera_link.pk}/", {"reminders_consent": True})
    assert response.json()["reminders_consent"] is True


def test_consent_cannot_change_on_an_ended_link(alice, alice_client, thera_link):
    tracker_services.link_end(link=thera_link, by=alice, now=timezone.now())

    response = alice_client.patch(f"{LINKS}{thera_link.pk}/", {"reminders_consent": False})

    assert response.status_code == 400
    thera_link.refresh_from_db()
    assert thera_link.reminders_consent is True


def test_bad_consent_input_is_a_field_error(alice_client, thera_link):
    response = alice_client.patch(f"{LINKS}{thera_link.pk}/", {"reminders_consent": "maybe"})

    assert response.status_code == 400
    assert set(response.json()) == {"reminders_consent"}
    thera_link.refresh_from_db()
    assert thera_link.reminders_consent is True


def test_a_linked_therapist_sees_the_minimal_patient_view(thera_client, alice, thera_link):
    response = thera_client.get(f"/api/v1/care/patients/{alice.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": alice.pk,
        "display_name": "Alice",
        "profile": "desk",
        "timezone": "Europe/Berlin",
    }


def test_patients_of_follows_only_active_links(thera, alice, bob, thera_link):
    bob_link = link_between(thera, bob)
    tracker_services.link_end(link=bob_link, by=bob, now=timezone.now())

    assert list(selectors.patients_of(thera)) == [alice]
    assert selectors.linked_patient_or_none(therapist=thera, patient_id=bob.pk) is None
    assert selectors.linked_patient_or_none(therapist=thera, patient_id=alice.pk) == alice
    assert list(selectors.patients_of(alice)) == []
    assert list(selectors.active_links_for(bob)) == []
    assert list(selectors.active_links_for(alice)) == [thera_link]


# The access matrix: every care endpoint, every kind of caller.

ACTORS = ["linked_therapist", "other_therapist", "ended_therapist", "patient", "other_patient"]
ACTORS_AND_ANON = [*ACTORS, "anonymous"]


@pytest.fixture
def cast(thera, alice, bob, thera_link) -> dict:
    """The patient alice, linked to thera; enid, whose link to alice ended; otto; bob.

    Alice has a plan and a sitting reminder from thera, and a plan and a
    reminder enid set while linked (turned off when that link ended).
    """
    enid = make_user("enid", role=Role.THERAPIST, display_name="Enid")
    ended_link = link_between(enid, alice, consent=True)
    # A tiny library of one: loading the real one for each matrix case is slow.
    stretch = Exercise.objects.create(
        slug="matrix-stretch",
        name="Matrix stretch",
        kind=Kind.STRETCH,
        audience=Audience.SELF_CARE,
        summary="A stretch.",
    )
    item = {"exercise": stretch, "hold_seconds": 30}
    plan = plan_create(user=alice, name="Hips", items=[item], assigned_by=thera)
    plan_create(user=alice, name="Enid's", items=[item], assigned_by=enid)
    template = template_create(owner=thera, name="Hips", items=[item])
    now = timezone.now()
    for therapist in (thera, enid):
        services.care_reminder_save(
            therapist=therapist, patient=alice, values={"interval_minutes": 60}, now=now
        )
    tracker_services.link_end(link=ended_link, by=alice, now=now)
    # A rating of 9 raises an alert on thera's dashboard, for the acknowledge row.
    high = PainEntry.objects.create(user=alice, recorded_at=now, rating=9)
    users = {
        "linked_therapist": thera,
        "other_therapist": make_user("otto", role=Role.THERAPIST),
        "ended_therapist": enid,
        "patient": alice,
        "other_patient": bob,
    }
    clients = {name: client_for(user) for name, user in users.items()}
    clients["anonymous"] = APIClient()
    pending_invite, _ = services.invite_create(therapist=thera, now=now)
    return {
        "clients": clients,
        "invite": pending_invite,
        "link": thera_link,
        "patient": alice,
        "plan": plan,
        "template": template,
        "alert": f"pain_high:{high.pk}",
    }


def _request(cast: dict, actor: str, method: str, path: str, body: dict | None = None):
    path = path.format(
        invite=cast["invite"].pk,
        link=cast["link"].pk,
        patient=cast["patient"].pk,
        plan=cast["plan"].pk,
        template=cast["template"].pk,
        alert=cast["alert"],
    )
    if callable(body):
        body = body(cast)
    return getattr(cast["clients"][actor], method)(path, body, format="json")


ONLY_LINKED = dict.fromkeys(ACTORS, 404)

# (method, path, body, {actor: status}); anonymous is always 401.
MATRIX = [
    (
        "post",
        "/api/v1/care/invites/",
        None,
        {"linked_therapist": 201, "other_therapist": 201, "ended_therapist": 201}
        | {"patient": 403, "other_patient": 403},
    ),
    # Invites: each therapist lists their own (enid's and otto's lists are
    # empty); only the one who made an invite cancels it.
    (
        "get",
        "/api/v1/care/invites/",
        None,
        dict.fromkeys(["linked_therapist", "other_therapist", "ended_therapist"], 200)
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "delete",
        "/api/v1/care/invites/{invite}/",
        None,
        {"linked_therapist": 204, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "post",
        "/api/v1/care/accept/",
        {"code": "ABCDEFGHJK"},
        {"linked_therapist": 403, "other_therapist": 403, "ended_therapist": 403}
        | {"patient": 400, "other_patient": 400},
    ),
    ("get", "/api/v1/care/links/", None, dict.fromkeys(ACTORS, 200)),
    # The thread of a link: its two people only (enid's ended link is another thread).
    (
        "get",
        "/api/v1/care/links/{link}/messages/",
        None,
        ONLY_LINKED | {"linked_therapist": 200, "patient": 200},
    ),
    (
        "post",
        "/api/v1/care/links/{link}/messages/",
        {"body": "How are the stretches going?"},
        ONLY_LINKED | {"linked_therapist": 201, "patient": 201},
    ),
    (
        "post",
        "/api/v1/care/links/{link}/messages/read/",
        None,
        ONLY_LINKED | {"linked_therapist": 200, "patient": 200},
    ),
    (
        "patch",
        "/api/v1/care/links/{link}/",
        {"reminders_consent": False},
        {"linked_therapist": 403, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 200, "other_patient": 404},
    ),
    (
        "delete",
        "/api/v1/care/links/{link}/",
        None,
        {"linked_therapist": 204, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 204, "other_patient": 404},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/",
        None,
        {"linked_therapist": 200, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 404, "other_patient": 404},
    ),
    # Plans and reminders a therapist sets: the linked therapist only. The
    # patient manages them under /plans/ and /reminders/; enid's, from before
    # her link ended, are as unreachable as otto's.
    (
        "get",
        "/api/v1/care/patients/{patient}/plans/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "post",
        "/api/v1/care/patients/{patient}/plans/",
        {"name": "More", "items": [{"exercise": "matrix-stretch", "hold_seconds": 20}]},
        ONLY_LINKED | {"linked_therapist": 201},
    ),
    (
        "post",
        "/api/v1/care/patients/{patient}/plans/",
        lambda cast: {"template": cast["template"].pk, "notes": "Gently."},
        ONLY_LINKED | {"linked_therapist": 201},
    ),
    (
        "patch",
        "/api/v1/care/patients/{patient}/plans/{plan}/",
        {"name": "Hips, daily"},
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/plans/{plan}/history/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "delete",
        "/api/v1/care/patients/{patient}/plans/{plan}/",
        None,
        ONLY_LINKED | {"linked_therapist": 204},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/reminder/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "put",
        "/api/v1/care/patients/{patient}/reminder/",
        {"interval_minutes": 30},
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/goals/",
        None,
        {"linked_therapist": 200, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 404, "other_patient": 404},
    ),
    (
        "post",
        "/api/v1/care/patients/{patient}/goals/",
        {"activity": "Climbing stairs"},
        {"linked_therapist": 201, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 404, "other_patient": 404},
    ),
    # Templates: each therapist their own; another's is not found, patients are refused.
    (
        "get",
        "/api/v1/care/templates/",
        None,
        dict.fromkeys(["linked_therapist", "other_therapist", "ended_therapist"], 200)
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "post",
        "/api/v1/care/templates/",
        {"name": "Mine", "items": [{"exercise": "matrix-stretch", "hold_seconds": 20}]},
        dict.fromkeys(["linked_therapist", "other_therapist", "ended_therapist"], 201)
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "get",
        "/api/v1/care/templates/{template}/",
        None,
        {"linked_therapist": 200, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "patch",
        "/api/v1/care/templates/{template}/",
        {"notes": "Slowly."},
        {"linked_therapist": 200, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "delete",
        "/api/v1/care/templates/{template}/",
        None,
        {"linked_therapist": 204, "other_therapist": 404, "ended_therapist": 404}
        | {"patient": 403, "other_patient": 403},
    ),
    # The dashboard: each therapist their own linked patients (none, for otto
    # and enid); patients are refused for who they are.
    (
        "get",
        "/api/v1/care/patients/",
        None,
        dict.fromkeys(["linked_therapist", "other_therapist", "ended_therapist"], 200)
        | {"patient": 403, "other_patient": 403},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/progress/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "post",
        "/api/v1/care/patients/{patient}/alerts/{alert}/acknowledge/",
        None,
        ONLY_LINKED | {"linked_therapist": 204},
    ),
    # Exports of the patient's sessions and pain: even the patient goes through
    # me/export/ rather than the therapist's view of them.
    (
        "get",
        "/api/v1/care/patients/{patient}/export/csv/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    (
        "get",
        "/api/v1/care/patients/{patient}/export/fhir/",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
    # The home programme as a PDF: the patient downloads theirs from me/programme.pdf.
    (
        "get",
        "/api/v1/care/patients/{patient}/programme.pdf",
        None,
        ONLY_LINKED | {"linked_therapist": 200},
    ),
]


def _care_rows(patient: User) -> tuple:
    plans = Plan.objects.filter(user=patient).values_list("id", "name", "updated_at")
    items = Plan.objects.filter(user=patient).values_list("items__id", "items__hold_seconds")
    schedules = Schedule.objects.filter(user=patient).values_list(
        "id", "interval_minutes", "is_active", "set_by", "updated_at"
    )
    messages = CareMessage.objects.filter(link__patient=patient).values_list("id", "read_at")
    templates = PlanTemplate.objects.values_list("id", "name", "notes", "updated_at")
    return sorted(plans), sorted(items), sorted(schedules), sorted(messages), sorted(templates)


@pytest.mark.parametrize("actor", ACTORS_AND_ANON)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    MATRIX,
    ids=[f"{method} {path}" for method, path, _, _ in MATRIX],
)
def test_access_matrix(cast, actor, method, path, body, expected):
    link_before = CareLink.objects.get(pk=cast["link"].pk)
    rows_before = _care_rows(cast["patient"])
    invites_before = sorted(CareInvite.objects.values_list("id", "cancelled_at", "used_at"))

    response = _request(cast, actor, method, path, body)

    assert response.status_code == expected.get(actor, 401)
    link_after = CareLink.objects.get(pk=cast["link"].pk)
    if response.status_code >= 400:
        # A refusal changes nothing.
        assert (link_after.ended_at, link_after.reminders_consent) == (
            link_before.ended_at,
            link_before.reminders_consent,
        )
        assert _care_rows(cast["patient"]) == rows_before
        assert sorted(CareInvite.objects.values_list("id", "cancelled_at", "used_at")) == (
            invites_before
        )
        assert set(response.json()) <= {"detail", "code"}
    if actor not in ("linked_therapist", "patient") or response.status_code >= 400:
        # Nobody else, and no refusal, shows anything of the patient.
        text = response.content.decode()
        for secret in ("Alice", "alice", "Europe/Berlin", "desk"):
            assert secret not in text


def test_the_matrix_covers_every_care_operation():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    documented = {
        (method, path)
        for path, operations in paths.items()
        if path.startswith("/api/v1/care/")
        for method in operations
    }
    covered = {
        (
            method,
            path.replace("{link}", "{id}")
            .replace("{invite}", "{invite_id}")
            .replace("{patient}", "{patient_id}")
            .replace("{plan}", "{plan_id}")
            .replace("{template}", "{template_id}")
            .replace("{alert}", "{alert_id}"),
        )
        for method, path, _, _ in MATRIX
    }
    assert documented == covered


def test_an_ended_link_disappears_from_the_therapists_side_only(cast):
    # The patient keeps the record of who could see their data, and until when.
    therapist_view = cast["clients"]["ended_therapist"].get(LINKS).json()
    patient_view = cast["clients"]["patient"].get(LINKS).json()

    assert therapist_view == []
    assert [(item["therapist"]["display_name"], item["active"]) for item in patient_view] == [
        ("Enid", False),  # newest first
        ("Thera Pist", True),
    ]


def test_the_demo_therapist_is_linked_to_both_demo_patients(db):
    from tracker.demo import demo_accounts_create

    demo_accounts_create()

    therapist = User.objects.get(username="therapist")
    assert sorted(p.username for p in selectors.patients_of(therapist)) == ["driver", "office"]
    assert all(link.reminders_consent for link in selectors.active_links_for(therapist))
