"""Thin views of a care link's messages; the rules live in tracker.care.messages.

Either person of the link reads and writes its thread; anyone else gets 404,
like an unknown id. An ended link's thread can still be read (and marked
read), and answers 409 to a new message.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from reminders.api.serializers import DetailSerializer
from tracker.api.throttles import MessageSendThrottle
from tracker.audit import access_note
from tracker.care import messages
from tracker.care.tasks import enqueue_message_notice
from tracker.models import MESSAGE_MAX_CHARS, CareLink, CareMessage


class PlainTextField(serializers.CharField):
    """Text, and only text: a number, a list or an object is refused, not turned into text."""

    default_error_messages = {"invalid": gettext_lazy("Send the message as text.")}

    def to_internal_value(self, data):
        # NUL is refused too: PostgreSQL cannot store it in text.
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class MessageInSerializer(serializers.Serializer):
    body = PlainTextField(
        max_length=MESSAGE_MAX_CHARS,
        help_text=f"Plain text, 1 to {MESSAGE_MAX_CHARS} characters (trimmed). "
        "HTML is kept as typed and shown as text.",
    )


class MessageSerializer(serializers.ModelSerializer):
    from_me = serializers.SerializerMethodField()

    class Meta:
        model = CareMessage
        fields = ["id", "link", "sender", "from_me", "body", "sent_at", "read_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_from_me(self, message: CareMessage) -> bool:
        return message.sender_id == self.context["request"].user.pk


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(min_value=0, help_text="Messages that were unread.")


# The URL's `id` is the link's, named like the other care/links/{id}/ routes.
def _link(request, link_id: int) -> CareLink:
    link = messages.link_for_messages(user=request.user, link_id=link_id)
    if link is None:
        raise NotFound()
    # The therapist's access to the patient's thread; the patient's own is not recorded.
    access_note(request, patients=[link.patient_id])
    return link


class MessageListView(APIView):
    """The thread of one care link, oldest message first."""

    def get_throttles(self):
        if self.request.method == "POST":
            return [MessageSendThrottle()]
        return super().get_throttles()

    @extend_schema(responses={200: MessageSerializer(many=True)})
    def get(self, request, id: int):
        link = _link(request, id)
        thread = messages.thread(link=link)
        return Response(MessageSerializer(thread, many=True, context={"request": request}).data)

    @extend_schema(
        request=MessageInSerializer,
        responses={
            201: MessageSerializer,
            409: OpenApiResponse(DetailSerializer, "The link has ended: the thread is read-only."),
        },
    )
    def post(self, request, id: int):
        """Send a message to the other person of the link, who is notified (not in quiet hours)."""
        link = _link(request, id)
        incoming = MessageInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            message = messages.message_send(
                link=link,
                sender=request.user,
                body=incoming.validated_data["body"],
                now=timezone.now(),
                enqueue=enqueue_message_notice,
            )
        except messages.InvalidMessage as error:
            raise ValidationError({"body": [str(error)]}) from None
        except messages.ThreadReadOnly as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        body = MessageSerializer(message, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class MessagesReadView(APIView):
    """Mark every message to the caller on this link read (an ended link's too)."""

    @extend_schema(request=None, responses={200: MarkedReadSerializer})
    def post(self, request, id: int):
        link = _link(request, id)
        marked = messages.thread_mark_read(link=link, reader=request.user, now=timezone.now())
        return Response(MarkedReadSerializer({"marked": marked}).data)
