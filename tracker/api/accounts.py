from django.contrib.auth import logout
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from knox.settings import knox_settings
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import recovery, services
from tracker.api.errors import SecondStepRequired
from tracker.api.serializers import (
    AccountDeleteSerializer,
    LoginSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
    TokenResponseSerializer,
    UserSerializer,
)
from tracker.api.throttles import AuthIPThrottle, AuthUsernameThrottle, ExportThrottle
from tracker.clients import client_address
from tracker.export import account_export
from tracker.languages import signup_language
from tracker.mfa import has_second_factor, otp_valid


def _token_body(key: str) -> dict:
    ttl = knox_settings.TOKEN_TTL
    return {"token": key, "expiry": (timezone.now() + ttl).isoformat() if ttl else None}


class RegisterView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle, AuthUsernameThrottle]

    @extend_schema(request=RegisterSerializer, responses={201: RegisterResponseSerializer})
    def post(self, request):
        incoming = RegisterSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        fields = dict(incoming.validated_data)
        fields["language"] = signup_language(request, fields.get("language", ""))
        try:
            user, key = services.account_register(**fields)
        except services.UsernameTaken as taken:
            raise ValidationError({"username": [taken.message]}) from None
        # The same allauth function as the sign-up page's verification stage.
        recovery.verification_email_send(request._request, user=user, signup=True)
        body = {"user": UserSerializer(user).data, **_token_body(key)}
        return Response(body, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """Exchange a username and password for an API token (send it as `Token <key>`).

    An account with a second factor also sends `otp` (a code from the
    authenticator app, or an unused recovery code, which is then used up);
    without a valid one: 401 with `"code": "mfa_required"`.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle, AuthUsernameThrottle]

    @extend_schema(request=LoginSerializer, responses={200: TokenResponseSerializer})
    def post(self, request):
        incoming = LoginSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        user = incoming.validated_data["user"]
        otp = incoming.validated_data["otp"]
        if has_second_factor(user) and not otp_valid(user=user, code=otp):
            raise SecondStepRequired()
        key = services.token_create(
            user=user,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            address=client_address(request),
        )
        return Response(_token_body(key))


class LogoutView(APIView):
    """Revoke the token this request carries (or end the browser session)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        token = request.auth
        if token is not None and hasattr(token, "delete"):
            token.delete()
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(generics.RetrieveUpdateAPIView):
    # Without the second-factor check: a therapist reaches their account before set-up.
    permission_classes = [IsAuthenticated]
    serializer_class = UserSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self):
        return self.request.user

    def perform_update(self, serializer):
        # A new address only starts a change (see tracker.recovery.email_change_start);
        # a refused one changes nothing else either.
        if "email" in serializer.validated_data:
            email = serializer.validated_data.pop("email")
            try:
                recovery.email_change_start(
                    self.request._request, user=serializer.instance, email=email
                )
            except recovery.EmailChangeRefused as refused:
                raise ValidationError({"email": refused.messages}) from None
        serializer.save()

    @extend_schema(request=AccountDeleteSerializer, responses={204: None})
    def delete(self, request):
        """Delete the account and all its data. The body must carry the password."""
        confirmation = AccountDeleteSerializer(data=request.data, context={"request": request})
        confirmation.is_valid(raise_exception=True)
        services.account_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExportView(APIView):
    throttle_classes = [ExportThrottle]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        response = Response(account_export(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="stretchstop-export.json"'
        return response
