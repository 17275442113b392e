"""Thin views for invites: a therapist creates, lists and cancels them; a patient
accepts one. The rules live in tracker.care.services (shared with the pages through
tracker.care.invites)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from reminders.api.serializers import DetailSerializer
from tracker.api.permissions import IsPatient, IsTherapist
from tracker.care import selectors, services
from tracker.care.invites import invite_make
from tracker.care.serializers import (
    AcceptSerializer,
    InviteCreateSerializer,
    InviteSerializer,
    LinkSerializer,
    PendingInviteSerializer,
)
from tracker.care.throttles import CareAcceptIPThrottle, CareAcceptUserThrottle, CareInviteThrottle

NOT_A_THERAPIST = OpenApiResponse(
    DetailSerializer,
    "The caller is not a therapist. (Or a browser session without a valid CSRF token.)",
)
NOT_A_PATIENT = OpenApiResponse(
    DetailSerializer,
    "The caller is not a patient. (Or a browser session without a valid CSRF token.)",
)


class InviteListView(APIView):
    """A therapist's invites: create one (by link, and by email if an address is given),
    or list those still pending."""

    permission_classes = [IsAuthenticated, IsTherapist]

    def get_throttles(self):
        # Only creating counts: listing sends nothing.
        return [CareInviteThrottle()] if self.request.method == "POST" else []

    @extend_schema(responses={200: PendingInviteSerializer(many=True), 403: NOT_A_THERAPIST})
    def get(self, request):
        """The invites not yet used, cancelled or expired, newest first (codes are not shown)."""
        invites = selectors.invites_pending(therapist=request.user, now=timezone.now())
        return Response(PendingInviteSerializer(invites, many=True).data)

    @extend_schema(
        request=InviteCreateSerializer,
        responses={201: InviteSerializer, 403: NOT_A_THERAPIST},
    )
    def post(self, request):
        """Create a single-use code, valid for 7 days, for one patient; throttled per therapist.

        `link` opens the accept page with the code filled in, on the address this
        request came in on. With `email`, the link and code are emailed there too.
        """
        incoming = InviteCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        made = invite_make(
            request=request, therapist=request.user, email=incoming.validated_data.get("email", "")
        )
        return Response(InviteSerializer(made).data, status=status.HTTP_201_CREATED)


class InviteDetailView(APIView):
    permission_classes = [IsAuthenticated, IsTherapist]

    @extend_schema(responses={204: None, 403: NOT_A_THERAPIST})
    def delete(self, request, invite_id: int):
        """Cancel a pending invite: its code then fails like any invalid code.

        Another therapist's invite, or one already used, cancelled or expired: 404.
        """
        pending = selectors.invites_pending(therapist=request.user, now=timezone.now())
        invite = pending.filter(pk=invite_id).first()
        if invite is None or not services.invite_cancel(invite=invite, now=timezone.now()):
            raise NotFound()
        return Response(status=status.HTTP_204_NO_CONTENT)


class AcceptView(APIView):
    """Accept a therapist's invite code: from now on that therapist sees your data.

    201 with the new link; 200 with the existing one if you were already linked.
    An unknown, expired, used or cancelled code: the same 400, whichever it is.
    """

    permission_classes = [IsAuthenticated, IsPatient]
    throttle_classes = [CareAcceptUserThrottle, CareAcceptIPThrottle]

    @extend_schema(
        request=AcceptSerializer,
        responses={201: LinkSerializer, 200: LinkSerializer, 403: NOT_A_PATIENT},
    )
    def post(self, request):
        try:
            link, created = services.invite_accept_submitted(
                patient=request.user, data=request.data, now=timezone.now()
            )
        except services.InviteRefused as refused:
            raise ValidationError(refused.errors) from None
        return Response(
            LinkSerializer(link).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
