"""The funnel on a long search, next to the sample one: it must stay within 100 ms.

    python tests/bench/bench_funnel.py [--interviews 10000] [--followups 50000] [--runs 20]

Builds the benchmarks' large journal (bench_timeline.large_and_demo), gives every other
application a CV (four versions) and a source, then prints, each next to the same on the demo
journal:
- the funnel as Insights and `followup report funnel` read it (`services.funnel.funnel`: one pass
  over the applications, each fact an index search by its id), the first read and the median of
  the rest;
- the same read with the text report made from it;
- the query plan, to show each fact is found by an index, never a scan of a big table.
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from bench_timeline import journal_arguments, large_and_demo  # noqa: E402

from followup_tui.services.funnel import funnel, funnel_text  # noqa: E402
from followup_tui.store import Store  # noqa: E402

TARGET_MS = 100.0
SOURCES = ["LinkedIn", "Referral", "Careers page", "Recruiter", "Hacker News", ""]


def give_documents(store: Store) -> None:
    """Every other application a CV of four versions, and every one a source of six."""
    with store.transaction():
        ids = [row[0] for row in store.conn.execute("SELECT id FROM opportunities ORDER BY id")]
        for n, opportunity_id in enumerate(ids):
            store.conn.execute("UPDATE opportunities SET source = ? WHERE id = ?", [SOURCES[n % 6], opportunity_id])
            if n % 2 == 0:
                store.conn.execute(
                    "INSERT INTO documents_sent (opportunity_id, role, name, attached_at) VALUES (?, 'cv', ?, ?)",
                    [opportunity_id, f"cv-v{n // 2 % 4}", "2026-11-01T09:00:00+00:00"],
                )


def read_times(read, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        timings.append((time.perf_counter() - started) * 1000)
    return timings[0], statistics.median(timings[1:])


def plan(store: Store) -> list[str]:
    from followup_tui.store.funnel import _FACTS

    params = ["reply_received", "done", "offer", "accepted", "offer", "accepted", "cv", "saved"]
    return [row[-1] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {_FACTS}", params)]


def main() -> None:
    args = journal_arguments(runs=20)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        give_documents(large)
        counts = large.counts()
        print(f"large journal: {counts}")
        report = funnel(large)
        print(
            f"funnel of the large journal: {report.overall.counts} over {len(report.sources)} sources,"
            f" {len(report.cvs)} CVs"
        )
        print("\nfunnel                              demo journal   large journal   ratio")
        rows = []
        for label, read in (
            ("funnel, first read", lambda s: read_times(lambda: funnel(s), args.runs)[0]),
            ("funnel, median of the rest", lambda s: read_times(lambda: funnel(s), args.runs)[1]),
            (
                "funnel + text report, median",
                lambda s: read_times(lambda: funnel_text(funnel(s), s.clock.today()), args.runs)[1],
            ),
        ):
            rows.append((label, read(demo), read(large)))
        for label, small, big in rows:
            print(f"{label:<34} {small:9.1f} ms   {big:10.1f} ms   {big / small:5.2f}x")
        worst = max(big for _, _, big in rows)
        met = "met" if worst <= TARGET_MS else "NOT met"
        print(f"\ntarget: the funnel <= {TARGET_MS:.0f} ms on the large journal: {met} ({worst:.1f} ms at worst)")
        print("\nquery plan:")
        for line in plan(large):
            print(f"  {line}")


if __name__ == "__main__":
    main()
