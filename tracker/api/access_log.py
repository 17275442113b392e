"""GET me/access-log/: who read or changed the caller's data (tracker.audit), newest first.

Read-only: the records are append-only, so PUT, PATCH and DELETE answer 405.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from tracker.audit import access_log_for
from tracker.models import AccessRecord


class AccessRecordSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()

    class Meta:
        model = AccessRecord
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "kind",
            "what",
            "description",
            "via",
            "method",
            "status",
            "address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "actor": {"help_text": "The therapist's id; null once their account is deleted."},
            "actor_name": {"help_text": "The therapist's name at the time of the access."},
            "status": {
                "help_text": "The answer's HTTP status: 400 or more is an attempt that was refused."
            },
            "address": {"help_text": "The address the request came from."},
        }

    @extend_schema_field(serializers.CharField(help_text='For instance "Thera saw your goals".'))
    def get_description(self, record: AccessRecord) -> str:
        return f"{record.actor_name} {record.action_text}"


@extend_schema(summary="Who saw or changed my data")
class AccessLogView(generics.ListAPIView):
    """Every request in which a therapist read or changed your data, newest first.

    Kept for AUDIT_RETENTION_DAYS (6 years unless configured), also after the
    link ended or the therapist's account was deleted. Paginated with limit
    and offset. A therapist's own list is empty: it lists access to the caller's data.
    """

    serializer_class = AccessRecordSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessRecord.objects.none()
        return access_log_for(patient=self.request.user)
