"""Template tags for the safety screen's reminders on the pages that lead into exercise.

Tags rather than view context, so any page can show the note with one line and
the views that render those pages need not know about it.
"""

from django import template
from django.utils.translation import gettext

from exercises.library import (
    PAIN_CHECK_ADVICE,
    PAIN_CHECK_LOCATIONS,
    PAIN_CHECK_RATING,
    SAFETY_NOTE,
)
from tracker.safety import (
    latest_safety_check,
    pain_needs_checking,
    pain_today,
    sees_professional_first,
)

register = template.Library()


@register.inclusion_tag("tracker/_safety_note.html", takes_context=True)
def safety_note(context: template.Context) -> dict:
    """Render the calm "see a professional first" note while the latest answers hold a yes."""
    user = context.get("user")
    show = bool(user and user.is_authenticated) and sees_professional_first(
        latest_safety_check(user)
    )
    return {"note": gettext(SAFETY_NOTE) if show else ""}


@register.inclusion_tag("tracker/_pain_advice.html", takes_context=True)
def pain_advice(context: template.Context, entries=None) -> dict:
    """Render the advice to get strong or spreading pain checked.

    `entries`: the user's records of their local today (tracker.history.entries_on),
    when the page has read them already (Today lists them), else read here.
    Shown when one of the user's ratings today calls for it (pain_needs_checking);
    otherwise in the page but hidden, and the page's script reveals it when a
    rating sent through the outbox calls for it, by the same thresholds (carried
    as data attributes, so the rule is written once).
    """
    user = context.get("user")
    if entries is not None:
        ratings = [
            (entry.record.rating, entry.record.locations or ())
            for entry in entries
            if entry.kind == "pain"
        ]
    elif user and user.is_authenticated:
        ratings = pain_today(user)
    else:
        ratings = []
    show = any(
        pain_needs_checking(rating=rating, locations=locations) for rating, locations in ratings
    )
    return {
        "show": show,
        "advice": gettext(PAIN_CHECK_ADVICE),
        "rating": PAIN_CHECK_RATING,
        "locations": " ".join(PAIN_CHECK_LOCATIONS),
    }
