"""A viewset for records whose id the client chooses (logs, pain entries).

The PWA writes these into an offline outbox with a UUID and resends them until
the server answers, so create is idempotent: the first send answers 201, every
resend 200 with the same body, and one row is stored.
"""

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from exercises.api.fields import SinceUntilSerializer
from exercises.services import IdTakenError

WINDOW_PARAMETERS = [
    OpenApiParameter("since", OpenApiTypes.DATETIME, description="Only records at or after"),
    OpenApiParameter("until", OpenApiTypes.DATETIME, description="Only records before"),
]


class ClientRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    # Set by each subclass: the selector that reads one user's records
    # (keywords user, since, until), as a staticmethod, and a `store_record`
    # method (keywords user, record_id, values, replace) returning (record, created).
    select_records: Callable[..., QuerySet]
    store_record: Callable[..., tuple[Model, bool]]

    def get_queryset(self):
        # Ownership is decided here and only here: another user's id is not found (404).
        return self.select_records(user=self.request.user)

    @extend_schema(parameters=WINDOW_PARAMETERS)
    def list(self, request, *args, **kwargs):
        window = SinceUntilSerializer(data=request.query_params)
        window.is_valid(raise_exception=True)
        records = self.select_records(user=request.user, **window.validated_data)
        page = self.paginate_queryset(records)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        record_id = values.pop("id", None)
        if record_id is None:
            raise ValidationError({"id": [_("This field is required: a UUID the client chose.")]})
        return self._save(incoming, record_id, values, replace=False)

    def update(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        record_id = kwargs[self.lookup_url_kwarg]
        body_id = values.pop("id", None)
        if body_id is not None and body_id != record_id:
            raise ValidationError({"id": [_("Must match the id in the URL.")]})
        return self._save(incoming, record_id, values, replace=True)

    def _save(self, incoming, record_id, values, *, replace: bool) -> Response:
        try:
            record, created = self.store_record(
                user=self.request.user, record_id=record_id, values=values, replace=replace
            )
        except IdTakenError:
            raise NotFound() from None
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        # The input serializer renders the stored record, as DRF's own save()
        # does: a second serializer would build all its fields again.
        incoming.instance = record
        return Response(incoming.data, status=code)


ID_TAKEN = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}


def client_record_schema(serializer_class: type[serializers.Serializer]):
    """Return a class decorator documenting both answers of create and update.

    POST and PUT answer 201 when they store the record and 200 when it was
    already stored (a resend), so both codes are in the schema for both methods.
    """
    responses = {
        201: OpenApiResponse(serializer_class, description="Stored now."),
        200: OpenApiResponse(serializer_class, description="Already stored (a resend)."),
        # Another user's id is not found, as everywhere else (404, not 403).
        404: OpenApiResponse(ID_TAKEN, description="The id names another user's record."),
    }
    return extend_schema_view(
        create=extend_schema(responses=responses), update=extend_schema(responses=responses)
    )


def id_field() -> serializers.UUIDField:
    return serializers.UUIDField(
        required=False, help_text="Chosen by the client (a UUID); required for POST."
    )
