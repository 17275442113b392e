"""How a dose reads to a person: pure formatting, shared by the pages and the printed programme."""

import re


def dose_text(*, hold_seconds: int | None, reps: int | None, sets: int | None) -> str:
    """Return a short human dose such as "3 x 10 reps" or "hold 30 s"."""
    parts = []
    if sets and reps:
        parts.append(f"{sets} x {reps} reps")
    elif reps:
        parts.append(f"{reps} reps")
    elif sets:
        parts.append(f"{sets} sets")
    if hold_seconds:
        parts.append(f"hold {hold_seconds} s")
    return ", ".join(parts)


# A step telling the person to change sides ("switch feet and repeat", "swap
# legs to stretch the other side") marks an exercise done once per side.
_CHANGE_SIDES = re.compile(r"\b(switch|swap|change)\s+(sides|legs|feet)\b|\bother side\b", re.I)

BOTH_SIDES = ("Left side", "Right side")


def one_sided(steps: list[str]) -> bool:
    """Return whether the steps ask for the exercise on one side, then the other."""
    return any(_CHANGE_SIDES.search(step) for step in steps)
