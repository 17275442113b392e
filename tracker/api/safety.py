"""The patient's answers to the safety screen (GET the latest, POST new ones).

The questions themselves are served by `GET /api/v1/library/safety/`; the
onboarding page posts the answers here.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exercises.library import SAFETY_ADVICE
from reminders.api.serializers import DetailSerializer
from tracker.api.parsers import JSONParser
from tracker.api.permissions import IsPatient
from tracker.api.progress import UNSUPPORTED
from tracker.models import SafetyCheck
from tracker.safety import SCREEN_SLUGS, latest_safety_check, safety_check_save


class StrictBooleanField(serializers.BooleanField):
    """true or false only: "yes", 1 or "true" are not an answer to a safety question."""

    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_internal_value(self, data):
        if type(data) is not bool:
            self.fail("invalid")
        return data


class SafetyAnswersSerializer(serializers.Serializer):
    """One true/false per question of the screen, every question answered."""

    def get_fields(self):
        return {slug: StrictBooleanField() for slug in SCREEN_SLUGS}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(SCREEN_SLUGS))
            if unknown:
                raise serializers.ValidationError(
                    {str(key): [_("Not a question of the safety screen.")] for key in unknown}
                )
        return super().to_internal_value(data)


class SafetyAnswersInputSerializer(serializers.Serializer):
    answers = SafetyAnswersSerializer(
        help_text="Every slug of GET library/safety/ with true (yes) or false (no)."
    )


@extend_schema_field({"type": "string", "enum": list(SCREEN_SLUGS)})
class SlugField(serializers.CharField):
    pass


class SafetyCheckSerializer(serializers.ModelSerializer):
    warning_signs = serializers.ListField(
        child=SlugField(), help_text="The questions answered yes, in the screen's order."
    )
    see_professional = serializers.SerializerMethodField()
    advice = serializers.SerializerMethodField()

    class Meta:
        model = SafetyCheck
        fields = ["answered_at", "warning_signs", "see_professional", "advice"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField(help_text="True when any answer is yes."))
    def get_see_professional(self, check: SafetyCheck) -> bool:
        return bool(check.warning_signs)

    @extend_schema_field(
        serializers.CharField(allow_null=True, help_text="Null when every answer is no.")
    )
    def get_advice(self, check: SafetyCheck) -> str | None:
        return SAFETY_ADVICE if check.warning_signs else None


NOT_A_PATIENT = OpenApiResponse(
    DetailSerializer,
    "The caller is not a patient. (Or a browser session without a valid CSRF token.)",
)


class SafetyCheckView(APIView):
    """Your answers to the safety screen. A yes to any question: see a professional first.

    Your linked therapist is alerted to a warning sign you had not reported before.
    """

    permission_classes = [IsAuthenticated, IsPatient]
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Your latest answers to the safety screen",
        responses={
            200: SafetyCheckSerializer,
            403: NOT_A_PATIENT,
            404: OpenApiResponse(DetailSerializer, "You have not answered the screen yet."),
        },
    )
    def get(self, request):
        check = latest_safety_check(request.user)
        if check is None:
            raise NotFound(_("You have not answered the safety screen yet."))
        return Response(SafetyCheckSerializer(check).data)

    @extend_schema(
        summary="Answer the safety screen (every question, true or false)",
        request=SafetyAnswersInputSerializer,
        responses={201: SafetyCheckSerializer, 403: NOT_A_PATIENT, 415: UNSUPPORTED},
    )
    def post(self, request):
        incoming = SafetyAnswersInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        check = safety_check_save(
            user=request.user, answers=incoming.validated_data["answers"], now=timezone.now()
        )
        return Response(SafetyCheckSerializer(check).data, status=status.HTTP_201_CREATED)
