"""Start-up checks of settings that tracker/settings.py cannot check without importing Django."""

from email.utils import parseaddr

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def email_settings_check(app_configs, **kwargs):
    errors = []
    try:
        import_string(settings.EMAIL_BACKEND)
    except ImportError:
        errors.append(
            Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND!r} cannot be imported.",
                hint="A dotted path such as django.core.mail.backends.smtp.EmailBackend.",
                id="tracker.E001",
            )
        )
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if "@" not in address:
        errors.append(
            Error(
                f"DEFAULT_FROM_EMAIL {settings.DEFAULT_FROM_EMAIL!r} is not an email address.",
                hint='For example "StretchStop <reminders@example.org>".',
                id="tracker.E002",
            )
        )
    return errors
