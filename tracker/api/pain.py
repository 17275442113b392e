from exercises.api.client_records import ClientRecordViewSet, client_record_schema
from tracker import selectors, services
from tracker.api.serializers import PainEntrySerializer


@client_record_schema(PainEntrySerializer)
class PainEntryViewSet(ClientRecordViewSet):
    """0-10 pain ratings. POST (with id) and PUT are idempotent: 201 first, 200 after."""

    serializer_class = PainEntrySerializer
    select_records = staticmethod(selectors.pain_entries_for_user)

    def store_record(self, *, user, record_id, values, replace):
        return services.pain_entry_save(
            user=user, entry_id=record_id, values=values, replace=replace
        )

    def perform_destroy(self, instance):
        services.pain_entry_delete(entry=instance)
