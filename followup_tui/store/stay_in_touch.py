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
"""A follow-up that is contact with someone: a message sent to them, or a reply from them."""


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
        sql = f"SELECT max(done_at) FROM followups WHERE contact_id = ? AND status = 'done' AND {_IN_TOUCH}"
        found = self.conn.execute(sql, [contact_id, *_MESSAGE_KINDS, Kind.REPLY_RECEIVED.value]).fetchone()[0]
        return rows.moment_of(found)

    def planned_stay_in_touch(self, contact_id: int) -> list[Followup]:
        sql = "SELECT * FROM followups WHERE contact_id = ? AND status = 'planned' AND kind = ? ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self._query(sql, [contact_id, Kind.STAY_IN_TOUCH.value])]

    def stay_in_touch_due(self, today: date) -> list[tuple[Followup, str, str]]:
        """Planned stay-in-touch notes due on or before `today`, the longest due first, with the
        person's name and the company."""
        sql = """
            SELECT f.*, coalesce(c.name, '') AS contact_name, o.company AS company_name FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id LEFT JOIN contacts c ON c.id = f.contact_id
            WHERE f.status = 'planned' AND f.due_on <= ? AND f.kind = ? ORDER BY f.due_on, f.id
        """
        found = []
        for row in self._query(sql, [today.isoformat(), Kind.STAY_IN_TOUCH.value]):
            name, company = row.pop("contact_name"), row.pop("company_name")
            found.append((rows.followup_of(row), name, company))
        return found

    def ended_people(self) -> list[EndedPerson]:
        """Everyone met in, or written to about, an application that ended, with no stay-in-touch
        note planned: their cadence, when you were last in touch and when the process ended (the
        latest of their ended ones), one row each."""
        ended = f"SELECT id FROM opportunities WHERE status IN ({_marks(_ENDED)})"
        sql = f"""
            WITH people(contact_id, opportunity_id) AS (
                SELECT ic.contact_id, i.opportunity_id FROM interview_contacts ic
                  JOIN interviews i ON i.id = ic.interview_id WHERE i.opportunity_id IN ({ended})
                UNION
                SELECT contact_id, opportunity_id FROM followups
                  WHERE contact_id IS NOT NULL AND opportunity_id IN ({ended})
            )
            SELECT c.id, c.name, c.stay_in_touch_months,
                (SELECT o.company FROM people p2 JOIN opportunities o ON o.id = p2.opportunity_id
                  WHERE p2.contact_id = c.id ORDER BY o.id DESC LIMIT 1),
                (SELECT max(done_at) FROM followups f WHERE f.contact_id = c.id AND f.status = 'done' AND {_IN_TOUCH}),
                (SELECT max(s.changed_at) FROM status_changes s
                  WHERE s.opportunity_id IN (SELECT opportunity_id FROM people p3 WHERE p3.contact_id = c.id))
            FROM contacts c
            WHERE c.id IN (SELECT contact_id FROM people) AND coalesce(c.stay_in_touch_months, -1) != 0
              AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.contact_id = c.id AND f.status = 'planned'
                              AND f.kind = ?)
            ORDER BY c.id
        """
        params = [*_ENDED, *_ENDED, *_MESSAGE_KINDS, Kind.REPLY_RECEIVED.value, Kind.STAY_IN_TOUCH.value]
        return [
            EndedPerson(contact_id, name, company or "", months, rows.moment_of(last), rows.moment_of(ended))
            for contact_id, name, months, company, last, ended in self.conn.execute(sql, params)
        ]
