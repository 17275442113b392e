"""Signed-in devices and password change: list and end sessions and tokens.

The same services as the pages (tracker/web/devices.py and allauth's password
change page, whose signal ends the other sessions): tracker.devices and
tracker.services.password_change.
"""

from allauth.core import ratelimit
from django.contrib.auth import logout, update_session_auth_hash
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from redis.exceptions import RedisError
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from tracker import devices, services
from tracker.api.throttles import ThrottleUnavailable


class DeviceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='"session-…" or "token-…"; DELETE it to sign it out.')
    kind = serializers.ChoiceField(
        choices=[("session", _("A browser signed in")), ("token", _("An API token"))]
    )
    device = serializers.CharField(source="name", help_text='Such as "Chrome on Android".')
    user_agent = serializers.CharField()
    address = serializers.IPAddressField(allow_null=True)
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(
        help_text="Tokens: to the minute (their use is recorded at most once a minute)."
    )
    current = serializers.BooleanField(help_text="The session or token of this request.")


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)

    def validate_old_password(self, password: str) -> str:
        if not self.context["user"].check_password(password):
            raise serializers.ValidationError(_("That is not your current password."))
        return password

    def validate_new_password(self, password: str) -> str:
        user = self.context["user"]
        problems = services.password_problems(
            password=password, username=user.username, email=user.email
        )
        if problems:
            raise serializers.ValidationError(problems)
        return password


def _current(request) -> dict:
    """Return the session key or token digest that this request came with."""
    token = request.auth
    if token is not None and hasattr(token, "digest"):
        return {"current_token_digest": token.digest}
    return {"current_session_key": request.session.session_key}


class AccountHygieneView(APIView):
    """Open to every signed-in person, a therapist without a second factor included:
    signing out a lost device or changing a leaked password must never wait for one."""

    permission_classes = [IsAuthenticated]


class SessionListView(AccountHygieneView):
    """The account's browser sessions and API tokens, this request's first."""

    @extend_schema(responses={200: DeviceSerializer(many=True)})
    def get(self, request):
        listed = devices.signed_in_devices(user=request.user, **_current(request))
        return Response(DeviceSerializer(listed, many=True).data)


class SessionDetailView(AccountHygieneView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, device_id: str):
        """Sign out one session or token (this request's own included).

        An id that is malformed or not this account's answers 404.
        """
        if not devices.device_end(user=request.user, device_id=device_id):
            raise NotFound(_("No such session or token of yours."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(AccountHygieneView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        """Sign out every session and token of the account, this request's own included."""
        devices.sessions_end(user=request.user)
        if request.auth is None:
            # Also forget it in this request, so the response sets no live cookie.
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeThrottle(BaseThrottle):
    """allauth's change_password rate limit (ACCOUNT_RATE_LIMITS, per account), the
    page's own, so that a stolen token cannot guess the old password faster there.

    It fails closed, like the log-in throttles: a Redis that cannot count answers 503.
    """

    fail_open = False

    def allow_request(self, request, view) -> bool:
        try:
            return ratelimit.consume(request._request, action="change_password", user=request.user)
        except RedisError:
            raise ThrottleUnavailable() from None

    def wait(self) -> float:
        return 60


class PasswordChangeView(AccountHygieneView):
    throttle_classes = [PasswordChangeThrottle]

    @extend_schema(request=PasswordChangeSerializer, responses={204: None})
    def post(self, request):
        """Change the password; every other session and token is signed out.

        The session or token of this request stays signed in. Each attempt
        counts against allauth's change_password rate limit, as on the page
        (429 when over it).
        """
        user = request.user
        incoming = PasswordChangeSerializer(data=request.data, context={"user": user})
        incoming.is_valid(raise_exception=True)
        current = _current(request)
        services.password_change(
            user=user,
            password=incoming.validated_data["new_password"],
            keep_session_key=current.get("current_session_key"),
            keep_token_digest=current.get("current_token_digest"),
        )
        if request.auth is None:
            # The new password's hash in this session, or Django would sign it out.
            update_session_auth_hash(request._request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)
