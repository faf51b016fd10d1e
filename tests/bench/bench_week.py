"""The Week pane on a long search, next to the sample one: its first fill must stay within 50 ms.

    python tests/bench/bench_week.py [--interviews 10000] [--followups 50000] [--runs 20]

Builds the benchmarks' large journal (bench_timeline.large_and_demo), then prints, each next to
the same on the demo journal:
- the week in review as the pane reads it (`week_review`: five counts for the week and five for
  the one before, each one indexed window; the streak's days; the stalled applications with the
  stories of those listed), the first read and the median of the rest;
- the pane's first fill in the app (`WeekPane.reload`, the read and the widgets' update), and the
  step to the week before (`[`), both from a pilot at 120×36;
- the people losing touch (`losing_touch`: stay-in-touch notes due, and the people of ended
  processes with none planned), read alone, with a keeping-in-touch note planned for the people of
  every ended application;
- the query plan of each count, to show every one is read by an index, not a scan.
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import asyncio
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

from followup_tui.services.week import week_review  # noqa: E402
from followup_tui.store import Store  # noqa: E402

TARGET_MS = 50.0


def read_times(store: Store, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        week_review(store)
        timings.append((time.perf_counter() - started) * 1000)
    return timings[0], statistics.median(timings[1:])


async def pane_times(store: Store) -> tuple[float, float]:
    """The first fill of the Week pane, and a step back a week, as the pane does them."""
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.week_pane import WeekPane

    fills: list[float] = []
    reload = WeekPane.reload

    def timed(self) -> None:
        started = time.perf_counter()
        reload(self)
        fills.append((time.perf_counter() - started) * 1000)

    WeekPane.reload = timed
    try:
        app = FollowupApp(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("5")
            await pilot.pause()
            await pilot.press("left_square_bracket")
            await pilot.pause()
    finally:
        WeekPane.reload = reload
    return fills[0], fills[1]


def stall_everything(store: Store, silent: int = 500) -> None:
    """Every planned step skipped, and `silent` more applications written to weeks ago and not
    since: the most the stalled list is ever asked to judge."""
    from datetime import datetime
    from datetime import time as clock_time

    from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind, Opportunity, Status

    today = store.clock.today()
    with store.transaction():
        store.conn.execute("UPDATE followups SET status = 'skipped' WHERE status = 'planned'")
        for n in range(silent):
            applied = today - timedelta(days=30 + n % 90)
            added = store.add_opportunity(Opportunity(f"Silent {n}", "SRE", Status.APPLIED, applied_on=applied))
            for k in range(n % 3):
                day = applied + timedelta(days=7 * (k + 1))
                moment = datetime.combine(day, clock_time(10)).astimezone()
                store.add_followup(
                    Followup(added.id, Kind.CHECK_IN, day, Direction.OUTBOUND, FollowupStatus.DONE, done_at=moment)
                )


def losing_times(store: Store, runs: int) -> str:
    from followup_tui.services.stay_in_touch import losing_touch

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        listed, more = losing_touch(store)
        timings.append((time.perf_counter() - started) * 1000)
    return f"{len(listed) + more:,} people, {timings[0]:.1f} ms first, {statistics.median(timings[1:]):.1f} ms median"


def end_a_quarter(store: Store) -> int:
    """A quarter of the applications rejected (a long search ends many), with nothing planned
    for them yet: the people of ended processes the list judges. How many ended."""
    from followup_tui.domain.models import Status

    ids = [o.opportunity.id for o in store.list_opportunities()][::4]
    with store.transaction():
        for opportunity_id in ids:
            store.change_status(opportunity_id, Status.REJECTED, skip_planned=True)
    return len(ids)


def plan_every_ended(store: Store) -> int:
    """A keeping-in-touch note for the people of every ended application, as marking each ended would plan."""
    from followup_tui.services.stay_in_touch import plan_after_the_end

    ended = [o.opportunity.id for o in store.list_opportunities() if o.opportunity.status.ends_the_process]
    with store.transaction():
        return sum(len(plan_after_the_end(store, opportunity_id)) for opportunity_id in ended)


def plans(store: Store) -> list[str]:
    """How SQLite reads each count's window (SEARCH … USING INDEX, never SCAN of a big table)."""
    today = store.clock.today()
    first, last = today - timedelta(days=today.weekday()), today
    start, end = f"{first}T00:00:00+00:00", f"{last}T23:59:59+00:00"
    queries = {
        "applications": (
            "SELECT count(*) FROM opportunities WHERE status != 'saved' AND (applied_on BETWEEN ? AND ?"
            " OR (applied_on IS NULL AND created_at >= ? AND created_at < ?))",
            [str(first), str(last), start, end],
        ),
        "messages/replies": (
            "SELECT count(*) FROM followups WHERE status = 'done' AND done_at >= ? AND done_at < ? AND kind = ?",
            [start, end, "reply_received"],
        ),
        "interviews": ("SELECT count(*) FROM interviews WHERE starts_at >= ? AND starts_at < ?", [start, end]),
        "offers": (
            "SELECT count(DISTINCT opportunity_id) FROM status_changes WHERE status = ? AND changed_at >= ?"
            " AND changed_at < ?",
            ["offer", start, end],
        ),
    }
    found = []
    for name, (sql, params) in queries.items():
        steps = [row[-1] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        found.append(f"{name:<17} {' / '.join(steps)}")
    return found


def main() -> None:
    args = journal_arguments(runs=20)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        counts = large.counts()
        print(f"large journal: {counts}")
        silent = len(large.silent_applications(large.clock.today(), 14))
        print(f"open applications silent two weeks with nothing planned: {silent:,}")
        print("\nWeek pane                          demo journal   large journal   ratio")
        rows = [
            ("week_review, first read", *(read_times(s, args.runs)[0] for s in (demo, large))),
            ("week_review, median of the rest", *(read_times(s, args.runs)[1] for s in (demo, large))),
        ]
        demo_fill, demo_step = asyncio.run(pane_times(demo))
        large_fill, large_step = asyncio.run(pane_times(large))
        rows += [("pane's first fill", demo_fill, large_fill), ("[ : the week before", demo_step, large_step)]
        for label, small, big in rows:
            print(f"{label:<33} {small:9.1f} ms   {big:10.1f} ms   {big / small:5.2f}x")
        met = "met" if large_fill <= TARGET_MS else "NOT met"
        print(
            f"\ntarget: the pane's first fill <= {TARGET_MS:.0f} ms on the large journal: {met} ({large_fill:.1f} ms)"
        )
        stall_everything(large)
        silent = len(large.silent_applications(large.clock.today(), 14))
        print(f"\nthe large journal, every planned step skipped, 500 more gone silent: {silent:,} stalled")
        first, rest = read_times(large, args.runs)
        fill, step = asyncio.run(pane_times(large))
        print(f"week_review {first:.1f} ms first, {rest:.1f} ms median")
        print(f"pane's first fill {fill:.1f} ms, [ {step:.1f} ms")
        print(f"target: {'met' if fill <= TARGET_MS else 'NOT met'}")
        ended = end_a_quarter(large)
        print(f"\n{ended:,} applications rejected; losing touch, no note planned: {losing_times(large, args.runs)}")
        with large.transaction():  # the same applications, their whole history four months earlier
            large.conn.execute(
                "UPDATE status_changes SET changed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', changed_at, '-4 months')"
                " WHERE opportunity_id IN (SELECT id FROM opportunities WHERE status = 'rejected')"
            )
        print(f"the same, rejected four months ago: {losing_times(large, args.runs)}")
        planned = plan_every_ended(large)
        print(
            f"after a note for the people of each ended application ({planned:,} notes): {losing_times(large, args.runs)}"
        )
        fill, _ = asyncio.run(pane_times(large))
        print(f"pane's first fill {fill:.1f} ms; target: {'met' if fill <= TARGET_MS else 'NOT met'}")
        print("\nquery plans:")
        for line in plans(large):
            print(f"  {line}")


if __name__ == "__main__":
    main()
