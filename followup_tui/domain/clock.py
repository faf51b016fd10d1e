"""The one source of "now", so tests, screenshots and demos can pin the day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time


def local_day(moment: datetime) -> date:
    """The day `moment` falls on where the user is — the system's zone, with its own summer time
    on that day — not the stored UTC day: a thank-you sent at 18:30 in Los Angeles was sent that
    day. Every reader of a moment's day (planner, guard, insights, views, reports) asks here."""
    return moment.astimezone().date()


def _system_now() -> datetime:
    return datetime.now().astimezone()


class Clock:
    """Tells the time; a fixed clock always tells the same time.

    A plain class, not a dataclass: `followup due` reads the clock, and loading
    dataclasses would cost it a tenth of its start-up.
    """

    __slots__ = ("_now",)

    def __init__(self, now: Callable[[], datetime] = _system_now) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        return local_day(self.now())

    @classmethod
    def fixed(cls, moment: datetime) -> Clock:
        if moment.tzinfo is None:
            moment = moment.astimezone()
        return cls(lambda: moment)


class ClockSettingError(ValueError):
    """FOLLOWUP_TODAY holds something that is not an ISO date or datetime."""


def clock_from_setting(value: str | None) -> Clock:
    """A clock for the FOLLOWUP_TODAY setting: fixed when set, the system's when empty.

    A bare date is read as nine in the morning, local time, so a fixed day looks
    like a working day has just begun.
    """
    if not value or not value.strip():
        return Clock()
    text = value.strip()
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text)
        else:
            moment = datetime.combine(date.fromisoformat(text), time(9, 0))
    except ValueError:
        raise ClockSettingError(f"FOLLOWUP_TODAY={value!r} is not an ISO date or datetime (e.g. 2026-11-26)") from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        # Plans and reminders reach years ahead; near the calendar's end they would fall off it.
        raise ClockSettingError(f"FOLLOWUP_TODAY={value!r}: pick a day between {FIRST_YEAR} and {LAST_YEAR}")
    return Clock.fixed(moment)


FIRST_YEAR, LAST_YEAR = 1970, 9000
