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

from tracker import services
from tracker.api.serializers import (
    AccountDeleteSerializer,
    LoginSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
    TokenResponseSerializer,
    UserSerializer,
)
from tracker.api.throttles import AuthIPThrottle, AuthUsernameThrottle, ExportThrottle
from tracker.export import account_export
from tracker.languages import signup_language


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
        body = {"user": UserSerializer(user).data, **_token_body(key)}
        return Response(body, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """Exchange a username and password for an API token (send it as `Token <key>`)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AuthIPThrottle, AuthUsernameThrottle]

    @extend_schema(request=LoginSerializer, responses={200: TokenResponseSerializer})
    def post(self, request):
        incoming = LoginSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        key = services.token_create(user=incoming.validated_data["user"])
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
    serializer_class = UserSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self):
        return self.request.user

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
