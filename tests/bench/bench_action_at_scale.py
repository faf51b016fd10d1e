"""What `d` on one follow-up costs when its application has a lifetime of records behind it.

    python tests/bench/bench_action_at_scale.py [--large 1000000] [--small 100] [--runs 5]

Builds two journals, each with one application holding SMALL or LARGE follow-ups (done over the
years before today, a few planned), then times, side by side, what pressing `d` on the Timeline
does: the follow-up marked done, the Timeline's groups read again, the guard's flags for the rows
shown, and the guard's line for the row under the cursor. The last row is the guard reading every
follow-up of the application, as it did before it looked back a bounded window. Medians; compare
the ratios, not absolute numbers between runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from build_large_journal import FIXED_NOW  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.domain.models import Opportunity  # noqa: E402
from followup_tui.services import followups, replies  # noqa: E402
from followup_tui.store import Store  # noqa: E402

CLOCK = Clock.fixed(FIXED_NOW)
PLANNED = 5


def journal_with_history(path: Path, count: int) -> Store:
    """One application with `count` follow-ups: all but PLANNED done, one a day going back."""
    store = Store.open(path, CLOCK)
    opportunity = store.add_opportunity(Opportunity(company="Lifetime Corp"))
    today = CLOCK.today()
    rng = random.Random(5)
    kinds = ["check_in", "thank_you", "question", "reply_received", "note"]
    stamp = FIXED_NOW.isoformat()
    rows = []
    for n in range(count):
        planned = n < PLANNED
        done_at = FIXED_NOW - timedelta(minutes=n * 7)
        due = today + timedelta(days=n + 1) if planned else done_at.date()
        kind = rng.choice(kinds)
        rows.append(
            (
                opportunity.id,
                kind,
                "inbound" if kind == "reply_received" else "outbound",
                due.isoformat(),
                "planned" if planned else "done",
                None if planned else done_at.isoformat(),
                f"Step {n}",
                stamp,
            )
        )
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO followups (opportunity_id, kind, direction, due_on, status, done_at, subject, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    store.db.execute("ANALYZE")
    return store


def press_d(store: Store) -> float:
    """`d` on the first planned follow-up, and what the Timeline reads again after it (ms)."""
    started = time.perf_counter()
    first = store.planned_followups_due(None, None, 1)[0].followup
    undo = followups.complete(store, first.id)
    page = followups.timeline_page(store, show_done=False)
    followups.pushy_flags(store, page.entries)
    followups.warnings_about(store, page.entries[0].followup.id)
    took = (time.perf_counter() - started) * 1000
    followups.undo(store, undo)
    return took


def reply_came(store: Store) -> float:
    """`i` on the first planned follow-up: the dialog's preview, then the reply logged (ms)."""
    started = time.perf_counter()
    first = store.planned_followups_due(None, None, 1)[0].followup
    replies.reply_preview(store, first.id)
    undo = replies.record_reply(store, first.id, "They will decide next week")
    took = (time.perf_counter() - started) * 1000
    followups.undo(store, undo)
    return took


def whole_history(store: Store) -> float:
    started = time.perf_counter()
    store.followups_of_opportunity(1)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        stores = {size: journal_with_history(Path(folder) / f"{size}.db", size) for size in (args.small, args.large)}
        figures = {
            size: (
                statistics.median(press_d(store) for _ in range(args.runs)),
                statistics.median(whole_history(store) for _ in range(args.runs)),
                statistics.median(reply_came(store) for _ in range(args.runs)),
            )
            for size, store in stores.items()
        }
        small, large = figures[args.small], figures[args.large]
        print(
            f"median of {args.runs} runs            {args.small:>10,} follow-ups  {args.large:>10,} follow-ups  ratio"
        )
        print(f"  d, and the Timeline after it   {small[0]:14.1f} ms  {large[0]:14.1f} ms  {large[0] / small[0]:5.1f}x")
        print(f"  i, a reply logged              {small[2]:14.1f} ms  {large[2]:14.1f} ms  {large[2] / small[2]:5.1f}x")
        print(f"  reading the whole history      {small[1]:14.1f} ms  {large[1]:14.1f} ms  {large[1] / small[1]:5.0f}x")


if __name__ == "__main__":
    main()
