"""Business-day arithmetic: follow-ups land on working days, never at weekends or on the public
holidays the user's calendar names (any container of dates: a set, or the `holidays` package's
calendar, which the services build from the `holidays` setting)."""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date, timedelta

NO_HOLIDAYS: Container[date] = frozenset()

MOST_DAYS_AWAY = 3660
"""Ten years either way of today: the range of every day the journal takes in, whichever door it
comes through (a form, a command-line option, a JSON restore, a draft). Every writer (the
calendar, snooze, the due report) is then only ever asked about days near today."""


def reach(today: date) -> tuple[date, date]:
    """The first and last day the journal takes in on `today`."""
    away = timedelta(days=MOST_DAYS_AWAY)
    return today - away, today + away


def within_reach(day: date, today: date) -> bool:
    first, last = reach(today)
    return first <= day <= last


def is_business_day(day: date, holidays: Container[date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(day: date, count: int, holidays: Container[date] = NO_HOLIDAYS) -> date:
    """The date `count` business days after `day` (before it, when negative).

    Zero moves a weekend day or holiday forward to the next business day, so the answer is
    always a business day.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining or not is_business_day(current, holidays):
        current += timedelta(days=step)
        if is_business_day(current, holidays):
            remaining = max(remaining - 1, 0)
    return current


def next_business_day(day: date, holidays: Container[date] = NO_HOLIDAYS) -> date:
    """`day` itself when it is a business day, else the first one after it."""
    return add_business_days(day, 0, holidays)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def last_day_of_week(day: date, week_starts: int = 0) -> date:
    """The last day of the calendar week `day` is in, for a week that starts on `week_starts`
    (0 Monday … 6 Sunday): Sunday for a week that starts on Monday."""
    return day + timedelta(days=(week_starts - 1 - day.weekday()) % 7)


def end_of_week(day: date) -> date:
    """The Sunday that closes `day`'s week."""
    return day + timedelta(days=6 - day.weekday())


def long_day(day: date, today: date | None = None) -> str:
    """A day as people write it, the one way the app writes days: "Thu 3 Dec", with the year
    when it is not `today`'s ("Fri 8 Jan 2027") or when there is no today (a document kept)."""
    if today is not None and day.year == today.year:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day:%a} {day.day} {day:%b %Y}"


def typed_day(day: date) -> str:
    """A day as it is put back into a date field: "3 Dec 2026", which any date order reads the same."""
    return f"{day.day} {day:%b %Y}"


def spoken_day(day: date) -> str:
    """A day as a message says it: "Wednesday 25 November"."""
    return f"{day:%A} {day.day} {day:%B}"


WEEK_AHEAD = 7
"""Follow-ups due within this many days after today count as "this week"."""


def describe_due(due: date, today: date) -> str:
    """When a step is due, the way a person says it: "today", "3 days late"."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day late"
    if days < 0:
        return f"{-days} days late"
    if days < WEEK_AHEAD:
        return f"{due:%a} · in {days} days"
    return long_day(due, today)


def describe_since(day: date, today: date) -> str:
    """How long ago something happened: "today", "yesterday", "5 days ago"."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


ALARM_DEFAULT = "09:00"
"""When a follow-up's calendar reminder goes off, as the `calendar.alarm` setting ships."""


def alarm_offset(text: str) -> timedelta | None:
    """The `calendar.alarm` setting as an offset from the start of a follow-up's day: "09:00"
    (that morning), "30" (minutes before it begins), or "" for no alarm. ValueError in words."""
    text = text.strip()
    if not text:
        return None
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", text):
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60:
            return timedelta(hours=hours, minutes=minutes)
    elif text.isdigit() and int(text) <= 7 * 24 * 60:
        return -timedelta(minutes=int(text))
    raise ValueError(f"calendar.alarm takes a time of day like 09:00, minutes before like 30, or nothing; not {text!r}")
