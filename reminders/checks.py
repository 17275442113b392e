from django.conf import settings
from django.core.checks import Error, Warning, register


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


@register()
def vapid_key_valid_check(app_configs, **kwargs):
    """A key that is set must load: otherwise every push would fail, found only at send time."""
    if not settings.VAPID_PRIVATE_KEY:
        return []
    from reminders import vapid

    try:
        vapid.server_key.__wrapped__()
    except Exception:
        return [
            Error(
                "VAPID_PRIVATE_KEY is not a P-256 private key.",
                hint="Pass base64url of the raw 32-byte key, or the key in PEM.",
                id="reminders.E001",
            )
        ]
    return []
