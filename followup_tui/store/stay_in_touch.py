"""Staying in touch's reads: when a process ended, when you were last in touch with someone,
their stay-in-touch notes, and the people of ended processes — each by index (followups by
contact, by status and day; status changes by application)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup_tui.domain.kinds import Direction, Kind, Status
from followup_tui.domain.models import Followup

from . import rows
from .base import StoreBase
from .week import _marks

_MESSAGE_KINDS = tuple(kind.value for kind in Kind if kind.is_message)
_ENDED = tuple(status.value for status in Status if status.ends_the_process)
_IN_TOUCH = f"((direction = '{Direction.OUTBOUND.value}' AND kind IN ({_marks(_MESSAGE_KINDS)})) OR kind = ?)"
"""A follow-up that is contact with someone: a message sent to them, or a reply from them. Read
by person (the contact index): `+status` keeps SQLite from reading every done follow-up instead."""


@dataclass(frozen=True)
class EndedPerson:
    """Someone in an ended process with no stay-in-touch note planned."""

    contact_id: int
    name: str
    company: str
    months: int | None
    last_in_touch: datetime | None
    ended_at: datetime | None


class StayInTouchRecords(StoreBase):
    """The part of Store staying in touch reads."""

    def ended_at(self, opportunity_id: int) -> datetime | None:
        """When the application last changed status (for an ended one: when it ended)."""
        sql = "SELECT max(changed_at) FROM status_changes WHERE opportunity_id = ?"
        return rows.moment_of(self.conn.execute(sql, [opportunity_id]).fetchone()[0])

    def last_in_touch(self, contact_id: int) -> datetime | None:
        """The last message sent to them or reply from them, in any application."""
        sql = f"SELECT max(done_at) FROM followups WHERE contact_id = ? AND +status = 'done' AND {_IN_TOUCH}"
        found = self.conn.execute(sql, [contact_id, *_MESSAGE_KINDS, Kind.REPLY_RECEIVED.value]).fetchone()[0]
        return rows.moment_of(found)

    def planned_stay_in_touch(self, contact_id: int) -> list[Followup]:
        sql = "SELECT * FROM followups WHERE contact_id = ? AND status = 'planned' AND kind = ? ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self._query(sql, [contact_id, Kind.STAY_IN_TOUCH.value])]

    def count_stay_in_touch_due(self, today: date) -> int:
        """How many people have a stay-in-touch note due on or before `today`."""
        sql = "SELECT count(DISTINCT contact_id) FROM followups WHERE status = 'planned' AND due_on <= ? AND kind = ?"
        return self.conn.execute(sql, [today.isoformat(), Kind.STAY_IN_TOUCH.value]).fetchone()[0]

    def stay_in_touch_due(self, today: date, limit: int = -1) -> list[tuple[Followup, str, str]]:
        """Planned stay-in-touch notes due on or before `today`, the longest due first (at most
        `limit`), with the person's name and the company."""
        sql = """
            SELECT f.*, coalesce(c.name, '') AS contact_name, o.company AS company_name FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id LEFT JOIN contacts c ON c.id = f.contact_id
            WHERE f.status = 'planned' AND f.due_on <= ? AND f.kind = ? ORDER BY f.due_on, f.id LIMIT ?
        """
        found = []
        for row in self._query(sql, [today.isoformat(), Kind.STAY_IN_TOUCH.value, limit]):
            name, company = row.pop("contact_name"), row.pop("company_name")
            found.append((rows.followup_of(row), name, company))
        return found

    def ended_people(self, ended_before: datetime) -> list[EndedPerson]:
        """Everyone met in, or written to about, an application that ended, with no stay-in-touch
        note planned and a cadence that is not none: their cadence, when you were last in touch
        and when the process ended (the latest of their ended ones), one each, by card; only
        applications that ended before `ended_before` (one that ended since cannot have lost
        touch yet). A few indexed reads, a chunk of ids at a time, joined here."""
        sql = f"SELECT id, company FROM opportunities WHERE status IN ({_marks(_ENDED)})"
        ended = dict(self.conn.execute(sql, _ENDED).fetchall())
        if not ended:
            return []
        ended_at: dict[int, str] = {}
        people: dict[int, set[int]] = {}  # person → their ended applications
        for ids in _chunks(sorted(ended)):
            marks = _marks(ids)
            sql = f"SELECT opportunity_id, max(changed_at) FROM status_changes WHERE opportunity_id IN ({marks})"
            ended_at.update(self.conn.execute(sql + " GROUP BY opportunity_id", ids).fetchall())
        cutoff = rows.moment_text(ended_before)
        for ids in _chunks([o for o in sorted(ended) if ended_at.get(o, "") < cutoff]):
            marks = _marks(ids)
            pairs = self.conn.execute(
                f"""SELECT ic.contact_id, i.opportunity_id FROM interviews i
                    JOIN interview_contacts ic ON ic.interview_id = i.id WHERE i.opportunity_id IN ({marks})
                    UNION SELECT contact_id, opportunity_id FROM followups
                    WHERE opportunity_id IN ({marks}) AND contact_id IS NOT NULL""",
                [*ids, *ids],
            )
            for contact_id, opportunity_id in pairs:
                people.setdefault(contact_id, set()).add(opportunity_id)
        sql = (
            "SELECT DISTINCT contact_id FROM followups WHERE status = 'planned' AND kind = ? AND contact_id IS NOT NULL"
        )
        noted = {row[0] for row in self.conn.execute(sql, [Kind.STAY_IN_TOUCH.value])}
        found = []
        for ids in _chunks(sorted(set(people) - noted)):
            marks = _marks(ids)
            cards = self.conn.execute(
                f"SELECT id, name, stay_in_touch_months FROM contacts WHERE id IN ({marks})"
                " AND coalesce(stay_in_touch_months, -1) != 0",
                ids,
            ).fetchall()
            sql = f"""SELECT contact_id, max(done_at) FROM followups WHERE contact_id IN ({marks})
                      AND +status = 'done' AND {_IN_TOUCH} GROUP BY contact_id"""
            last = dict(self.conn.execute(sql, [*ids, *_MESSAGE_KINDS, Kind.REPLY_RECEIVED.value]).fetchall())
            for contact_id, name, months in cards:
                theirs = people[contact_id]
                when = max(
                    (ended_at[o] for o in theirs if o in ended_at), default=None
                )  # UTC text: the larger is later
                company = ended[max(theirs)]  # the latest application they were in
                found.append(
                    EndedPerson(
                        contact_id, name, company, months, rows.moment_of(last.get(contact_id)), rows.moment_of(when)
                    )
                )
        return sorted(found, key=lambda person: person.contact_id)


def _chunks(ids: list[int], size: int = 400) -> list[list[int]]:
    """SQLite caps the number of ? in one statement: ids a few hundred at a time."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]
