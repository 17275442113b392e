"""Two-step sign-in from the API: set up, confirm and turn off an authenticator app (TOTP).

The rules live in tracker.mfa (allauth's TOTP and recovery codes underneath),
shared with the pages under /accounts/2fa/.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import mfa


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64, help_text="A 6-digit code from the app.")


class TOTPStartSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="Base32; type it into the app, or use the URL.")
    otpauth_url = serializers.CharField(help_text="otpauth://totp/… for a QR code.")


class RecoveryCodesSerializer(serializers.Serializer):
    recovery_codes = serializers.ListField(
        child=serializers.CharField(),
        help_text="Each works once instead of a code from the app. Shown here once: keep them.",
    )


def _refused(error: mfa.SecondFactorError) -> ValidationError:
    return ValidationError({"code": [error.message]})


class TOTPView(APIView):
    """Start setting up an authenticator app (POST), or turn it off (DELETE)."""

    # Not the second-factor check: this is how a therapist gets one.
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: TOTPStartSerializer})
    def post(self, request):
        """A new secret, kept on the server for 15 minutes until confirm/ gets a code from it."""
        try:
            secret, url = mfa.totp_start(user=request.user)
        except mfa.SecondFactorError as error:
            raise _refused(error) from None
        return Response({"secret": secret, "otpauth_url": url}, status=201)

    @extend_schema(request=CodeSerializer, responses={204: None})
    def delete(self, request):
        """Turn the app off, with a current code (or a recovery code); a wrong one: 400."""
        incoming = CodeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            mfa.totp_disable(user=request.user, code=incoming.validated_data["code"])
        except mfa.SecondFactorError as error:
            raise _refused(error) from None
        return Response(status=204)


class TOTPConfirmView(APIView):
    """Turn the app on with a code from the pending secret; answers the recovery codes."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CodeSerializer, responses={200: RecoveryCodesSerializer})
    def post(self, request):
        incoming = CodeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            codes = mfa.totp_confirm(user=request.user, code=incoming.validated_data["code"])
        except mfa.SecondFactorError as error:
            raise _refused(error) from None
        return Response({"recovery_codes": codes})
