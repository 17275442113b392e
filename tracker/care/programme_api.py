"""Thin views: a patient's home programme as a PDF, for the patient and their linked therapist.

The PDF is built by tracker.programme from the one read of the programme
(`home_programme`). Throttled with the exports (THROTTLE_EXPORT): each builds a file.
"""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from tracker.api.exports import FileDownloadNegotiation, file_response
from tracker.api.permissions import IsPatient
from tracker.api.throttles import ExportThrottle
from tracker.care.api import _forbidden
from tracker.care.export_api import _linked_patient
from tracker.programme import PDF_MEDIA_TYPE, programme_file

PDF_RESPONSE = OpenApiResponse(
    OpenApiTypes.BINARY,
    description="stretchstop-programme-YYYY-MM-DD.pdf (the patient's local date): each "
    "exercise of the active plans (assigned plans first) with its picture where the "
    "library has one, dose, steps, cautions and notes, and a QR code that opens the app.",
)


def app_url(request) -> str:
    """Return the address the QR code opens: Today, on the host the request came in on."""
    return request.build_absolute_uri("/today/")


class MyProgrammePDFView(APIView):
    """Your home programme as a PDF to print (patients)."""

    permission_classes = [IsAuthenticated, IsPatient]
    content_negotiation_class = FileDownloadNegotiation
    throttle_classes = [ExportThrottle]

    @extend_schema(
        responses={
            (200, PDF_MEDIA_TYPE): PDF_RESPONSE,
            403: _forbidden("The caller is not a patient."),
        }
    )
    def get(self, request):
        export = programme_file(patient=request.user, app_url=app_url(request), now=timezone.now())
        return file_response(export)


class PatientProgrammePDFView(APIView):
    """A linked patient's home programme as a PDF; 404 unless the link is active."""

    content_negotiation_class = FileDownloadNegotiation
    throttle_classes = [ExportThrottle]

    @extend_schema(responses={(200, PDF_MEDIA_TYPE): PDF_RESPONSE})
    def get(self, request, patient_id: int):
        patient = _linked_patient(request, patient_id)
        export = programme_file(patient=patient, app_url=app_url(request), now=timezone.now())
        return file_response(export)
