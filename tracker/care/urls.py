from django.urls import path
from rest_framework.routers import SimpleRouter

from tracker.care import api, export_api, goals_api, invite_api, message_api, programme_api

# Path converters, not regexes: a malformed id never reaches a view.
router = SimpleRouter(use_regex_path=False)
router.register("care/links", api.LinkViewSet, basename="care-link")

urlpatterns = [
    path("care/invites/", invite_api.InviteListView.as_view(), name="care-invites"),
    path(
        "care/invites/<int:invite_id>/",
        invite_api.InviteDetailView.as_view(),
        name="care-invite-detail",
    ),
    path("care/accept/", invite_api.AcceptView.as_view(), name="care-accept"),
    path("care/patients/", api.DashboardView.as_view(), name="care-dashboard"),
    path("care/templates/", api.TemplateListView.as_view(), name="care-templates"),
    path(
        "care/templates/<int:template_id>/",
        api.TemplateDetailView.as_view(),
        name="care-template-detail",
    ),
    path(
        "care/patients/<int:patient_id>/",
        api.LinkedPatientView.as_view(),
        name="care-patient-detail",
    ),
    path(
        "care/patients/<int:patient_id>/progress/",
        api.PatientProgressView.as_view(),
        name="care-patient-progress",
    ),
    path(
        "care/patients/<int:patient_id>/alerts/<str:alert_id>/acknowledge/",
        api.AlertAcknowledgeView.as_view(),
        name="care-patient-alert-acknowledge",
    ),
    path(
        "care/patients/<int:patient_id>/plans/",
        api.AssignedPlanViewSet.as_view({"get": "list", "post": "create"}),
        name="care-patient-plans",
    ),
    path(
        "care/patients/<int:patient_id>/plans/<int:plan_id>/",
        api.AssignedPlanViewSet.as_view({"patch": "partial_update", "delete": "destroy"}),
        name="care-patient-plan-detail",
    ),
    path(
        "care/patients/<int:patient_id>/plans/<int:plan_id>/history/",
        api.AssignedPlanViewSet.as_view({"get": "history"}),
        name="care-patient-plan-history",
    ),
    path(
        "care/patients/<int:patient_id>/goals/",
        goals_api.CarePatientGoalsView.as_view(),
        name="care-patient-goals",
    ),
    path(
        "care/patients/<int:patient_id>/reminder/",
        api.CareReminderView.as_view(),
        name="care-patient-reminder",
    ),
    path(
        "care/patients/<int:patient_id>/export/csv/",
        export_api.PatientCSVExportView.as_view(),
        name="care-patient-export-csv",
    ),
    path(
        "care/patients/<int:patient_id>/export/fhir/",
        export_api.PatientFHIRExportView.as_view(),
        name="care-patient-export-fhir",
    ),
    path("me/programme.pdf", programme_api.MyProgrammePDFView.as_view(), name="me-programme-pdf"),
    path(
        "care/patients/<int:patient_id>/programme.pdf",
        programme_api.PatientProgrammePDFView.as_view(),
        name="care-patient-programme-pdf",
    ),
    path(
        "care/links/<int:id>/messages/",
        message_api.MessageListView.as_view(),
        name="care-link-messages",
    ),
    path(
        "care/links/<int:id>/messages/read/",
        message_api.MessagesReadView.as_view(),
        name="care-link-messages-read",
    ),
    *router.urls,
]
