"""Sorting follow-ups into the groups the Timeline shows: what to do, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .dates import WEEK_AHEAD
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


def group_of(listing: FollowupListing, today: date) -> Group:
    followup = listing.followup
    if followup.status is not FollowupStatus.PLANNED:
        return Group.DONE
    if followup.due_on < today:
        return Group.OVERDUE
    if followup.due_on == today:
        return Group.TODAY
    if followup.due_on <= today + timedelta(days=WEEK_AHEAD):
        return Group.THIS_WEEK
    return Group.LATER


def planned_spans(today: date) -> list[tuple[Group, date | None, date | None]]:
    """The due dates each group of planned steps covers, first and last inclusive (None: open-ended).

    The same boundaries as `group_of`, for reading each group straight from the store.
    """
    return [
        (Group.OVERDUE, None, today - timedelta(days=1)),
        (Group.TODAY, today, today),
        (Group.THIS_WEEK, today + timedelta(days=1), today + timedelta(days=WEEK_AHEAD)),
        (Group.LATER, today + timedelta(days=WEEK_AHEAD + 1), None),
    ]
