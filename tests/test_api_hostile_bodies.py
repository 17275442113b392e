"""Beside the fuzz run (test_api_fuzz.py): bodies schemathesis does not make.

Every operation that takes a body gets one nested 50,000 deep (a RecursionError
in the parser used to be a 500), and sign-up gets names whose NFKC form
collides with a taken one (an IntegrityError used to be a 500). Each answer is
a 4xx the schema documents for that operation.
"""

import re

import pytest
from rest_framework.test import APIClient

from tests.conftest import client_for, make_user
from tracker.models import Profile, Role, User

DEEP = "[" * 50_000 + "]" * 50_000
WRITES = ("post", "put", "patch")


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in WRITES and "requestBody" in operation
    ]


@pytest.fixture
def fuzzer(library, settings):
    for name in ("THROTTLE_AUTH_IP", "THROTTLE_AUTH_USERNAME", "THROTTLE_CARE_ACCEPT_USER",
                 "THROTTLE_CARE_ACCEPT_IP", "THROTTLE_EXPORT"):  # fmt: skip
        setattr(settings, name, "100000/min")
    return make_user("fuzzer", role=Role.PATIENT, profile=Profile.DESK)


def test_a_body_nested_50000_deep_is_a_documented_4xx_everywhere(fuzzer):
    client = client_for(fuzzer)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    answers = {}

    for method, path, operation in operations(schema):
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = getattr(client, method)(url, DEEP, content_type="application/json")
        answers[f"{method.upper()} {path}"] = response.status_code
        assert 400 <= response.status_code < 500, (method, path, response.status_code)
        assert str(response.status_code) in operation["responses"], (method, path)

    assert len(answers) > 20  # every write operation was tried


@pytest.mark.parametrize(
    "name",
    [
        "\uff4f\uff46\uff46\uff49\uff43\uff45",  # full-width "office"
        "\uff2f\uff26\uff26\uff29\uff23\uff25",  # full-width "OFFICE"
        "o\ufb03ce",  # o + the "ffi" ligature + ce
    ],
)
def test_sign_up_with_a_name_colliding_under_nfkc_is_a_documented_400(fuzzer, name):
    User.objects.create_user("office", password="correct horse battery")
    body = {"username": name, "password": "a long enough passphrase", "role": "patient",
            "timezone": "UTC"}  # fmt: skip

    response = APIClient().post("/api/v1/auth/register/", body, format="json")

    assert response.status_code == 400
    assert response.json()["username"] == ["This username is taken."]
    assert User.objects.count() == 2  # office and the fuzzer
