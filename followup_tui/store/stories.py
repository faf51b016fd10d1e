"""What an application's story is made of, read in one go: its interviews and who was in each,
what was left to clear up, every follow-up, and the people they name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from followup_tui.domain.models import Contact
from followup_tui.domain.story import Round, Story, Word

from . import rows
from .base import StoreBase
from .interviews import IN_THE_ORDER_GIVEN

STORY_MEMORY_STEPS = 500
"""The closed steps a story reads, the latest first, of each kind (done, skipped)."""
CLEAR_UP_KEY = "to_clear_up"
"""The debrief question whose answer holds what to clear up or send."""


def _chunks(ids: Iterable[int], size: int = 500) -> Iterable[list[int]]:
    """SQLite caps the number of ? in one query."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _marks(chunk: Sequence) -> str:
    return ",".join("?" * len(chunk))


class StoryRecords(StoreBase):
    """The part of Store that reads stories."""

    def application_story(self, opportunity_id: int) -> Story | None:
        """Everything the story of one application is derived from; None when it is gone."""
        opportunity = self.get_opportunity(opportunity_id)
        if opportunity is None:
            return None
        interviews = [
            rows.interview_of(row)
            for row in self._query(
                "SELECT * FROM interviews WHERE opportunity_id = ? ORDER BY starts_at, id", [opportunity_id]
            )
        ]
        ids = [i.id for i in interviews]
        people = self._people_of(ids)
        clear_ups = self.clear_up_answers(ids)
        rounds = tuple(Round(i, tuple(people.get(i.id, ())), clear_ups.get(i.id, "")) for i in interviews)
        followups = tuple(sorted(self._story_steps(opportunity_id), key=lambda f: (f.due_on, f.id)))
        contacts = {c.id: c for r in rounds for c in r.people}
        named = {f.contact_id for f in followups if f.contact_id} - set(contacts)
        for chunk in _chunks(named):
            for row in self._query(f"SELECT * FROM contacts WHERE id IN ({_marks(chunk)})", chunk):
                contacts[row["id"]] = rows.contact_of(row)
        words = tuple(self.decision_words([opportunity_id]).get(opportunity_id, ()))
        return Story(opportunity, rounds, followups, contacts, words)

    def _story_steps(self, opportunity_id: int) -> list:
        """Every step still planned, and the latest closed ones — read by index, so a story costs
        the same however long the history behind an application (what was promised and thanked
        for is in its last weeks, not its first years)."""
        planned = "SELECT * FROM followups WHERE opportunity_id = ? AND status = 'planned'"
        found = [rows.followup_of(row) for row in self._query(planned, [opportunity_id])]
        closed = "SELECT * FROM followups WHERE opportunity_id = ? AND status = ? ORDER BY done_at DESC LIMIT ?"
        for status in ("done", "skipped"):
            found += [rows.followup_of(r) for r in self._query(closed, [opportunity_id, status, STORY_MEMORY_STEPS])]
        return found

    def _people_of(self, interview_ids: list[int]) -> dict[int, list[Contact]]:
        found: dict[int, list[Contact]] = defaultdict(list)
        for chunk in _chunks(interview_ids):
            sql = f"""
                SELECT ic.interview_id AS ic_interview, c.* FROM contacts c
                JOIN interview_contacts ic ON ic.contact_id = c.id
                WHERE ic.interview_id IN ({_marks(chunk)}) ORDER BY {IN_THE_ORDER_GIVEN}
            """
            for row in self._query(sql, chunk):
                interview_id = row.pop("ic_interview")
                found[interview_id].append(rows.contact_of(row))
        return found

    def clear_up_answers(self, interview_ids: Iterable[int]) -> dict[int, str]:
        """Each debrief's answer to "anything to clear up or send them", by interview."""
        found = {}
        for chunk in _chunks(interview_ids):
            sql = f"""
                SELECT d.interview_id, a.answer FROM debriefs d
                JOIN debrief_answers a ON a.debrief_id = d.id AND a.question_key = ?
                WHERE d.interview_id IN ({_marks(chunk)})
            """
            found.update({row["interview_id"]: row["answer"] for row in self._query(sql, [CLEAR_UP_KEY, *chunk])})
        return found

    def decision_words(self, opportunity_ids: Iterable[int]) -> dict[int, list[Word]]:
        """Every decision date given in each of these applications — at an interview, or in a reply
        — for `story.decision_in_force` to choose from. Replies are found by the index of those
        that named a date, so an application's long history is never read for them."""
        found: dict[int, list[Word]] = defaultdict(list)
        for chunk in _chunks(opportunity_ids):
            sql = f"""
                SELECT opportunity_id, decision_expected_on AS day, starts_at AS said_at, 0 AS reply, '' AS by
                FROM interviews WHERE decision_expected_on IS NOT NULL AND opportunity_id IN ({_marks(chunk)})
                UNION ALL
                SELECT f.opportunity_id, f.decide_by, f.done_at, 1, COALESCE(c.name, '')
                FROM followups f INDEXED BY idx_followups_decide_by LEFT JOIN contacts c ON c.id = f.contact_id
                WHERE f.decide_by IS NOT NULL AND f.status = 'done' AND f.kind = 'reply_received'
                  AND f.done_at IS NOT NULL AND f.opportunity_id IN ({_marks(chunk)})
            """
            for row in self._query(sql, [*chunk, *chunk]):
                word = Word(rows.day_of(row["day"]), rows.moment_of(row["said_at"]), bool(row["reply"]), row["by"])
                found[row["opportunity_id"]].append(word)
        return found
