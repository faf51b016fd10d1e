"""Two machines, one journal: this machine's changes out as SQLite session changesets, the other
machines' in, through a folder the user already syncs (Syncthing, Dropbox, a network drive).

The app writes through the standard `sqlite3`, which cannot record a session, so the engine keeps
a private *base*: the journal as of this machine's last sync, beside the journal (never in the
sync folder). At a sync, the live journal is opened with apsw, the base attached, and
`Session.diff` gives exactly this machine's changes since then, as one changeset written to
`outbox/<device>/<seq>` in the folder (no two machines write one file, so the transport never
sees a conflict). Then every other device's files not yet applied are applied, in order per
device, with a conflict handler that follows the journal's rules (`domain.sync_rules`); what was
applied is recorded in the journal, so a file applied twice is a no-op; then the base catches up.

A private journal (SQLCipher) syncs the same way: apsw is built with SQLite3 Multiple Ciphers,
which opens it with its key; its base is encrypted with the same key (never a plain copy, not
even for a moment), and its change files are sealed (sync_files.seal), so nothing of it is in
the clear outside the journal.

The files are sync_files.py's, the conflict rules' application sync_apply.py's; these and this
are the modules that import apsw (the store's second driver).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import apsw

from followup_tui.domain.sync_news import RowChange, describe_all

from .sync_apply import Applier
from .sync_files import (
    OUTBOX,
    BadChangeFile,
    SyncError,
    header_for,
    numbered_files,
    read_change_file,
    why_not_now,
    write_change_file,
)
from .sync_tables import MAX_DEVICE, base_path_for, synced_tables

if TYPE_CHECKING:
    from .unlock import JournalKey

BUSY_MS = 10_000


@dataclass(frozen=True)
class Arrived:
    """One file applied (or, in a dry run, that would be): whose, which, and what it changes."""

    device: int
    seq: int
    changes: dict[str, int]
    """Table → number of rows it inserts, updates or deletes."""
    news: list[str] = field(default_factory=list)
    """In a dry run: what it would do, record by record, as the user knows the records."""


@dataclass(frozen=True)
class Waiting:
    """A file left for later, and why (a newer schema, a gap before it, a file that is not ours).
    The device's later files wait behind it."""

    path: Path
    why: str
    kind: str = "gap"
    """"gap" (the file before it has not arrived), "after" (its writer had applied another
    device's file this machine has not), or one of `sync_files.BAD_FILE_KINDS`."""
    device: int = 0
    """The device whose outbox it lies in."""


@dataclass
class SyncReport:
    device: int
    sent: list[int] = field(default_factory=list)
    """Sequence numbers of the files this sync wrote."""
    sent_changes: dict[str, int] = field(default_factory=dict)
    arrived: list[Arrived] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    """Ids of the conflicts (sync_conflicts rows) this sync found."""
    described: list = field(default_factory=list)
    """Those conflicts as the user is shown them (`SyncConflict`), read through the sync's own
    connection: the journal is not opened again through the other SQLite in this process."""
    new_device: bool = False
    """This journal turned out to be a copy of another machine's and took a device of its own."""
    sent_news: list[str] = field(default_factory=list)
    """In a dry run: what this machine would send, record by record (none before a first sync,
    which sends everything: `sent_changes` says how much)."""

    @property
    def changed_here(self) -> bool:
        return bool(self.arrived)


# --- the engine ------------------------------------------------------------------------------


class SyncEngine:
    """One sync of the journal at `journal` through `folder`; `key` opens a private one."""

    def __init__(self, journal: Path, folder: Path, key: JournalKey | None = None):
        self.journal = Path(journal)
        self.folder = Path(folder)
        self.base = base_path_for(self.journal)
        self.key = key
        self.data_key = key.data if key is not None else None
        """What seals this journal's change files, and opens the others' (None: a plain journal)."""
        self.conn = self._open(self.journal, key)
        self.tables = self._synced_tables()
        self._columns: dict[str, list[str]] = {}
        self._pk: dict[str, list[int]] = {}
        self.today: date | None = None
        """The user's today, for the days a dry run names ("due Thu 3 Dec", with no year)."""

    # connections

    @staticmethod
    def _open(path: Path, key: JournalKey | None) -> apsw.Connection:
        try:
            conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READWRITE)
        except apsw.Error as error:
            raise SyncError(f"cannot open {path} to sync it: {error}") from None
        conn.setbusytimeout(BUSY_MS)
        try:
            if key is not None:  # SQLCipher's own format and settings, with the raw data key
                conn.execute("PRAGMA cipher = 'sqlcipher'")
                conn.execute(f"PRAGMA legacy = {int(key.compatibility)}")
                conn.execute(f'PRAGMA key = "{_raw(key)}"')
                conn.execute("PRAGMA temp_store = MEMORY")  # as the app: nothing of it in a plain temp file
            conn.execute("SELECT count(*) FROM main.sqlite_master")
        except apsw.NotADBError:
            conn.close()
            raise SyncError(
                f"{path} does not open with its key to sync it" if key else f"{path} is not a plain SQLite journal"
            ) from None
        except apsw.Error as error:
            conn.close()
            raise SyncError(f"cannot open {path} to sync it: {error}") from None
        conn.execute("PRAGMA foreign_keys = OFF")  # links are mended after a whole file is in
        conn.execute("PRAGMA recursive_triggers = ON")  # as the app: the search index's triggers need it
        return conn

    def close(self) -> None:
        self.conn.close()

    def _synced_tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid")
        return synced_tables(list(rows))

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            info = list(self.conn.execute(f"PRAGMA main.table_info([{table}])"))
            self._columns[table] = [row[1] for row in info]
            self._pk[table] = [row[0] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        return self._columns[table]

    def pk_indexes(self, table: str) -> list[int]:
        self.columns(table)
        return self._pk[table]

    def identity(self) -> tuple[int, str, int]:
        device, journal, sent = next(self.conn.execute("SELECT device, journal, sent FROM main.sync_device"))
        return device, journal, sent

    # the base

    def _make_base(self) -> None:
        """An empty base: this machine has sent nothing, so everything in the journal goes out."""
        folder = Path(tempfile.mkdtemp(prefix=".followup-sync-base.", dir=self.journal.parent))
        try:
            made = folder / "base.db"
            os.close(os.open(made, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            if self.key is not None:  # encrypted from its first page: its tables made empty, keyed
                with self._base_attached(made):
                    pass
                os.replace(made, self.base)
                return
            self.conn.execute("VACUUM INTO ?", [str(made)])
            base = apsw.Connection(str(made))
            try:
                with base:
                    for (name,) in list(base.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")):
                        base.execute(f"DROP TRIGGER [{name}]")
                    for (name,) in list(base.execute("SELECT name FROM sqlite_master WHERE type = 'view'")):
                        base.execute(f"DROP VIEW [{name}]")
                    for (name,) in list(
                        base.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
                    ):
                        base.execute(f"DROP TABLE [{name}]")
                    for table in self.tables:
                        base.execute(f"DELETE FROM [{table}]")
                base.execute("VACUUM")
            finally:
                base.close()
            os.replace(made, self.base)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _attach(self, path: Path, name: str) -> None:
        """Attach a base at `path` as `name`: a private journal's with the journal's key."""
        if self.key is None:
            self.conn.execute(f"ATTACH DATABASE ? AS {name}", [str(path)])
        else:
            self.conn.execute(f"ATTACH DATABASE ? AS {name} KEY ?", [str(path), _raw(self.key)])

    @contextlib.contextmanager
    def _base_attached(self, path: Path | None = None) -> Iterator[None]:
        """The base attached as `base` (a private journal's with the journal's key), fitted to
        the journal's tables."""
        path = path or self.base
        self._attach(path, "base")
        try:
            try:
                self.conn.execute("SELECT count(*) FROM base.sqlite_master")
            except apsw.NotADBError:
                raise SyncError(
                    f"the sync base {path} does not open with this journal's key (it is not this journal's);"
                    " move it away and sync again: this machine then sends everything once more"
                ) from None
            self._fit_base_schema()
            yield
        finally:
            self.conn.execute("DETACH DATABASE base")

    def _fit_base_schema(self) -> None:
        """After an upgrade, the base takes the journal's new shape (a table added, a column
        added or moved), keeping its rows; a column the upgrade added is filled as the journal
        has it, as every machine's own upgrade fills it, so the first sync after it sends only
        what changed. The base checks nothing (no constraints): it only remembers."""
        for table in self.tables:
            live = self.columns(table)
            held = [row[1] for row in self.conn.execute(f"PRAGMA base.table_info([{table}])")]
            if held == live:
                continue
            key = [live[i] for i in self.pk_indexes(table)]
            columns = ", ".join(f"[{name}]" for name in live)
            primary = ", ".join(f"[{name}]" for name in key)
            with self.conn:
                self.conn.execute("DROP TABLE IF EXISTS base.[sync_new]")
                self.conn.execute(f"CREATE TABLE base.[sync_new] ({columns}, PRIMARY KEY ({primary}))")
                kept = [name for name in live if name in held]
                if kept:
                    names = ", ".join(f"[{name}]" for name in kept)
                    self.conn.execute(f"INSERT INTO base.[sync_new] ({names}) SELECT {names} FROM base.[{table}]")
                added = [name for name in live if name not in held]
                if added and held:
                    match = " AND ".join(f"m.[{name}] = base.[sync_new].[{name}]" for name in key)
                    targets = ", ".join(f"[{name}]" for name in added)
                    values = ", ".join(f"m.[{name}]" for name in added)
                    self.conn.execute(
                        f"UPDATE base.[sync_new] SET ({targets})"
                        f" = (SELECT {values} FROM main.[{table}] m WHERE {match})"
                    )
                if held:
                    self.conn.execute(f"DROP TABLE base.[{table}]")
                self.conn.execute(f"ALTER TABLE base.[sync_new] RENAME TO [{table}]")

    def _touched(self, table: str) -> str:
        """The rows of `table` written since the last sync (`sync_touched`, kept by triggers), as
        a condition on its primary key that SQLite answers from the key's index."""
        names = [f"[{self.columns(table)[i]}]" for i in self.pk_indexes(table)]
        parts = ", ".join(f"json_extract(row_key, '$[{n}]')" for n in range(len(names)))
        keys = f"SELECT {parts} FROM main.sync_touched WHERE table_name = '{table}'"
        return f"{names[0]} IN ({keys})" if len(names) == 1 else f"({', '.join(names)}) IN ({keys})"

    def _copy_touched_to_base(self) -> None:
        """Make every row written since the last sync in the base as it is in the journal."""
        for table in self.tables:
            where = self._touched(table)
            self.conn.execute(f"DELETE FROM base.[{table}] WHERE {where}")
            self.conn.execute(f"INSERT INTO base.[{table}] SELECT * FROM main.[{table}] WHERE {where}")

    def _changes_since_base(self) -> bytes:
        """This machine's changes since its last sync, as one changeset: the rows it wrote are
        copied into the base under a session, which records exactly what changed in them (a row
        written back as it was records nothing). The base is thereby caught up with them."""
        session = apsw.Session(self.conn, "base")
        try:
            for table in self.tables:
                session.attach(table)
            self._copy_touched_to_base()
            return session.changeset()
        finally:
            session.close()

    def _touch_everything(self) -> None:
        """Before a first sync: every row is this machine's news."""
        with self.conn:
            for table in self.tables:
                names = ", ".join(f"[{self.columns(table)[i]}]" for i in self.pk_indexes(table))
                self.conn.execute(
                    f"INSERT OR IGNORE INTO main.sync_touched (table_name, row_key)"
                    f" SELECT '{table}', json_array({names}) FROM main.[{table}]"
                )

    # one sync

    def run(self, dry_run: bool = False) -> SyncReport:
        own = self._check_identity(dry_run)
        device, journal, _sent = self.identity()
        report = SyncReport(device=device, new_device=own)
        if not self.base.exists():
            if dry_run:
                report.sent_changes = {table: self._count(table) for table in self.tables if self._count(table)}
                report.arrived, report.waiting = self._incoming_summary(device)
                return report
            self._touch_everything()  # first, and committed: a base made after it never misses a row
            self._make_base()
        if self._exchange(report, device, journal, dry_run=dry_run):
            # a record kept here that another machine deleted goes out whole now, not a sync later
            self._exchange(report, device, journal, send_only=True)
        return report

    def _count(self, table: str) -> int:
        return next(self.conn.execute(f"SELECT count(*) FROM main.[{table}]"))[0]

    def _exchange(
        self, report: SyncReport, device: int, journal: str, send_only: bool = False, dry_run: bool = False
    ) -> bool:
        """In one write transaction on the journal and its base: send this machine's changes,
        apply the other machines', catch the base up. A dry run does all of it, writes no file,
        and rolls it back. Whether records kept here are to go out again."""
        conn = self.conn
        with self._base_attached():
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("UPDATE main.sync_device SET applying = 1")
                outgoing = self._changes_since_base()
                conn.execute("DELETE FROM main.sync_touched")
                sending = None
                if outgoing:
                    seq = self._next_seq(device)
                    # what this machine held as it wrote these changes: before the others' go in
                    (clock,) = next(conn.execute("SELECT clock FROM main.sync_device"))
                    sending = header_for(device, journal, seq, clock, sorted(self._applied().items()))
                    self._archive_deleted(outgoing)
                    conn.execute("UPDATE main.sync_device SET sent = ?", [seq])
                    report.sent.append(seq)
                    for table, count in changes_in(outgoing).items():
                        report.sent_changes[table] = report.sent_changes.get(table, 0) + count
                forget: list = []
                if not send_only:
                    applier = Applier(self)
                    incoming = []
                    for header, changeset, _path in self._pending(device, report.waiting):
                        incoming.append(changeset)
                        applier.apply(header, changeset)
                        conn.execute(
                            "INSERT INTO main.sync_applied (device, seq, clock) VALUES (?, ?, ?) ON CONFLICT (device)"
                            " DO UPDATE SET seq = excluded.seq, clock = max(clock, excluded.clock)",
                            [header["device"], header["seq"], applier.clock_of(header, changeset)],
                        )
                        report.arrived.append(Arrived(header["device"], header["seq"], changes_in(changeset)))
                    applier.mend_links()
                    report.conflicts.extend(applier.conflicts)
                    forget = applier.forget
                    if dry_run:  # told as the journal would stand, everything in: then rolled back
                        told = zip(report.arrived, incoming, strict=True)
                        report.arrived = [replace(arrived, news=self.news(c)) for arrived, c in told]
                if dry_run and outgoing:
                    report.sent_news = self.news(outgoing)
                if sending is not None and not dry_run:  # last, so a sync that fails leaves no file behind
                    write_change_file(self.folder / OUTBOX / str(device), sending, outgoing, self.data_key)
                self._copy_touched_to_base()  # what came in, and what was settled, is known to all
                conn.execute("DELETE FROM main.sync_touched")
                for table, key in forget:  # forgotten by the base, so the next changeset carries it whole
                    names = [self.columns(table)[i] for i in self.pk_indexes(table)]
                    where = " AND ".join(f"[{name}] = ?" for name in names)
                    conn.execute(f"DELETE FROM base.[{table}] WHERE {where}", key)
                    marks = ", ".join("?" * len(key))
                    conn.execute(
                        "INSERT OR IGNORE INTO main.sync_touched (table_name, row_key)"
                        f" VALUES (?, json_array({marks}))",
                        [table, *key],
                    )
                conn.execute("CREATE TABLE IF NOT EXISTS base.sync_base (journal TEXT, sent INTEGER)")
                conn.execute("DELETE FROM base.sync_base")  # whose base this is, and as of which file
                conn.execute("INSERT INTO base.sync_base SELECT journal, sent FROM main.sync_device")
                conn.execute("UPDATE main.sync_device SET applying = 0")
                conn.execute("ROLLBACK" if dry_run else "COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return bool(forget) and not dry_run

    def _next_seq(self, device: int) -> int:
        """After the last this journal recorded and after any file of its own already there (one
        written by a sync killed before it committed), so no file is ever written twice."""
        _device, journal, sent = self.identity()
        there = numbered_files(self.folder / OUTBOX / str(device))
        for seq, path in there:
            if seq <= sent:
                continue
            try:  # a file after this journal's last: one a sync killed before it finished wrote, or not ours
                header, _ = read_change_file(path, self.data_key)
                ours = header.get("journal") == journal and header.get("device") == device
            except SyncError:
                ours = False
            if not ours:
                raise SyncError(
                    f"{path} lies among this machine's own change files and is not one it wrote;"
                    " move it out of the folder and sync again (nothing was sent)"
                )
        return max([sent, *(seq for seq, _ in there)]) + 1

    def _applied(self) -> dict[int, int]:
        return dict(self.conn.execute("SELECT device, seq FROM main.sync_applied"))

    def _pending(self, device: int, waiting: list[Waiting]) -> Iterator[tuple[dict, bytes, Path]]:
        """Every other device's files not yet applied, in order per device, each only once this
        machine holds what its writer held when it wrote it (the files its header names as
        applied there): so a change never arrives before the record it changes. A device's files
        stop at a gap (a file not here yet), at a file still waiting for another device's, or at
        a file this version cannot apply."""
        applied = self._applied()
        outbox = self.folder / OUTBOX
        devices = (
            sorted(int(p.name) for p in outbox.iterdir() if p.is_dir() and p.name.isdigit()) if outbox.is_dir() else []
        )
        files = {other: dict(numbered_files(outbox / str(other))) for other in devices if other != device}
        stopped: dict[int, Waiting] = {}
        for_good: set[int] = set()  # a file this version cannot read or apply: no later round helps
        moved = True
        while moved:
            moved = False
            for other, numbered in files.items():
                if other in for_good:
                    continue
                stopped.pop(other, None)
                expected = applied.get(other, 0) + 1
                path = numbered.get(expected)
                if path is None:
                    later = [seq for seq in numbered if seq > expected]
                    if later:
                        why = f"waits for file {expected} from device {other}"
                        stopped[other] = Waiting(numbered[min(later)], why, "gap", other)
                    continue
                try:
                    header, changeset = read_change_file(path, self.data_key)
                    if bad := why_not_now(header, other, expected):
                        raise bad
                    changes_in(changeset)  # a changeset cut short does not read to its end
                except BadChangeFile as bad:
                    stopped[other] = Waiting(path, str(bad), bad.kind, other)
                    for_good.add(other)
                    continue
                except apsw.Error:
                    why = f"{path} is cut short (its changes stop partway)"
                    stopped[other] = Waiting(path, why, "cut_short", other)
                    for_good.add(other)
                    continue
                if why := self._unsealed_from_a_stranger(header, applied):
                    stopped[other] = Waiting(path, why, "stranger", other)
                    for_good.add(other)
                    continue
                if after := self._written_after(header, applied, device):
                    stopped[other] = Waiting(path, after, "after", other)
                    continue
                yield header, _fit_to_this_schema(self.conn, changeset), path
                applied[other] = expected
                moved = True
        waiting.extend(stopped[other] for other in sorted(stopped))

    @staticmethod
    def _written_after(header: dict, applied: dict[int, int], device: int) -> str | None:
        """Why a file must wait for another device's: its writer had applied a file this
        machine has not (its own, this machine always has)."""
        needs = header.get("applied")
        if not isinstance(needs, list):
            return None  # a file from a version that did not say: in order per device, as then
        for pair in needs:
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, int) for n in pair):
                other, seq = pair
                if other != device and applied.get(other, 0) < seq:
                    return f"waits for file {seq} from device {other}, which it was written after"
        return None

    def _unsealed_from_a_stranger(self, header: dict, applied: dict[int, int]) -> str | None:
        """A private journal applies a file in the clear only from a machine it synced with while
        it was plain (that machine's journal is still plain: its news is not lost); a file in the
        clear from a device it never heard of could have been put in the folder by anyone."""
        if self.data_key is None or header.get("sealed") is not None or header["device"] in applied:
            return None
        return (
            "not sealed, and from a device this private journal never synced with (anyone who can write"
            " to the folder could have put it there); it waits, and a plain copy of the journal applies it"
        )

    def _incoming_summary(self, device: int) -> tuple[list[Arrived], list[Waiting]]:
        waiting: list[Waiting] = []
        arrived = [
            Arrived(h["device"], h["seq"], changes_in(c), self.news(c)) for h, c, _p in self._pending(device, waiting)
        ]
        return arrived, waiting

    def news(self, changeset: bytes) -> list[str]:
        """What `changeset` does, record by record, named from its rows and the journal's."""
        changes = []
        for change in apsw.Changeset.iter(changeset):
            columns = self.columns(change.name)
            if change.op == "INSERT":
                changes.append(RowChange(change.name, "add", dict(zip(columns, change.new, strict=False))))
            elif change.op == "DELETE":
                changes.append(RowChange(change.name, "delete", dict(zip(columns, change.old, strict=False))))
            else:
                known = {n: v for n, v in zip(columns, change.old, strict=False) if v is not apsw.no_change}
                new = {n: v for n, v in zip(columns, change.new, strict=False) if v is not apsw.no_change}
                key = [change.old[i] for i in self.pk_indexes(change.name)]
                row = {**known, **new, **(self._row(change.name, key) or {})}
                changes.append(RowChange(change.name, "change", row, tuple(new)))
        return describe_all(changes, lambda table, id_: self._row(table, [id_]), self.today)

    def _row(self, table: str, key: list) -> dict | None:
        """A row of the journal by its primary key, as it stands in this sync's transaction."""
        columns = self.columns(table)
        names = [columns[i] for i in self.pk_indexes(table)]
        if table not in self.tables or len(names) != len(key) or any(k is None for k in key):
            return None
        where = " AND ".join(f"[{name}] = ?" for name in names)
        found = next(self.conn.execute(f"SELECT * FROM main.[{table}] WHERE {where}", key), None)
        return dict(zip(columns, found, strict=True)) if found else None

    def _archive_deleted(self, changeset: bytes) -> None:
        """Keep each row a changeset deletes, whole, so a record another machine added something
        to meanwhile can be put back with it (`Applier.mend_links`)."""
        for change in apsw.Changeset.iter(changeset):
            if change.op == "DELETE":
                self._archive(change.name, change.old)

    def _archive(self, table: str, old: tuple) -> None:
        columns = self.columns(table)
        key = json.dumps([old[i] for i in self.pk_indexes(table)])
        row = json.dumps(dict(zip(columns, old, strict=True)))
        self.conn.execute(
            "INSERT INTO main.sync_deleted (table_name, row_key, row) VALUES (?, ?, ?)"
            " ON CONFLICT DO UPDATE SET row = excluded.row",
            [table, key, row],
        )

    def _base_is_of(self, journal: str, sent: int) -> bool:
        """Whether the base beside the journal is this journal's as of its last sync: it says so
        (`sync_base`, kept at each sync); a base from before it said anything is taken as it is."""
        try:
            self._attach(self.base, "held")
        except apsw.Error:
            return False
        try:
            found = list(self.conn.execute("SELECT name FROM held.sqlite_master WHERE name = 'sync_base'"))
            if not found:
                return True
            return list(self.conn.execute("SELECT journal, sent FROM held.sync_base")) == [(journal, sent)]
        except apsw.Error:
            return False  # not a database, or not with this journal's key
        finally:
            self.conn.execute("DETACH DATABASE held")

    def _check_identity(self, dry_run: bool) -> bool:
        """A journal copied from another machine (its base left behind, or its device already
        writing in the folder as another journal) takes a device number of its own before it
        sends anything, so the two never write one file or one id. True when it did."""
        device, journal, sent = self.identity()
        own_files = numbered_files(self.folder / OUTBOX / str(device))
        # no base here, yet this device has sent before (or its files are in the folder): a copy
        copied = not self.base.exists() and (sent > 0 or bool(own_files))
        if self.base.exists() and not self._base_is_of(journal, sent):
            copied = True  # the base another journal left here (this one copied over it)
        for _seq, path in own_files[-1:]:
            with contextlib.suppress(SyncError):
                header, _ = read_change_file(path, self.data_key)
                copied = copied or header.get("journal") != journal
        if not copied or dry_run:
            return False
        import random
        import uuid

        taken = {int(p.name) for p in (self.folder / OUTBOX).glob("*") if p.name.isdigit()}
        new = device
        while new == device or new in taken:
            new = random.SystemRandom().randint(1, MAX_DEVICE)
        with self.conn:
            # what the original had sent is in this copy already: only its later files are news
            self.conn.execute(
                "INSERT INTO sync_applied (device, seq, clock) SELECT ?, ?, clock FROM sync_device WHERE true"
                " ON CONFLICT (device) DO NOTHING",
                [device, sent],
            )
            self.conn.execute("UPDATE sync_device SET device = ?, journal = ?, sent = 0", [new, str(uuid.uuid4())])
        with contextlib.suppress(FileNotFoundError):
            self.base.unlink()
        return True


def _raw(key: JournalKey) -> str:
    """The data key as SQLCipher's raw-key literal (no key derivation)."""
    return f"x'{key.data.hex()}'"


def _fit_to_this_schema(conn: apsw.Connection, changeset: bytes) -> bytes:
    """A file from a machine one schema behind has fewer columns: the new ones take their defaults."""
    builder = apsw.ChangesetBuilder()
    try:
        builder.schema(conn, "main")
        builder.add(changeset)
        return builder.output()
    finally:
        builder.close()


def changes_in(changeset: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in apsw.Changeset.iter(changeset):
        counts[change.name] = counts.get(change.name, 0) + 1
    return counts


def sync(
    journal: Path, folder: Path, dry_run: bool = False, key: JournalKey | None = None, today: date | None = None
) -> SyncReport:
    """One sync of `journal` (opened with `key` when it is private) through `folder`; SyncError
    in words when it cannot run. `today` is the user's, for the days a dry run names."""
    if not Path(folder).is_dir():
        raise SyncError(
            f"the sync folder {folder} is not there; create it, or set another (followup settings sync.folder)"
        )
    engine = SyncEngine(journal, folder, key)
    engine.today = today
    try:
        report = engine.run(dry_run)
        if report.conflicts and not dry_run:
            from .sync_conflicts import conflicts_in

            report.described = conflicts_in(engine.conn, report.conflicts)
        return report
    except apsw.BusyError:
        raise SyncError(f"{journal} is busy: another copy of followup is writing; sync again in a moment") from None
    except apsw.Error as error:
        raise SyncError(f"the sync could not finish ({error}); nothing was half applied, sync again") from None
    except OSError as error:
        raise SyncError(f"the sync folder could not be written ({error.strerror or error}); nothing was sent") from None
    finally:
        engine.close()
