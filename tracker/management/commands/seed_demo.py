import json

from django.conf import settings
from django.core.management.base import BaseCommand

from tracker.demo import demo_accounts_create, demo_totp_keys


class Command(BaseCommand):
    help = "Create demo accounts in an empty database and print their logins."

    def handle(self, *args, **options):
        logins_file = settings.VAR_DIR / "demo-logins.json"
        logins = demo_accounts_create()
        if logins is not None:
            logins_file.parent.mkdir(parents=True, exist_ok=True)
            logins_file.write_text(json.dumps(logins, indent=2))
            logins_file.chmod(0o600)
        elif logins_file.exists():
            logins = json.loads(logins_file.read_text())
        if logins:
            self.stdout.write("Demo logins (username / password):")
            for username, password in logins.items():
                self.stdout.write(f"  {username:<10} {password}")
        for username, key in demo_totp_keys().items():
            self.stdout.write(
                f"  {username} also needs a code (two-step sign-in): add the key {key} "
                "to an authenticator app, or with the dev extra installed: "
                f".venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{key}').now())\""
            )
