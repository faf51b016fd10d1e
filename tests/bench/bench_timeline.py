"""Follow-ups at scale: `followup due` against the interpreter floor, and the Timeline pane.

    python tests/bench/bench_timeline.py [--followups 50000]

Builds a journal of 10,000 interviews and 50,000 follow-ups (most done, as in a long search),
then prints, side by side from one run:
- `python -c "import sqlite3"` (the floor), `followup due`, and the due query alone;
- the Timeline's first frame and a keypress in it, large journal against an empty one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from build_large_journal import FIXED_NOW, build  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind  # noqa: E402
from followup_tui.services.demo import fill_demo  # noqa: E402
from followup_tui.store import Store  # noqa: E402


def journal_arguments(runs: int | None = None) -> argparse.Namespace:
    """The large journal's size (--interviews, --followups) and, given a default, --runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--followups", type=int, default=50_000)
    if runs is not None:
        parser.add_argument("--runs", type=int, default=runs)
    return parser.parse_args()


def large_and_demo(folder: Path, interviews: int, followups: int) -> tuple[Store, Store]:
    """The benchmarks' two journals in `folder`: large.db (`interviews` built, `followups` added)
    and demo.db (the sample search)."""
    large = build(folder / "large.db", interviews)
    add_followups(large, followups)
    demo = Store.open(folder / "demo.db", Clock.fixed(FIXED_NOW))
    fill_demo(demo)
    return large, demo


def add_followups(store: Store, count: int) -> None:
    rng = random.Random(9)
    interviews = store.list_interviews()
    today = store.clock.today()
    with store.transaction():
        for n in range(count):
            listing = interviews[n % len(interviews)]
            due = today + timedelta(days=rng.randint(-400, 60))
            done = due < today - timedelta(days=3) or rng.random() < 0.1
            kind = rng.choice([Kind.THANK_YOU, Kind.CHECK_IN, Kind.QUESTION, Kind.REPLY_RECEIVED])
            store.add_followup(
                Followup(
                    listing.interview.opportunity_id,
                    kind,
                    due,
                    Direction.INBOUND if kind is Kind.REPLY_RECEIVED else Direction.OUTBOUND,
                    FollowupStatus.DONE if done else FollowupStatus.PLANNED,
                    interview_id=listing.interview.id,
                    done_at=FIXED_NOW - timedelta(days=max((today - due).days, 0)) if done else None,
                    subject=f"Follow-up {n}",
                )
            )


def run_times(command: list[str], env: dict, runs: int = 15) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def time_timeline(store: Store, keypresses: int = 30) -> tuple[float, float]:
    from followup_tui.ui.app import FollowupApp

    started = time.perf_counter()
    app = FollowupApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = (time.perf_counter() - started) * 1000
        presses = []
        for _ in range(keypresses):
            started = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            presses.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(presses)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--interviews", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.db"
        store = build(path, args.interviews)
        add_followups(store, args.followups)
        planned = sum(1 for f in store.list_followups() if f.followup.status is FollowupStatus.PLANNED)
        print(f"journal: {args.interviews:,} interviews, {args.followups:,} follow-ups ({planned:,} planned)")

        from followup_tui.store.reader import due_until

        started = time.perf_counter()
        for _ in range(20):
            found = due_until(path, store.clock.today() + timedelta(days=7))
        query = (time.perf_counter() - started) / 20 * 1000

        env = {**os.environ, "FOLLOWUP_TODAY": FIXED_NOW.date().isoformat()}
        floor = run_times([sys.executable, "-c", "import sqlite3"], env)
        due = run_times([sys.executable, "-m", "followup_tui", "due", "--db", str(path)], env)
        f, d = statistics.median(floor), statistics.median(due)
        print(f"python -c 'import sqlite3'   median {f:6.1f} ms")
        print(f"the due query alone          mean   {query:6.1f} ms   ({len(found):,} follow-ups due or overdue)")
        target = 1.5 * f + query
        print(f"followup due                 median {d:6.1f} ms   target <= 1.5 x floor + query = {target:.1f} ms")

        empty = Store.open(Path(folder) / "empty.db", Clock.fixed(FIXED_NOW))
        small_first, small_key = asyncio.run(time_timeline(empty))
        big_first, big_key = asyncio.run(time_timeline(store))
        print("\nTimeline pane          empty journal   large journal   ratio")
        print(f"first frame           {small_first:10.1f} ms   {big_first:10.1f} ms   {big_first / small_first:5.2f}x")
        print(f"keypress in the list  {small_key:10.1f} ms   {big_key:10.1f} ms   {big_key / small_key:5.2f}x")


if __name__ == "__main__":
    main()
