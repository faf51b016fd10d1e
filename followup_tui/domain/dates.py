"""Business-day arithmetic: follow-ups land on working days, never at weekends."""

from __future__ import annotations

from datetime import date, timedelta


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def add_business_days(day: date, count: int) -> date:
    """The date `count` business days after `day` (before it, when negative).

    Zero moves a weekend day forward to the Monday, so the answer is always a
    business day.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining or not is_business_day(current):
        current += timedelta(days=step)
        if is_business_day(current):
            remaining = max(remaining - 1, 0)
    return current


def end_of_week(day: date) -> date:
    """The Sunday that closes `day`'s week."""
    return day + timedelta(days=6 - day.weekday())


def long_day(day: date) -> str:
    """A day as people write it: "Thu 3 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"
