"""Two machines, one journal (`followup sync`): the folder, the sync itself, and what it set aside.

The engine (store/sync_engine.py) opens the journal through SQLite's session extension (apsw),
a second copy of SQLite. Two copies of SQLite must never have one file open in one process at
once (the first to close drops the other's locks: sqlite.org/howtocorrupt.html, 2.2.1), so
`sync_journal` is called with no Store open on the journal in this process; the app, which keeps
its Store open, runs the sync in a child process instead (`sync_in_child`).

A private journal syncs with its key: this process's own unlock (`store.unlock.journal_key`),
handed to a child through a pipe to its standard input, never on its command line or in its
environment.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from followup_tui.domain.counts import counted
from followup_tui.domain.sync_news import record_count
from followup_tui.domain.sync_rules import SyncConflict
from followup_tui.store import Store
from followup_tui.store.opening import StoreError

FOLDER_SETTING = "sync.folder"
WARNED_SETTING = "sync.warned_about"
"""The folder a warning about a live journal in a synced folder was last given for: said once."""
SYNCED_FOLDER_MARKERS = {
    ".stfolder": "Syncthing",
    ".stignore": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
}
CHILD_TIMEOUT_SECONDS = 120
KEY_ON_STDIN = "--key-on-stdin"
"""`followup sync`'s (hidden) option: the journal's data key comes as one hex line on standard input."""


class SyncFailed(Exception):
    """A sync that could not run, in one line; nothing was half written."""


def check_folder(text: str) -> str:
    """The `sync.folder` setting as kept: "" for none, else an absolute folder that exists."""
    text = text.strip()
    if not text:
        return ""
    path = Path(text).expanduser().absolute()
    if not path.is_dir():
        raise ValueError(f"sync.folder: {path} is not a folder; create it first (the synced folder itself)")
    return str(path)


def check_folder_here(store: Store, text: str) -> None:
    """The live journal is never inside the sync folder: SQLite's file is not safe to sync open."""
    if store.path is None or not text:
        return
    journal = store.path.expanduser().absolute()
    if journal.is_relative_to(Path(text)):
        raise ValueError(
            f"sync.folder: the journal {journal} is inside {text}; choose a folder that does not hold it"
            " (only the change files travel, never the journal)"
        )


DRY_RUN_LISTED = 8
"""A dry run lists this many records a file; `--verbose` lists them all."""
DRY_RUN_WIDTH = 80


@dataclass(frozen=True)
class Incoming:
    """A file a dry run would apply: whose, which, how many changes, and what it would do."""

    device: int
    seq: int
    changes: int
    news: list[str]


def _listed(news: list[str], changes: int, everything: bool, width: int) -> list[str]:
    """Records, two spaces in, at most DRY_RUN_LISTED unless `everything`; the rest summed up. A
    change the user would not notice (a stamp, a row that goes with its record) is not listed,
    but counted among the changes."""
    shown = news if everything else news[:DRY_RUN_LISTED]
    lines = [_cut(f"  {line}", width) for line in shown]
    rest = changes - len(shown)
    if rest > 0 and len(shown) < len(news):
        lines.append(_cut(f"  and {counted(rest, 'more change')} (--verbose lists them all)", width))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Synced:
    """What one sync did, in the words `followup sync` and the app say it."""

    device: int
    sent: int
    """Changes this machine sent."""
    arrived: int
    """Changes that came in from other machines."""
    files_in: int
    waiting: list[str]
    conflicts: list[int]
    new_device: bool = False
    dry_run: bool = False
    arrived_by_table: dict[str, int] | None = None
    found: list[SyncConflict] | None = None
    """The conflicts this sync found, described (not carried through --json)."""
    incoming: list[Incoming] | None = None
    """In a dry run: each file that would be applied, and what it would do."""
    outgoing: list[str] | None = None
    """In a dry run: what this machine would send, record by record."""
    sent_by_table: dict[str, int] | None = None
    first_sync: bool = False
    """This journal has never synced: the dry run would send everything in it."""
    sent_seq: int | None = None
    """The number of the file this machine's changes went (or would go) out as."""

    def lines(self, everything: bool = False, width: int = DRY_RUN_WIDTH) -> list[str]:
        """What the sync did (or, in a dry run, would do), line by line; a dry run lists at most
        `DRY_RUN_LISTED` records a file, unless `everything`, each line cut to `width`."""
        sent, came = counted(self.sent, "change"), counted(self.arrived, "change")
        if self.dry_run:
            lines = [f"Would send {sent}; would apply {came} from {counted(self.files_in, 'file')}."]
            others = {file.device for file in self.incoming or []}
            whose = "the other machine" if len(others) == 1 else "another machine"
            for file in self.incoming or []:
                lines.append(_cut(f"From {whose} (device {file.device}, file {file.seq}):", width))
                lines += _listed(file.news, file.changes, everything, width)
            if self.first_sync and self.sent:
                lines.append(_cut("This machine would send everything in its journal (its first sync):", width))
                counts = sorted((self.sent_by_table or {}).items())
                lines += _listed([f"adds {record_count(t, n)}" for t, n in counts], len(counts), everything, width)
            elif self.sent:
                lines.append(_cut(f"This machine would send (device {self.device}, file {self.sent_seq}):", width))
                lines += _listed(self.outgoing or [], self.sent, everything, width)
        else:
            lines = [f"Sent {sent}; applied {came} from {counted(self.files_in, 'file')}."]
        if self.new_device:
            lines.insert(
                0,
                f"This journal syncs as device {self.device} from now on: it is a copy of another machine's,"
                " or was made private or plain since its last sync.",
            )
        lines += [f"Waiting: {why}" for why in self.waiting]
        return lines

    def as_json(self) -> dict:
        said = {
            "device": self.device,
            "sent": self.sent,
            "arrived": self.arrived,
            "files_in": self.files_in,
            "waiting": self.waiting,
            "conflicts": self.conflicts,
            "new_device": self.new_device,
        }
        if self.dry_run:
            said["dry_run"] = True
            said["would_apply"] = [
                {"device": f.device, "file": f.seq, "changes": f.changes, "records": f.news}
                for f in self.incoming or []
            ]
            said["would_send"] = {"changes": self.sent, "records": self.outgoing or [], "everything": self.first_sync}
        return said

    @classmethod
    def from_json(cls, data: dict) -> Synced:
        return cls(
            device=int(data["device"]),
            sent=int(data["sent"]),
            arrived=int(data["arrived"]),
            files_in=int(data["files_in"]),
            waiting=[str(line) for line in data.get("waiting", [])],
            conflicts=[int(c) for c in data.get("conflicts", [])],
            new_device=bool(data.get("new_device")),
        )


def sync_journal(journal: Path, folder: Path, dry_run: bool = False, today: date | None = None) -> Synced:
    """Send this machine's changes to `folder` and apply the other machines'. Call it with no
    Store open on `journal` in this process (see the module's note)."""
    from followup_tui.store.sync_engine import SyncError, sync
    from followup_tui.store.unlock import journal_key

    try:
        key = journal_key(Path(journal).expanduser())  # None for a plain journal
        report = sync(Path(journal), Path(folder), dry_run=dry_run, key=key, today=today)
    except (SyncError, StoreError) as error:
        raise SyncFailed(str(error)) from None
    first_sync = dry_run and not report.sent and bool(report.sent_changes)
    by_table: dict[str, int] = {}
    for arrived in report.arrived:
        for table, count in arrived.changes.items():
            by_table[table] = by_table.get(table, 0) + count
    return Synced(
        device=report.device,
        sent=sum(report.sent_changes.values()),
        arrived=sum(by_table.values()),
        files_in=len(report.arrived),
        waiting=[waiting_advice(w.path, w.kind, w.device, w.why) for w in report.waiting],
        conflicts=report.conflicts,
        new_device=report.new_device,
        dry_run=dry_run,
        arrived_by_table=by_table,
        found=list(report.described),
        incoming=[Incoming(a.device, a.seq, sum(a.changes.values()), a.news) for a in report.arrived],
        outgoing=report.sent_news,
        sent_by_table=report.sent_changes,
        first_sync=first_sync,
        sent_seq=report.sent[-1] if report.sent else None,
    )


WHAT_TO_DO = {
    "gap": "wait for your sync program to bring it, or copy it from that machine's folder",
    "after": "wait for your sync program to bring that file, or copy it from that machine's folder",
    "cut_short": "copy it again from that machine's folder, or wait for your sync program to finish copying it",
    "not_ours": "move it out of the folder",
    "misplaced": "move it out of the folder, then copy this file again from that machine's folder",
    "newer": "upgrade followup-tui on this machine",
    "unreadable": "let this user read it, or copy it again from that machine's folder",
    "sealed": "copy it again from that machine's folder; if it still waits, that machine's journal is not this"
    " one's copy (copy the journal here with its key file: see Two machines)",
    "stranger": "move it out of the folder unless you know that machine (a plain copy of the journal applies it)",
}
"""What a person can do about a file another device's files wait behind, by what is wrong with it."""


def waiting_advice(path: Path, kind: str, device: int, why: str) -> str:
    """One line for a file a device's later files wait behind: which, why, and what to do."""
    where = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    todo = WHAT_TO_DO.get(kind, WHAT_TO_DO["unreadable"])
    if kind == "after":  # "waits for file 3 from device 9, which it was written after"
        return f"{where} {why}: {todo}"
    if kind == "gap":
        missing = why.removeprefix("waits for ")
        return f"{missing} is not here yet ({where} and later wait for it): {todo}"
    wrong = {
        "cut_short": "is cut short",
        "not_ours": "is not followup's",
        "newer": "was written by a newer followup-tui",
        "misplaced": f"lies in the wrong place ({why.split(', not')[0]})",
        "sealed": f"does not open ({why})",
        "stranger": "is not sealed, and comes from a device this private journal never synced with",
    }.get(kind, f"cannot be read ({why.rpartition(': ')[2]})")
    return f"{where} {wrong}: {todo} (device {device}'s later files wait for it)"


def sync_in_child(journal: Path) -> Synced:
    """The same sync, run in a child process (`followup sync --json`), for a process that keeps
    the journal open (the app); SyncFailed in one line when it fails. A private journal's key,
    as this process unlocked it, reaches the child through a pipe (`--key-on-stdin`)."""
    import subprocess

    from followup_tui.store.unlock import journal_key

    try:
        key = journal_key(Path(journal).expanduser(), ask=False)
    except StoreError as error:
        raise SyncFailed(str(error)) from None
    command = [sys.executable, "-m", "followup_tui", "--db", str(journal), "sync", "--json"]
    given = {"stdin": subprocess.DEVNULL} if key is None else {"input": key.data.hex() + "\n"}
    if key is not None:
        command.append(KEY_ON_STDIN)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS, **given)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SyncFailed(f"the sync did not finish: {error}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["it stopped with no word"])[-1]
        raise SyncFailed(last.removeprefix("Error: "))
    try:
        return Synced.from_json(json.loads(done.stdout))
    except (ValueError, KeyError, TypeError):
        raise SyncFailed("the sync answered in a way this version cannot read") from None


def take_key_from(db: str | os.PathLike | None, line: str) -> None:
    """Unlock the journal `db` names in this process with the data key a parent handed over (hex,
    one line); SyncFailed when it is not this journal's key."""
    from followup_tui.services.journal import journal_path
    from followup_tui.store.unlock import take_key

    try:
        take_key(journal_path(db).expanduser(), line.strip())
    except StoreError as error:
        raise SyncFailed(str(error)) from None


def folder_of(store: Store) -> Path | None:
    """The sync folder the `sync.folder` setting names, or None."""
    text = store.get_setting(FOLDER_SETTING, "")
    return Path(text) if isinstance(text, str) and text else None


def synced_folder_above(journal: Path) -> tuple[Path, str] | None:
    """The Syncthing or Dropbox folder the journal file lies in, by its marker, or None."""
    for folder in Path(journal).expanduser().absolute().parents:
        for marker, program in SYNCED_FOLDER_MARKERS.items():
            if (folder / marker).exists():
                return folder, program
    return None


def warning_once(store: Store) -> str | None:
    """A warning, given once per folder, when the live journal lies in a folder Syncthing or
    Dropbox syncs: its write-ahead log is not safe to sync open, and two machines can tear it."""
    if store.path is None or (found := synced_folder_above(store.path)) is None:
        return None
    folder, program = found
    if store.get_setting(WARNED_SETTING, "") == str(folder):
        return None
    try:
        store.set_setting(WARNED_SETTING, str(folder))
    except StoreError:
        pass  # said again next time, rather than not at all
    return (
        f"the journal {store.path} is inside {folder}, which {program} syncs; a journal synced while open can be"
        " torn. Move it out (followup --db) and share it with `followup sync` through a folder of its own"
    )


def conflicts(store: Store, ids: list[int] | None = None) -> list[SyncConflict]:
    return store.sync_conflicts(ids)


def settle(store: Store, conflict_id: int, keep: str) -> SyncConflict:
    return store.settle_sync_conflict(conflict_id, keep)


def conflict_text(conflict: SyncConflict, width: int = 72) -> list[str]:
    """A conflict as lines for the command line: what it is, and for two versions, both."""
    lines = [f"[{conflict.id}] {conflict.line}"]
    if conflict.kind == "two_versions":
        lines.append(f"    in the record: {_short(conflict.current or '', width)}")
        lines.append(f"    other version: {_short(conflict.other, width)}")
        lines.append(f"    followup sync --settle {conflict.id} --keep this|other|both")
    else:
        lines.append(f"    followup sync --settle {conflict.id} (dismiss)")
    return lines


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def folder_from(store: Store, given: str | os.PathLike | None) -> Path:
    """The folder named on the command line, else the setting's; SyncFailed when there is none."""
    if given:
        path = Path(given).expanduser().absolute()
        if store.path is not None and store.path.expanduser().absolute().is_relative_to(path):
            raise SyncFailed(f"the journal is inside {path}; sync through a folder that does not hold it")
        return path
    folder = folder_of(store)
    if folder is None:
        raise SyncFailed(
            "no sync folder: give one (followup sync FOLDER) or set it (followup settings sync.folder FOLDER)"
        )
    return folder


class SyncKeeper:
    """Syncs the app's journal on a thread of its own (the sync itself in a child process), when
    the app opens and a moment after each change, so the screen never waits for it: changes that
    come while a sync runs are folded into one more. `on_done` hears what each sync did; a sync
    that fails is said once (until one works again)."""

    AFTER_CHANGE_SECONDS = 3.0
    """A burst of changes (a debrief typed and saved, a card edited) goes out as one sync."""

    def __init__(self, journal: Path, folder: Callable[[], Path | None], on_done, on_error):
        import threading

        self.journal, self.folder, self.on_done, self.on_error = journal, folder, on_done, on_error
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False
        self._stopping = False
        self.delay = self.AFTER_CHANGE_SECONDS

    def changed(self, at_once: bool = False) -> None:
        """Something changed here (or the app opened): sync soon, if a folder is set."""
        import threading

        if self.folder() is None:
            return
        with self._lock:
            self._soon = 0.0 if at_once else self.delay
            self._wanted.set()
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
            self._thread.start()

    def finish(self, timeout: float = 20.0) -> None:
        """Wait for a sync under way (it is never killed half way: a child's sync is whole or nothing)."""
        self._stopping = True
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        import time

        while True:
            with self._lock:
                if not self._wanted.is_set() or self._stopping:
                    self._thread = None
                    return
                self._wanted.clear()
                soon = self._soon
            time.sleep(soon)
            if self._wanted.is_set() and soon:  # more changes came meanwhile: wait for the last
                continue
            try:
                synced = sync_in_child(self.journal)
            except SyncFailed as error:
                if not self._failing:
                    self._failing = True
                    self.on_error(str(error))
                continue
            self._failing = False
            self.on_done(synced)
