"""The mailbox's proposals and what has been read of it: the journal's side of `mail scan`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from followup_tui.domain.kinds import KIND_FACTS
from followup_tui.domain.mail_meaning import Application, Meaning, Person, Proposal

from . import rows
from .base import StoreBase

_MESSAGE_KINDS = tuple(kind.value for kind, facts in KIND_FACTS.items() if facts[2])
_ACTIVE = ("applied", "interviewing", "offer")


class MailRecords(StoreBase):
    """The mail part of Store."""

    def mail_seen(self, sources: Iterable[str]) -> dict[str, set[str]]:
        """By folder: the keys of every message already read there."""
        seen: dict[str, set[str]] = {}
        for source in sources:
            found = self.conn.execute("SELECT key FROM mail_seen WHERE source = ?", [source]).fetchall()
            seen[source] = {row[0] for row in found}
        return seen

    def proposed_keys(self, keys: Iterable[str]) -> set[str]:
        """Of these Message-IDs, those proposed before (whatever became of the proposal)."""
        keys = list(keys)
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            some = keys[start : start + 500]
            sql = f"SELECT message_key FROM mail_proposals WHERE message_key IN ({','.join('?' * len(some))})"
            found.update(row[0] for row in self.conn.execute(sql, some).fetchall())
        return found

    def keep_mail(self, read: dict[str, list[str]], proposals: Iterable[Proposal]) -> list[Proposal]:
        """Remember what was read and keep the new proposals, in one write; those kept, with ids."""
        kept = []
        with self.transaction():
            for source, keys in read.items():
                self.conn.executemany(
                    "INSERT OR IGNORE INTO mail_seen (source, key) VALUES (?, ?)", ((source, k) for k in keys)
                )
            stamp = self._stamp()
            for p in proposals:
                cursor = self.conn.execute(
                    "INSERT OR IGNORE INTO mail_proposals (id, message_key, meaning, opportunity_id, contact_id,"
                    " followup_id, person, day, sender, sent_at, subject, first_lines, body, state, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                    [
                        self._new_id("mail_proposals"),
                        p.message_key,
                        p.meaning.value,
                        p.opportunity_id,
                        p.contact_id,
                        p.followup_id,
                        p.person,
                        p.day.isoformat() if p.day else None,
                        p.sender,
                        rows.moment_text(p.sent_at) if p.sent_at else None,
                        p.subject,
                        p.first_lines,
                        p.body,
                        stamp,
                    ],
                )
                if cursor.rowcount:
                    kept.append(_with_id(p, cursor.lastrowid))
        return kept

    def open_proposals(self) -> list[Proposal]:
        """Every proposal not yet applied or dismissed, oldest message first."""
        sql = "SELECT * FROM mail_proposals WHERE state = 'open' ORDER BY sent_at, id"
        return [_proposal_of(row) for row in self._query(sql)]

    def count_open_proposals(self) -> int:
        return self.conn.execute("SELECT count(*) FROM mail_proposals WHERE state = 'open'").fetchone()[0]

    def get_proposal(self, proposal_id: int) -> Proposal | None:
        row = next(self._query("SELECT * FROM mail_proposals WHERE id = ?", [proposal_id]), None)
        return _proposal_of(row) if row else None

    def set_proposal_state(self, proposal_id: int, state: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE mail_proposals SET state = ? WHERE id = ?", [state, proposal_id])

    def mail_people(self) -> list[Person]:
        """Every card with an email address, with the applications it belongs to (by its
        interviews, its follow-ups, or its company)."""
        sql = """
            SELECT c.id, c.name, c.email, c.other_emails, (
                SELECT group_concat(opportunity_id) FROM (
                    SELECT i.opportunity_id FROM interview_contacts ic JOIN interviews i ON i.id = ic.interview_id
                     WHERE ic.contact_id = c.id
                    UNION SELECT opportunity_id FROM followups WHERE contact_id = c.id AND opportunity_id IS NOT NULL
                    UNION SELECT o.id FROM opportunities o
                    WHERE c.company != '' AND o.company = c.company COLLATE NOCASE
                )
            ) AS opportunity_ids
            FROM contacts c WHERE c.email != '' OR c.other_emails != '[]'
        """
        people = []
        for row in self._query(sql):
            emails = tuple(e for e in (row["email"], *rows._text_list(row["other_emails"])) if e)
            ids = tuple(sorted(int(i) for i in (row["opportunity_ids"] or "").split(",") if i))
            people.append(Person(row["id"], row["name"], emails, ids))
        return people

    def mail_threads(self) -> dict[str, tuple[int, int | None]]:
        """The Message-ID of every message saved as .eml, with its application and person."""
        sql = "SELECT message_id, opportunity_id, contact_id FROM followups WHERE message_id != ''"
        return {row[0]: (row[1], row[2]) for row in self.conn.execute(sql).fetchall() if row[1] is not None}

    def mail_applications(self) -> list[Application]:
        """Every application, whether it is open, and its planned messages (soonest first)."""
        marks = ",".join("?" * len(_MESSAGE_KINDS))
        planned: dict[int, list[tuple[int, int | None]]] = {}
        sql = (
            f"SELECT id, opportunity_id, contact_id FROM followups WHERE status = 'planned' AND kind IN ({marks})"
            " AND opportunity_id IS NOT NULL ORDER BY due_on, id"
        )
        for row in self.conn.execute(sql, _MESSAGE_KINDS).fetchall():
            planned.setdefault(row[1], []).append((row[0], row[2]))
        found = self.conn.execute("SELECT id, company, status FROM opportunities ORDER BY id").fetchall()
        return [Application(i, company, status in _ACTIVE, tuple(planned.get(i, ()))) for i, company, status in found]


def _with_id(p: Proposal, proposal_id: int) -> Proposal:
    from dataclasses import replace

    return replace(p, id=proposal_id)


def _proposal_of(row: dict) -> Proposal:
    return Proposal(
        row["message_key"],
        Meaning(row["meaning"]),
        row["opportunity_id"],
        row["contact_id"],
        row["followup_id"],
        row["person"],
        date.fromisoformat(row["day"]) if row["day"] else None,
        row["sender"],
        rows.moment_of(row["sent_at"]) if row["sent_at"] else None,
        row["subject"],
        row["first_lines"],
        row["body"],
        row["state"],
        row["id"],
    )
