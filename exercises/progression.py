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
