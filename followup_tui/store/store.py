"""The journal's only door to SQLite: typed records in, typed records out."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import (
    Followup,
    FollowupListing,
    Opportunity,
    OpportunityListing,
    Status,
)

from . import rows
from .contacts import ContactRecords
from .drafts import DraftRecords
from .interviews import InterviewRecords
from .opening import connect


class Store(InterviewRecords, ContactRecords, DraftRecords):
    """A journal file, opened and upgraded; every write is one all-or-nothing transaction."""

    @classmethod
    def open(cls, path: Path, clock: Clock, *, private_folder: bool = False) -> Store:
        return cls(connect(path, private_folder=private_folder), clock, Path(path))

    def close(self) -> None:
        self.db.close()

    def add_opportunity(self, opportunity: Opportunity) -> Opportunity:
        now = self._stamp()
        with self.transaction():
            new_id = (
                self.db["opportunities"]
                .insert({**rows.opportunity_row(opportunity), "created_at": now, "updated_at": now})
                .last_pk
            )
        return replace(opportunity, id=new_id)

    def add_followup(self, followup: Followup) -> Followup:
        with self.transaction():
            new_id = self.db["followups"].insert({**rows.followup_row(followup), "created_at": self._stamp()}).last_pk
        return replace(followup, id=new_id)

    def is_empty(self) -> bool:
        """True while the journal holds no application at all."""
        return self.db["opportunities"].count == 0

    def counts(self) -> dict[str, int]:
        """How many records each main table holds."""
        tables = ("opportunities", "interviews", "debriefs", "contacts", "followups")
        return {name: self.db[name].count for name in tables}

    def list_followups(self) -> list[FollowupListing]:
        return self._followup_listings()

    def list_opportunities(self) -> list[OpportunityListing]:
        """Every application, with its last contact and next planned follow-up."""
        sql = """
            SELECT o.*,
                (SELECT max(f.done_at) FROM followups f
                  WHERE f.opportunity_id = o.id AND f.status = 'done') AS last_contact,
                (SELECT max(i.starts_at) FROM interviews i
                  WHERE i.opportunity_id = o.id) AS last_interview,
                (SELECT min(f.due_on) FROM followups f
                  WHERE f.opportunity_id = o.id AND f.status = 'planned') AS next_followup
            FROM opportunities o
            ORDER BY o.company COLLATE NOCASE, o.id
        """
        listings = []
        zone = self.clock.now().tzinfo
        for row in self.db.query(sql):
            # Both are UTC ISO text, so the larger string is the later moment.
            contacts = [moment for moment in (row["last_contact"], row["last_interview"]) if moment]
            last_contact = rows.moment_of(max(contacts)).astimezone(zone).date() if contacts else None
            listings.append(
                OpportunityListing(
                    rows.opportunity_of(row),
                    last_contact,
                    rows.day_of(row["next_followup"]),
                )
            )
        return listings

    def find_opportunity(self, company: str, role: str) -> Opportunity | None:
        row = next(
            self.db.query(
                "SELECT * FROM opportunities WHERE company = ? COLLATE NOCASE AND role = ? COLLATE NOCASE"
                " ORDER BY id LIMIT 1",
                [company, role],
            ),
            None,
        )
        return rows.opportunity_of(row) if row else None

    def companies(self) -> list[str]:
        """Every company known from applications and contacts, for suggestions."""
        sql = """
            SELECT company FROM opportunities UNION SELECT company FROM contacts WHERE company != ''
            ORDER BY 1 COLLATE NOCASE
        """
        return [row["company"] for row in self.db.query(sql)]

    def set_status(self, opportunity_id: int, status: Status) -> None:
        with self.transaction():
            self.db["opportunities"].update(opportunity_id, {"status": status.value, "updated_at": self._stamp()})

    def get_setting(self, key: str, default=None):
        row = next(self.db.query("SELECT value FROM settings WHERE key = ?", [key]), None)
        if row is None:
            return default
        try:
            return json.loads(row["value"])
        except ValueError:
            return default

    def set_setting(self, key: str, value) -> None:
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")
