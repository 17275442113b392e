from datetime import date


def hold_on(
    *,
    base_seconds: int,
    step_seconds: int,
    every_days: int,
    max_seconds: int,
    start: date,
    day: date,
) -> int:
    """Return the hold in seconds on `day` for a hold that grows from `start`.

    The hold is `base_seconds` until `every_days` have passed since `start`, then
    grows by `step_seconds` for each full period, never past `max_seconds` (nor
    below the base, if the cap was set under it). Days before `start` get the base.
    """
    if day <= start or every_days <= 0:
        return base_seconds
    periods = (day - start).days // every_days
    return max(base_seconds, min(base_seconds + periods * step_seconds, max_seconds))


def item_hold_on(item, day: date) -> int | None:
    """Return a plan item's hold in seconds on `day`: its own, grown by its progression if any."""
    if item.hold_seconds is None or not item.progression_step_seconds:
        return item.hold_seconds
    if item.progression_start is None:
        # A template's progression: it starts when the template is assigned.
        return item.hold_seconds
    return hold_on(
        base_seconds=item.hold_seconds,
        step_seconds=item.progression_step_seconds,
        every_days=item.progression_every_days,
        max_seconds=item.progression_max_seconds,
        start=item.progression_start,
        day=day,
    )
