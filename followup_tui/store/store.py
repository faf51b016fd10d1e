"""The journal's only door to SQLite: typed records in, typed records out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import (
    Contact,
    Debrief,
    DebriefAnswer,
    Followup,
    FollowupListing,
    Interview,
    InterviewListing,
    Opportunity,
    OpportunityListing,
)

from . import rows
from .opening import StoreError, connect


class Store:
    """A journal file, opened and upgraded; every write is one all-or-nothing transaction."""

    def __init__(self, db: Database, clock: Clock, path: Path | None = None):
        self.db = db
        self.clock = clock
        self.path = path

    @classmethod
    def open(cls, path: Path, clock: Clock, *, private_folder: bool = False) -> Store:
        return cls(connect(path, private_folder=private_folder), clock, Path(path))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction that takes the write lock at once (BEGIN IMMEDIATE).

        A deferred transaction that later upgrades to a write fails at once with
        "database is locked", whatever the busy timeout; taking the lock first
        makes a second copy of the app wait its turn instead.
        """
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"the journal is busy ({error}); try again in a moment") from None
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def _stamp(self) -> str:
        return rows.moment_text(self.clock.now())

    # -- adding records ---------------------------------------------------------

    def add_opportunity(self, opportunity: Opportunity) -> Opportunity:
        now = self._stamp()
        with self._writing():
            new_id = self.db["opportunities"].insert(
                {**rows.opportunity_row(opportunity), "created_at": now, "updated_at": now}
            ).last_pk
        return replace(opportunity, id=new_id)

    def add_interview(self, interview: Interview, contact_ids: Sequence[int] = ()) -> Interview:
        """Record an interview and who was in the room."""
        with self._writing():
            new_id = self.db["interviews"].insert(
                {**rows.interview_row(interview), "created_at": self._stamp()}
            ).last_pk
            self.db["interview_contacts"].insert_all(
                {"interview_id": new_id, "contact_id": contact_id} for contact_id in contact_ids
            )
        return replace(interview, id=new_id)

    def save_debrief(self, debrief: Debrief) -> Debrief:
        """Store a debrief with its answers, replacing any earlier version of it whole."""
        now = self._stamp()
        with self._writing():
            self.db.execute("DELETE FROM debriefs WHERE interview_id = ?", [debrief.interview_id])
            new_id = self.db["debriefs"].insert(
                {
                    "interview_id": debrief.interview_id,
                    "satisfaction": debrief.satisfaction,
                    "created_at": now,
                    "updated_at": now,
                }
            ).last_pk
            self.db["debrief_answers"].insert_all(
                {
                    "debrief_id": new_id,
                    "position": position,
                    "question_key": answer.question_key,
                    "prompt": answer.prompt,
                    "answer": answer.answer,
                }
                for position, answer in enumerate(debrief.answers)
            )
        return replace(debrief, id=new_id)

    def add_contact(self, contact: Contact) -> Contact:
        now = self._stamp()
        with self._writing():
            new_id = self.db["contacts"].insert(
                {**rows.contact_row(contact), "created_at": now, "updated_at": now}
            ).last_pk
        return replace(contact, id=new_id)

    def add_followup(self, followup: Followup) -> Followup:
        with self._writing():
            new_id = self.db["followups"].insert(
                {**rows.followup_row(followup), "created_at": self._stamp()}
            ).last_pk
        return replace(followup, id=new_id)

    # -- reading -----------------------------------------------------------------

    def is_empty(self) -> bool:
        """True while the journal holds no application at all."""
        return self.db["opportunities"].count == 0

    def counts(self) -> dict[str, int]:
        """How many records each main table holds."""
        tables = ("opportunities", "interviews", "debriefs", "contacts", "followups")
        return {name: self.db[name].count for name in tables}

    def list_followups(self) -> list[FollowupListing]:
        sql = """
            SELECT f.*, o.company AS o_company, o.role AS o_role, c.name AS c_name
            FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            ORDER BY f.due_on, f.id
        """
        return [
            FollowupListing(rows.followup_of(row), row["o_company"], row["o_role"], row["c_name"])
            for row in self.db.query(sql)
        ]

    def list_interviews(self) -> list[InterviewListing]:
        """Every interview, newest first, with its debrief's satisfaction."""
        sql = """
            SELECT i.*, o.company AS o_company, o.role AS o_role,
                   d.id AS d_id, d.satisfaction AS d_satisfaction
            FROM interviews i
            JOIN opportunities o ON o.id = i.opportunity_id
            LEFT JOIN debriefs d ON d.interview_id = i.id
            ORDER BY i.starts_at DESC, i.id DESC
        """
        return [
            InterviewListing(
                rows.interview_of(row), row["o_company"], row["o_role"], row["d_satisfaction"], row["d_id"] is not None
            )
            for row in self.db.query(sql)
        ]

    def list_contacts(self) -> list[Contact]:
        return [rows.contact_of(row) for row in self.db.query("SELECT * FROM contacts ORDER BY name COLLATE NOCASE, id")]

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

    def get_debrief(self, interview_id: int) -> Debrief | None:
        row = next(self.db.query("SELECT * FROM debriefs WHERE interview_id = ?", [interview_id]), None)
        if row is None:
            return None
        answers = self.db.query(
            "SELECT question_key, prompt, answer FROM debrief_answers WHERE debrief_id = ? ORDER BY position",
            [row["id"]],
        )
        return Debrief(
            id=row["id"],
            interview_id=interview_id,
            satisfaction=row["satisfaction"],
            answers=[DebriefAnswer(**answer) for answer in answers],
        )
