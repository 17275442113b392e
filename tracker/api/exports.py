"""The patient's CSV export, and what every file download shares (negotiation, response).

The file is built in tracker.export_csv; the view only picks the user and the time.
"""

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from tracker.api.throttles import ExportThrottle
from tracker.export_csv import ZIP_MEDIA_TYPE, ExportFile, account_csv_file
from tracker.models import Role
from tracker.programme import programme_file


class FileDownloadNegotiation(BaseContentNegotiation):
    """Accept any Accept header: the file comes as it is, errors in the first renderer (JSON).

    DRF's own negotiation would answer 406 to `Accept: application/zip`, since
    no renderer of the API produces a zip.
    """

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def file_response(export: ExportFile) -> HttpResponse:
    """Return the file as an attachment download that no cache keeps (it is health data)."""
    response = HttpResponse(export.content, content_type=export.media_type)
    response["Content-Disposition"] = f'attachment; filename="{export.name}"'
    response["Cache-Control"] = "no-store"
    return response


def zip_response(description: str) -> dict:
    """Return extend_schema's `responses` entry for a 200 answered with a zip file."""
    return {(200, ZIP_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


class ExportCSVView(APIView):
    """Everything you own as CSV files (one per kind of record) in a zip.

    The same records as `me/export/` (JSON), flattened: a plan's items, a goal's
    ratings and a drive's segments are files of their own that name their parent.
    """

    content_negotiation_class = FileDownloadNegotiation
    throttle_classes = [ExportThrottle]

    @extend_schema(
        responses=zip_response(
            "stretchstop-export-YYYY-MM-DD.zip (your local date): account.csv, plans.csv, "
            "plan_items.csv, logs.csv, pain_entries.csv, pause_days.csv, goals.csv, "
            "goal_ratings.csv, safety_checks.csv, care_links.csv, messages.csv, reminders.csv, "
            "drives.csv, "
            "drive_segments.csv, deliveries.csv, push_subscriptions.csv; for a patient also "
            "programme.pdf, their home programme as me/programme.pdf gives it."
        )
    )
    def get(self, request):
        now = timezone.now()
        extra = {}
        if request.user.role == Role.PATIENT:
            # The home programme as printed, built by the same code as me/programme.pdf.
            programme = programme_file(
                patient=request.user, app_url=request.build_absolute_uri("/today/"), now=now
            )
            extra["programme.pdf"] = programme.content
        return file_response(account_csv_file(user=request.user, now=now, extra_files=extra))
