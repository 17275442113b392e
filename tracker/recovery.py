"""Account recovery: e-mail verification, password reset, e-mail change, lockout.

Each function runs django-allauth's own flow (its forms, `internal.flows` and
rate limits), so the API (tracker/api/recovery.py) and allauth's pages under
/accounts/ do the same thing: the same e-mails, the same signals (the
`password_reset` signal ends every session and token), the same limits. They
take the Django request because allauth's flows do (links are built from it,
rate limits read its address).
"""

from dataclasses import dataclass

from allauth.account import app_settings, signals
from allauth.account.adapter import get_adapter
from allauth.account.forms import (
    AddEmailForm,
    LoginForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    UserTokenForm,
)
from allauth.account.internal import flows
from allauth.account.models import EmailAddress, get_emailconfirmation_model
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import parse_rates as ratelimit_rates
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tracker.models import User

LOCKED_OUT_MESSAGE = _(
    "Too many failed attempts for this account. Wait a few minutes, or reset your password."
)


class LockedOut(Exception):
    """allauth's per-account `login_failed` limit is used up for this username."""

    message = LOCKED_OUT_MESSAGE

    @property
    def retry_after_seconds(self) -> int:
        """The longest the lock can last: the window of the per-account limit.

        allauth keeps the failures' times in the cache under a private key, so
        the exact moment the oldest one leaves the window is not ours to read;
        the window is an upper bound a client can safely wait.
        """
        rates = ratelimit_rates(app_settings.RATE_LIMITS.get("login_failed"))
        return int(max((rate.duration for rate in rates if rate.per == "key"), default=300))


@dataclass(frozen=True)
class EmailStatus:
    address: str
    verified: bool
    pending: str | None  # a new address waiting for its link to be opened


def email_status(*, user: User) -> EmailStatus:
    """Return the account's address, whether it is verified, and any change waiting."""
    rows = list(EmailAddress.objects.filter(user_id=user.pk).values_list("email", "verified"))
    current = user.email.lower()
    verified = any(email.lower() == current and ok for email, ok in rows) if current else False
    pending = next((email for email, ok in rows if not ok and email.lower() != current), None)
    return EmailStatus(address=user.email, verified=verified, pending=pending)


def verification_email_send(request: HttpRequest, *, user: User, signup: bool = False) -> bool:
    """E-mail the link (and key) that verifies the account's address; False if none went.

    The sign-up page reaches the same allauth function through perform_login's
    e-mail verification stage. allauth sends at most one per address every
    three minutes (its `confirm_email` limit): the earlier link still works.
    """
    address = EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).first()
    if address is None or address.verified:
        return False
    return flows.email_verification.send_verification_email_to_address(
        request, address, signup=signup
    )


def email_verify(request: HttpRequest, *, key: str) -> EmailAddress | None:
    """Verify the address the key from the e-mail names; None for a bad or expired key.

    A key for an address already verified answers that address again (a second
    tap on the link is not an error). A new address that is verified replaces
    the old one (allauth's ACCOUNT_CHANGE_EMAIL), User.email included.
    """
    confirmation = get_emailconfirmation_model().from_key(key)
    if confirmation is None:
        return None
    if confirmation.email_address.verified:
        return confirmation.email_address
    address, _ = flows.email_verification.verify_email_and_resume(request, confirmation)
    return address


class EmailChangeRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(messages)
        self.messages = messages


def email_change_start(request: HttpRequest, *, user: User, email: str) -> EmailAddress | None:
    """Start changing the account's address to `email`, which gets a confirmation link.

    The account keeps its current address (and User.email) until the link is
    opened; a change already waiting is replaced. Returns None when `email` is
    the current address (nothing to do). An empty `email` removes the address
    at once: stopping e-mail needs no proof.
    """
    if not email:
        with transaction.atomic():
            EmailAddress.objects.filter(user_id=user.pk).delete()
            user.email = ""
            user.save(update_fields=["email"])
        return None
    if email.lower() == user.email.lower():
        return None
    if not user.email:
        # Nothing to keep meanwhile: the new address is the account's, unverified.
        with transaction.atomic():
            EmailAddress.objects.filter(user_id=user.pk).delete()
            user.email = email
            user.save(update_fields=["email"])
            address = EmailAddress.objects.create(user=user, email=email.lower(), primary=True)
        flows.email_verification.send_verification_email_to_address(request, address)
        return address
    waiting = EmailAddress.objects.get_new(user)
    if waiting is not None and waiting.email.lower() == email.lower():
        # Asked again for the change already waiting: send its link again.
        flows.email_verification.send_verification_email_to_address(request, waiting)
        return waiting
    form = AddEmailForm(user=user, data={"email": email})
    if not form.is_valid():
        raise EmailChangeRefused([str(m) for m in form.errors.get("email", [_("Not accepted.")])])
    flows.manage_email.add_email(request, form)
    return EmailAddress.objects.get_new(user)


def password_reset_request(request: HttpRequest, *, email: str) -> bool:
    """E-mail a reset link to the accounts with this address; False when rate limited.

    The same whether or not an account has it (allauth's enumeration
    prevention): an unknown address gets a "no account" e-mail instead. The
    link lasts PASSWORD_RESET_TIMEOUT (one hour) and works once.
    """
    form = ResetPasswordForm(data={"email": email})
    if not form.is_valid():
        raise ValueError("not an e-mail address")
    if not ratelimit.consume(request, action="reset_password", key=email.lower()):
        return False
    form.save(request)
    return True


class TooManyAttempts(Exception):
    """allauth's per-address limit on using reset links (as its page's) is used up."""


class ResetLinkInvalid(Exception):
    message = _("This reset link is not valid: it was used already, has expired or is mistyped.")


def password_reset_confirm(
    request: HttpRequest, *, uid: str, token: str, new_password: str
) -> list[str]:
    """Set a new password from a reset link's uid and token; return the password's problems.

    Raise ResetLinkInvalid for a used, expired or wrong link, TooManyAttempts
    past allauth's `reset_password_from_key` limit (20 a minute per address). On success,
    allauth's finalize_password_reset clears the account's lockout and sends
    the `password_reset` signal, exactly as its page does.
    """
    if not ratelimit.consume(request, action="reset_password_from_key"):
        raise TooManyAttempts()
    token_form = UserTokenForm(data={"uidb36": uid, "key": token})
    if not token_form.is_valid():
        raise ResetLinkInvalid()
    user = token_form.reset_user
    form = ResetPasswordKeyForm(
        data={"password1": new_password, "password2": new_password}, user=user, temp_key=token
    )
    if not form.is_valid():
        return [str(m) for m in form.errors.get("password1", [])] or [_("Not accepted.")]
    form.save()
    flows.password_reset.finalize_password_reset(request, user)
    return []


def authenticate_counted(request: HttpRequest, *, username: str, password: str) -> User | None:
    """Check a username and password under allauth's per-account `login_failed` limit.

    The same count, keyed on the username, as the /login/ page's (which runs
    allauth's LoginForm): failures through either add up, and a locked account
    raises LockedOut for both until the limit's window passes or the password
    is reset. A success does not count.
    """
    # allauth's LoginForm, as the page uses: the same credentials, so the same key.
    form = LoginForm(data={"login": username, "password": password}, request=request)
    if form.is_valid():
        return form.user
    if any(e.code == "too_many_login_attempts" for e in form.non_field_errors().data):
        raise LockedOut()
    return None


@receiver(signals.password_reset)
def _unlock_on_password_reset(sender, request, user, **kwargs):
    # Cache invalidation: allauth clears the lockout count of each of the
    # account's e-mail addresses on a reset, but we log in by username, so the
    # count is kept under that (see authenticate_counted): clear it too.
    get_adapter(request)._delete_login_attempts_cached_email(request, username=user.username)
