"""Template filters for allauth.mfa's pages (templates/mfa/)."""

from allauth.mfa.models import Authenticator
from django import template

register = template.Library()


@register.filter
def has_passkey(user) -> bool:
    """Whether to offer "Use a passkey" at the code step: only to someone who added one."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
