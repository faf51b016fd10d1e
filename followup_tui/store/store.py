"""The journal's only door to SQLite: typed records in, typed records out."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
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
    Status,
)

from . import rows
from .opening import StoreError, connect
from .search import fts_query, like_pattern


@dataclass(frozen=True)
class AnswerMatch:
    """Where a search matched a debrief: the question, and the answer's words around the match.

    In `excerpt`, the matched words sit between the characters \x02 and \x03.
    """

    interview_id: int
    prompt: str
    excerpt: str


@dataclass(frozen=True)
class Draft:
    key: str
    payload: dict
    updated_at: datetime


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
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write that takes the write lock at once (BEGIN IMMEDIATE).

        A deferred transaction that later upgrades to a write fails at once with
        "database is locked", whatever the busy timeout; taking the lock first
        makes a second copy of the app wait its turn instead. Inside another
        transaction it simply joins it, so services can group several writes.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
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
        with self.transaction():
            new_id = self.db["opportunities"].insert(
                {**rows.opportunity_row(opportunity), "created_at": now, "updated_at": now}
            ).last_pk
        return replace(opportunity, id=new_id)

    def add_interview(self, interview: Interview, contact_ids: Sequence[int] = ()) -> Interview:
        """Record an interview and who was in the room."""
        with self.transaction():
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
        with self.transaction():
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
        with self.transaction():
            new_id = self.db["contacts"].insert(
                {**rows.contact_row(contact), "created_at": now, "updated_at": now}
            ).last_pk
        return replace(contact, id=new_id)

    def add_followup(self, followup: Followup) -> Followup:
        with self.transaction():
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
        return self._followup_listings()

    def _followup_listings(self, where: str = "", params: Sequence = ()) -> list[FollowupListing]:
        sql = f"""
            SELECT f.*, o.company AS o_company, o.role AS o_role, c.name AS c_name
            FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            {where}
            ORDER BY f.due_on, f.id
        """
        return [
            FollowupListing(rows.followup_of(row), row["o_company"], row["o_role"], row["c_name"])
            for row in self.db.query(sql, params)
        ]

    def followups_of_interview(self, interview_id: int) -> list[Followup]:
        sql = "SELECT * FROM followups WHERE interview_id = ? ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self.db.query(sql, [interview_id])]

    def list_interviews(self, limit: int = -1, offset: int = 0) -> list[InterviewListing]:
        """Interviews, newest first, with their debriefs' satisfaction (all of them by default)."""
        return self._interview_listings(limit=limit, offset=offset)

    def list_contacts(self, limit: int = -1, offset: int = 0, matching: str = "") -> list[Contact]:
        """Contacts by name; with `matching`, only those whose name, title, company, email,
        phone or notes contain that text, whatever its case."""
        where, params = "", []
        if matching.strip():
            pattern = like_pattern(matching.strip())
            fields = ("name", "title", "company", "email", "phone", "notes", "other_emails")
            where = "WHERE " + " OR ".join(f"{name} LIKE ? ESCAPE '\\'" for name in fields)
            params = [pattern] * len(fields)
        sql = f"SELECT * FROM contacts {where} ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?"
        return [rows.contact_of(row) for row in self.db.query(sql, [*params, limit, offset])]

    def get_contact(self, contact_id: int) -> Contact | None:
        row = next(self.db.query("SELECT * FROM contacts WHERE id = ?", [contact_id]), None)
        return rows.contact_of(row) if row else None

    def find_contact(self, name: str, company: str) -> Contact | None:
        """The card for this name at this company, whatever the case, if there is one."""
        for contact in self.find_contacts(name):
            if contact.company.casefold() == company.casefold():
                return contact
        return None

    def update_contact(self, contact: Contact) -> None:
        with self.transaction():
            self.db["contacts"].update(contact.id, {**rows.contact_row(contact), "updated_at": self._stamp()})

    def delete_contact(self, contact_id: int) -> None:
        """Remove a card; its interviews and follow-ups stay, no longer linked to it."""
        with self.transaction():
            self.db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])

    def interviews_with(self, contact_id: int) -> list[InterviewListing]:
        """The interviews this person was in, newest first."""
        return self._interview_listings(
            "WHERE i.id IN (SELECT interview_id FROM interview_contacts WHERE contact_id = ?)", [contact_id]
        )

    def followups_with(self, contact_id: int) -> list[FollowupListing]:
        """Follow-ups to or from this person, soonest first."""
        return self._followup_listings("WHERE f.contact_id = ?", [contact_id])

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

    # -- finding records by what a person typed ------------------------------------

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

    def find_contacts(self, name: str) -> list[Contact]:
        """Contacts with this name, whatever its case."""
        return [
            rows.contact_of(row)
            for row in self.db.query("SELECT * FROM contacts WHERE name = ? COLLATE NOCASE ORDER BY id", [name])
        ]

    def companies(self) -> list[str]:
        """Every company known from applications and contacts, for suggestions."""
        sql = """
            SELECT company FROM opportunities UNION SELECT company FROM contacts WHERE company != ''
            ORDER BY 1 COLLATE NOCASE
        """
        return [row["company"] for row in self.db.query(sql)]

    def set_status(self, opportunity_id: int, status: Status) -> None:
        with self.transaction():
            self.db["opportunities"].update(
                opportunity_id, {"status": status.value, "updated_at": self._stamp()}
            )

    # -- interviews ---------------------------------------------------------------

    def get_interview(self, interview_id: int) -> InterviewListing | None:
        return next(iter(self._interview_listings("WHERE i.id = ?", [interview_id])), None)

    def interview_contacts(self, interview_id: int) -> list[Contact]:
        """Who was in the room, in the order they were added."""
        sql = """
            SELECT c.* FROM contacts c JOIN interview_contacts ic ON ic.contact_id = c.id
            WHERE ic.interview_id = ? ORDER BY ic.rowid
        """
        return [rows.contact_of(row) for row in self.db.query(sql, [interview_id])]

    def update_interview(self, interview: Interview, contact_ids: Sequence[int]) -> None:
        """Rewrite an interview's details and who was in the room."""
        with self.transaction():
            self.db["interviews"].update(interview.id, rows.interview_row(interview))
            self.db.execute("DELETE FROM interview_contacts WHERE interview_id = ?", [interview.id])
            self.db["interview_contacts"].insert_all(
                {"interview_id": interview.id, "contact_id": contact_id} for contact_id in contact_ids
            )

    def delete_interview(self, interview_id: int) -> None:
        """Remove an interview and its debrief; its application, contacts and follow-ups stay."""
        with self.transaction():
            self.db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])

    def _interview_listings(
        self, where: str = "", params: Sequence = (), limit: int = -1, offset: int = 0
    ) -> list[InterviewListing]:
        sql = f"""
            SELECT i.*, o.company AS o_company, o.role AS o_role,
                   d.id AS d_id, d.satisfaction AS d_satisfaction
            FROM interviews i
            JOIN opportunities o ON o.id = i.opportunity_id
            LEFT JOIN debriefs d ON d.interview_id = i.id
            {where}
            ORDER BY i.starts_at DESC, i.id DESC
            LIMIT {int(limit)} OFFSET {int(offset)}
        """
        return [
            InterviewListing(
                rows.interview_of(row), row["o_company"], row["o_role"], row["d_satisfaction"], row["d_id"] is not None
            )
            for row in self.db.query(sql, params)
        ]

    # -- searching debriefs ---------------------------------------------------------

    def search_answers(self, text: str, limit: int = 50) -> list[AnswerMatch]:
        """One matching answer for each debrief that mentions `text`, the most recently saved first.

        Words are matched as words (any order, word endings folded); text with no
        word in it, like "+" or "(", is found as typed. Newest-first lets the full-text
        index stop after `limit` debriefs instead of ranking every match, which keeps a
        common word fast on a journal of many thousand interviews.
        """
        query = fts_query(text)
        if query is None:
            return self._answers_containing(text, limit)
        sql = """
            SELECT d.interview_id, a.prompt,
                   snippet(debrief_answers_fts, 0, char(2), char(3), '…', 16) AS excerpt
            FROM debrief_answers_fts
            JOIN debrief_answers a ON a.id = debrief_answers_fts.rowid
            JOIN debriefs d ON d.id = a.debrief_id
            WHERE debrief_answers_fts MATCH ?
            ORDER BY debrief_answers_fts.rowid DESC
            LIMIT ?
        """
        return _best_per_interview(self.db.query(sql, [query, limit * 5]), limit)

    def _answers_containing(self, text: str, limit: int) -> list[AnswerMatch]:
        if not text.strip():
            return []
        sql = """
            SELECT d.interview_id, a.prompt, a.answer AS excerpt
            FROM debrief_answers a JOIN debriefs d ON d.id = a.debrief_id
            WHERE instr(a.answer, ?) > 0
            ORDER BY a.id DESC
            LIMIT ?
        """
        # Only text without letters or digits comes here, so matching it exactly is
        # also matching it in any case.
        found = self.db.query(sql, [text.strip(), limit * 5])
        return _best_per_interview(
            ({**row, "excerpt": _mark(row["excerpt"], text.strip())} for row in found), limit
        )

    # -- settings -------------------------------------------------------------------

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

    # -- drafts ---------------------------------------------------------------------

    def save_draft(self, key: str, payload: dict) -> None:
        """Keep what a form holds right now, replacing the previous draft under `key`."""
        with self.transaction():
            self.db["drafts"].upsert(
                {"key": key, "payload": json.dumps(payload, ensure_ascii=False), "updated_at": self._stamp()},
                pk="key",
            )

    def get_draft(self, key: str) -> Draft | None:
        row = next(self.db.query("SELECT * FROM drafts WHERE key = ?", [key]), None)
        if row is None:
            return None
        try:
            payload = json.loads(row["payload"])
        except ValueError:
            payload = {}
        return Draft(key, payload if isinstance(payload, dict) else {}, rows.moment_of(row["updated_at"]))

    def delete_draft(self, key: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM drafts WHERE key = ?", [key])


def _best_per_interview(found: Iterator[dict], limit: int) -> list[AnswerMatch]:
    matches: dict[int, AnswerMatch] = {}
    for row in found:
        if row["interview_id"] not in matches:
            matches[row["interview_id"]] = AnswerMatch(row["interview_id"], row["prompt"], row["excerpt"])
            if len(matches) == limit:
                break
    return list(matches.values())


def _mark(answer: str, text: str, context: int = 60) -> str:
    """An excerpt of `answer` around the first `text`, marked like FTS5's snippet()."""
    at = answer.lower().find(text.lower())
    if at < 0:
        return answer[: context * 2]
    start, end = max(at - context, 0), at + len(text)
    before = ("…" if start else "") + answer[start:at]
    after = answer[end : end + context] + ("…" if end + context < len(answer) else "")
    return f"{before}\x02{answer[at:end]}\x03{after}"
