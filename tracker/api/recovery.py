"""Account recovery over the API: verify an e-mail address, reset a forgotten password.

Thin views over tracker.recovery, which runs django-allauth's flows, the same
ones as the pages under /accounts/.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import recovery
from tracker.api.throttles import AuthIPThrottle


class EmailVerifySerializer(serializers.Serializer):
    key = serializers.CharField(
        max_length=200, help_text="The key printed in the verification e-mail."
    )


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=40, help_text="`uid` from the reset e-mail.")
    token = serializers.CharField(max_length=100, help_text="`token` from the reset e-mail.")
    new_password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


_VERIFIED = inline_serializer(
    "EmailVerified",
    {"email": serializers.EmailField(), "email_verified": serializers.BooleanField()},
)
_ACCEPTED = inline_serializer("ResetRequested", {"detail": serializers.CharField()})

RESET_REQUESTED = _(
    "If an account has this address, a link to choose a new password is on its way. "
    "It works once, within an hour."
)
TOO_MANY = _("Too many requests for this address. Please wait a minute and try again.")


class EmailVerifyView(APIView):
    """Verify an e-mail address with the key from its verification e-mail.

    No log-in needed (the key is the proof). A bad or expired key answers 400
    and changes nothing.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle]

    @extend_schema(
        request=EmailVerifySerializer,
        responses={200: _VERIFIED},
    )
    def post(self, request):
        incoming = EmailVerifySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        address = recovery.email_verify(request._request, key=incoming.validated_data["key"])
        if address is None:
            raise ValidationError(
                {"key": [_("This key is not valid: it has expired or is mistyped.")]}
            )
        return Response({"email": address.email, "email_verified": True})


class PasswordResetView(APIView):
    """E-mail a password-reset link, with the `uid` and `token` that reset/confirm/ takes.

    Answers 202 whether or not an account has the address, so it tells no one
    which addresses have accounts. The link lasts one hour and works once.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle]

    @extend_schema(request=PasswordResetSerializer, responses={202: _ACCEPTED})
    def post(self, request):
        incoming = PasswordResetSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            sent = recovery.password_reset_request(
                request._request, email=incoming.validated_data["email"]
            )
        except ValueError:
            raise ValidationError({"email": [_("Enter a valid email address.")]}) from None
        if not sent:
            raise Throttled(detail=str(TOO_MANY), wait=60)
        return Response({"detail": RESET_REQUESTED}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(APIView):
    """Choose a new password with the `uid` and `token` from the reset e-mail.

    Django's password rules apply (400 with the reasons). A used, expired or
    wrong token answers 400 and changes nothing. On success the account's
    lockout is lifted and every session and token of the account ends.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle]

    @extend_schema(
        request=PasswordResetConfirmSerializer,
        responses={204: None},
    )
    def post(self, request):
        incoming = PasswordResetConfirmSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            problems = recovery.password_reset_confirm(request._request, **incoming.validated_data)
        except recovery.ResetLinkInvalid as invalid:
            raise ValidationError({"token": [invalid.message]}) from None
        except recovery.TooManyAttempts:
            raise Throttled(wait=60) from None
        if problems:
            raise ValidationError({"new_password": problems})
        return Response(status=status.HTTP_204_NO_CONTENT)
