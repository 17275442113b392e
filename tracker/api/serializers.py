from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from exercises.api.client_records import id_field
from exercises.api.fields import RecentDateTimeField
from tracker import recovery
from tracker.goals import next_rating_due
from tracker.models import (
    Goal,
    GoalRating,
    PainContext,
    PainEntry,
    PainLocation,
    Profile,
    Role,
    User,
)
from tracker.selectors import goal_history
from tracker.services import UsernameTaken, password_problems
from tracker.timezones import validate_timezone


class TimezoneField(serializers.CharField):
    default_error_messages = {
        "unknown": "{value!r} is not an IANA time zone such as Europe/Berlin."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            validate_timezone(value)
        except DjangoValidationError:
            self.fail("unknown", value=value)
        return value


class UserSerializer(serializers.ModelSerializer):
    timezone = TimezoneField(required=False)
    display_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,  # the column's (User.email, allauth's EmailAddress.email)
        help_text=(
            "The account's address. Writing a new one does not change it: the new address "
            "gets a confirmation e-mail and shows as `email_pending` until its link is "
            "opened (or its key sent to auth/email/verify/); then it replaces this one. "
            "An empty string removes the address at once."
        ),
    )
    email_verified = serializers.SerializerMethodField(
        help_text="Whether the owner opened the link sent to `email`. Reminders and message "
        "notices are e-mailed only to a verified address."
    )
    email_pending = serializers.SerializerMethodField(
        help_text="A new address waiting for its confirmation link to be opened, or null."
    )
    profile = serializers.ChoiceField(choices=Profile.choices, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "email",
            "email_verified",
            "email_pending",
            "display_name",
            "role",
            "timezone",
            "profile",
            "language",
        ]
        read_only_fields = ["id", "username", "role"]

    def _email_status(self, user) -> recovery.EmailStatus:
        # One query for both fields.
        if getattr(self, "_status_for", None) != (user.pk, user.email):
            self._status_for = (user.pk, user.email)
            self._status = recovery.email_status(user=user)
        return self._status

    def get_email_verified(self, user) -> bool:
        return self._email_status(user).verified

    def get_email_pending(self, user) -> str | None:
        return self._email_status(user).pending

    def validate(self, attrs):
        role = self.instance.role if self.instance else attrs.get("role")
        if attrs.get("profile") and role == Role.THERAPIST:
            raise serializers.ValidationError({"profile": _("Only patients have a profile.")})
        return attrs


class RegisterSerializer(serializers.Serializer):
    username = serializers.RegexField(
        r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)
    email = serializers.EmailField(required=False, allow_blank=True, default="", max_length=254)
    display_name = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    role = serializers.ChoiceField(choices=Role.choices)
    timezone = TimezoneField()
    profile = serializers.ChoiceField(
        choices=Profile.choices, required=False, allow_blank=True, default=""
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        allow_blank=True,
        default="",
        help_text="en, es, de, pl or fr; without it, the request's Accept-Language.",
    )

    def validate_username(self, username):
        # Stored as NFKC (a full-width "office" is plain "office"): compare that form.
        username = User.normalize_username(username)
        if User.objects.filter(username__iexact=username).exists():
            raise serializers.ValidationError(UsernameTaken.message)
        return username

    def validate(self, attrs):
        if attrs["profile"] and attrs["role"] == Role.THERAPIST:
            raise serializers.ValidationError({"profile": _("Only patients have a profile.")})
        problems = password_problems(
            password=attrs["password"], username=attrs["username"], email=attrs["email"]
        )
        if problems:
            raise serializers.ValidationError({"password": problems})
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)


class RegisterResponseSerializer(TokenResponseSerializer):
    user = UserSerializer()


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    otp = serializers.CharField(
        max_length=64,
        required=False,
        default="",
        write_only=True,
        help_text="For an account with two-step sign-in: an authenticator code or a recovery code.",
    )

    def validate(self, attrs):
        request = self.context["request"]
        try:
            # allauth's per-account lockout, counted with the /login/ page's failures.
            user = recovery.authenticate_counted(
                getattr(request, "_request", request),
                username=attrs["username"],
                password=attrs["password"],
            )
        except recovery.LockedOut as locked:
            raise exceptions.Throttled(
                detail=str(locked.message), wait=locked.retry_after_seconds
            ) from None
        if user is None:
            # One message for an unknown user and a wrong password: reveals nothing.
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unknown username or wrong password.")]}
            )
        attrs["user"] = user
        return attrs


class AccountDeleteSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)

    def validate_password(self, password):
        if not self.context["request"].user.check_password(password):
            raise serializers.ValidationError(_("Wrong password; nothing was deleted."))
        return password


class PainEntrySerializer(serializers.ModelSerializer):
    id = id_field()
    recorded_at = RecentDateTimeField()
    rating = serializers.IntegerField(
        min_value=0, max_value=10, help_text="0 no pain .. 10 worst imaginable."
    )
    locations = serializers.ListField(
        child=serializers.ChoiceField(choices=PainLocation.choices),
        max_length=len(PainLocation.choices),
        required=False,
        default=list,
    )
    context = serializers.ChoiceField(
        choices=PainContext.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = PainEntry
        fields = ["id", "recorded_at", "rating", "locations", "context", "note", "created_at"]
        read_only_fields = ["created_at"]

    def validate_locations(self, locations):
        if len(set(locations)) != len(locations):
            raise serializers.ValidationError(_("Name each location once."))
        return locations


GOAL_EXAMPLES = (
    "e.g. sitting through a meeting, standing up from a chair, climbing stairs, driving four hours."
)


class GoalPartySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "display_name"]
        read_only_fields = fields


class GoalRatingSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(
        min_value=0,
        max_value=10,
        help_text="0 unable to do the activity .. 10 able to do it as before the problem.",
    )
    rated_at = RecentDateTimeField(
        required=False, help_text="Left out: now. Not before the goal was named."
    )
    rated_by = GoalPartySerializer(read_only=True)

    class Meta:
        model = GoalRating
        fields = ["id", "score", "rated_at", "rated_by"]
        read_only_fields = ["id", "rated_by"]


class GoalCreateSerializer(serializers.Serializer):
    activity = serializers.CharField(
        max_length=200, help_text=f"An activity the pain makes hard, {GOAL_EXAMPLES}"
    )


class GoalUpdateSerializer(serializers.Serializer):
    activity = serializers.CharField(max_length=200, required=False)
    archived = serializers.BooleanField(
        required=False,
        help_text="true archives the goal (it keeps its ratings, leaves the score); "
        "false brings it back. Left out: unchanged.",
    )


class GoalSerializer(serializers.ModelSerializer):
    created_by = GoalPartySerializer(read_only=True, allow_null=True)
    ratings = GoalRatingSerializer(many=True, read_only=True)
    latest_score = serializers.SerializerMethodField()
    next_rating_due = serializers.SerializerMethodField(
        help_text="14 days after the latest rating; null: not rated yet (rate it now)."
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "activity",
            "created_by",
            "created_at",
            "archived_at",
            "ratings",
            "latest_score",
            "next_rating_due",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=0, max_value=10))
    def get_latest_score(self, goal: Goal) -> int | None:
        latest = goal_history(goal).latest_rating()
        return None if latest is None else latest.score

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_next_rating_due(self, goal: Goal):
        latest = goal_history(goal).latest_rating()
        due = next_rating_due(None if latest is None else latest.rated_at)
        return None if due is None else serializers.DateTimeField().to_representation(due)


class GoalSummarySerializer(serializers.Serializer):
    psfs_score = serializers.FloatField(
        allow_null=True,
        help_text="Mean of each active goal's latest rating, one decimal; null: none rated.",
    )
    previous_score = serializers.FloatField(
        allow_null=True,
        help_text="The score before the latest sitting (ratings within a day of the latest).",
    )
    change = serializers.FloatField(allow_null=True, help_text="psfs_score - previous_score.")
    meaningful = serializers.BooleanField(
        help_text="Whether |change| >= 2 points, the smallest change that is more than noise."
    )


class GoalListSerializer(serializers.Serializer):
    summary = GoalSummarySerializer()
    goals = GoalSerializer(many=True)
