"""Sorting follow-ups into the groups the Timeline shows: what to do, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .dates import last_day_of_week
from .models import FollowupListing, FollowupStatus


class Group(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"
    LATER = "Later"
    DONE = "Done"


@dataclass(frozen=True)
class TimelineGroup:
    group: Group
    entries: list[FollowupListing]
    total: int
    """How many the group holds; more than `entries` when only the first of a long group are read."""
    more: int = 0
    """How many come after the most a page shows of the group (however many were read this time)."""


def group_of(listing: FollowupListing, today: date, week_starts: int = 0) -> Group:
    """The group a follow-up shows in on `today`: "This week" is the rest of the calendar week
    (Monday to Sunday, or from the `week_starts` day, 0 for Monday to 6 for Sunday)."""
    followup = listing.followup
    if followup.status is not FollowupStatus.PLANNED:
        return Group.DONE
    if followup.due_on < today:
        return Group.OVERDUE
    if followup.due_on == today:
        return Group.TODAY
    if followup.due_on <= last_day_of_week(today, week_starts):
        return Group.THIS_WEEK
    return Group.LATER


def planned_spans(today: date, week_starts: int = 0) -> list[tuple[Group, date | None, date | None]]:
    """The due dates each group of planned steps covers, first and last inclusive (None: open-ended).

    The same boundaries as `group_of`, for reading each group straight from the store. On the
    week's last day "This week" covers nothing (first after last), and so holds nothing.
    """
    week_ends = last_day_of_week(today, week_starts)
    return [
        (Group.OVERDUE, None, today - timedelta(days=1)),
        (Group.TODAY, today, today),
        (Group.THIS_WEEK, today + timedelta(days=1), week_ends),
        (Group.LATER, week_ends + timedelta(days=1), None),
    ]
