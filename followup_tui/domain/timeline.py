"""Sorting follow-ups into the groups the Timeline shows: what to do, and when."""

from __future__ import annotations

from collections.abc import Iterable
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


def group_timeline(listings: Iterable[FollowupListing], today: date) -> list[TimelineGroup]:
    """The non-empty groups in the Timeline's order, the next action first in each.

    Planned steps run soonest first; done ones most recent first.
    """
    buckets: dict[Group, list[FollowupListing]] = {group: [] for group in Group}
    for listing in listings:
        buckets[group_of(listing, today)].append(listing)
    for group, entries in buckets.items():
        if group is Group.DONE:
            entries.sort(key=_closed_on, reverse=True)
        else:
            entries.sort(key=lambda e: (e.followup.due_on, e.followup.id or 0))
    return [TimelineGroup(group, entries) for group, entries in buckets.items() if entries]


def _closed_on(listing: FollowupListing) -> tuple[date, int]:
    followup = listing.followup
    closed = followup.done_at.date() if followup.done_at else followup.due_on
    return closed, followup.id or 0
