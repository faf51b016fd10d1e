"""The activity record's reads: what was done between two of the user's days, each kind of
activity one indexed window (applications by the day added, messages and replies by the moment
done, interviews by their start)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from followup_tui.domain.activity import Activity, ActivityFacts
from followup_tui.domain.clock import local_day
from followup_tui.domain.kinds import Direction, Kind, Status

from . import rows
from .base import StoreBase
from .interviews import IN_THE_ORDER_GIVEN
from .week import ADDED_BETWEEN, _marks, _start_of, added_between

_MESSAGE_KINDS = tuple(kind.value for kind in Kind if kind.is_message)


class ActivityRecords(StoreBase):
    """The part of Store the activity record reads."""

    def activities(self, first: date, last: date, now: datetime) -> list[ActivityFacts]:
        """Every application sent, message sent, interview and reply on the user's days `first`
        to `last`, oldest first (an interview after `now` is one still to come)."""
        found = self._applications(first, last) + self._messages_and_replies(first, last)
        found += self._interviews(first, last, now)
        order = {activity: n for n, activity in enumerate(Activity)}
        found.sort(key=lambda facts: (facts[0].day, facts[1], order[facts[0].activity]))
        return [facts for facts, _ in found]

    def _applications(self, first: date, last: date) -> list[tuple[ActivityFacts, str]]:
        sql = f"SELECT company, role, status, source, applied_on, created_at FROM opportunities WHERE {ADDED_BETWEEN}"
        found = []
        for company, role, status, source, applied_on, created_at in self.conn.execute(sql, added_between(first, last)):
            day = rows.day_of(applied_on) or local_day(rows.moment_of(created_at))
            facts = ActivityFacts(day, Activity.APPLICATION, company, role, Status(status), source=source)
            found.append((facts, created_at))
        return found

    def _messages_and_replies(self, first: date, last: date) -> list[tuple[ActivityFacts, str]]:
        """Messages sent (done, outbound, a kind that is a message) and replies logged, by the
        index of the moment done."""
        sql = f"""
            SELECT f.kind, f.done_at, f.subject, o.company, o.role, o.status, coalesce(c.name, '')
            FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            WHERE f.status = 'done' AND f.done_at >= ? AND f.done_at < ?
              AND ((f.direction = ? AND f.kind IN ({_marks(_MESSAGE_KINDS)})) OR f.kind = ?)
        """
        params = [_start_of(first), _start_of(last + timedelta(days=1)), Direction.OUTBOUND.value]
        params += [*_MESSAGE_KINDS, Kind.REPLY_RECEIVED.value]
        found = []
        for kind, done_at, subject, company, role, status, name in self.conn.execute(sql, params):
            activity = Activity.REPLY if kind == Kind.REPLY_RECEIVED.value else Activity.MESSAGE
            day = local_day(rows.moment_of(done_at))
            found.append((ActivityFacts(day, activity, company, role, Status(status), name, subject=subject), done_at))
        return found

    def _interviews(self, first: date, last: date, now: datetime) -> list[tuple[ActivityFacts, str]]:
        """Interviews by the index of their start, with the people in the room by name, in the
        order the user gave them."""
        sql = f"""
            SELECT i.starts_at, i.stage, i.format, o.company, o.role, o.status,
                (SELECT group_concat(name, ', ') FROM (
                    SELECT c.name FROM interview_contacts ic JOIN contacts c ON c.id = ic.contact_id
                    WHERE ic.interview_id = i.id ORDER BY {IN_THE_ORDER_GIVEN}))
            FROM interviews i JOIN opportunities o ON o.id = i.opportunity_id
            WHERE i.starts_at >= ? AND i.starts_at < ?
        """
        params = [_start_of(first), _start_of(last + timedelta(days=1))]
        found = []
        for starts_at, stage, format_, company, role, status, people in self.conn.execute(sql, params):
            moment = rows.moment_of(starts_at)
            facts = ActivityFacts(
                local_day(moment),
                Activity.INTERVIEW,
                company,
                role,
                Status(status),
                people or "",
                format=format_,
                stage=stage,
                upcoming=moment > now,
            )
            found.append((facts, starts_at))
        return found
