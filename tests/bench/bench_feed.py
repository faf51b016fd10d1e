"""What keeping the calendar feed current costs, next to the change that asks for it.

    python tests/bench/bench_feed.py [--interviews 10000] [--followups 50000] [--runs 7]

Builds the large journal of bench_journal.py and the demo journal, sets a calendar feed on each,
then prints medians, side by side: a change from the Timeline (a follow-up marked done), the
feed rewrite that follows it (on its own connection, as the app's background thread and the
command line do it), and what `followup add` costs as a fresh process with and without a feed.
The app never waits for the rewrite (it runs on a thread); the command line does, once, after
its change. Machines here are shared: compare the ratios printed, not absolute numbers.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_records import ms  # noqa: E402
from bench_timeline import journal_arguments, large_and_demo  # noqa: E402
from build_large_journal import FIXED_NOW  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.services import followups  # noqa: E402
from followup_tui.services.calendar import DONE_SHOWN_DAYS  # noqa: E402
from followup_tui.services.calendar_feed import refresh_feed  # noqa: E402
from followup_tui.services.settings import change  # noqa: E402
from followup_tui.store import Store  # noqa: E402

CLOCK = Clock.fixed(FIXED_NOW)


def in_process(store: Store, runs: int) -> dict[str, float]:
    """A follow-up marked done (and undone, between runs), and the feed rewrite after it."""
    planned = next(e.followup for e in store.planned_followups_due(None, None, 1))
    found: dict[str, list[float]] = {"change": [], "feed": []}
    for _ in range(runs):
        started = time.perf_counter()
        undo = followups.complete(store, planned.id)
        found["change"].append((time.perf_counter() - started) * 1000)
        found["feed"].append(ms(refresh_feed, store.path, CLOCK))
        followups.undo(store, undo)
    return {name: statistics.median(values) for name, values in found.items()}


def cli_add_ms(db: Path, runs: int) -> float:
    env = {**os.environ, "FOLLOWUP_TODAY": FIXED_NOW.date().isoformat()}
    command = [sys.executable, "-m", "followup_tui", "--db", str(db), "add", "x", "--due", "mon", "--kind", "note"]
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def main() -> None:
    args = journal_arguments(runs=7)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        counts = large.counts()
        planned = sum(1 for _ in large.calendar_followups(FIXED_NOW - timedelta(days=DONE_SHOWN_DAYS)))
        print(
            f"large journal: {counts['interviews']:,} interviews, {counts['followups']:,} follow-ups, "
            f"{planned:,} of them in the feed (planned, or closed in the last 60 days)\n"
        )
        figures = {}
        for name, store in (("demo", demo), ("large", large)):
            change(store, "calendar.feed", str(Path(folder) / f"{name}.ics"))
            figures[name] = in_process(store, args.runs)
            with_feed = cli_add_ms(store.path, args.runs)
            change(store, "calendar.feed", "")
            figures[name] |= {"cli": cli_add_ms(store.path, args.runs), "cli feed": with_feed}
            store.close()
        print(f"median of {args.runs} runs                                demo        large")
        rows = [
            ("a follow-up marked done", "change"),
            ("the feed rewrite after it", "feed"),
            ("followup add, no feed (fresh process)", "cli"),
            ("followup add, feed set (fresh process)", "cli feed"),
        ]
        for label, key in rows:
            print(f"  {label:<44} {figures['demo'][key]:8.1f} ms  {figures['large'][key]:8.1f} ms")
        for name in ("demo", "large"):
            f = figures[name]
            print(
                f"  {name}: feed rewrite = {f['feed'] / f['change']:.1f}x the change in the app (off its thread); "
                f"followup add with a feed = {f['cli feed'] / f['cli']:.2f}x without"
            )


if __name__ == "__main__":
    main()
