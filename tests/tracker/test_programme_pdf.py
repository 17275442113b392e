"""The home programme on paper: the PDF (read back with pypdf), who may download it,
the print page, and the copy in the patient's CSV export."""

import io
import zipfile
from datetime import date

import pypdf
import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise
from exercises.services import plan_create
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker import programme
from tracker import services as tracker_services
from tracker.models import Role

MY_PDF = "/api/v1/me/programme.pdf"
LUNGE = "standing-lunge-tuck"


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Lines wrap anywhere: compare with the layout's whitespace folded.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def plans(library, thera, alice):
    link_between(thera, alice)
    lunge = Exercise.objects.get(slug=LUNGE)
    other = Exercise.objects.exclude(slug=LUNGE).filter(audience="self_care").first()
    own = plan_create(
        user=alice, name="My own", items=[{"exercise": other, "reps": 5}], assigned_by=None
    )
    assigned = plan_create(
        user=alice,
        name="Hip flexors",
        notes="Every morning, before work.",
        items=[
            {"exercise": lunge, "hold_seconds": 30, "sets": 2, "notes": "Tuck the pelvis first."}
        ],
        assigned_by=thera,
    )
    return {"own": own, "assigned": assigned, "lunge": lunge, "other": other}


def test_the_patients_pdf_has_the_exercises_notes_dose_and_cautions(alice_client, plans):
    response = alice_client.get(MY_PDF)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="stretchstop-programme-'
    )
    text = pdf_text(response.content)
    lunge = plans["lunge"]
    assert programme.latin1(lunge.name) in text
    assert programme.latin1(plans["other"].name) in text
    assert "Every morning, before work." in text
    assert "Tuck the pelvis first." in text
    assert "hold 30 s" in text
    assert " ".join(programme.latin1(lunge.cautions[0]).split()) in text
    assert " ".join(programme.latin1(lunge.steps[0]).split()) in text
    # The assigned plan comes first, and the QR code's address is printed under it.
    assert text.index("Hip flexors") < text.index("My own")
    assert "http://testserver/today/" in text


def test_the_linked_therapist_downloads_the_same_programme(thera_client, alice, plans):
    response = thera_client.get(f"/api/v1/care/patients/{alice.pk}/programme.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Tuck the pelvis first." in pdf_text(response.content)


def test_a_paused_plan_is_left_out(alice_client, plans):
    plans["own"].is_paused = True
    plans["own"].save()

    assert "My own" not in pdf_text(alice_client.get(MY_PDF).content)


def test_a_patient_without_a_plan_gets_a_pdf_that_says_so(library, alice_client):
    assert "No active plan yet." in pdf_text(alice_client.get(MY_PDF).content)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("linked_therapist", 200),
        ("other_therapist", 404),
        ("ended_therapist", 404),
        ("patient", 404),
        ("other_patient", 404),
        ("anonymous", 401),
    ],
)
def test_who_gets_a_patients_pdf(thera, alice, bob, plans, who, expected):
    enid = make_user("enid", role=Role.THERAPIST)
    ended = link_between(enid, alice)
    tracker_services.link_end(link=ended, by=alice, now=timezone.now())
    users = {
        "linked_therapist": thera,
        "other_therapist": make_user("otto", role=Role.THERAPIST),
        "ended_therapist": enid,
        "patient": alice,
        "other_patient": bob,
    }
    client = client_for(users[who]) if who in users else Client()

    response = client.get(f"/api/v1/care/patients/{alice.pk}/programme.pdf")

    assert response.status_code == expected
    assert b"Hip flexors" not in response.content or expected == 200


def test_the_own_pdf_is_for_patients_and_signed_in_people(thera_client, anon_client):
    assert thera_client.get(MY_PDF).status_code == 403
    assert anon_client.get(MY_PDF).status_code == 401


def test_pdfs_share_the_exports_throttle(settings, alice_client, plans):
    settings.THROTTLE_EXPORT = "2/hour"
    assert alice_client.get(MY_PDF).status_code == 200
    assert alice_client.get("/api/v1/me/export/csv/").status_code == 200

    refused = alice_client.get(MY_PDF)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_the_patients_csv_export_carries_the_programme_pdf(alice_client, plans):
    content = alice_client.get("/api/v1/me/export/csv/").content

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "Tuck the pelvis first." in pdf_text(archive.read("programme.pdf"))


def test_a_therapists_csv_export_has_no_programme(thera_client, library):
    content = thera_client.get("/api/v1/me/export/csv/").content

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "programme.pdf" not in archive.namelist()


def test_the_print_page_shows_the_programme_with_a_qr_code_for_both(thera, alice, plans):
    patient, therapist = Client(), Client()
    patient.force_login(alice)
    therapist.force_login(thera)

    care_pdf = f"/api/v1/care/patients/{alice.pk}/programme.pdf"
    for client, path, pdf in (
        (patient, "/programme/", MY_PDF),
        (therapist, f"/patients/{alice.pk}/programme/", care_pdf),
    ):  # fmt: skip
        page = client.get(path).content.decode()
        assert "Tuck the pelvis first." in page
        assert "Every morning, before work." in page
        assert "<svg" in page  # the QR code, inline
        assert f'href="{pdf}"' in page


def test_another_therapist_gets_404_for_the_print_page(alice, plans):
    client = Client()
    client.force_login(make_user("otto", role=Role.THERAPIST))

    assert client.get(f"/patients/{alice.pk}/programme/").status_code == 404


def test_an_illustration_is_drawn_when_the_library_has_one(tmp_path, monkeypatch):
    drawing = tmp_path / "a-stretch.svg"
    drawing.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60" width="100" height="60">'
        '<circle cx="30" cy="30" r="20" fill="#0b5c8c"/></svg>'
    )
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg><not svg")
    monkeypatch.setattr(programme, "ILLUSTRATIONS", tmp_path)

    def item(slug: str) -> programme.ProgrammeItem:
        return programme.ProgrammeItem(
            slug=slug, name=f"Stretch {slug}", summary="", steps=["Stand."], cautions=[],
            skip_when=[], dose="", frequency="once a day, every day", progression="", notes="",
            illustration=programme.illustration_for(slug),
        )  # fmt: skip

    items = [item("a-stretch"), item("broken"), item("none")]
    assert [i.illustration for i in items] == [drawing, broken, None]
    content = programme.programme_pdf(
        programme=[programme.ProgrammePlan(name="P", notes="", assigned_by="", items=items)],
        patient_name="Al",
        app_url="https://app.example.org/today/",
        generated_on=date(2026, 3, 2),
    )

    reader = pypdf.PdfReader(io.BytesIO(content))
    text = pdf_text(content)
    # The broken drawing is left out; its exercise is still there.
    assert all(f"Stretch {slug}" in text for slug in ("a-stretch", "broken", "none"))
    # The good drawing is there as vector paths in its own colour (#0b5c8c), once.
    drawn = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert drawn.count("0.0431 0.3608 0.549 rg") == 1


def test_text_outside_latin_1_is_given_plain_equivalents():
    typographic = "Hold \u2013 don\u2019t \u201cbounce\u201d\u2026 \u226530 s"
    assert programme.latin1(typographic) == 'Hold - don\'t "bounce"... >=30 s'
    # ó and é are Latin-1; ź loses its accent; Ł and Japanese have no Latin-1 form.
    assert programme.latin1("Łódź café 日本") == "?ódz café ??"
