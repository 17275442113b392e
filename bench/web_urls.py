"""The product's URLs plus one bench-only yardstick: a bare DRF create endpoint.

`POST /bench/bare-logs/` stores an ExerciseLog the plainest way DRF offers (a
ModelSerializer and a CreateAPIView), behind the same middleware,
authentication and permission as the product's API, so bench/web.py can say
how far `PUT /api/v1/logs/{id}/` (idempotent, validated, owned) is from it.
"""

from django.db import transaction
from django.urls import path
from rest_framework import generics, serializers

from exercises.models import Exercise, ExerciseLog
from tracker.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


class BareLogSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", queryset=Exercise.objects.all())

    class Meta:
        model = ExerciseLog
        fields = ["id", "performed_at", "exercise", "note", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"id": {"read_only": False}}


class BareLogCreateView(generics.CreateAPIView):
    serializer_class = BareLogSerializer

    def perform_create(self, serializer):
        # In a transaction, as the product inserts a log: what saving one
        # writes besides (its day's count, tracker.activity_days) is then one
        # upsert on both sides of the comparison, not a recount on this one.
        with transaction.atomic():
            serializer.save(user=self.request.user)


urlpatterns = [path("bench/bare-logs/", BareLogCreateView.as_view()), *urlpatterns]
