import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The index Django made for the foreign key (its name is derived from the table
# and column): access_record_patient_idx, which starts with the same column,
# serves every lookup by patient. Only the index goes: AlterField would also
# drop and re-add the foreign key, which checks every record again under a lock
# that holds up the audit's inserts.
DROP_INDEX = 'DROP INDEX IF EXISTS "tracker_accessrecord_patient_id_259493b1"'
CREATE_INDEX = (
    'CREATE INDEX "tracker_accessrecord_patient_id_259493b1" '
    'ON "tracker_accessrecord" ("patient_id")'
)


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0013_activity_day_backfill"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(DROP_INDEX, CREATE_INDEX)],
            state_operations=[
                migrations.AlterField(
                    model_name="accessrecord",
                    name="patient",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="access_records",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
