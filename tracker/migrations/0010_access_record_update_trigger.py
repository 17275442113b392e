"""On PostgreSQL, the database itself refuses to change an access record.

The app refuses too (tracker.models.AccessRecord), but SQL sent past it would
not be stopped. The one update allowed is the one Django's SET_NULL sends when a
therapist's row is deleted: `actor_id` to NULL with every other column as it
was. Deletes stay possible: the retention prune and a patient's account
deletion need them. Other databases (SQLite in quick test runs) go without.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION tracker_accessrecord_refuse_update() RETURNS trigger AS $$
BEGIN
    IF NEW.actor_id IS NULL AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access records are append-only (tracker_accessrecord %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER tracker_accessrecord_append_only
    BEFORE UPDATE ON tracker_accessrecord
    FOR EACH ROW EXECUTE FUNCTION tracker_accessrecord_refuse_update();
"""

DROP = """
DROP TRIGGER IF EXISTS tracker_accessrecord_append_only ON tracker_accessrecord;
DROP FUNCTION IF EXISTS tracker_accessrecord_refuse_update();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the % in RAISE is PL/pgSQL's, not a placeholder.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("tracker", "0009_access_record")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
