import pytest
from django.contrib.staticfiles import finders

from exercises.models import Exercise, Kind


def slugs(response):
    return {entry["slug"] for entry in response.json()}


def clinician_slugs():
    return set(
        Exercise.objects.filter(kind=Kind.CLINICIAN_TECHNIQUE).values_list("slug", flat=True)
    )


def test_patients_see_every_self_care_exercise_and_no_clinician_technique(alice_client, library):
    response = alice_client.get("/api/v1/exercises/")

    assert response.status_code == 200
    listed = slugs(response)
    assert clinician_slugs()
    assert not listed & clinician_slugs()
    assert len(listed) == Exercise.objects.exclude(kind=Kind.CLINICIAN_TECHNIQUE).count()
    first = response.json()[0]
    assert first["steps"] and first["cautions"] and first["sources"]


def test_therapists_also_see_clinician_techniques(thera_client, library):
    response = thera_client.get("/api/v1/exercises/", {"kind": "clinician_technique"})

    assert response.status_code == 200
    assert slugs(response) == clinician_slugs()


def test_a_clinician_technique_is_not_found_for_a_patient(alice_client, thera_client, library):
    slug = next(iter(clinician_slugs()))

    assert alice_client.get(f"/api/v1/exercises/{slug}/").status_code == 404
    assert thera_client.get(f"/api/v1/exercises/{slug}/").status_code == 200


def test_filter_by_tag_returns_only_tagged_exercises(alice_client, library):
    response = alice_client.get("/api/v1/exercises/", {"tag": "flare_up_safe"})

    assert response.status_code == 200
    assert response.json()
    assert all("flare_up_safe" in entry["tags"] for entry in response.json())
    tagged = [e.slug for e in Exercise.objects.all() if "flare_up_safe" in e.tags]
    assert slugs(response) == set(tagged)


def test_filter_by_kind_returns_only_that_kind(alice_client, library):
    response = alice_client.get("/api/v1/exercises/", {"kind": "habit"})

    assert response.json()
    assert {entry["kind"] for entry in response.json()} == {"habit"}


@pytest.mark.parametrize("params", [{"kind": "yoga"}, {"tag": "moon"}])
def test_unknown_filters_answer_400(alice_client, library, params):
    response = alice_client.get("/api/v1/exercises/", params)

    assert response.status_code == 400
    assert set(params) <= set(response.json())


def test_an_unknown_exercise_is_not_found(alice_client, library):
    assert alice_client.get("/api/v1/exercises/no-such-thing/").status_code == 404


def test_routines_list_their_steps_in_order(alice_client, library):
    response = alice_client.get("/api/v1/routines/")

    assert response.status_code == 200
    by_slug = {routine["slug"]: routine for routine in response.json()}
    assert {"desk-break", "truck-stop", "daily-home", "flare-up-gentle"} <= set(by_slug)
    steps = by_slug["daily-home"]["steps"]
    assert [s["order"] for s in steps] == sorted(s["order"] for s in steps)
    assert all(
        step["exercise"] not in clinician_slugs() for r in by_slug.values() for step in r["steps"]
    )


def test_safety_screen_lists_questions_advice_and_sources(alice_client):
    response = alice_client.get("/api/v1/library/safety/")

    assert response.status_code == 200
    body = response.json()
    assert body["questions"] and body["serious_conditions"] and body["advice"]
    assert all(item["sources"] for item in body["serious_conditions"])


def test_the_library_needs_a_login(db, anon_client):
    assert anon_client.get("/api/v1/exercises/").status_code == 401
    assert anon_client.get("/api/v1/routines/").status_code == 401


def test_each_exercise_gives_its_picture_and_words_for_it(alice_client, library):
    response = alice_client.get("/api/v1/exercises/standing-lunge-tuck/")

    assert response.status_code == 200
    body = response.json()
    assert body["illustration"] == (
        "http://testserver/static/exercises/illustrations/standing-lunge-tuck.svg"
    )
    assert "lunge" in body["illustration_alt"]
    assert [p["step"] for p in body["step_illustrations"]] == [1, 4, 5]
    fifth = body["step_illustrations"][2]
    assert fifth["illustration"].endswith("/exercises/illustrations/standing-lunge-tuck-step-5.svg")
    assert "one side" in fifth["illustration_alt"]
    # The URL names a static file that exists (the browser tests load it).
    assert finders.find(body["illustration"].removeprefix("http://testserver/static/"))


def test_every_listed_exercise_has_a_picture(alice_client, library):
    response = alice_client.get("/api/v1/exercises/")

    assert response.json()
    for entry in response.json():
        assert entry["illustration"].endswith(f"/{entry['slug']}.svg"), entry["slug"]
        assert entry["illustration_alt"], entry["slug"]
        for picture in entry["step_illustrations"]:
            assert picture["illustration"].endswith(f"-step-{picture['step']}.svg")
            assert picture["illustration_alt"]


def test_sources_give_each_articles_title_and_site_beside_the_file(alice_client, library):
    response = alice_client.get("/api/v1/exercises/foot-up-forward-stance/")

    assert response.json()["sources"] == [
        {
            "file": "004_b2a80b1f207f83f8.txt",
            "title": "Iliopsoas Muscle Problems Can Mimic Low Back Pain, Hip Pain, And Leg Pain",
            "site": "A health information website",
        }
    ]


def test_safety_sources_give_titles_too(alice_client):
    body = alice_client.get("/api/v1/library/safety/").json()

    for item in [*body["questions"], *body["serious_conditions"], *body["pain_areas"]]:
        assert item["sources"]
        assert all(set(source) == {"file", "title", "site"} for source in item["sources"]), item


def test_the_schema_documents_the_picture_fields(alice_client):
    schema = alice_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    exercise = schema["components"]["schemas"]["Exercise"]["properties"]
    assert {"illustration", "illustration_alt", "step_illustrations", "sources"} <= set(exercise)
    step = schema["components"]["schemas"]["StepIllustration"]["properties"]
    assert set(step) == {"step", "illustration", "illustration_alt"}
    assert set(schema["components"]["schemas"]["Source"]["properties"]) == {"file", "title", "site"}
