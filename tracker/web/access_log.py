"""Who saw my data: the access audit (tracker.audit) as the patient sees it, newest first.

The same selector as GET /api/v1/me/access-log/; a page of PAGE_SIZE records,
with links to older and newer ones.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from tracker.audit import access_log_for
from tracker.web.access import patient_required

PAGE_SIZE = 50


def retention_text(days: int) -> str:
    """Return "6 years" for 2190 days, "90 days" for 90: how long records are kept."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@patient_required
@require_GET
def access_log_page(request: HttpRequest) -> HttpResponse:
    records = access_log_for(patient=request.user).only(
        "at", "actor_name", "kind", "what", "via", "status", "address"
    )
    # get_page: a page number out of range or not a number shows the last or first page.
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "user_timezone": request.user.timezone,
        "retention": retention_text(settings.AUDIT_RETENTION_DAYS),
    }
    return render(request, "tracker/access_log.html", context)
