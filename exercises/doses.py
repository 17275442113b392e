"""How a dose reads to a person: pure formatting, shared by the pages and the printed programme."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext


def dose_text(*, hold_seconds: int | None, reps: int | None, sets: int | None) -> str:
    """Return a short human dose such as "3 x 10 reps" or "hold 30 s"."""
    parts = []
    if sets and reps:
        parts.append(
            ngettext("%(sets)s x %(reps)s rep", "%(sets)s x %(reps)s reps", reps)
            % {"sets": sets, "reps": reps}
        )
    elif reps:
        parts.append(ngettext("%(reps)s rep", "%(reps)s reps", reps) % {"reps": reps})
    elif sets:
        parts.append(ngettext("%(sets)s set", "%(sets)s sets", sets) % {"sets": sets})
    if hold_seconds:
        parts.append(_("hold %(seconds)s s") % {"seconds": hold_seconds})
    return ", ".join(parts)


# A plan item's side inside a dose ("3 x 10 reps, left side"): English writes it in
# lower case there, other languages as their grammar wants. Keys are Side's values.
SIDE_IN_DOSE = {
    "left": gettext_lazy("left side"),
    "right": gettext_lazy("right side"),
    "each": gettext_lazy("each side"),
}


def side_text(side: str) -> str:
    """Return a plan item's side ("left", "right", "each") as words inside a dose, or ""."""
    return str(SIDE_IN_DOSE.get(side, "")) if side else ""


# A step telling the person to change sides ("switch feet and repeat", "swap
# legs to stretch the other side") marks an exercise done once per side.
_CHANGE_SIDES = re.compile(r"\b(switch|swap|change)\s+(sides|legs|feet)\b|\bother side\b", re.I)

# English here; the player shows them through gettext (tracker/web/player.py).
BOTH_SIDES = (gettext_noop("Left side"), gettext_noop("Right side"))


def one_sided(steps: list[str]) -> bool:
    """Return whether the steps ask for the exercise on one side, then the other."""
    return any(_CHANGE_SIDES.search(step) for step in steps)
