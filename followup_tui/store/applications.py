"""Applications: the pipeline's rows, one application in full, and every change that can be undone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from followup_tui.domain.clock import local_day
from followup_tui.domain.insights import SearchPulse
from followup_tui.domain.models import Opportunity, OpportunityListing, Status
from followup_tui.domain.people import name_key

from . import rows
from .opening import RecordGone
from .snapshots import Snapshot, SnapshotRecords

_LISTING = """
    SELECT o.*,
        (SELECT max(f.done_at) FROM followups f
          WHERE f.opportunity_id = o.id AND f.status = 'done') AS last_contact,
        (SELECT max(i.starts_at) FROM interviews i
          WHERE i.opportunity_id = o.id) AS last_interview,
        (SELECT min(f.due_on) FROM followups f
          WHERE f.opportunity_id = o.id AND f.status = 'planned') AS next_followup,
        (SELECT count(*) FROM followups f
          WHERE f.opportunity_id = o.id AND f.status = 'planned') AS planned
    FROM opportunities o
"""

_CHILDREN = (
    ("status_changes", "opportunity_id = ?"),
    ("interviews", "opportunity_id = ?"),
    ("debriefs", "interview_id IN (SELECT id FROM interviews WHERE opportunity_id = ?)"),
    (
        "debrief_answers",
        "debrief_id IN (SELECT d.id FROM debriefs d JOIN interviews i ON i.id = d.interview_id"
        " WHERE i.opportunity_id = ?)",
    ),
    ("interview_contacts", "interview_id IN (SELECT id FROM interviews WHERE opportunity_id = ?)"),
    ("followups", "opportunity_id = ?"),
    ("documents_sent", "opportunity_id = ?"),
)
"""Everything that belongs to one application, and goes when it goes."""


@dataclass(frozen=True)
class StatusStep:
    """One move in an application's history: the status it reached, and when."""

    status: Status
    at: datetime


class ApplicationRecords(SnapshotRecords):
    """The application part of Store."""

    def add_opportunity(self, opportunity: Opportunity) -> Opportunity:
        now = self._stamp()
        with self.transaction():
            new_id = self._new_id("opportunities")
            row = {"id": new_id, **rows.opportunity_row(opportunity), "created_at": now, "updated_at": now}
            self.db["opportunities"].insert(row)
            self._record_status(new_id, opportunity.status, now)
        return replace(opportunity, id=new_id)

    def get_opportunity(self, opportunity_id: int) -> Opportunity | None:
        row = next(self._query("SELECT * FROM opportunities WHERE id = ?", [opportunity_id]), None)
        return rows.opportunity_of(row) if row else None

    def list_opportunities(self) -> list[OpportunityListing]:
        """Every application, with its last contact and next planned follow-up."""
        return self._listings(f"{_LISTING} ORDER BY o.company COLLATE NOCASE, o.id", [])

    def search_pulse(self) -> SearchPulse:
        """The search at a glance, from one pass over the applications (no follow-up read): the
        Timeline shows its nudge on the first frame, however long the history."""
        still_open = [status.value for status in Status if status.is_active]
        count, open_count, last_applied, last_recorded = self.conn.execute(
            f"""
            SELECT count(*), count(CASE WHEN status IN ({",".join("?" * len(still_open))}) THEN 1 END),
                max(applied_on), max(CASE WHEN applied_on IS NULL THEN created_at END)
            FROM opportunities
            """,
            still_open,
        ).fetchone()
        added = [rows.day_of(last_applied), last_recorded and local_day(rows.moment_of(last_recorded))]
        return SearchPulse(count, open_count, max((day for day in added if day), default=None))

    def opportunity_listing(self, opportunity_id: int) -> OpportunityListing | None:
        """One application as the pipeline lists it."""
        return next(iter(self._listings(f"{_LISTING} WHERE o.id = ?", [opportunity_id])), None)

    def _listings(self, sql: str, params: list) -> list[OpportunityListing]:
        listings = []
        for row in self._query(sql, params):
            # Both are UTC ISO text, so the larger string is the later moment.
            contacts = [moment for moment in (row["last_contact"], row["last_interview"]) if moment]
            last_contact = local_day(rows.moment_of(max(contacts))) if contacts else None
            opportunity = rows.opportunity_of(row)
            added_on = opportunity.applied_on or local_day(rows.moment_of(row["created_at"]))
            listings.append(
                OpportunityListing(
                    opportunity, last_contact, rows.day_of(row["next_followup"]), added_on, row["planned"]
                )
            )
        return listings

    def find_opportunity(self, company: str, role: str) -> Opportunity | None:
        row = next(
            self._query(
                "SELECT * FROM opportunities WHERE name_key(company) = ? AND role = ? COLLATE NOCASE"
                " ORDER BY id LIMIT 1",
                [name_key(company), role],
            ),
            None,
        )
        return rows.opportunity_of(row) if row else None

    def latest_opportunity_at(self, company: str) -> Opportunity | None:
        """The most recent application at `company`, matched by the name rule (`name_key`)."""
        sql = "SELECT * FROM opportunities WHERE name_key(company) = ? ORDER BY id DESC LIMIT 1"
        row = next(self._query(sql, [name_key(company)]), None)
        return rows.opportunity_of(row) if row else None

    def companies(self) -> list[str]:
        """Every company known from applications and contacts, for suggestions."""
        sql = """
            SELECT company FROM opportunities UNION SELECT company FROM contacts WHERE company != ''
            ORDER BY 1 COLLATE NOCASE
        """
        return [row["company"] for row in self._query(sql)]

    def status_history(self, opportunity_id: int) -> list[StatusStep]:
        """Each status the application reached, oldest first."""
        sql = "SELECT status, changed_at FROM status_changes WHERE opportunity_id = ? ORDER BY changed_at, id"
        return [
            StatusStep(Status(row["status"]), rows.moment_of(row["changed_at"]))
            for row in self._query(sql, [opportunity_id])
        ]

    def rewrite_status_history(self, opportunity_id: int, steps: list[tuple[Status, datetime]]) -> None:
        """Replace the application's history with these moves, as they happened (the sample search)."""
        with self.transaction():
            self.conn.execute("DELETE FROM status_changes WHERE opportunity_id = ?", [opportunity_id])
            for status, at in steps:
                self._record_status(opportunity_id, status, rows.moment_text(at))

    def set_status(self, opportunity_id: int, status: Status) -> None:
        self.change_status(opportunity_id, status)

    def change_status(self, opportunity_id: int, status: Status, *, skip_planned: bool = False) -> Snapshot:
        """Move an application to `status` in one write, optionally skipping its planned follow-ups;
        how to undo it (the follow-ups it skipped are `rows["followups"]`)."""
        now = self._stamp()
        with self.transaction():
            before = self.rows_where("opportunities", "id = ?", [opportunity_id])
            if not before:
                raise RecordGone("That application was removed in another copy of followup")
            skipped = self.rows_where("followups", "opportunity_id = ? AND status = 'planned'", [opportunity_id])
            self.db["opportunities"].update(opportunity_id, {"status": status.value, "updated_at": now})
            created = self._record_status(opportunity_id, status, now)
            if not skip_planned:
                skipped = []
            else:
                sql = "UPDATE followups SET status = 'skipped', done_at = ? WHERE opportunity_id = ? AND status = ?"
                self.conn.execute(sql, [now, opportunity_id, "planned"])
            return self.settle(Snapshot({"opportunities": before, "followups": skipped}, {"status_changes": [created]}))

    def update_opportunity(self, opportunity: Opportunity) -> Snapshot:
        """Write every field of the application; a new status goes into its history."""
        now = self._stamp()
        with self.transaction():
            before = self.rows_where("opportunities", "id = ?", [opportunity.id])
            if not before:
                raise RecordGone("That application was removed in another copy of followup")
            self.db["opportunities"].update(opportunity.id, {**rows.opportunity_row(opportunity), "updated_at": now})
            created = []
            if before and before[0]["status"] != opportunity.status.value:
                created = [self._record_status(opportunity.id, opportunity.status, now)]
            return self.settle(Snapshot({"opportunities": before}, {"status_changes": created}))

    def application_counts(self, opportunity_id: int) -> dict[str, int]:
        """How many rows of each kind belong to the application (what deleting it would remove)."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM [{table}] WHERE {where}", [opportunity_id]).fetchone()[0]
            for table, where in _CHILDREN
        }

    def delete_opportunity(self, opportunity_id: int) -> Snapshot:
        """Delete the application with everything that belongs to it; every row, to put back."""
        with self.transaction():
            taken = {"opportunities": self.rows_where("opportunities", "id = ?", [opportunity_id])}
            for table, where in _CHILDREN:
                taken[table] = self.rows_where(table, where, [opportunity_id])
            self.conn.execute("DELETE FROM opportunities WHERE id = ?", [opportunity_id])
            return self.settle(Snapshot(taken))

    def _record_status(self, opportunity_id: int, status: Status, at: str) -> int:
        row = {"id": self._new_id("status_changes"), "opportunity_id": opportunity_id, "status": status.value}
        return self.db["status_changes"].insert({**row, "changed_at": at}).last_pk
