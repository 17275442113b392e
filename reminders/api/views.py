import logging

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from redis.exceptions import RedisError
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from reminders import drives, services, vapid
from reminders.api.serializers import (
    ActionTokenSerializer,
    DeliveryFilterSerializer,
    DeliverySerializer,
    DetailSerializer,
    DriveSerializer,
    DriveStartSerializer,
    PushKeySerializer,
    PushSubscriptionOutSerializer,
    PushSubscriptionRenewSerializer,
    PushSubscriptionSerializer,
    ScheduleSerializer,
    SnoozeSerializer,
)
from reminders.models import (
    Channel,
    Delivery,
    DeliveryKind,
    DeliveryState,
    PushSubscription,
    Schedule,
)
from reminders.tasks import enqueue_sends

logger = logging.getLogger(__name__)


class ScheduleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Reminder schedules: sitting breaks every N minutes, or a routine at fixed times."""

    serializer_class = ScheduleSerializer
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Schedule.objects.filter(user=self.request.user).select_related("routine")

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        schedule = services.schedule_save(
            user=request.user, values=incoming.validated_data, now=timezone.now()
        )
        return Response(self.get_serializer(schedule).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            200: ScheduleSerializer,
            403: OpenApiResponse(
                DetailSerializer,
                "A change to what the patient's therapist set in this reminder (interval, "
                "window, weekdays, times, routine); nothing was changed. Or a browser session "
                "without a valid CSRF token.",
            ),
        }
    )
    def partial_update(self, request, *args, **kwargs):
        """Change a reminder; in one a therapist set, only the patient's own settings.

        The patient may pause it (`paused_until`), turn it off (`is_active`) and
        change its quiet hours, channels and name; what the therapist set is
        refused with 403 (the refusal concerns the setting's owner, not a bad value).
        """
        schedule = self.get_object()
        incoming = self.get_serializer(schedule, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        try:
            schedule = services.schedule_update_by_owner(
                schedule=schedule, values=incoming.validated_data, now=timezone.now()
            )
        except services.SetByTherapist as refusal:
            raise PermissionDenied(str(refusal)) from None
        return Response(self.get_serializer(schedule).data)


ANSWER_RESPONSES = {
    200: DeliverySerializer,
    409: OpenApiResponse(DetailSerializer, "Already answered with another action."),
}


class DeliveryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reminders that fell due, and the answers to them: done, snooze, skip.

    The actions also accept the signed `token` from the push payload instead of
    a login, so a service worker can answer with no session and no CSRF token;
    the token answers for that one delivery and can do nothing else.
    """

    serializer_class = DeliverySerializer
    lookup_value_converter = "int"
    pagination_class = None

    def get_queryset(self):
        return Delivery.objects.filter(user=self.request.user).select_related("routine")

    @extend_schema(parameters=[OpenApiParameter("since", OpenApiTypes.DATETIME)])
    def list(self, request, *args, **kwargs):
        window = DeliveryFilterSerializer(data=request.query_params)
        window.is_valid(raise_exception=True)
        deliveries = self.get_queryset()
        if "since" in window.validated_data:
            deliveries = deliveries.filter(due_at__gte=window.validated_data["since"])
        return Response(self.get_serializer(deliveries[:200], many=True).data)

    def _answerable(self, request, pk: int) -> Delivery:
        token = request.data.get("token") if hasattr(request.data, "get") else None
        deliveries = Delivery.objects.select_related("user", "schedule", "routine")
        if request.user.is_authenticated:
            delivery = deliveries.filter(pk=pk, user=request.user).first()
        elif isinstance(token, str) and services.action_token_valid(token, pk):
            delivery = deliveries.filter(pk=pk).first()
        else:
            delivery = None
        if delivery is None:
            # The same answer for "no such delivery", "not yours" and "bad token".
            raise NotFound()
        return delivery

    def _act(self, action, delivery: Delivery, **kwargs) -> Response:
        try:
            action(delivery=delivery, now=timezone.now(), **kwargs)
        except services.ActionConflict as conflict:
            return Response({"detail": str(conflict)}, status=status.HTTP_409_CONFLICT)
        delivery.refresh_from_db()
        return Response(DeliverySerializer(delivery).data)

    @extend_schema(request=ActionTokenSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def done(self, request, pk: int):
        ActionTokenSerializer(data=request.data).is_valid(raise_exception=True)
        return self._act(services.delivery_done, self._answerable(request, pk))

    @extend_schema(request=SnoozeSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def snooze(self, request, pk: int):
        incoming = SnoozeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return self._act(
            services.delivery_snooze,
            self._answerable(request, pk),
            minutes=incoming.validated_data["minutes"],
        )

    @extend_schema(request=ActionTokenSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def skip(self, request, pk: int):
        ActionTokenSerializer(data=request.data).is_valid(raise_exception=True)
        return self._act(services.delivery_skip, self._answerable(request, pk))


class PushKeyView(APIView):
    """The VAPID public key a browser needs to subscribe (applicationServerKey)."""

    @extend_schema(
        responses={
            200: PushKeySerializer,
            503: OpenApiResponse(DetailSerializer, "Push is not configured on this server."),
        }
    )
    def get(self, request):
        try:
            return Response({"public_key": vapid.application_server_key()})
        except ImproperlyConfigured:
            return Response(
                {"detail": _("Push notifications are not configured on this server.")},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )


class PushSubscriptionViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = PushSubscriptionSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        return PushSubscription.objects.filter(user=self.request.user)

    @extend_schema(
        responses={201: PushSubscriptionOutSerializer, 200: PushSubscriptionOutSerializer}
    )
    def create(self, request, *args, **kwargs):
        incoming = PushSubscriptionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            subscription, created = services.push_subscription_save(
                user=request.user,
                endpoint=data["endpoint"],
                p256dh=data["keys"]["p256dh"],
                auth=data["keys"]["auth"],
                user_agent=request.headers.get("User-Agent", ""),
            )
        except services.SubscriptionNotYours:
            # 400 like any bad input: neither the other account nor the id is named.
            raise ValidationError(
                {"endpoint": [_("This subscription's keys do not match. Subscribe again.")]}
            ) from None
        return Response(
            PushSubscriptionOutSerializer(subscription).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        request=PushSubscriptionRenewSerializer,
        responses={
            200: PushSubscriptionOutSerializer,
            404: OpenApiResponse(DetailSerializer, "No subscription with that endpoint and auth."),
        },
    )
    @action(
        detail=False, methods=["post"], permission_classes=[AllowAny], authentication_classes=[]
    )
    def renew(self, request):
        """Swap a subscription the browser rotated (`pushsubscriptionchange`) for its new one.

        For a service worker with no session and no CSRF token: the old
        subscription's endpoint and `auth` secret prove the caller is that
        browser, and the new subscription stays with the same account. Sent
        without cookies; a login is neither needed nor used.
        """
        incoming = PushSubscriptionRenewSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        subscription = services.push_subscription_renew(
            old_endpoint=data["old_endpoint"],
            old_auth=data["old_auth"],
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            user_agent=request.headers.get("User-Agent", ""),
        )
        if subscription is None:
            raise NotFound()
        return Response(PushSubscriptionOutSerializer(subscription).data)


class PushTestThrottle(ScopedRateThrottle):
    """THROTTLE_PUSH_TEST per user; open when the cache (Redis) cannot be reached.

    It guards load, not a secret: refusing would be no safer, and the send
    itself waits for the broker anyway.
    """

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning("push test throttle: cache unavailable, failing open", exc_info=True)
            return True


class PushTestView(APIView):
    """Send a test notification to every push subscription of the user, now."""

    throttle_classes = [PushTestThrottle]
    throttle_scope = "push_test"

    @extend_schema(
        request=None,
        responses={
            202: DeliverySerializer,
            400: OpenApiResponse(DetailSerializer, "No push subscription to send to."),
        },
    )
    def post(self, request):
        if not request.user.push_subscriptions.exists():
            raise ValidationError({"detail": _("Turn on notifications on this device first.")})
        with transaction.atomic():
            delivery = Delivery.objects.create(
                user=request.user,
                kind=DeliveryKind.TEST,
                due_at=timezone.now(),
                channels=[Channel.PUSH],
                state=DeliveryState.PENDING,
                enqueued_at=timezone.now(),
            )
            # Robust: a broker that is down is logged, not a 500; the sweeper
            # enqueues the pending delivery again (REMINDERS_SWEEP_AFTER_SECONDS).
            transaction.on_commit(lambda: enqueue_sends([delivery.pk]), robust=True)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class DriveStartView(APIView):
    """Start a drive: reminders then follow driving time, and sitting breaks pause."""

    @extend_schema(
        request=DriveStartSerializer,
        responses={
            201: DriveSerializer,
            409: OpenApiResponse(DetailSerializer, "A drive is running."),
        },
    )
    def post(self, request):
        incoming = DriveStartSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            drive = drives.drive_start(
                user=request.user, now=timezone.now(), **incoming.validated_data
            )
        except drives.DriveStateError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(DriveSerializer(drive).data, status=status.HTTP_201_CREATED)


class CurrentDriveView(APIView):
    @extend_schema(
        responses={
            200: DriveSerializer,
            404: OpenApiResponse(DetailSerializer, "No drive is running."),
        }
    )
    def get(self, request):
        drive = drives.current_drive(user=request.user)
        if drive is None:
            raise NotFound(_("No drive is running."))
        return Response(DriveSerializer(drive).data)


class DriveTransitionView(APIView):
    """Mark a stop, the way back on the road, or the end of the drive."""

    transition = None  # set in urls: drives.drive_stop, drive_resume or drive_end

    @extend_schema(
        request=None,
        responses={
            200: DriveSerializer,
            409: OpenApiResponse(DetailSerializer, "No drive, or already in that state."),
        },
    )
    def post(self, request):
        try:
            drive = self.transition(user=request.user, now=timezone.now())
        except drives.DriveStateError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(DriveSerializer(drive).data)
