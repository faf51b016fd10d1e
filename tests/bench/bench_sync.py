"""How long `followup sync` takes on the large journal: a machine sending 100 changes, and the
other machine applying them (target: each at most 200 ms), after a first sync of the whole; for a
plain journal and a private (encrypted) one side by side, in one run, rounds interleaved, and the
private one's cost as a ratio of the plain one's.

python tests/bench/bench_sync.py [--interviews 10000] [--keep DIR] [--from JOURNAL] [--plain-only]

`--from` starts from a large journal built before (`build_large_journal.py PATH`), copied.

The second machine is the first one's journal and base (and key file) copied right after a sync,
then given a device of its own: two machines that agree, as they are between syncs.
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
from followup_tui.store.opening import key_file_of
from followup_tui.store.privacy import encrypt_journal
from followup_tui.store.unlock import journal_key

TARGET_MS = 200
SECOND_MACHINE = """
import sys, uuid
key = sys.stdin.readline().strip()  # a private journal's data key, through a pipe
if key:
    from sqlcipher3 import dbapi2 as sqlite3
else:
    import sqlite3
conn = sqlite3.connect(sys.argv[1])
if key:
    conn.execute(f"PRAGMA key = \\"x'{key}'\\"")
sent, device = conn.execute("SELECT sent, device FROM sync_device").fetchone()
conn.execute("UPDATE sync_device SET device = device + 1, journal = ?, sent = 0", [str(uuid.uuid4())])
conn.execute("INSERT INTO sync_applied (device, seq) VALUES (?, ?)", [device, sent])
conn.commit()
conn.close()
"""
"""The second machine: the same journal, a device of its own (the first's files so far applied)."""


CHANGES = """
import sys
from pathlib import Path
from dataclasses import replace
from datetime import date, datetime, timezone
from followup_tui.domain.clock import Clock
from followup_tui.domain.kinds import Kind
from followup_tui.domain.models import Followup
from followup_tui.store import Store
from followup_tui.store.unlock import take_key
if key := sys.stdin.readline().strip():  # a private journal's data key, through a pipe
    take_key(Path(sys.argv[1]), key)
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
    subprocess.run([sys.executable, "-c", CHANGES, str(journal)], check=True, input=_key_line(journal), text=True)


def _key_line(journal: Path) -> str:
    key = journal_key(journal, ask=False)
    return f"{key.data.hex()}\n" if key else "\n"


def timed(what: str, journal: Path, folder: Path) -> float:
    started = time.perf_counter()
    synced = sync_journal(journal, folder)
    ms = (time.perf_counter() - started) * 1000
    print(f"{what:<54} {ms:8.1f} ms   (sent {synced.sent:,}, applied {synced.arrived:,})")
    return ms


def two_machines(root: Path, kind: str, built: Path) -> tuple[Path, Path, Path]:
    """The large journal as the laptop's (made private for `private`), synced once whole, and
    the desktop: a copy of it and its base right after that sync, with a device of its own."""
    laptop, desktop, folder = (
        root / kind / "laptop" / "journal.db",
        root / kind / "desktop" / "journal.db",
        root / kind / "Sync",
    )
    for path in (laptop.parent, desktop.parent, folder):
        path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, laptop)
    if kind == "private":
        started = time.perf_counter()
        encrypt_journal(laptop, "bench passphrase")  # the key kept by this process, as after an unlock
        print(f"{kind}: encrypted in {time.perf_counter() - started:.1f} s")
    timed(f"{kind}: first sync: the whole journal sent", laptop, folder)
    shutil.copyfile(laptop, desktop)
    shutil.copyfile(laptop.with_name("journal.db.sync-base"), desktop.with_name("journal.db.sync-base"))
    if key_file_of(laptop).exists():
        shutil.copyfile(key_file_of(laptop), key_file_of(desktop))
    subprocess.run([sys.executable, "-c", SECOND_MACHINE, str(desktop)], check=True, input=_key_line(laptop), text=True)
    timed(f"{kind}: a sync with nothing to do", laptop, folder)
    return laptop, desktop, folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build here (and keep) instead of a temporary folder")
    parser.add_argument("--from", dest="built", type=Path, help="a large journal built before, to copy")
    parser.add_argument("--plain-only", action="store_true", help="time the plain journal alone")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    source = root / "built" / "journal.db"
    source.parent.mkdir(exist_ok=True)
    started = time.perf_counter()
    if args.built:
        shutil.copyfile(args.built, source)
        Store.open(source, Clock.fixed(FIXED_NOW)).close()  # upgraded, if it was built before
    else:
        build(source, args.interviews).close()
    conn = sqlite3.connect(source)
    interviews = conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
    conn.close()
    size = source.stat().st_size
    print(
        f"the large journal ({interviews:,} interviews, {size / 2**20:.0f} MiB)"
        f" ready in {time.perf_counter() - started:.1f} s"
    )
    kinds = ["plain"] if args.plain_only else ["plain", "private"]
    machines = {kind: two_machines(root, kind, source) for kind in kinds}
    sends: dict[str, list[float]] = {kind: [] for kind in kinds}
    applies: dict[str, list[float]] = {kind: [] for kind in kinds}
    for round_ in range(1, 4):  # three days' work, plain and private in turn: the median is the figure
        for kind, (laptop, desktop, folder) in machines.items():
            hundred_changes(laptop)
            sends[kind].append(timed(f"{kind}: round {round_}: a sync sending 100 changes", laptop, folder))
            applies[kind].append(
                timed(f"{kind}: round {round_}: the other machine applying those 100", desktop, folder)
            )
    for label, figures in (("send", sends), ("apply", applies)):
        medians = {kind: statistics.median(figures[kind]) for kind in kinds}
        for kind, ms in medians.items():
            verdict = "within" if ms <= TARGET_MS else "OVER"
            print(f"  {kind} {label}: median {ms:.1f} ms, {verdict} the {TARGET_MS} ms target")
        if "private" in medians:
            print(f"  private / plain {label}: {medians['private'] / medians['plain']:.2f}x")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
