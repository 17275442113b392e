"""Record each existing account's e-mail as allauth's EmailAddress, not yet verified.

From now on reminders and notices are e-mailed only to a verified address; an
account made before sign-up recorded its address gets a row too, so that its
owner can ask for the link ("Send the link again" on the account page).
"""

from django.db import migrations


def record_addresses(apps, schema_editor):
    User = apps.get_model("tracker", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), primary=True, verified=False)
            for pk, email in User.objects.exclude(email="").values_list("pk", "email")
            if pk not in have
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0007_api_token_client"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(record_addresses, migrations.RunPython.noop)]
