from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def vapid_key_check(app_configs, **kwargs):
    if settings.VAPID_PRIVATE_KEY:
        return []
    return [
        Warning(
            "VAPID_PRIVATE_KEY is not set: push reminders cannot be sent.",
            hint="Generate a P-256 key (e.g. `vapid --gen`) and pass it base64url-encoded.",
            id="reminders.W001",
        )
    ]
