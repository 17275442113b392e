"""The library: every exercise a person may do on their own, the built-in routines,
and one exercise's full text with its cautions and the articles it comes from.

Patients see self-care entries only. Therapists also see the clinician
techniques, marked as such; for a patient those are simply not found (404),
the same answer the API gives.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exercises.library import GENERAL_DISCLAIMER
from exercises.models import Exercise, Routine, Tag
from exercises.selectors import exercises_visible, routines_with_steps, sources_described
from tracker.models import Role

TAG_LABELS = dict(Tag.choices)


def _may_see_clinician_techniques(user) -> bool:
    return user.role == Role.THERAPIST


def routines_containing(*, exercise: Exercise) -> list[Routine]:
    return list(Routine.objects.filter(steps__exercise=exercise).distinct())


@login_required
@require_GET
def library_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "exercises": exercises_visible(include_clinician=_may_see_clinician_techniques(user)),
        "routines": routines_with_steps(),
        # Only patients log sessions; a therapist's copy has no "Start" links.
        "can_play": user.role == Role.PATIENT,
        "disclaimer": GENERAL_DISCLAIMER,
    }
    return render(request, "tracker/library.html", context)


@login_required
@require_GET
def exercise_page(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    exercise = (
        exercises_visible(include_clinician=_may_see_clinician_techniques(user))
        .filter(slug=slug)
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise.")
    context = {
        "exercise": exercise,
        "tags": [TAG_LABELS.get(tag, tag) for tag in exercise.tags],
        "routines": routines_containing(exercise=exercise),
        "sources": sources_described(exercise.sources),
        "can_play": user.role == Role.PATIENT,
        "disclaimer": GENERAL_DISCLAIMER,
    }
    return render(request, "tracker/exercise.html", context)
