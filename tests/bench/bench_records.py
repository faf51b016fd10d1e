"""What correcting records costs on a long search, next to the sample one.

    python tests/bench/bench_records.py [--interviews 10000] [--followups 50000]

Builds the large journal of bench_journal.py, then prints, each next to the same on the demo
journal (and as a ratio):
- the upgrade to application records (migration 6: the applications table rebuilt, every
  link checked), including the copy written before it;
- deleting the application with the most interviews and follow-ups, and undoing it;
- a status change that skips the planned follow-ups, and undoing it;
- opening an application (everything it shows).
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_timeline import journal_arguments, large_and_demo  # noqa: E402
from build_large_journal import FIXED_NOW  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.domain.models import Status  # noqa: E402
from followup_tui.services import applications  # noqa: E402
from followup_tui.services.undo import undo  # noqa: E402
from followup_tui.store import Store  # noqa: E402

CLOCK = Clock.fixed(FIXED_NOW)


def ms(work, *args) -> float:
    return timed(work, *args)[1]


def timed(work, *args, **options):
    """What `work(*args, **options)` returned, and how long it took in ms."""
    started = time.perf_counter()
    result = work(*args, **options)
    return result, (time.perf_counter() - started) * 1000


def as_the_previous_release_left_it(source: Path, target: Path) -> None:
    """`source`'s records in a journal at migration 5, as the previous release would hold them."""
    from sqlite_utils import Database

    from followup_tui.store.portable import JOURNAL_TABLES
    from followup_tui.store.schema import migrations

    db = Database(sqlite3.connect(target))
    migrations.apply(db, stop_before="m006_application_records")
    db.execute("ATTACH DATABASE ? AS source", [str(source)])
    with db.conn:
        for table in JOURNAL_TABLES:
            if table in db.table_names():
                columns = ", ".join(f"[{c.name}]" for c in db[table].columns)
                db.execute(f"INSERT INTO main.[{table}] ({columns}) SELECT {columns} FROM source.[{table}]")
    db.execute("DETACH DATABASE source")
    db.close()


def upgrade_ms(path: Path, runs: int) -> float:
    before = path.with_name(f"before-{path.name}")
    as_the_previous_release_left_it(path, before)
    timings = []
    for run in range(runs):
        copy = path.with_name(f"upgrade-{run}-{path.name}")
        shutil.copy(before, copy)
        store, took = timed(Store.open, copy, CLOCK)
        store.close()
        timings.append(took)
    return statistics.median(timings)


def biggest_application(store: Store) -> int:
    return max(
        store.list_opportunities(), key=lambda listing: store.application_counts(listing.opportunity.id)["followups"]
    ).opportunity.id


def figures(store: Store, opportunity_id: int, runs: int) -> dict[str, float]:
    found: dict[str, list[float]] = {"delete": [], "undo delete": [], "status": [], "undo status": [], "open": []}
    for _ in range(runs):
        way_back, took = timed(applications.delete_application, store, opportunity_id)
        found["delete"].append(took)
        found["undo delete"].append(ms(undo, store, way_back))
        change = applications.status_change(store, opportunity_id, Status.CLOSED)
        (_, way_back), took = timed(applications.change_status, store, change, skip_planned=True)
        found["status"].append(took)
        found["undo status"].append(ms(undo, store, way_back))
        found["open"].append(ms(applications.application_record, store, opportunity_id))
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    args = journal_arguments(runs=5)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        big_id, small_id = biggest_application(large), biggest_application(demo)
        big_counts, small_counts = large.application_counts(big_id), demo.application_counts(small_id)
        counts = large.counts()
        print(
            f"large journal: {counts['opportunities']:,} applications, {counts['interviews']:,} interviews, "
            f"{counts['followups']:,} follow-ups; its biggest application has {big_counts['interviews']:,} "
            f"interviews and {big_counts['followups']:,} follow-ups (the demo's: {small_counts['interviews']} "
            f"and {small_counts['followups']})\n"
        )
        large.close()
        demo.close()
        upgrade = {name: upgrade_ms(Path(folder) / f"{name}.db", args.runs) for name in ("demo", "large")}
        large = Store.open(Path(folder) / "large.db", CLOCK)
        demo = Store.open(Path(folder) / "demo.db", CLOCK)
        small, big = figures(demo, small_id, args.runs), figures(large, big_id, args.runs)
        print("median of", args.runs, "runs                        demo        large        ratio")
        rows = [("upgrade to application records", upgrade["demo"], upgrade["large"])]
        labels = {
            "delete": "delete the biggest application",
            "undo delete": "undo that delete",
            "status": "close it, skipping what is planned",
            "undo status": "undo that status change",
            "open": "open it (history, interviews, ...)",
        }
        rows += [(labels[name], small[name], big[name]) for name in labels]
        for label, a, b in rows:
            print(f"  {label:<38} {a:8.1f} ms  {b:8.1f} ms  {b / a:8.1f}x")


if __name__ == "__main__":
    main()
