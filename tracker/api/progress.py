"""Progress (per-day sessions, pain, streaks, habit strength) and pause days.

Every date here is a local date in the user's own time zone (User.timezone).
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import services
from tracker.days import MAX_WINDOW_DAYS, WindowError, local_date, window_for
from tracker.models import PauseDay, PauseReason, User
from tracker.selectors import progress_summary

# A pause can be planned ahead (a trip) and filled in afterwards, within limits.
PAUSE_DAYS_AHEAD = 60
PAUSE_DAYS_BACK = 366

FIELD_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {
            "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
        },
    },
    description="Bad input: each offending field with its messages, or `detail` when the "
    "body could not be parsed at all.",
)
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
UNAUTHENTICATED = OpenApiResponse(response=DETAIL, description="No valid token or session.")
NOT_FOUND = OpenApiResponse(response=DETAIL, description="You have no pause on that date.")
UNSUPPORTED = OpenApiResponse(response=DETAIL, description="A body in a media type not accepted.")


def _local_today(user: User) -> date:
    return local_date(timezone.now(), user.tzinfo)


def _params(request) -> dict[str, str]:
    """Return the query parameters as a plain dict (the last value of a repeated one).

    A QueryDict would make DRF read `?to=` as "not given"; an empty value is a
    bad value, and a plain dict gets it a 400 like any other.
    """
    return request.query_params.dict()


def _renamed(fields: dict, renames: dict[str, str]) -> dict:
    """Return `fields` with keys renamed, in order: for names Python reserves (from)."""
    return {renames.get(name, name): field for name, field in fields.items()}


class ProgressQuerySerializer(serializers.Serializer):
    """?days=N, or ?from=&to=; the rules live in tracker.days.window_for."""

    days = serializers.IntegerField(required=False, min_value=1, max_value=MAX_WINDOW_DAYS)
    from_ = serializers.DateField(required=False, source="start")
    to = serializers.DateField(required=False, source="end")

    def get_fields(self):
        return _renamed(super().get_fields(), {"from_": "from"})

    def validate(self, attrs):
        try:
            start, end = window_for(
                days=attrs.get("days"),
                start=attrs.get("start"),
                end=attrs.get("end"),
                today=self.context["today"],
            )
        except WindowError as error:
            field = {"start": "from", "end": "to"}.get(error.field, error.field)
            raise ValidationError({field: [error.message]}) from None
        return {"start": start, "end": end}


class ProgressDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    pain_mean = serializers.FloatField(
        allow_null=True, min_value=0, max_value=10, help_text="Mean rating, 1 decimal."
    )
    pain_min = serializers.IntegerField(allow_null=True, min_value=0, max_value=10)
    pain_max = serializers.IntegerField(allow_null=True, min_value=0, max_value=10)
    pain_entries = serializers.IntegerField(min_value=0)
    sessions_logged = serializers.IntegerField(min_value=0)
    sessions_planned = serializers.IntegerField(min_value=0)
    adherence = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="min(logged, planned) / planned; null when nothing was planned.",
    )
    paused = serializers.ChoiceField(
        choices=PauseReason.choices, allow_null=True, help_text="Why the day was paused, if it was."
    )
    habit_strength = serializers.FloatField(min_value=0, max_value=1)


class ProgressSerializer(serializers.Serializer):
    timezone = serializers.CharField(help_text="The user's IANA zone; dates are local to it.")
    from_ = serializers.DateField(source="start")
    to = serializers.DateField(source="end")
    current_streak = serializers.IntegerField(
        min_value=0,
        help_text=(
            "Days with at least one session in the run reaching the window's end (or "
            "today); rest and pause days are stepped over, today never breaks it."
        ),
    )
    longest_streak = serializers.IntegerField(
        min_value=0, help_text="Longest run up to the window's end, looking back up to a year."
    )
    habit_strength = serializers.FloatField(
        min_value=0, max_value=1, help_text="Smoothed adherence at the window's end (or today)."
    )
    days = ProgressDaySerializer(many=True)

    def get_fields(self):
        return _renamed(super().get_fields(), {"from_": "from"})


PROGRESS_PARAMETERS = [
    OpenApiParameter(
        "days",
        {"type": "integer", "minimum": 1, "maximum": MAX_WINDOW_DAYS},
        description=f"Window of N days ending on the user's local today (1..{MAX_WINDOW_DAYS}, "
        "default 30). Not with from/to.",
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First local date (with to)."),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        description=f"Last local date (with from); at most {MAX_WINDOW_DAYS} days in all.",
    ),
]


def progress_body(request, user: User) -> dict:
    """Return `user`'s progress for the request's window, as GET progress/ answers it.

    Shared with the linked therapist's view of a patient, so both read the
    same window rules, selectors and serializer.
    """
    today = _local_today(user)
    query = ProgressQuerySerializer(data=_params(request), context={"today": today})
    query.is_valid(raise_exception=True)
    summary = progress_summary(user=user, today=today, **query.validated_data)
    return ProgressSerializer(summary).data


class ProgressView(APIView):
    @extend_schema(
        summary="Daily progress over a window of local days",
        parameters=PROGRESS_PARAMETERS,
        responses={200: ProgressSerializer, 400: FIELD_ERRORS, 401: UNAUTHENTICATED},
    )
    def get(self, request):
        return Response(progress_body(request, request.user))


class PauseDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = PauseDay
        fields = ["date", "reason"]


class PauseDayInputSerializer(serializers.Serializer):
    date = serializers.DateField(
        help_text=f"Local date, from {PAUSE_DAYS_BACK} days back to {PAUSE_DAYS_AHEAD} days ahead."
    )
    reason = serializers.ChoiceField(choices=PauseReason.choices)

    def validate_date(self, value: date) -> date:
        today = self.context["today"]
        if value > today + timedelta(days=PAUSE_DAYS_AHEAD):
            raise ValidationError(
                _("Must be at most %(days)s days after today.") % {"days": PAUSE_DAYS_AHEAD}
            )
        if value < today - timedelta(days=PAUSE_DAYS_BACK):
            raise ValidationError(
                _("Must be at most %(days)s days before today.") % {"days": PAUSE_DAYS_BACK}
            )
        return value


class PauseDayFilterSerializer(serializers.Serializer):
    from_ = serializers.DateField(required=False, source="start")
    to = serializers.DateField(required=False, source="end")

    def get_fields(self):
        return _renamed(super().get_fields(), {"from_": "from"})

    def validate(self, attrs):
        if "start" in attrs and "end" in attrs and attrs["start"] > attrs["end"]:
            raise ValidationError({"to": [_("Must be on or after from.")]})
        return attrs


class PauseDayDateSerializer(serializers.Serializer):
    date = serializers.DateField()


class PauseDayListView(generics.ListAPIView):
    """Days you paused (a flare-up, travel): they neither break a streak nor lower the score."""

    serializer_class = PauseDaySerializer
    # A plain list: at most one row per day, so even years of pauses stay small,
    # and from/to narrow it further.
    pagination_class = None

    def get_queryset(self):
        # Ownership is decided here: another user's pauses are never listed.
        pauses = PauseDay.objects.filter(user=self.request.user).order_by("date")
        window = PauseDayFilterSerializer(data=_params(self.request))
        window.is_valid(raise_exception=True)
        if "start" in window.validated_data:
            pauses = pauses.filter(date__gte=window.validated_data["start"])
        if "end" in window.validated_data:
            pauses = pauses.filter(date__lte=window.validated_data["end"])
        return pauses

    @extend_schema(
        summary="List your pause days, oldest first",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="Only on or after"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Only on or before"),
        ],
        responses={200: PauseDaySerializer(many=True), 400: FIELD_ERRORS, 401: UNAUTHENTICATED},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Pause a day (idempotent: 201 first, 200 when already paused)",
        request=PauseDayInputSerializer,
        responses={
            201: PauseDaySerializer,
            200: PauseDaySerializer,
            400: FIELD_ERRORS,
            401: UNAUTHENTICATED,
            415: UNSUPPORTED,
        },
    )
    def post(self, request):
        incoming = PauseDayInputSerializer(
            data=request.data, context={"today": _local_today(request.user)}
        )
        incoming.is_valid(raise_exception=True)
        pause, created = services.pause_day_save(user=request.user, **incoming.validated_data)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(PauseDaySerializer(pause).data, status=code)


class PauseDayDetailView(APIView):
    @extend_schema(
        summary="Unpause a day",
        parameters=[
            OpenApiParameter(
                "date", OpenApiTypes.DATE, OpenApiParameter.PATH, description="Local date"
            )
        ],
        responses={204: None, 400: FIELD_ERRORS, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    )
    def delete(self, request, date):
        path = PauseDayDateSerializer(data={"date": date})
        path.is_valid(raise_exception=True)
        # Only the user's own pauses are looked at: another user's pause on the
        # same date is simply not there (404, not 403).
        if not services.pause_day_delete(user=request.user, date=path.validated_data["date"]):
            raise NotFound(_("You have no pause on that date."))
        return Response(status=status.HTTP_204_NO_CONTENT)
