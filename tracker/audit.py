"""The access audit: who read or changed a patient's data, when, how and from where.

The rule, in one place:

1. Where a view grants a therapist access to a patient (the active-link check
   of the care API and of the therapist's pages, the dashboard's rows, a
   link's thread), it calls `access_note(request, ...)`: nothing is written yet.
2. When the answer is ready, `AccessAuditMiddleware` writes one record per noted
   patient, all in ONE INSERT (the dashboard of 200 patients costs one
   statement, not 200), naming the route's `AccessWhat` (ROUTES), read or change
   by the method, the answer's status, the client's address (TRUSTED_PROXY_COUNT,
   tracker.clients) and whether it came through the API or the pages.

So a request refused before access (someone else's patient: 404; no login: 401)
leaves no record, as nothing of the patient was reached; a request refused
after it (bad input: 400) is on record as an attempt, with its status. A
person's access to their own data is not recorded.

Records are append-only (tracker.models.AccessRecord) and deleted only by the
retention prune here, after AUDIT_RETENTION_DAYS.
"""

import time
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from tracker.clients import client_address
from tracker.models import AccessKind, AccessRecord, AccessVia, AccessWhat, User

# What each audited route reaches, by read (GET, HEAD) and change (other methods).
# A route that notes a patient but is missing here is recorded as OTHER; the
# access matrix test (tests/tracker/test_access_audit.py) walks every entry.
ROUTES: dict[str, dict[str, AccessWhat]] = {
    # The API (tracker/care/urls.py).
    "care-dashboard": {AccessKind.READ: AccessWhat.DASHBOARD},
    "care-patient-detail": {AccessKind.READ: AccessWhat.PROFILE},
    "care-patient-progress": {AccessKind.READ: AccessWhat.PROGRESS},
    "care-patient-alert-acknowledge": {AccessKind.CHANGE: AccessWhat.ALERTS},
    "care-patient-plans": {AccessKind.READ: AccessWhat.PLANS, AccessKind.CHANGE: AccessWhat.PLANS},
    "care-patient-plan-detail": {AccessKind.CHANGE: AccessWhat.PLANS},
    "care-patient-plan-history": {AccessKind.READ: AccessWhat.PLANS},
    "care-patient-goals": {AccessKind.READ: AccessWhat.GOALS, AccessKind.CHANGE: AccessWhat.GOALS},
    "care-patient-reminder": {
        AccessKind.READ: AccessWhat.REMINDER,
        AccessKind.CHANGE: AccessWhat.REMINDER,
    },
    "care-patient-export-csv": {AccessKind.READ: AccessWhat.EXPORT_CSV},
    "care-patient-export-fhir": {AccessKind.READ: AccessWhat.EXPORT_FHIR},
    "care-patient-programme-pdf": {AccessKind.READ: AccessWhat.PROGRAMME_PDF},
    "care-link-messages": {
        AccessKind.READ: AccessWhat.MESSAGES,
        AccessKind.CHANGE: AccessWhat.MESSAGES,
    },
    "care-link-messages-read": {AccessKind.CHANGE: AccessWhat.MESSAGES},
    "care-link-detail": {AccessKind.CHANGE: AccessWhat.LINK},
    # Saving a template from a patient's plan copies the plan out: a read of it.
    "care-templates": {AccessKind.READ: AccessWhat.PLANS},
    # The pages (tracker/web/urls.py).
    "patients": {AccessKind.READ: AccessWhat.DASHBOARD, AccessKind.CHANGE: AccessWhat.ALERTS},
    # Its POSTs act on plans; "save as template" only reads one (only_reads).
    "patient": {AccessKind.READ: AccessWhat.PATIENT_PAGE, AccessKind.CHANGE: AccessWhat.PLANS},
    "patient-message-post": {AccessKind.CHANGE: AccessWhat.MESSAGES},
    "patient-programme": {AccessKind.READ: AccessWhat.PROGRAMME},
}

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The attributes of the Django request the notes are kept on until the answer.
_NOTES = "access_audit_notes"
_ONLY_READS = "access_audit_only_reads"


def access_note(
    request, *, patients: Iterable[User | int], only_reads: AccessWhat | None = None
) -> None:
    """Note that this request reaches these patients' data; written when it is answered.

    Takes a Django or a DRF request (the notes go on the Django one, which the
    middleware sees). Patients noted twice are recorded once. A write that
    changes only the therapist's own things (a template saved from a patient's
    plan) names in `only_reads` what of the patient's data it read.
    """
    http_request = getattr(request, "_request", request)
    if only_reads:
        setattr(http_request, _ONLY_READS, only_reads)
    notes = getattr(http_request, _NOTES, None)
    if notes is None:
        notes = {}
        setattr(http_request, _NOTES, notes)
    for patient in patients:
        patient_id = patient if isinstance(patient, int) else patient.pk
        notes.setdefault(patient_id, None)


def access_records_write(request: HttpRequest, response: HttpResponse, *, now: datetime) -> int:
    """Write one record per patient the request noted, in one INSERT; return how many.

    The actor is the request's user (after DRF's authentication, which sets it
    on the Django request too); the person's own data is left out.
    """
    notes = getattr(request, _NOTES, None)
    actor = getattr(request, "user", None)
    if not notes or actor is None or not actor.is_authenticated:
        return []
    match = request.resolver_match
    url_name = match.url_name if match else ""
    only_reads = getattr(request, _ONLY_READS, None)
    kind = AccessKind.READ if request.method in READ_METHODS or only_reads else AccessKind.CHANGE
    what = only_reads or ROUTES.get(url_name, {}).get(kind, AccessWhat.OTHER)
    via = AccessVia.API if request.path.startswith("/api/") else AccessVia.PAGE
    common = {
        "actor": actor,
        "actor_name": (actor.display_name or actor.username)[:150],
        "actor_username": actor.username,
        "at": now,
        "kind": kind,
        "what": what,
        "via": via,
        "method": request.method[:8],
        "path": request.path[:255],
        "status": response.status_code,
        "address": client_address(request) or None,
    }
    patient_ids = [patient_id for patient_id in notes if patient_id != actor.pk]
    return AccessRecord.objects.record_each(patient_ids, **common)


class AccessAuditMiddleware:
    """Write the request's noted accesses once the view has answered (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        access_records_write(request, response, now=timezone.now())
        return response


def access_log_for(*, patient: User) -> QuerySet[AccessRecord]:
    """Return the records of access to `patient`'s data, newest first."""
    return AccessRecord.objects.filter(patient=patient).order_by("-at", "-id")


PRUNE_BATCH_SIZE = 5000


def access_records_prune(
    *,
    now: datetime,
    days: int | None = None,
    batch_size: int = PRUNE_BATCH_SIZE,
    budget_seconds: float | None = None,
) -> int:
    """Delete access records older than `days` (AUDIT_RETENTION_DAYS) before `now`.

    `batch_size` ids per DELETE, each batch its own transaction, until none are
    left or `budget_seconds` have passed (the next run carries on); returns how
    many were deleted. The only delete path for records: it goes through the
    plain base manager, as the default one refuses deletes.
    """
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    rows = AccessRecord._base_manager.filter(at__lt=cutoff)
    started = time.monotonic()
    deleted = 0
    while True:
        ids = list(rows.order_by("at", "pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return deleted
        with transaction.atomic():
            count, _ = rows.filter(pk__in=ids).delete()
        deleted += count
        if len(ids) < batch_size:
            return deleted
        if budget_seconds is not None and time.monotonic() - started >= budget_seconds:
            return deleted
