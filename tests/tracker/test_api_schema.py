"""The OpenAPI schema documents what the API really answers (see tracker/api/schema.py).

tests/test_api_fuzz.py checks real responses against it; these pin the parts
the fuzz run found missing, so a change that drops them fails here by name.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def paths() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


def codes(paths: dict, path: str, method: str) -> set[str]:
    return set(paths[path][method]["responses"])


@pytest.mark.parametrize("collection", ["logs", "pain"])
def test_create_and_update_document_both_201_and_the_resend_200(paths, collection):
    # The first send stores the record (201); a resend of the same id answers 200.
    assert {"200", "201", "400", "404"} <= codes(paths, f"/api/v1/{collection}/", "post")
    assert {"200", "201", "400", "404"} <= codes(paths, f"/api/v1/{collection}/{{id}}/", "put")


def test_account_delete_documents_its_password_body(paths):
    operation = paths["/api/v1/me/"]["delete"]

    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/AccountDeleteRequest"}
    assert {"204", "400", "401"} <= set(operation["responses"])


def test_every_operation_documents_its_error_answers(paths):
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = set(operation["responses"])
            public = {} in operation.get("security", [{}])
            if not public:
                assert "401" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


def test_sign_up_and_log_in_document_throttling(paths):
    for path in ("/api/v1/auth/register/", "/api/v1/auth/token/"):
        throttled = paths[path]["post"]["responses"]["429"]
        assert "Retry-After" in throttled["headers"]


def test_throttles_that_fail_closed_document_their_503(paths):
    for path in ("/api/v1/auth/token/", "/api/v1/auth/register/", "/api/v1/care/accept/"):
        assert "Retry-After" in paths[path]["post"]["responses"]["503"]["headers"]
    assert "503" not in paths["/api/v1/me/export/"]["get"]["responses"]


# Accounts, recovery.
def test_the_recovery_endpoints_document_their_answers(paths):
    assert {"200", "400", "429"} <= codes(paths, "/api/v1/auth/email/verify/", "post")
    assert {"202", "400", "429"} <= codes(paths, "/api/v1/auth/password/reset/", "post")
    assert {"204", "400", "429"} <= codes(paths, "/api/v1/auth/password/reset/confirm/", "post")
    me = paths["/api/v1/me/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert me["schema"] == {"$ref": "#/components/schemas/User"}
