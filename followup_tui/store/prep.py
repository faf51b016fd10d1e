"""What the prep sheet reads: the soonest round to prepare, and the question bank — every line
of the debriefs' "what did they ask", "what would you do differently" and "what did you ask
them", kept split and keyed (`debrief_lines`, m014), so the prep sheet groups the whole search
with a query instead of re-reading every debrief."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from followup_tui.domain.clock import local_day
from followup_tui.domain.models import Followup
from followup_tui.domain.people import name_key
from followup_tui.domain.prep import Asked, Grouped, keyed_lines

from . import rows
from .base import StoreBase
from .opening import StoreError
from .stories import _marks


class PrepRecords(StoreBase):
    """The part of Store that keeps and reads the question bank, and finds the next round."""

    def soonest_planned(self, kind: str, since: date, opportunity_id: int | None = None) -> Followup | None:
        """The soonest follow-up of this kind still planned on or after `since` (of one
        application, or of any)."""
        sql = "SELECT * FROM followups WHERE status = 'planned' AND kind = ? AND due_on >= ?"
        params: list = [kind, since.isoformat()]
        if opportunity_id is not None:
            sql += " AND opportunity_id = ?"
            params.append(opportunity_id)
        row = next(self._query(sql + " ORDER BY due_on, id LIMIT 1", params), None)
        return rows.followup_of(row) if row else None

    def opportunity_ids_at(self, company: str) -> list[int]:
        """The applications at `company`, matched by the name rule (`name_key`), oldest first."""
        sql = "SELECT id FROM opportunities WHERE name_key(company) = ? ORDER BY id"
        return [row[0] for row in self.conn.execute(sql, [name_key(company)])]

    def split_waiting_lines(self) -> None:
        """Split the answers the triggers put in whole (written by an import, an undo or another
        tool) into keyed lines. Joins the caller's transaction, if there is one."""
        waiting = self.conn.execute(
            "SELECT answer_id, question_key, line FROM debrief_lines WHERE folded IS NULL"
        ).fetchall()
        if not waiting:
            return
        with self.transaction():
            for answer_id, key, answer in waiting:
                self.conn.execute("DELETE FROM debrief_lines WHERE answer_id = ? AND position = -1", [answer_id])
                self.conn.executemany(
                    "INSERT INTO debrief_lines (answer_id, position, question_key, line, folded)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [(answer_id, n, key, line, fold) for n, (line, fold) in enumerate(keyed_lines(answer))],
                )

    def _bank_ready(self) -> None:
        """Lines waiting to be split are split before the bank is read; a journal that cannot be
        written (read-only, busy) is read as it is."""
        try:
            self.split_waiting_lines()
        except StoreError:
            pass

    def company_lines(self, company: str, question_key: str) -> list[Asked]:
        """Every line a company's debriefs hold under one question, newest interview first (read
        from the answers themselves: a company's own lines are few)."""
        sql = f"""
            SELECT a.answer, o.company, i.starts_at, i.stage, i.id AS interview_id {_AT_COMPANY}
            AND a.answer != '' ORDER BY i.starts_at DESC, i.id DESC
        """
        found = []
        for row in self._query(sql, [question_key, name_key(company)]):
            day = local_day(rows.moment_of(row["starts_at"]))
            for line, _ in keyed_lines(row["answer"]):
                found.append(Asked(line, row["company"], day, row["stage"], row["interview_id"]))
        return found

    def bank_groups(self, question_key: str, except_company: str = "", most: int = 10) -> list[Grouped]:
        """The lines written under one question across the search (leaving out one company's),
        grouped by key: most often first, then the most recent, with the newest wording."""
        self._bank_ready()
        leave_out = self._answer_ids_at(except_company, question_key) if except_company else []
        sql = f"""
            SELECT folded, count(*) AS n, max(answer_id) AS latest FROM debrief_lines
            WHERE question_key = ? AND folded IS NOT NULL
              AND answer_id NOT IN ({_marks(leave_out)})
            GROUP BY folded ORDER BY n DESC, latest DESC LIMIT ?
        """
        top = self.conn.execute(sql, [question_key, *leave_out, most]).fetchall()
        return [self._grouped(question_key, key, count, latest) for key, count, latest in top]

    def _grouped(self, question_key: str, key: str, count: int, answer_id: int) -> Grouped:
        sql = """
            SELECT l.line, o.company, i.starts_at FROM debrief_lines l
            JOIN debrief_answers a ON a.id = l.answer_id JOIN debriefs d ON d.id = a.debrief_id
            JOIN interviews i ON i.id = d.interview_id JOIN opportunities o ON o.id = i.opportunity_id
            WHERE l.answer_id = ? AND l.question_key = ? AND l.folded = ? ORDER BY l.position LIMIT 1
        """
        row = next(self._query(sql, [answer_id, question_key, key]))
        return Grouped(row["line"], key, count, local_day(rows.moment_of(row["starts_at"])), row["company"])

    def bank_counts(self, question_key: str, keys: Iterable[str]) -> dict[str, int]:
        """How many debriefs across the search hold each of these keys under one question."""
        self._bank_ready()
        found: dict[str, int] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"""
                SELECT folded, count(*) FROM debrief_lines
                WHERE question_key = ? AND folded IN ({_marks(chunk)}) GROUP BY folded
            """
            found.update(dict(self.conn.execute(sql, [question_key, *chunk]).fetchall()))
        return found

    def _answer_ids_at(self, company: str, question_key: str) -> list[int]:
        sql = f"SELECT a.id {_AT_COMPANY}"
        return [row[0] for row in self.conn.execute(sql, [question_key, name_key(company)])]


_AT_COMPANY = """
    FROM opportunities o
    CROSS JOIN interviews i ON i.opportunity_id = o.id
    CROSS JOIN debriefs d ON d.interview_id = i.id
    CROSS JOIN debrief_answers a ON a.debrief_id = d.id AND a.question_key = ?
    WHERE name_key(o.company) = ?
"""
"""One company's answers to a question, read from the company down (CROSS JOIN keeps SQLite
from scanning every answer first)."""
