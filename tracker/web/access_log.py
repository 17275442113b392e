"""Who saw my data: the access audit (tracker.audit) as the patient sees it, newest first.

The same selector as GET /api/v1/me/access-log/; a page of PAGE_SIZE records,
with links to older and newer ones.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker.audit import access_log_for
from tracker.web.access import patient_required

PAGE_SIZE = 50


@patient_required
@require_GET
def access_log_page(request: HttpRequest) -> HttpResponse:
    records = access_log_for(patient=request.user).only(
        "at", "actor_name", "kind", "what", "via", "status", "address"
    )
    # get_page: a page number out of range or not a number shows the last or first page.
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "user_timezone": request.user.timezone}
    return render(request, "tracker/access_log.html", context)
