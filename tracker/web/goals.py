"""Function goals: name up to five activities the pain makes hard, rate each 0-10
every two weeks, and see the score (Patient-Specific Functional Scale,
Stratford et al. 1995).

The forms post here, without JavaScript: the goals API's serializers check the
input, tracker.services writes, tracker.goals does the math. Another person's
goal is a 404; any other bad input is a 400 that changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exercises import library
from exercises.api.fields import MAX_AHEAD
from tracker import goals, selectors, services
from tracker.api.serializers import GoalCreateSerializer, GoalRatingSerializer
from tracker.models import Goal, GoalRating, User
from tracker.web.access import patient_required

# The library's aggravating activities that make sense as something to get back
# to; the others (sit-ups, sleeping curled up, a sagging mattress...) are habits
# the articles say to avoid, not goals.
SUGGESTED_ACTIVITIES = (
    "long-sitting",
    "standing-up",
    "climbing-stairs",
    "driving",
    "long-walking",
    "long-standing",
    "squatting",
    "kneeling-or-crouching",
)


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    ratings: list[GoalRating]
    latest: goals.Rating | None
    next_due: datetime | None
    rating_due: bool


class FormError(Exception):
    """Input the page refuses: field messages, and the goal whose form was at fault."""

    def __init__(self, errors: dict, goal_id: int | None = None):
        super().__init__(errors)
        self.errors = errors
        self.goal_id = goal_id


def suggestions() -> list[str]:
    labels = {item["slug"]: item["label"] for item in library.AGGRAVATING_ACTIVITIES}
    return [labels[slug] for slug in SUGGESTED_ACTIVITIES]


def goal_cards(*, user: User, now: datetime) -> tuple[list[GoalCard], list[goals.GoalHistory]]:
    """Return a card per goal (active first) and the histories the score is computed from."""
    rows = list(selectors.goals_for(user))
    histories = [selectors.goal_history(goal) for goal in rows]
    cards = []
    for goal, history in zip(rows, histories, strict=True):
        latest = history.latest_rating()
        last_rated_at = latest.rated_at if latest else None
        cards.append(
            GoalCard(
                goal=goal,
                ratings=list(goal.ratings.all()),
                latest=latest,
                next_due=goals.next_rating_due(last_rated_at),
                rating_due=goal.is_active and goals.rating_is_due(last_rated_at, now),
            )
        )
    return cards, histories


def _own_goal(request: HttpRequest) -> Goal:
    # Ownership is checked here only: another person's goal is not found.
    try:
        goal_id = int(request.POST.get("goal", ""))
    except ValueError:
        raise Http404("No such goal.") from None
    goal = Goal.objects.filter(patient=request.user, pk=goal_id).select_related("patient").first()
    if goal is None:
        raise Http404("No such goal.")
    return goal


def _add(request: HttpRequest, now: datetime) -> str:
    named = GoalCreateSerializer(data={"activity": request.POST.get("activity", "")})
    rated = GoalRatingSerializer(data={"score": request.POST.get("score", "")})
    errors = {}
    if not named.is_valid():
        errors["activity"] = named.errors["activity"]
    if not rated.is_valid():
        errors["score"] = [_("Rate it now: choose a number from 0 to 10.")]
    if errors:
        raise FormError(errors)
    # The goal and its first rating are stored together or not at all.
    with transaction.atomic():
        goal = services.goal_create(
            patient=request.user,
            activity=named.validated_data["activity"],
            created_by=request.user,
            now=now,
        )
        services.goal_rating_add(
            goal=goal, score=rated.validated_data["score"], rated_at=now, rated_by=request.user
        )
    return _("Goal added: %(activity)s, rated %(score)s/10.") % {
        "activity": goal.activity,
        "score": rated.validated_data["score"],
    }


def _rate(request: HttpRequest, now: datetime) -> str:
    goal = _own_goal(request)
    rated = GoalRatingSerializer(data={"score": request.POST.get("score", "")})
    if not rated.is_valid():
        raise FormError({"score": [_("Choose a number from 0 to 10.")]}, goal_id=goal.pk)
    score = rated.validated_data["score"]
    services.goal_rating_add(goal=goal, score=score, rated_at=now, rated_by=request.user)
    return _("Rating saved: %(activity)s, %(score)s/10.") % {
        "activity": goal.activity,
        "score": score,
    }


def _archive(request: HttpRequest, now: datetime) -> str:
    goal = services.goal_update(goal=_own_goal(request), now=now, archived=True)
    return _("Goal archived: %(activity)s. Its ratings are kept.") % {"activity": goal.activity}


def _restore(request: HttpRequest, now: datetime) -> str:
    goal = services.goal_update(goal=_own_goal(request), now=now, archived=False)
    return _("Goal brought back: %(activity)s.") % {"activity": goal.activity}


ACTIONS = {"add": _add, "rate": _rate, "archive": _archive, "restore": _restore}


def _act(request: HttpRequest) -> str:
    """Run the posted action and return the notice to show; raise FormError or Http404."""
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise FormError({"non_field_errors": [_("Choose add, rate, archive or restore.")]})
    try:
        return action(request, timezone.now())
    except services.GoalRuleError as error:
        raise FormError({"non_field_errors": [error.message]}) from None


def _typed(request: HttpRequest) -> dict:
    """Return what was typed into the add form, to show again when it was refused."""
    if request.method != "POST" or request.POST.get("action") != "add":
        return {"typed_activity": "", "typed_score": None}
    score = request.POST.get("score", "")
    return {
        "typed_activity": request.POST.get("activity", ""),
        "typed_score": int(score) if score.isdigit() else None,
    }


@patient_required
@require_http_methods(["GET", "POST"])
def goals_page(request: HttpRequest) -> HttpResponse:
    errors, error_goal_id = {}, None
    if request.method == "POST":
        try:
            messages.success(request, _act(request))
            return redirect("/goals/")
        except FormError as refused:
            errors, error_goal_id = refused.errors, refused.goal_id
    now = timezone.now()
    cards, histories = goal_cards(user=request.user, now=now)
    # As in the goals API: a rating dated up to a day ahead counts at once.
    at = now + MAX_AHEAD
    score = goals.score_at(histories, at)
    since = goals.since_first(histories, at)
    active = [card for card in cards if card.goal.is_active]
    context = {
        "active": active,
        "archived": [card for card in cards if not card.goal.is_active],
        "room_for_more": len(active) < goals.GOALS_ACTIVE_MAX,
        "goals_max": goals.GOALS_ACTIVE_MAX,
        "score": score,
        "since": since,
        "rerated": any(len(card.ratings) > 1 for card in active),
        "change_size": None if since.change is None else abs(since.change),
        # ngettext counts whole numbers; a change such as 1.5 reads "1.5 points" on its own.
        "change_whole": _whole(since.change),
        "minimal_change": goals.MINIMAL_DETECTABLE_CHANGE,
        "scale": range(goals.SCORE_MIN, goals.SCORE_MAX + 1),
        "suggestions": suggestions(),
        "errors": errors,
        "error_goal_id": error_goal_id,
        **_typed(request),
        "user_timezone": request.user.timezone,
    }
    return render(request, "tracker/goals.html", context, status=400 if errors else 200)


def _whole(change: float | None) -> int | None:
    """Return abs(change) as an int when it is a whole number, else None."""
    if change is None or abs(change) != int(abs(change)):
        return None
    return int(abs(change))
