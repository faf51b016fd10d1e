"""Searching a journal that holds one huge pasted answer (a job description, an email thread).

FTS5's snippet() takes time that grows with the square of the matches in one answer, so a
5 MB answer full of a common word took minutes to search. Answers longer than
`LONGEST_SNIPPET` now get a linear excerpt of our own. This prints both, side by side, for
growing answers:

    .venv/bin/python tests/bench/bench_long_answer.py
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.domain.debrief_form import DebriefForm, check_debrief
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.services.debriefs import record_debrief
from followup_tui.store import Store
from followup_tui.store.search import answers_matching


def journal_with_answer(folder: Path, words: int) -> Path:
    path = folder / f"long-{words}.db"
    clock = Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc))
    store = Store.open(path, clock)
    answer = ("lorem ipsum dolor sit amet " * (words // 5)) + " zebrafish"
    form = DebriefForm(company="Initech", when="yesterday 10:00")
    form.answers = {DEFAULT_QUESTIONS[0].key: answer}
    record_debrief(store, check_debrief(form, clock.now()))
    store.close()
    return path


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def snippet_only(conn: sqlite3.Connection) -> None:
    """What search did before: FTS5's snippet() on every matching answer, however long."""
    conn.execute(
        "SELECT snippet(debrief_answers_fts, 0, char(2), char(3), '…', 16) FROM debrief_answers_fts"
        " WHERE debrief_answers_fts MATCH ? LIMIT 5",
        ['"lorem"'],
    ).fetchall()


def main() -> None:
    print(f"{'answer':>10}  {'snippet() (before)':>20}  {'search now':>12}  ratio")
    with tempfile.TemporaryDirectory() as folder:
        for words in (5_000, 20_000, 80_000, 320_000):
            conn = sqlite3.connect(journal_with_answer(Path(folder), words))
            size = conn.execute("SELECT max(length(answer)) FROM debrief_answers").fetchone()[0]
            now = timed(lambda conn=conn: answers_matching(conn, "lorem", 20))
            if words <= 80_000:
                before = timed(lambda conn=conn: snippet_only(conn))
                print(f"{size / 1e6:>8.2f}MB  {before * 1e3:>18.1f}ms  {now * 1e3:>10.1f}ms  {before / now:>5.0f}×")
            else:  # by the square law, snippet() would take minutes here
                print(f"{size / 1e6:>8.2f}MB  {'(minutes)':>20}  {now * 1e3:>10.1f}ms")
            conn.close()


if __name__ == "__main__":
    main()
