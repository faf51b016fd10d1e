"""How long `followup sync` takes on the large journal: a machine sending 100 changes, and the
other machine applying them (target: each at most 200 ms), after a first sync of the whole.

python tests/bench/bench_sync.py [--interviews 10000] [--keep DIR] [--from JOURNAL]

`--from` starts from a large journal built before (`build_large_journal.py PATH`), copied.

The second machine is the first one's journal and base copied right after a sync, then given a
device of its own: two machines that agree, as they are between syncs.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_large_journal import FIXED_NOW, build

from followup_tui.domain.clock import Clock
from followup_tui.services.sync import sync_journal
from followup_tui.store import Store

TARGET_MS = 200
SECOND_MACHINE = """
import sqlite3, sys, uuid
conn = sqlite3.connect(sys.argv[1])
sent, device = conn.execute("SELECT sent, device FROM sync_device").fetchone()
conn.execute("UPDATE sync_device SET device = device + 1, journal = ?, sent = 0", [str(uuid.uuid4())])
conn.execute("INSERT INTO sync_applied (device, seq) VALUES (?, ?)", [device, sent])
conn.commit()
conn.close()
"""
"""The second machine: the same journal, a device of its own (the first's files so far applied)."""


CHANGES = """
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from followup_tui.domain.clock import Clock
from followup_tui.domain.kinds import Kind
from followup_tui.domain.models import Followup
from followup_tui.store import Store
store = Store.open(sys.argv[1], Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
ids = [row[0] for row in store.conn.execute("SELECT id FROM opportunities ORDER BY id LIMIT 50")]
for n, opportunity_id in enumerate(ids):
    opportunity = store.get_opportunity(opportunity_id)
    store.update_opportunity(replace(opportunity, notes=f"{opportunity.notes} - call {n}"))
    store.add_followup(Followup(opportunity_id=opportunity_id, kind=Kind.CHECK_IN, due_on=date(2026, 12, 1)))
store.close()
"""


def hundred_changes(journal: Path) -> None:
    """50 applications' notes rewritten and 50 follow-ups planned: 100 rows, as a day's work. In
    a process of its own, as the app would: this one opens the journals through apsw's SQLite,
    and two copies of SQLite must not share a file in one process."""
    subprocess.run([sys.executable, "-c", CHANGES, str(journal)], check=True)


def timed(what: str, journal: Path, folder: Path) -> float:
    started = time.perf_counter()
    synced = sync_journal(journal, folder)
    ms = (time.perf_counter() - started) * 1000
    print(f"{what:<44} {ms:8.1f} ms   (sent {synced.sent:,}, applied {synced.arrived:,})")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build here (and keep) instead of a temporary folder")
    parser.add_argument("--from", dest="built", type=Path, help="a large journal built before, to copy")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    laptop, desktop, folder = root / "laptop" / "journal.db", root / "desktop" / "journal.db", root / "Sync"
    for path in (laptop.parent, desktop.parent, folder):
        path.mkdir(exist_ok=True)
    started = time.perf_counter()
    if args.built:
        shutil.copyfile(args.built, laptop)
        Store.open(laptop, Clock.fixed(FIXED_NOW)).close()  # upgraded, if it was built before
    else:
        build(laptop, args.interviews).close()
    conn = sqlite3.connect(laptop)
    interviews = conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
    conn.close()
    size = laptop.stat().st_size
    print(
        f"the large journal ({interviews:,} interviews, {size / 2**20:.0f} MiB)"
        f" ready in {time.perf_counter() - started:.1f} s"
    )
    timed("first sync: the whole journal sent", laptop, folder)
    shutil.copyfile(laptop, desktop)
    shutil.copyfile(laptop.with_name("journal.db.sync-base"), desktop.with_name("journal.db.sync-base"))
    subprocess.run([sys.executable, "-c", SECOND_MACHINE, str(desktop)], check=True)
    timed("a sync with nothing to do", laptop, folder)
    sends, applies = [], []
    for round_ in range(1, 4):  # three days' work: the median is the figure
        hundred_changes(laptop)
        sends.append(timed(f"round {round_}: a sync sending 100 changes", laptop, folder))
        applies.append(timed(f"round {round_}: the other machine applying those 100", desktop, folder))
    for label, figures in (("send", sends), ("apply", applies)):
        ms = statistics.median(figures)
        print(f"  {label}: median {ms:.1f} ms, {'within' if ms <= TARGET_MS else 'OVER'} the {TARGET_MS} ms target")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
