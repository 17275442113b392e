"""Thin views: a linked patient's sessions and pain ratings as CSV files or a FHIR Bundle.

Only the therapist with an active link reaches them; anyone else (another
therapist, an ended link, the patient, another patient) gets 404, as for every
/care/patients/{id}/ endpoint.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from tracker.api.exports import FileDownloadNegotiation, file_response, zip_response
from tracker.api.throttles import ExportThrottle
from tracker.audit import access_note
from tracker.care import exports, selectors
from tracker.models import User

FHIR_BUNDLE_SCHEMA = {
    "type": "object",
    "description": "A FHIR R4 Bundle of type collection; see the README for the mapping.",
    "properties": {
        "resourceType": {"type": "string", "enum": ["Bundle"]},
        "type": {"type": "string", "enum": ["collection"]},
        "timestamp": {"type": "string", "format": "date-time"},
        "entry": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "fullUrl": {"type": "string"},
                    "resource": {"type": "object"},
                },
                "required": ["fullUrl", "resource"],
            },
        },
    },
    "required": ["resourceType", "type", "timestamp", "entry"],
}


def _linked_patient(request, patient_id: int) -> User:
    patient = selectors.linked_patient_or_none(therapist=request.user, patient_id=patient_id)
    if patient is None:
        raise NotFound()
    access_note(request, patients=[patient])
    return patient


class PatientCSVExportView(APIView):
    """A linked patient's sessions and pain ratings as logs.csv and pain.csv in a zip.

    Instants in UTC (ISO 8601, "Z"), each with the patient's local date.
    """

    content_negotiation_class = FileDownloadNegotiation
    throttle_classes = [ExportThrottle]

    @extend_schema(
        responses=zip_response("stretchstop-patient-{id}-YYYY-MM-DD.zip: logs.csv, pain.csv.")
    )
    def get(self, request, patient_id: int):
        patient = _linked_patient(request, patient_id)
        return file_response(exports.patient_csv_file(patient=patient, now=timezone.now()))


class PatientFHIRExportView(APIView):
    """A linked patient's pain ratings, sessions and messages with the caller, as FHIR R4.

    Observations, Procedures, and Communications (with a Practitioner for the caller).
    """

    content_negotiation_class = FileDownloadNegotiation
    throttle_classes = [ExportThrottle]

    @extend_schema(
        responses={
            (200, exports.FHIR_MEDIA_TYPE): OpenApiResponse(
                FHIR_BUNDLE_SCHEMA,
                description="stretchstop-patient-{id}-YYYY-MM-DD.fhir.json: a Bundle with "
                "the Patient, a Procedure per session and an Observation (LOINC 72514-3) "
                "per pain rating.",
            )
        }
    )
    def get(self, request, patient_id: int):
        patient = _linked_patient(request, patient_id)
        return file_response(
            exports.patient_fhir_file(patient=patient, therapist=request.user, now=timezone.now())
        )
