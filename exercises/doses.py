"""How a dose reads to a person: pure formatting, shared by the pages and the printed programme."""


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
