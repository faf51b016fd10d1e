"""The activity record on a long search: `followup report activity` over a week, a quarter and a
year of the benchmarks' large journal, next to the sample one.

    python tests/bench/bench_activity_record.py [--interviews 10000] [--followups 50000] [--runs 10]

Prints, for each span, the rows found, the read (`activity_report`: applications by the day
added, messages and replies by the moment done, interviews by their start — one indexed window
each) and the text and CSV written from it; then how SQLite reads each window.
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from bench_timeline import journal_arguments, large_and_demo  # noqa: E402

from followup_tui.services.activity import activity_report, report_csv, report_text  # noqa: E402
from followup_tui.store import Store  # noqa: E402


def timed(work, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return timings[0], statistics.median(timings[1:])


def main() -> None:
    args = journal_arguments(runs=10)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        print(f"large journal: {large.counts()}")
        print("\nspan      journal   rows     read first / median     text + CSV median")
        for days, name in ((6, "a week"), (90, "a quarter"), (365, "a year")):
            for label, store in (("demo", demo), ("large", large)):
                today = store.clock.today()
                first = today - timedelta(days=days)
                report = activity_report(store, first, today)
                read = timed(lambda s=store, f=first, t=today: activity_report(s, f, t), args.runs)
                write = timed(lambda r=report: (report_text(r), "".join(report_csv(r))), args.runs)
                print(
                    f"{name:<9} {label:<7} {len(report.rows):>6,}   {read[0]:8.1f} / {read[1]:6.1f} ms"
                    f"     {write[1]:8.1f} ms"
                )
        print("\nquery plans:")
        for line in plans(large):
            print(f"  {line}")


def plans(store: Store) -> list[str]:
    """How SQLite reads each window: SEARCH … USING INDEX, never a SCAN of a big table."""
    traced: list[str] = []
    store.conn.set_trace_callback(lambda sql: traced.append(sql) if sql.lstrip().startswith("SELECT") else None)
    today = store.clock.today()
    activity_report(store, today - timedelta(days=90), today)
    store.conn.set_trace_callback(None)
    found = []
    for sql in traced:
        if (
            " FROM opportunities WHERE status != 'saved'" in sql
            or "FROM followups f" in sql
            or "FROM interviews i" in sql
        ):
            steps = [row[-1] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            found.append(" / ".join(steps))
    return found


if __name__ == "__main__":
    main()
