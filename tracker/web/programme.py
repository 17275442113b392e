"""The home programme's print page, for the patient and for their linked therapist.

HTML with print CSS (tracker/static/tracker/app.css, @media print), from the
same read as the PDF (tracker.programme.home_programme); the page links the PDF.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from tracker.days import local_date
from tracker.models import User
from tracker.programme import home_programme, qr_svg
from tracker.web.access import patient_required, therapist_required
from tracker.web.therapist import _linked_patient


def _render(request: HttpRequest, patient: User, *, pdf_url: str, back_url: str) -> HttpResponse:
    """Render the print page: the programme in the patient's language, as the PDF is.

    The page around it (navigation, Back, Download PDF) stays in the viewer's.
    """
    app_url = request.build_absolute_uri("/today/")
    with translation.override(patient.language):
        programme = home_programme(user=patient)
        qr = qr_svg(app_url)
    plans = [
        {
            "plan": plan,
            "items": [
                {
                    "item": item,
                    "picture": static(f"exercises/illustrations/{item.slug}.svg")
                    if item.illustration is not None
                    else None,
                }
                for item in plan.items
            ],
        }
        for plan in programme
    ]
    context = {
        "patient": patient,
        "patient_name": patient.display_name or patient.username,
        "plans": plans,
        "printed_on": local_date(timezone.now(), patient.tzinfo),
        "app_url": app_url,
        # segno's SVG of our own address: no user input reaches it.
        "qr": mark_safe(qr),  # noqa: S308
        "patient_language": patient.language,
        "pdf_url": pdf_url,
        "back_url": back_url,
    }
    return render(request, "tracker/programme.html", context)


@patient_required
def my_programme_page(request: HttpRequest) -> HttpResponse:
    return _render(request, request.user, pdf_url="/api/v1/me/programme.pdf", back_url="/today/")


@therapist_required
def patient_programme_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = _linked_patient(request, patient_id)
    return _render(
        request,
        patient,
        pdf_url=f"/api/v1/care/patients/{patient.pk}/programme.pdf",
        back_url=f"/patients/{patient.pk}/",
    )
