"""The Week pane's reads: what one week holds, counted by index over a window of days, and the
open applications that have gone silent with nothing planned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from followup_tui.domain.clock import local_day
from followup_tui.domain.kinds import Direction, Kind, Status
from followup_tui.domain.week import WeekCounts

from . import rows
from .base import StoreBase

_MESSAGE_KINDS = tuple(kind.value for kind in Kind if kind.is_message)
_OPEN = tuple(status.value for status in Status if status.is_active)


def _marks(values: tuple) -> str:
    return ",".join("?" * len(values))


def _start_of(day: date) -> str:
    """The moment the user's `day` begins, as stored (UTC text): the window's edge for moments."""
    return rows.moment_text(datetime.combine(day, time()).astimezone())


ADDED_BETWEEN = (
    "status != 'saved' AND (applied_on BETWEEN ? AND ? OR (applied_on IS NULL AND created_at >= ? AND created_at < ?))"
)
"""Applications added on the user's days between two (`added_between`'s parameters): on the
day applied, else the day recorded; saved leads aside. The Week pane's count and the activity
record's rows both read this one rule, by the index of the day added."""


def added_between(first: date, last: date) -> list[str]:
    return [first.isoformat(), last.isoformat(), _start_of(first), _start_of(last + timedelta(days=1))]


@dataclass(frozen=True)
class Silent:
    """An open application with nothing planned, and the last day anything happened in it."""

    opportunity_id: int
    added_on: date
    last_day: date


class WeekRecords(StoreBase):
    """The part of Store the Week pane reads."""

    def week_counts(self, first: date, last: date) -> WeekCounts:
        """What the user's days `first` to `last` hold, each count one indexed window: a moment
        counts on the user's local day, a day (applied on) as written. Saved leads are not
        applications yet."""
        start, end = _start_of(first), _start_of(last + timedelta(days=1))

        def one(sql: str, params: list) -> int:
            return self.conn.execute(sql, params).fetchone()[0]

        return WeekCounts(
            applications=self.applications_added(first, last),
            messages=one(
                f"SELECT count(*) FROM followups WHERE status = 'done' AND done_at >= ? AND done_at < ?"
                f" AND direction = ? AND kind IN ({_marks(_MESSAGE_KINDS)})",
                [start, end, Direction.OUTBOUND.value, *_MESSAGE_KINDS],
            ),
            replies=one(
                "SELECT count(*) FROM followups WHERE status = 'done' AND done_at >= ? AND done_at < ? AND kind = ?",
                [start, end, Kind.REPLY_RECEIVED.value],
            ),
            interviews=one("SELECT count(*) FROM interviews WHERE starts_at >= ? AND starts_at < ?", [start, end]),
            offers=one(
                "SELECT count(DISTINCT opportunity_id) FROM status_changes"
                " WHERE status = ? AND changed_at >= ? AND changed_at < ?",
                [Status.OFFER.value, start, end],
            ),
        )

    def applications_added(self, first: date, last: date) -> int:
        """Applications added on the user's days `first` to `last`: on the day applied, else the
        day recorded; saved leads aside. One search of the index by day added."""
        sql = f"SELECT count(*) FROM opportunities WHERE {ADDED_BETWEEN}"
        return self.conn.execute(sql, added_between(first, last)).fetchone()[0]

    def silent_applications(self, today: date, quiet_days: int) -> list[Silent]:
        """Open applications with nothing planned and nothing done, met or recorded for
        `quiet_days` or more (by the user's day), the longest silent first. An interview still
        to come is something happening. Each test is an index search from the day silence began."""
        quiet_since = today - timedelta(days=quiet_days - 1)  # anything on or after it breaks the silence
        since = _start_of(quiet_since)
        sql = f"""
            SELECT o.id, o.applied_on, o.created_at,
                (SELECT max(f.done_at) FROM followups f
                  WHERE f.opportunity_id = o.id AND f.status = 'done') AS last_done,
                (SELECT max(i.starts_at) FROM interviews i WHERE i.opportunity_id = o.id) AS last_interview
            FROM opportunities o
            WHERE o.status IN ({_marks(_OPEN)})
              AND (o.applied_on < ? OR (o.applied_on IS NULL AND o.created_at < ?))
              AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.opportunity_id = o.id AND f.status = 'planned')
              AND NOT EXISTS (
                SELECT 1 FROM followups f WHERE f.opportunity_id = o.id AND f.status = 'done' AND f.done_at >= ?)
              AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.opportunity_id = o.id AND i.starts_at >= ?)
        """
        found = []
        for row in self.conn.execute(sql, [*_OPEN, quiet_since.isoformat(), since, since, since]):
            opportunity_id, applied_on, created_at, last_done, last_interview = row
            added = rows.day_of(applied_on) or local_day(rows.moment_of(created_at))
            moments = [m for m in (last_done, last_interview) if m]  # UTC text: the larger is later
            last = max(added, local_day(rows.moment_of(max(moments)))) if moments else added
            found.append(Silent(opportunity_id, added, last))
        found.sort(key=lambda s: (s.last_day, s.opportunity_id))
        return found

    def accepted_anywhere(self) -> bool:
        """Whether any application was accepted: then every other open one is to withdraw from."""
        sql = "SELECT 1 FROM opportunities WHERE status = ? LIMIT 1"
        return self.conn.execute(sql, [Status.ACCEPTED.value]).fetchone() is not None

    def had_interviews(self, opportunity_id: int) -> bool:
        sql = "SELECT 1 FROM interviews WHERE opportunity_id = ? LIMIT 1"
        return self.conn.execute(sql, [opportunity_id]).fetchone() is not None
