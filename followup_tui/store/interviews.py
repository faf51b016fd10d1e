"""Interviews and their debriefs: recording, reading, and searching every answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from followup_tui.domain.models import (
    Contact,
    Debrief,
    DebriefAnswer,
    Followup,
    Interview,
    InterviewListing,
)
from followup_tui.domain.ratings import RATED_KEY, kept_ratings
from followup_tui.domain.values import checked_text

from . import rows
from .base import StoreBase
from .search import answers_matching


@dataclass(frozen=True)
class AnswerMatch:
    """Where a search matched a debrief: the question, and the answer's words around the match.

    In `excerpt`, the matched words sit between the control characters STX and ETX (codes 2 and 3).
    """

    interview_id: int
    prompt: str
    excerpt: str


IN_THE_ORDER_GIVEN = "ic.position, ic.contact_id"
"""An interview's people (`interview_contacts ic`) in the order the user gave them: a value of
each row, so the same on every machine (rowids are not); the id only settles a tie (a JSON
restore from before positions)."""


def _in_order(interview_id: int, contact_ids: Sequence[int]) -> Iterable[dict]:
    return (
        {"interview_id": interview_id, "contact_id": contact_id, "position": position}
        for position, contact_id in enumerate(contact_ids)
    )


class InterviewRecords(StoreBase):
    """The interview and debrief part of Store."""

    def add_interview(self, interview: Interview, contact_ids: Sequence[int] = ()) -> Interview:
        """Record an interview and who was in the room."""
        with self.transaction():
            new_id = self._new_id("interviews")
            row = {"id": new_id, **rows.interview_row(interview), "created_at": self._stamp()}
            self.db["interviews"].insert(row)
            self.db["interview_contacts"].insert_all(_in_order(new_id, contact_ids))
        return replace(interview, id=new_id)

    def save_debrief(self, debrief: Debrief) -> Debrief:
        """Store a debrief with its answers, in place: the debrief keeps its id and each answer
        its row, so an answer edited here and on another machine is one row edited twice (which
        `followup sync` keeps as two versions), and one not edited is not written at all."""
        now = self._stamp()
        with self.transaction():
            found = self.conn.execute(
                "SELECT id FROM debriefs WHERE interview_id = ?", [debrief.interview_id]
            ).fetchone()
            if found is None:
                new_id = self._new_id("debriefs")
                self.db["debriefs"].insert(
                    {
                        "id": new_id,
                        "interview_id": debrief.interview_id,
                        "satisfaction": debrief.satisfaction,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            else:
                new_id = found[0]
                self.conn.execute(
                    "UPDATE debriefs SET satisfaction = ?, updated_at = ? WHERE id = ?",
                    [debrief.satisfaction, now, new_id],
                )
            self._write_answers(new_id, debrief.answers)
            self.split_waiting_lines()  # the question bank's lines of it (store/prep.py)
            asked = next((a.answer for a in debrief.answers if a.question_key == RATED_KEY), "")
            self.conn.execute("DELETE FROM answer_ratings WHERE interview_id = ?", [debrief.interview_id])
            self.conn.executemany(
                "INSERT INTO answer_ratings (interview_id, folded, rating) VALUES (?, ?, ?)",
                [(debrief.interview_id, key, mark) for key, mark in kept_ratings(asked, debrief.ratings).items()],
            )
        return replace(debrief, id=new_id)

    def _write_answers(self, debrief_id: int, answers: Sequence[DebriefAnswer]) -> None:
        """Make the debrief's answer rows these, position by position: a row whose question and
        words are unchanged is left alone, one that changed is updated, the rest added or removed."""
        held = {
            position: (answer_id, key, prompt, text)
            for answer_id, position, key, prompt, text in self.conn.execute(
                "SELECT id, position, question_key, prompt, answer FROM debrief_answers WHERE debrief_id = ?",
                [debrief_id],
            )
        }
        added = []
        for position, answer in enumerate(answers):
            checked_text("debrief answer", {"prompt": answer.prompt, "answer": answer.answer})
            there = held.pop(position, None)
            if there is not None and there[1] == answer.question_key:
                if there[2:] != (answer.prompt, answer.answer):
                    self.conn.execute(
                        "UPDATE debrief_answers SET prompt = ?, answer = ? WHERE id = ?",
                        [answer.prompt, answer.answer, there[0]],
                    )
                continue
            if there is not None:
                self.conn.execute("DELETE FROM debrief_answers WHERE id = ?", [there[0]])
            added.append((position, answer))
        for answer_id, *_ in held.values():
            self.conn.execute("DELETE FROM debrief_answers WHERE id = ?", [answer_id])
        ids = self._new_ids("debrief_answers", len(added)) if added else []
        self.conn.executemany(
            "INSERT INTO debrief_answers (id, debrief_id, position, question_key, prompt, answer)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (answer_id, debrief_id, position, answer.question_key, answer.prompt, answer.answer)
                for answer_id, (position, answer) in zip(ids, added, strict=True)
            ],
        )

    def ratings_of(self, interview_ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """How you rated your answers in these interviews: interview → line key → mark."""
        found: dict[int, dict[str, str]] = {}
        ids = sorted(set(interview_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT interview_id, folded, rating FROM answer_ratings WHERE interview_id IN ({marks})"
            for interview_id, key, mark in self.conn.execute(sql, chunk):
                found.setdefault(interview_id, {})[key] = mark
        return found

    def get_debrief(self, interview_id: int) -> Debrief | None:
        row = next(self._query("SELECT * FROM debriefs WHERE interview_id = ?", [interview_id]), None)
        if row is None:
            return None
        answers = self._query(
            "SELECT question_key, prompt, answer FROM debrief_answers WHERE debrief_id = ? ORDER BY position",
            [row["id"]],
        )
        return Debrief(
            id=row["id"],
            interview_id=interview_id,
            satisfaction=row["satisfaction"],
            answers=[DebriefAnswer(**answer) for answer in answers],
            ratings=self.ratings_of([interview_id]).get(interview_id, {}),
        )

    def get_interview(self, interview_id: int) -> InterviewListing | None:
        return next(iter(self._interview_listings("WHERE i.id = ?", [interview_id])), None)

    def interview_contacts(self, interview_id: int) -> list[Contact]:
        """Who was in the room, in the order the user gave them (the same on every machine)."""
        sql = f"""
            SELECT c.* FROM contacts c JOIN interview_contacts ic ON ic.contact_id = c.id
            WHERE ic.interview_id = ? ORDER BY {IN_THE_ORDER_GIVEN}
        """
        return [rows.contact_of(row) for row in self._query(sql, [interview_id])]

    def update_interview(self, interview: Interview, contact_ids: Sequence[int]) -> None:
        """Rewrite an interview's details and who was in the room."""
        with self.transaction():
            self.db["interviews"].update(interview.id, rows.interview_row(interview))
            # the people who stay keep their rows (a row removed and added again would be a new
            # one to another machine): only who left goes, who came is added, and the order moves
            wanted = list(dict.fromkeys(contact_ids))
            marks = ", ".join("?" * len(wanted))
            self.conn.execute(
                f"DELETE FROM interview_contacts WHERE interview_id = ? AND contact_id NOT IN ({marks})",
                [interview.id, *wanted],
            )
            for position, contact_id in enumerate(wanted):
                self.conn.execute(
                    "INSERT INTO interview_contacts (interview_id, contact_id, position) VALUES (?, ?, ?)"
                    " ON CONFLICT DO UPDATE SET position = excluded.position WHERE position IS NOT excluded.position",
                    [interview.id, contact_id, position],
                )

    def delete_interview(self, interview_id: int) -> None:
        """Remove an interview and its debrief; its application, contacts and follow-ups stay."""
        with self.transaction():
            self.conn.execute("DELETE FROM interviews WHERE id = ?", [interview_id])

    def interviews_of_opportunity(self, opportunity_id: int) -> list[InterviewListing]:
        """One application's interviews, newest first."""
        return self._interview_listings("WHERE i.opportunity_id = ?", [opportunity_id])

    def interviews_from(self, moment: datetime) -> list[InterviewListing]:
        """Interviews that start at `moment` or later, soonest last (as `list_interviews`)."""
        since = rows.moment_text(moment - timedelta(days=1))  # stored moments may carry other offsets
        found = self._interview_listings("WHERE i.starts_at >= ?", [since])
        return [listing for listing in found if listing.interview.starts_at >= moment]

    def list_interviews(self, limit: int = -1, offset: int = 0) -> list[InterviewListing]:
        """Interviews, newest first, with their debriefs' satisfaction (all of them by default)."""
        return self._interview_listings(limit=limit, offset=offset)

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
            for row in self._query(sql, params)
        ]

    def followups_of_interview(self, interview_id: int) -> list[Followup]:
        sql = "SELECT * FROM followups WHERE interview_id = ? ORDER BY due_on, id"
        return [rows.followup_of(row) for row in self._query(sql, [interview_id])]

    def search_answers(self, text: str, limit: int = 50) -> list[AnswerMatch]:
        """One matching answer for each debrief that mentions `text`, the most recently saved first
        (how words match: `search.answers_matching`)."""
        found = answers_matching(self.conn, text, limit)
        return [AnswerMatch(interview_id, prompt, excerpt) for interview_id, prompt, excerpt in found]
