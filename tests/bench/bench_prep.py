"""The prep sheet on the benchmarks' large journal: how long it takes to build (target ≤ 100 ms),
and what grouping the whole search would cost without the question bank the store keeps.

    python tests/bench/bench_prep.py [--interviews 10000] [--followups 50000] [--runs 21]

Builds the large journal (10,000 interviews with 100,000 debrief answers, 50,000 follow-ups)
and the sample search, books a next round at the large journal's busiest company, then prints:
- the sheet (`prep_for`), its text and its brief, median and p95 over the runs, large and demo;
- the same grouping done by re-reading and folding every answer, as it would be unindexed;
- the sheet again with 500 stories in the story bank (BENCH_STORIES=N for another count);
- m014's filling of the bank for the whole large journal (what an upgrade costs once).
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from bench_debriefs import percentile  # noqa: E402
from bench_timeline import journal_arguments, large_and_demo  # noqa: E402

from followup_tui.domain.kinds import Stage  # noqa: E402
from followup_tui.domain.models import Interview  # noqa: E402
from followup_tui.domain.prep import BANK_KEYS, keyed_lines  # noqa: E402
from followup_tui.services.prep import prep_for  # noqa: E402
from followup_tui.services.prep_text import brief_text, sheet_text  # noqa: E402
from followup_tui.store import Store  # noqa: E402


def book_next_round(store: Store) -> str:
    """A next round in two days at the company with the most interviews; its name."""
    company, opportunity_id = store.conn.execute(
        "SELECT o.company, o.id FROM interviews i JOIN opportunities o ON o.id = i.opportunity_id"
        " GROUP BY o.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    store.add_interview(Interview(opportunity_id, store.clock.now() + timedelta(days=2), Stage("onsite")))
    return company


def timed(what, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        what()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def unindexed(store: Store) -> None:
    """The bank's grouping as it would be without the index: every answer read and folded."""
    marks = ", ".join("?" * len(BANK_KEYS))
    sql = f"SELECT question_key, answer FROM debrief_answers WHERE question_key IN ({marks}) AND answer != ''"
    counts: Counter = Counter()
    for key, answer in store.conn.execute(sql, list(BANK_KEYS)):
        counts.update((key, fold) for _, fold in keyed_lines(answer))


def refill_bank(store: Store) -> float:
    """m014's fill, run again over the whole journal (in a transaction rolled back)."""
    from followup_tui.store.schema import m014_question_bank

    conn = store.conn
    conn.execute("BEGIN")
    try:
        conn.execute("DROP TABLE debrief_lines")
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'debrief_lines_%'"
        for (trigger,) in conn.execute(triggers).fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
        started = time.perf_counter()
        m014_question_bank(store.db)
        return (time.perf_counter() - started) * 1000
    finally:
        conn.rollback()


def fill_story_bank(store: Store, count: int) -> None:
    """`count` stories, each tagged and linked to two questions of the bank (a generous bank:
    most people keep a few dozen)."""
    from followup_tui.domain.story_bank import StoryForm
    from followup_tui.services.story_bank import save_story

    asked = [row[0] for row in store.conn.execute("SELECT line FROM debrief_lines LIMIT ?", [count * 2])]
    for n in range(count):
        questions = "\n".join(asked[2 * n : 2 * n + 2])
        told = StoryForm(title=f"Story {n}", action="What I did. " * 20, tags=f"tag{n}, outage", questions=questions)
        save_story(store, told)


def line(label: str, samples: list[float]) -> str:
    return f"{label:<44} median {statistics.median(samples):7.1f} ms   p95 {percentile(samples, 95):7.1f} ms"


def main() -> None:
    args = journal_arguments(runs=21)
    args.stories = int(os.environ.get("BENCH_STORIES", "500"))
    with tempfile.TemporaryDirectory() as folder:
        print(f"building the large journal ({args.interviews:,} interviews, {args.followups:,} follow-ups)…")
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        company = book_next_round(large)
        book_next_round(demo)
        counts = large.counts()
        lines = large.conn.execute("SELECT count(*) FROM debrief_lines").fetchone()[0]
        print(
            f"large: {counts['interviews']:,} interviews, {lines:,} lines in the question bank; next round at {company}"
        )
        for name, store in (("large", large), ("demo", demo)):
            prep_for(store)  # the first read warms SQLite's page cache, as an open app has
            print(line(f"sheet, {name} (target ≤ 100 ms)", timed(lambda s=store: prep_for(s), args.runs)))
            print(line(f"sheet as text, {name}", timed(lambda s=store: sheet_text(prep_for(s)), args.runs)))
            print(line(f"brief, {name}", timed(lambda s=store: brief_text(prep_for(s)), args.runs)))
        fill_story_bank(large, args.stories)
        print(line(f"sheet, large, {args.stories} stories in the bank", timed(lambda: prep_for(large), args.runs)))
        print(line("grouping unindexed: re-reading every answer", timed(lambda: unindexed(large), 3)))
        print(f"{'m014 filling the bank, once, large':<44} {refill_bank(large):14.1f} ms")
        large.close()
        demo.close()


if __name__ == "__main__":
    main()
