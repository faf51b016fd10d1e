"""Staying in touch once a process ends: each person's cadence as the card says it, and who is
losing touch. The step itself is the cadence planner's (`cadence.stay_in_touch_step`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .dates import long_day

STAY_IN_TOUCH_DEFAULT = 3
"""Months between notes, as the `stay_in_touch.months` setting ships."""

MOST_MONTHS = 24

_MONTHS = re.compile(r"(?:every\s+)?(\d{1,3})(?:\s*(?:months?|mo))?")


def months_typed(text: str) -> int | None:
    """A card's cadence as typed on the contact form: empty (or "default") for the setting's,
    "none" (or "never", "0") for none, else a number of months ("6", "every 6 months");
    ValueError, in words, for anything else."""
    typed = " ".join(text.casefold().split())
    if typed in ("", "default"):
        return None
    if typed in ("none", "never", "no", "off"):
        return 0
    match = _MONTHS.fullmatch(typed)
    if match is None or int(match.group(1)) > MOST_MONTHS:
        raise ValueError(f"Months between notes (1 to {MOST_MONTHS}), none, or empty for the default")
    return int(match.group(1))


def months_told(months: int | None, default: int) -> str:
    """ "every 3 months (the default)", "every month", "never"."""
    chosen = default if months is None else months
    said = "never" if chosen <= 0 else "every month" if chosen == 1 else f"every {chosen} months"
    return f"{said} (the default)" if months is None else said


def months_field(months: int | None) -> str:
    """The card's cadence as the form's field shows it: empty for the default."""
    return "" if months is None else "none" if months == 0 else str(months)


@dataclass(frozen=True)
class LosingTouch:
    """Someone from a process that ended you have not been in touch with for their cadence, or
    whose stay-in-touch note is due."""

    contact_id: int
    name: str
    company: str
    last_in_touch: date | None
    due_on: date | None
    """Their stay-in-touch note's day, when one is planned."""
    months: int

    def told(self, today: date) -> str:
        """ "Imogen Clarke (Tessellate) — keeping-in-touch note due since Mon 23 Nov"."""
        who = f"{self.name} ({self.company})" if self.company else self.name
        if self.due_on is not None:
            when = "today" if self.due_on == today else f"since {long_day(self.due_on, today)}"
            return f"{who} — keeping-in-touch note due {when}"
        if self.last_in_touch is None:
            return f"{who} — no contact logged"
        return f"{who} — last in touch {long_day(self.last_in_touch, today)}"


def is_losing_touch(last_in_touch: date | None, months: int, today: date) -> bool:
    """No contact for longer than their cadence (never, with a cadence of none)."""
    if months <= 0:
        return False
    return last_in_touch is None or last_in_touch + relativedelta(months=months) < today
