"""Sorting follow-ups into the groups the Timeline shows: what to do, and when."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .models import FollowupListing, FollowupStatus


class Group(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"
    LATER = "Later"
    DONE = "Done"


WEEK_AHEAD = 7
"""Follow-ups due within this many days after today count as "this week"."""


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
    return f"{due:%a} {due.day} {due:%b}"


def describe_since(day: date, today: date) -> str:
    """How long ago something happened: "today", "yesterday", "5 days ago"."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
