"""Thin views for care links; the rules live in services.py and selectors.py.

Role checks answer 403 (they are about the caller, not about anyone's data);
a link or patient the caller has no part in answers 404, like an unknown id.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from reminders.api.serializers import DetailSerializer
from tracker.api.throttles import SettingsRateThrottle
from tracker.care import selectors, services
from tracker.care.serializers import (
    AcceptSerializer,
    ConsentSerializer,
    InviteSerializer,
    LinkedPatientSerializer,
    LinkSerializer,
)
from tracker.models import Role

INVALID_CODE = "This code is not valid. Ask your therapist for a new one."


def _forbidden(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        DetailSerializer, f"{description} (Or a browser session without a valid CSRF token.)"
    )


class IsTherapist(BasePermission):
    message = "Only therapists can do this."

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.role == Role.THERAPIST


class IsPatient(BasePermission):
    message = "Only patients can do this."

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.role == Role.PATIENT


class CareAcceptUserThrottle(SettingsRateThrottle):
    """Limit one account's attempts at invite codes (rate: THROTTLE_CARE_ACCEPT_USER)."""

    scope = "care_accept_user"
    setting_name = "THROTTLE_CARE_ACCEPT_USER"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class CareAcceptIPThrottle(SettingsRateThrottle):
    """Limit one address's attempts, whatever the accounts (rate: THROTTLE_CARE_ACCEPT_IP)."""

    scope = "care_accept_ip"
    setting_name = "THROTTLE_CARE_ACCEPT_IP"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class InviteCreateView(APIView):
    """Create a single-use invite code, valid for 7 days, to give to one patient."""

    permission_classes = [IsAuthenticated, IsTherapist]

    @extend_schema(
        request=None,
        responses={201: InviteSerializer, 403: _forbidden("The caller is not a therapist.")},
    )
    def post(self, request):
        invite, code = services.invite_create(therapist=request.user, now=timezone.now())
        body = {
            "code": code,
            "link": f"{settings.SITE_URL}/care/accept/?{urlencode({'code': code})}",
            "expires_at": invite.expires_at,
        }
        return Response(InviteSerializer(body).data, status=status.HTTP_201_CREATED)


class AcceptView(APIView):
    """Accept a therapist's invite code: from now on that therapist sees your data.

    201 with the new link; 200 with the existing one if you were already linked.
    """

    permission_classes = [IsAuthenticated, IsPatient]
    throttle_classes = [CareAcceptUserThrottle, CareAcceptIPThrottle]

    @extend_schema(
        request=AcceptSerializer,
        responses={
            201: LinkSerializer,
            200: LinkSerializer,
            403: _forbidden("The caller is not a patient."),
        },
    )
    def post(self, request):
        incoming = AcceptSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            link, created = services.invite_accept(
                patient=request.user,
                code=incoming.validated_data["code"],
                reminders_consent=incoming.validated_data["reminders_consent"],
                now=timezone.now(),
            )
        except services.InvalidInviteCode:
            # One message for unknown, expired and used codes.
            raise ValidationError({"code": [INVALID_CODE]}) from None
        return Response(
            LinkSerializer(link).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class LinkViewSet(
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One's own care links, active and ended, from either side."""

    serializer_class = LinkSerializer
    lookup_value_converter = "int"
    pagination_class = None
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        # Ownership is checked here only: someone else's link is not found.
        return selectors.links_for(self.request.user)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """End the link at once, from either side. The therapist loses access immediately."""
        services.link_end(link=self.get_object(), by=request.user, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ConsentSerializer,
        responses={200: LinkSerializer, 403: _forbidden("The caller is the therapist.")},
    )
    def partial_update(self, request, *args, **kwargs):
        """Give or withdraw consent to reminders set by the therapist (the patient only)."""
        link = self.get_object()
        if link.patient_id != request.user.pk:
            raise PermissionDenied("Only the patient can change reminders consent.")
        incoming = ConsentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        if not link.is_active:
            raise ValidationError({"non_field_errors": ["This link has ended."]})
        if "reminders_consent" in incoming.validated_data:
            link = services.reminders_consent_set(
                link=link, consent=incoming.validated_data["reminders_consent"]
            )
        return Response(LinkSerializer(link).data)


class LinkedPatientView(APIView):
    """A linked patient as their therapist sees them; 404 unless the link is active."""

    @extend_schema(responses={200: LinkedPatientSerializer})
    def get(self, request, patient_id: int):
        patient = selectors.linked_patient_or_none(therapist=request.user, patient_id=patient_id)
        if patient is None:
            raise NotFound()
        return Response(LinkedPatientSerializer(patient).data)
