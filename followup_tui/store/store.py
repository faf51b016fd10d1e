"""The journal's only door to SQLite: typed records in, typed records out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import (
    Followup,
    FollowupListing,
    InterviewListing,
)

from . import driver, rows
from .activity import ActivityRecords
from .applications import ApplicationRecords
from .contacts import ContactRecords
from .documents import DocumentRecords
from .drafts import DraftRecords
from .funnel import FunnelRecords
from .interviews import InterviewRecords
from .mail import MailRecords
from .opening import RecordGone, StoreError, connect
from .portable import PortableRecords
from .prep import PrepRecords
from .reminders import ReminderRecords
from .search import like_pattern
from .snapshots import Snapshot
from .stay_in_touch import StayInTouchRecords
from .stories import StoryRecords
from .story_bank import StoryBankRecords
from .sync_conflicts import SyncConflictRecords
from .week import WeekRecords


class Store(
    ApplicationRecords,
    InterviewRecords,
    ContactRecords,
    DraftRecords,
    PortableRecords,
    ReminderRecords,
    StoryRecords,
    StoryBankRecords,
    PrepRecords,
    WeekRecords,
    ActivityRecords,
    StayInTouchRecords,
    MailRecords,
    DocumentRecords,
    FunnelRecords,
    SyncConflictRecords,
):
    """A journal file, opened and upgraded; every write is one all-or-nothing transaction."""

    @classmethod
    def open(cls, path: Path, clock: Clock, *, private_folder: bool = False) -> Store:
        return cls(connect(path, private_folder=private_folder), clock, Path(path))

    def backup(self, target: Path) -> Path:
        """Write a consistent copy of the journal to `target` (or a numbered name beside it);
        StoreError, in words, when it cannot be written."""
        from .opening import backup_copy

        try:
            return backup_copy(self.conn, Path(target).expanduser(), self.path)
        except StoreError:
            raise
        except (driver.Error, OSError) as error:
            raise StoreError(str(error)) from None

    def is_private(self) -> bool:
        """Whether this journal is encrypted on disk (a private journal)."""
        from .opening import key_file_of

        if self.path is None or not key_file_of(Path(self.path).expanduser()).exists():
            return False
        from .unlock import is_private

        return is_private(Path(self.path).expanduser())

    def close(self) -> None:
        self.conn.close()

    def add_followup(self, followup: Followup) -> Followup:
        with self.transaction():
            new_id = self._new_id("followups")
            self.db["followups"].insert({"id": new_id, **rows.followup_row(followup), "created_at": self._stamp()})
        return replace(followup, id=new_id)

    def get_followup(self, followup_id: int) -> Followup | None:
        row = next(self._query("SELECT * FROM followups WHERE id = ?", [followup_id]), None)
        return rows.followup_of(row) if row else None

    def update_followup(self, followup: Followup) -> None:
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM followups WHERE id = ?", [followup.id]).fetchone() is None:
                raise RecordGone("That follow-up was removed in another copy of followup")
            self.db["followups"].update(followup.id, rows.followup_row(followup))

    def followups_as_they_are(self, followup_ids: list[int]) -> Snapshot:
        """These follow-ups as they are now, to put back after changing them."""
        marks = ",".join("?" * len(followup_ids))
        return Snapshot({"followups": self.rows_where("followups", f"id IN ({marks})", followup_ids)})

    def delete_followup(self, followup_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM followups WHERE id = ?", [followup_id])

    def followups_of_opportunity(self, opportunity_id: int) -> list[Followup]:
        sql = "SELECT * FROM followups WHERE opportunity_id = ? ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self._query(sql, [opportunity_id])]

    def planned_followups_due(self, first: date | None, last: date | None, limit: int = -1) -> list[FollowupListing]:
        """Follow-ups still to do due between `first` and `last` (inclusive; None is open), soonest first."""
        where, params = _due_between(first, last)
        return self._followup_listings(f"WHERE f.status = 'planned'{where}", params, limit=limit)

    def count_planned_due(self, first: date | None, last: date | None, most: int = -1) -> int:
        """How many are planned between these days — counting no further than `most`, so a
        heading over a lifetime of records costs what one over a week does."""
        where, params = _due_between(first, last)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM followups f WHERE f.status = 'planned'{where} LIMIT {int(most)})"
        return self.conn.execute(sql, params).fetchone()[0]

    def closed_followups(self, limit: int) -> list[FollowupListing]:
        """The most recently done or skipped follow-ups."""
        return self._followup_listings("WHERE f.status != 'planned'", order="f.done_at DESC, f.id DESC", limit=limit)

    def count_closed_followups(self, most: int = -1) -> int:
        """How many are done or skipped, counting no further than `most`."""
        sql = f"SELECT count(*) FROM (SELECT 1 FROM followups WHERE status != 'planned' LIMIT {int(most)})"
        return self.conn.execute(sql).fetchone()[0]

    def planned_followups_of_opportunity(self, opportunity_id: int) -> list[Followup]:
        """One application's steps still to do, soonest first (whole rows: a reply moves them)."""
        sql = "SELECT * FROM followups WHERE opportunity_id = ? AND status = 'planned' ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self._query(sql, [opportunity_id])]

    def followup_listings_of_opportunity(self, opportunity_id: int) -> list[FollowupListing]:
        """One application's follow-ups with the names beside them, soonest first."""
        return self._followup_listings("WHERE f.opportunity_id = ?", [opportunity_id])

    def followups_for_guard(self, opportunity_ids: set[int], since: date, most_done: int) -> list[Followup]:
        """What the guard judges a step against, for each of these applications: every planned
        follow-up, and the latest `most_done` done since `since` — read by index, so its cost
        does not grow with the history behind an application."""
        ids = sorted(opportunity_ids)
        found: list[Followup] = []
        for start in range(0, len(ids), 500):  # SQLite caps the number of ? in one query
            chunk = ids[start : start + 500]
            planned = f"{_GUARD_COLUMNS} WHERE opportunity_id IN ({','.join('?' * len(chunk))}) AND status = 'planned'"
            found += [rows.followup_of(row) for row in self._query(planned, chunk)]
        done = f"{_GUARD_COLUMNS} WHERE opportunity_id = ? AND status = 'done' AND done_at >= ?"
        done += " ORDER BY done_at DESC LIMIT ?"
        for opportunity_id in ids:
            found += [rows.followup_of(r) for r in self._query(done, [opportunity_id, since.isoformat(), most_done])]
        return found

    def is_empty(self) -> bool:
        """True while the journal holds no application at all."""
        return self.conn.execute("SELECT 1 FROM opportunities LIMIT 1").fetchone() is None

    def counts(self) -> dict[str, int]:
        """How many records each main table holds."""
        tables = ("opportunities", "interviews", "debriefs", "contacts", "followups")
        return {name: self.conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in tables}

    def list_followups(self) -> list[FollowupListing]:
        return self._followup_listings()

    def each_followup(self) -> Iterator[FollowupListing]:
        """Every follow-up with its names, soonest first, read as it is asked for."""
        return self._iter_followup_listings()

    def calendar_followups(self, closed_since: datetime) -> Iterator[FollowupListing]:
        """What a calendar shows: every planned follow-up, and those closed since `closed_since`
        (for the calendar to withdraw) — read by index, not by going through the whole history,
        and one at a time."""
        since = rows.moment_text(closed_since - timedelta(days=1))  # stored moments may carry other offsets
        found = self._iter_followup_listings(
            "WHERE f.status = 'planned' OR (f.status IN ('done', 'skipped') AND f.done_at >= ?)", [since]
        )
        return (entry for entry in found if entry.followup.done_at is None or entry.followup.done_at >= closed_since)

    def do_differently(self, matching: str = "") -> list[tuple[InterviewListing, str]]:
        """Every non-empty "what would you do differently" answer, newest interview first."""
        where = "WHERE i.id IN (SELECT d.interview_id FROM debriefs d JOIN debrief_answers a ON a.debrief_id = d.id"
        where += " WHERE a.question_key = 'do_differently' AND a.answer != ''"
        params: list = []
        if matching.strip():
            where += " AND a.answer LIKE ? ESCAPE '\\'"
            params.append(like_pattern(matching.strip()))
        where += ")"
        found = []
        for listing in self._interview_listings(where, params):
            debrief = self.get_debrief(listing.interview.id)
            answer = next(a.answer for a in debrief.answers if a.question_key == "do_differently")
            found.append((listing, answer))
        return found

    def get_setting(self, key: str, default=None):
        row = next(self._query("SELECT value FROM settings WHERE key = ?", [key]), None)
        if row is None:
            return default
        try:
            return json.loads(row["value"])
        except ValueError:
            return default

    def set_setting(self, key: str, value) -> None:
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")


_GUARD_COLUMNS = (  # the guard judges by kinds and dates, so the drafts' text is left behind
    "SELECT id, opportunity_id, contact_id, interview_id, kind, direction, due_on, status, done_at,"
    " decide_by, '' AS subject, '' AS body, '' AS notes, '' AS draft_subject, '' AS message_id FROM followups"
)


def _due_between(first: date | None, last: date | None) -> tuple[str, list[str]]:
    """A condition on `f.due_on` (to follow a WHERE clause) and its parameters."""
    where, params = "", []
    if first is not None:
        where, params = " AND f.due_on >= ?", [first.isoformat()]
    if last is not None:
        where, params = f"{where} AND f.due_on <= ?", [*params, last.isoformat()]
    return where, params
