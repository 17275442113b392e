"""The second factor (TOTP, recovery codes, passkeys): who needs one, and the API's set-up.

The pages under /accounts/2fa/ are allauth.mfa's own views; the API below uses
the same allauth pieces (its TOTP and RecoveryCodes authenticators, its code
check, its authenticate form) so that a secret set up on either side works on
both, and a recovery code used on one is gone on the other.
"""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.internal.flows import delete_dangling_recovery_codes
from allauth.mfa.internal.flows.add import validate_can_add_authenticator
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, validate_totp_code
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tracker.models import Role, User

# The kinds that stand on their own; recovery codes only back one of them up.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# How long a secret handed out by the API waits for its first code.
PENDING_SECONDS = 15 * 60
SETUP_URL = "/accounts/2fa/totp/activate/"
# Shown on the way there (allauth may first ask for the password again).
SETUP_REASON = _(
    "You see patients' health data, so StretchStop asks therapists for a second step "
    "when they log in: a code from an app on their phone. Set it up once, now."
)


class SecondFactorError(Exception):
    """A set-up step refused: the message says why, in words for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def has_second_factor(user: User) -> bool:
    return get_adapter().is_mfa_enabled(user, types=SECOND_FACTORS)


def second_factor_missing(user: User) -> bool:
    """True for a therapist without a second factor: they may not see patient data yet.

    The one rule behind the pages' redirect (tracker.web.access) and the API's
    403 (tracker.api.permissions). Patients may add one; nothing requires it.
    """
    return user.is_authenticated and user.role == Role.THERAPIST and not has_second_factor(user)


def otp_valid(*, user: User, code: str) -> bool:
    """Check a TOTP code or an unused recovery code, as the log-in page's code step does.

    allauth's own form: a TOTP code is good once, a recovery code is used up,
    and failures count against allauth's per-account limit.
    """
    form = AuthenticateForm(user=user, data={"code": code})
    if not form.is_valid():
        return False
    form.authenticator.record_usage()
    return True


def _pending_key(user: User) -> str:
    return f"tracker.mfa.totp.pending:{user.pk}"


def totp_start(*, user: User) -> tuple[str, str]:
    """Make a new secret, keep it server-side for a while, return it and its otpauth:// URL."""
    if get_adapter().is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        raise SecondFactorError(_("An authenticator app is already set up."))
    secret = generate_totp_secret()
    cache.set(_pending_key(user), secret, PENDING_SECONDS)
    return secret, get_adapter().build_totp_url(user, secret)


def totp_confirm(*, user: User, code: str) -> list[str]:
    """Turn TOTP on once a code from the pending secret checks; return the recovery codes."""
    secret = cache.get(_pending_key(user))
    if not secret:
        raise SecondFactorError(
            _("Start the set-up first (or again: it expires after 15 minutes).")
        )
    if get_adapter().is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        raise SecondFactorError(_("An authenticator app is already set up."))
    try:
        validate_can_add_authenticator(user)
    except ValidationError as refused:
        raise SecondFactorError(refused.messages[0]) from None
    if not validate_totp_code(secret, code.strip()):
        raise SecondFactorError(_("That code does not match. Check the clock on your phone."))
    with transaction.atomic():
        TOTP.activate(user, secret)
        codes = RecoveryCodes.activate(user)
    cache.delete(_pending_key(user))
    return codes.get_unused_codes()


def totp_disable(*, user: User, code: str) -> None:
    """Turn TOTP off, given a current code (or a recovery code); a wrong one changes nothing."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        raise SecondFactorError(_("No authenticator app is set up."))
    if not otp_valid(user=user, code=code.strip()):
        raise SecondFactorError(_("That code does not match; nothing was changed."))
    with transaction.atomic():
        totp.delete()
        # Recovery codes back a factor up; with none left they go too (as on the page).
        delete_dangling_recovery_codes(user)
