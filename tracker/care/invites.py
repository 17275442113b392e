"""What the invite API and the invite page share: the link on the address the request
came in on, its QR code, and making an invite (with its email, if one was given).

Links are built from the request (scheme, host and port it arrived on), never from
SITE_URL, so they work under any HOST/PORT and behind any proxy the site answers as.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.care import services
from tracker.care.tasks import send_invite_email_task
from tracker.models import CareInvite, User

ACCEPT_PATH = "/care/accept/"


@dataclass(frozen=True)
class NewInvite:
    invite: CareInvite
    code: str  # shown once: only its hash is stored
    link: str


def invite_link(request: HttpRequest, code: str) -> str:
    """Return the accept page's absolute URL with the code, on the request's own address."""
    return request.build_absolute_uri(f"{ACCEPT_PATH}?{urlencode({'code': code})}")


def invite_make(*, request: HttpRequest, therapist: User, email: str = "") -> NewInvite:
    """Create an invite; with an email address, send it the link and code after commit.

    The email is sent by a Celery task (SMTP may be slow or down; the task
    retries). Its arguments carry the code, which the database never holds, so
    the argument list is kept out of the worker's logs.
    """
    with transaction.atomic():
        invite, code = services.invite_create(therapist=therapist, now=timezone.now(), email=email)
        link = invite_link(request, code)
        if email:
            transaction.on_commit(
                lambda: send_invite_email_task.apply_async(
                    (invite.pk, code, link), argsrepr=f"({invite.pk}, …)"
                )
            )
    return NewInvite(invite=invite, code=code, link=link)


def invite_qr_svg(link: str) -> str:
    """Return an inline SVG QR code of the link: dark on white, whatever the page's colours.

    Plain markup (paths, no script, no style attribute), so the page's CSP is unchanged.
    """
    qr = segno.make(link, error="m")
    return qr.svg_inline(scale=5, dark="#000", light="#fff", title=_("QR code of the invite link"))
