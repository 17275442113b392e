"""The OpenAPI schema class: every operation also documents the errors it can answer.

DRF answers bad input, a missing login, an unknown id and throttling the same
way in every view, so those responses are added here rather than to each view.
A response a view documents itself with `extend_schema` is kept as it is.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, AllowAny

ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": (
            "Each offending field (or non_field_errors) with its messages, nested like the "
            "input; or a single detail message when the body could not be parsed."
        ),
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}]},
    },
}
# Query parameters that never cause a 400: the paginator ignores bad values.
LENIENT_QUERY_PARAMETERS = {"limit", "offset"}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before trying again.",
    }
}


class AutoSchema(SpectacularAutoSchema):
    def get_request_serializer(self):
        # A DELETE takes no body, unless the view says otherwise with
        # extend_schema(request=...), which wraps this method.
        if self.method == "DELETE":
            return None
        return super().get_request_serializer()

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE" or self.get_request_serializer() is None:
            return super()._get_request_body(direction)
        # drf-spectacular documents bodies for POST, PUT and PATCH only; DELETE
        # /me/ needs the password, so its declared body is built like a POST's.
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for code, response in self._error_responses(operation).items():
            operation["responses"].setdefault(code, response)
        return operation

    def _error(self, description: str, name: str = "Error", headers: dict | None = None) -> dict:
        component = ResolvedComponent(
            name, ResolvedComponent.SCHEMA, schema=ERROR_SCHEMAS[name], object=name
        )
        self.registry.register_on_missing(component)
        response = {
            "description": description,
            "content": {"application/json": {"schema": component.ref}},
        }
        if headers:
            response["headers"] = headers
        return response

    def _error_responses(self, operation: dict) -> dict[str, dict]:
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        checks_input = has_body or any(
            p["in"] != "path" and p["name"] not in LENIENT_QUERY_PARAMETERS for p in parameters
        )
        needs_login = not all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        errors = {}
        if checks_input:
            errors["400"] = self._error("Bad input; nothing was changed.", "ValidationError")
        if needs_login:
            errors["401"] = self._error("No valid token or session.")
            uses_session = any(
                isinstance(a, SessionAuthentication) for a in self.view.get_authenticators()
            )
            if uses_session and self.method not in SAFE_METHODS:
                errors["403"] = self._error("A browser session without a valid CSRF token.")
        if any(p["in"] == "path" for p in parameters):
            errors["404"] = self._error("Not found, or not yours.")
        if has_body:
            errors["413"] = self._error("The body is over the size limit (MAX_REQUEST_BYTES).")
            # Also a body whose declared media type or multipart framing cannot be read.
            errors["415"] = self._error("The body's media type is not one this operation reads.")
        throttles = self.view.get_throttles()
        if throttles:
            errors["429"] = self._error("Too many attempts; try again later.", headers=RETRY_AFTER)
        if any(not getattr(t, "fail_open", True) for t in throttles):
            # A throttle that fails closed (README "When Redis fails").
            errors["503"] = self._error(
                "The attempt counters cannot be read; try again later.", headers=RETRY_AFTER
            )
        return errors
