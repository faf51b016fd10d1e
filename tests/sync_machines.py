"""Journals standing in for machines, for the sync tests: each opens its Store only between
syncs, as the real program does (two copies of SQLite never hold one file open at once)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.services.sync import Synced, sync_journal
from followup_tui.store import Store
from followup_tui.store.opening import key_file_of
from followup_tui.store.sync_tables import synced_tables

from .keys import make_private, raw_connection

STAMPS = ("last_changed_at", "last_changed_on", "field_stamps")


@dataclass
class Machine:
    """One journal and its view of the shared folder (its own, so delivery can be staged)."""

    name: str
    journal: Path
    folder: Path
    clock: Clock
    reports: list[Synced] = field(default_factory=list)

    @classmethod
    def made(cls, root: Path, name: str, clock: Clock, folder: Path | None = None) -> Machine:
        (root / name).mkdir(parents=True)
        shared = folder or root / name / "sync"
        shared.mkdir(parents=True, exist_ok=True)
        machine = cls(name, root / name / "journal.db", shared, clock)
        Store.open(machine.journal, clock).close()
        return machine

    @classmethod
    def made_private(cls, root: Path, name: str, clock: Clock, folder: Path | None = None) -> Machine:
        """A private (encrypted) journal, its key kept by this process as after an unlock."""
        (root / name).mkdir(parents=True)
        shared = folder or root / name / "sync"
        shared.mkdir(parents=True, exist_ok=True)
        machine = cls(name, root / name / "journal.db", shared, clock)
        make_private(machine.journal)
        Store.open(machine.journal, clock).close()
        return machine

    def copied_to(self, root: Path, name: str, folder: Path | None = None) -> Machine:
        """This journal carried to another machine as a person would: the file, and its key file
        if it has one (never the sync's base, which stays beside the journal it belongs to)."""
        (root / name).mkdir(parents=True)
        shared = folder or root / name / "sync"
        shared.mkdir(parents=True, exist_ok=True)
        machine = Machine(name, root / name / "journal.db", shared, self.clock)
        shutil.copyfile(self.journal, machine.journal)
        if key_file_of(self.journal).exists():
            shutil.copyfile(key_file_of(self.journal), key_file_of(machine.journal))
        return machine

    @contextmanager
    def store(self):
        store = Store.open(self.journal, self.clock)
        try:
            yield store
        finally:
            store.close()

    def sync(self, dry_run: bool = False) -> Synced:
        report = sync_journal(self.journal, self.folder, dry_run=dry_run)
        self.reports.append(report)
        return report

    @property
    def device(self) -> int:
        with self.store() as store:
            return store.sync_device()

    def outbox(self) -> Path:
        return self.folder / "outbox" / str(self.device)

    def tables(self, with_stamps: bool = True) -> dict[str, list[tuple]]:
        """Every synced table, sorted: what two machines that agree hold alike."""
        conn = raw_connection(self.journal)
        try:
            names = synced_tables(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
            found = {}
            for table in names:
                columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
                kept = [c for c in columns if with_stamps or c not in STAMPS]
                rows = conn.execute(f"SELECT {', '.join(f'[{c}]' for c in kept)} FROM [{table}]").fetchall()
                found[table] = sorted(rows, key=repr)
            return found
        finally:
            conn.close()


def deliver(source: Machine, target: Machine) -> int:
    """Copy every change file in `source`'s view of the folder into `target`'s (as Syncthing
    would); how many were new there."""
    copied = 0
    outbox = source.folder / "outbox"
    for device in outbox.iterdir() if outbox.is_dir() else []:
        for file in device.iterdir():
            there = target.folder / "outbox" / device.name / file.name
            if not there.exists() and not file.name.startswith("."):
                there.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, there)
                copied += 1
    return copied


def settle_all(machines: list[Machine], rounds: int = 6) -> None:
    """Deliver everything everywhere and sync until nothing moves."""
    for _ in range(rounds):
        for machine in machines:
            machine.sync()
        moved = sum(deliver(a, b) for a in machines for b in machines if a is not b)
        if not moved:
            return
    raise AssertionError("the machines kept sending files after six rounds")
