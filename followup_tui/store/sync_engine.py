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

This is the one module that imports apsw (the store's second driver).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import apsw

from followup_tui.domain.sync_rules import Stamp, settle_field, theirs_is_later
from followup_tui.domain.values import COLUMN_CHECKS, ROW_STAMP_CHECKS, column_problem, text_problem

from .opening import StoreError
from .sync_tables import MAX_DEVICE, base_path_for, synced_tables
from .versions import MIGRATION_NAMES

FORMAT = "followup-tui changeset"
FORMAT_VERSION = 1
OUTBOX = "outbox"
BUSY_MS = 10_000
_SEQ_NAME = re.compile(r"^\d{8,}$")
_STAMP_COLUMNS = ("last_changed_at", "last_changed_on")


class SyncError(StoreError):
    """A sync that could not run, told in one line; nothing was half written."""


@dataclass(frozen=True)
class Arrived:
    """One file applied (or, in a dry run, that would be): whose, which, and what it changes."""

    device: int
    seq: int
    changes: dict[str, int]
    """Table → number of rows it inserts, updates or deletes."""


@dataclass(frozen=True)
class Waiting:
    """A file left for later, and why (a newer schema, a gap before it, a file that is not ours)."""

    path: Path
    why: str


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

    @property
    def changed_here(self) -> bool:
        return bool(self.arrived)


# --- the files -------------------------------------------------------------------------------


def seal(payload: bytes) -> bytes:
    """The changeset as it goes into the folder. The seam for an encrypted journal: once the
    journal has a key (SQLCipher), the changeset is encrypted with it here and `unseal` reverses
    it; until then both are the identity and the header says `"sealed": null`."""
    return payload


def unseal(body: bytes, how: str | None) -> bytes:
    if how is not None:
        raise SyncError(f"a change file sealed with {how!r}, which this journal cannot open")
    return body


def _header(device: int, journal: str, seq: int) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": list(MIGRATION_NAMES),
        "device": device,
        "journal": journal,
        "seq": seq,
        "sealed": None,
    }


def read_change_file(path: Path) -> tuple[dict, bytes]:
    """A change file's header and changeset; SyncError when it is not one of ours (ownership is
    proven from the content, never the name)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SyncError(f"cannot read {path}: {error.strerror or error}") from None
    line, sep, body = data.partition(b"\n")
    try:
        header = json.loads(line) if sep else None
    except (ValueError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SyncError(f"{path} is not a followup change file")
    if not isinstance(header.get("device"), int) or not isinstance(header.get("seq"), int):
        raise SyncError(f"{path} is not a followup change file (its header names no device)")
    return header, unseal(body, header.get("sealed"))


def _write_change_file(folder: Path, header: dict, changeset: bytes) -> Path:
    """Write atomically: a temp file in the device's own sub-folder, flushed, then linked to its
    name (which fails rather than replaces, should the name be taken)."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{header['seq']:08d}"
    descriptor, temp = tempfile.mkstemp(prefix=".writing-", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(json.dumps(header).encode() + b"\n" + seal(changeset))
            file.flush()
            os.fsync(file.fileno())
        os.link(temp, final)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    with contextlib.suppress(OSError):  # the name itself, on disk
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return final


def _numbered_files(folder: Path) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    return sorted((int(p.name), p) for p in folder.iterdir() if _SEQ_NAME.match(p.name) and p.is_file())


# --- the engine ------------------------------------------------------------------------------


class SyncEngine:
    """One sync of the journal at `journal` through `folder`."""

    def __init__(self, journal: Path, folder: Path):
        self.journal = Path(journal)
        self.folder = Path(folder)
        self.base = base_path_for(self.journal)
        self.conn = self._open(self.journal)
        self.tables = self._synced_tables()
        self._columns: dict[str, list[str]] = {}
        self._pk: dict[str, list[int]] = {}

    # connections

    @staticmethod
    def _open(path: Path) -> apsw.Connection:
        try:
            conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READWRITE)
        except apsw.Error as error:
            raise SyncError(f"cannot open {path} to sync it: {error}") from None
        conn.setbusytimeout(BUSY_MS)
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

    @contextlib.contextmanager
    def _base_attached(self) -> Iterator[None]:
        self.conn.execute("ATTACH DATABASE ? AS base", [str(self.base)])
        try:
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
                if outgoing:
                    seq = self._next_seq(device)
                    if not dry_run:
                        _write_change_file(self.folder / OUTBOX / str(device), _header(device, journal, seq), outgoing)
                    self._archive_deleted(outgoing)
                    conn.execute("UPDATE main.sync_device SET sent = ?", [seq])
                    report.sent.append(seq)
                    for table, count in _summary(outgoing).items():
                        report.sent_changes[table] = report.sent_changes.get(table, 0) + count
                forget: list = []
                if not send_only:
                    applier = Applier(self)
                    for header, changeset, _path in self._pending(device, report.waiting):
                        applier.apply(header, changeset)
                        conn.execute(
                            "INSERT INTO main.sync_applied (device, seq) VALUES (?, ?)"
                            " ON CONFLICT (device) DO UPDATE SET seq = excluded.seq",
                            [header["device"], header["seq"]],
                        )
                        report.arrived.append(Arrived(header["device"], header["seq"], _summary(changeset)))
                    applier.mend_links()
                    report.conflicts.extend(applier.conflicts)
                    forget = applier.forget
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
        _device, _journal, sent = self.identity()
        there = _numbered_files(self.folder / OUTBOX / str(device))
        return max([sent, *(seq for seq, _ in there)]) + 1

    def _applied(self) -> dict[int, int]:
        return dict(self.conn.execute("SELECT device, seq FROM main.sync_applied"))

    def _pending(self, device: int, waiting: list[Waiting]) -> Iterator[tuple[dict, bytes, Path]]:
        """Every other device's files not yet applied, in order per device; a device's files stop
        at a gap (a file not here yet) or at a file this version cannot apply."""
        applied = self._applied()
        outbox = self.folder / OUTBOX
        devices = (
            sorted(int(p.name) for p in outbox.iterdir() if p.is_dir() and p.name.isdigit()) if outbox.is_dir() else []
        )
        for other in devices:
            if other == device:
                continue
            expected = applied.get(other, 0) + 1
            for seq, path in _numbered_files(outbox / str(other)):
                if seq < expected:
                    continue  # applied before: a second delivery changes nothing
                if seq > expected:
                    waiting.append(Waiting(path, f"waits for file {expected} from device {other}"))
                    break
                try:
                    header, changeset = read_change_file(path)
                except SyncError as error:
                    waiting.append(Waiting(path, str(error)))
                    break
                if why := _why_not_now(header, other, seq):
                    waiting.append(Waiting(path, why))
                    break
                yield header, _fit_to_this_schema(self.conn, changeset), path
                expected += 1

    def _incoming_summary(self, device: int) -> tuple[list[Arrived], list[Waiting]]:
        waiting: list[Waiting] = []
        arrived = [Arrived(h["device"], h["seq"], _summary(c)) for h, c, _p in self._pending(device, waiting)]
        return arrived, waiting

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

    def _check_identity(self, dry_run: bool) -> bool:
        """A journal copied from another machine (its base left behind, or its device already
        writing in the folder as another journal) takes a device number of its own before it
        sends anything, so the two never write one file or one id. True when it did."""
        device, journal, sent = self.identity()
        own_files = _numbered_files(self.folder / OUTBOX / str(device))
        # no base here, yet this device has sent before (or its files are in the folder): a copy
        copied = not self.base.exists() and (sent > 0 or bool(own_files))
        for _seq, path in own_files[-1:]:
            with contextlib.suppress(SyncError):
                header, _ = read_change_file(path)
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
                "INSERT INTO sync_applied (device, seq) VALUES (?, ?) ON CONFLICT (device) DO NOTHING", [device, sent]
            )
            self.conn.execute("UPDATE sync_device SET device = ?, journal = ?, sent = 0", [new, str(uuid.uuid4())])
        with contextlib.suppress(FileNotFoundError):
            self.base.unlink()
        return True


def refused_value(table: str, column: str, value: object) -> str | None:
    """What is wrong with a value a change file brings, as the forms would say it, or None."""
    if COLUMN_CHECKS.get(table, {}).get(column) or ROW_STAMP_CHECKS.get(column):
        return column_problem(table, column, value)
    return text_problem(value) if isinstance(value, str) else None


def _why_not_now(header: dict, device: int, seq: int) -> str | None:
    if header.get("device") != device or header.get("seq") != seq:
        return f"its header names device {header.get('device')} file {header.get('seq')}, not where it lies"
    schema = header.get("schema")
    if not isinstance(schema, list) or any(name not in MIGRATION_NAMES for name in schema):
        return "it was written by a newer followup-tui; it waits until this machine is upgraded"
    return None


def _fit_to_this_schema(conn: apsw.Connection, changeset: bytes) -> bytes:
    """A file from a machine one schema behind has fewer columns: the new ones take their defaults."""
    builder = apsw.ChangesetBuilder()
    try:
        builder.schema(conn, "main")
        builder.add(changeset)
        return builder.output()
    finally:
        builder.close()


def _summary(changeset: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in apsw.Changeset.iter(changeset):
        counts[change.name] = counts.get(change.name, 0) + 1
    return counts


def conflict_id(kind: str, table: str, key: str, column: str, other: str) -> int:
    """The same conflict, found on two machines, is one row: its id is made from what it is."""
    digest = hashlib.sha256(json.dumps([kind, table, key, column, other]).encode()).digest()
    return int.from_bytes(digest[:8], "big") & (2**53 - 1) or 1


class Applier:
    """Applies change files with the journal's rules for what both machines changed."""

    def __init__(self, engine: SyncEngine):
        self.engine = engine
        self.conn = engine.conn
        self.conflicts: list[int] = []
        self.forget: list[tuple[str, list]] = []
        self._fixes: list[tuple[str, list, dict]] = []
        self._author = 0
        self.applied_any = False

    def apply(self, header: dict, changeset: bytes) -> None:
        self.applied_any = True
        self._author = header["device"]
        for change in apsw.Changeset.iter(changeset):
            if change.op == "DELETE":
                self.engine._archive(change.name, change.old)
        self._fixes = []
        apsw.Changeset.apply(changeset, self.conn, filter_change=self._takes, conflict=self._on_conflict)
        for table, key, values in self._fixes:
            self._update(table, key, values)

    def _takes(self, change: apsw.TableChange) -> bool:
        """A change from a file goes in only to a synced table, and only with values the forms
        would take (`domain.values`); one that is refused is named as a conflict."""
        table = change.name
        if table not in self.engine.tables:
            return False
        if change.new is None:
            return True
        columns = self.engine.columns(table)
        for name, value in zip(columns, change.new, strict=True):
            if value is not apsw.no_change and refused_value(table, name, value):
                values = change.new if change.op == "INSERT" else change.old
                self._note("refused", table, [values[i] for i in self.engine.pk_indexes(table)])
                return False
        return True

    # the handler: copies what it needs out of the change, decides, and leaves writes for after

    def _on_conflict(self, why: int, change: apsw.TableChange) -> int:
        table = change.name
        if why == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
            return apsw.SQLITE_CHANGESET_OMIT  # links are mended once the file is in (mend_links)
        columns = self.engine.columns(table)
        pk = self.engine.pk_indexes(table)
        if why == apsw.SQLITE_CHANGESET_NOTFOUND:
            if change.op == "UPDATE":  # deleted here, edited there: it comes back from there, whole
                self._note("kept", table, [change.old[i] for i in pk])
            return apsw.SQLITE_CHANGESET_OMIT
        if why == apsw.SQLITE_CHANGESET_CONSTRAINT:
            values = change.new if change.new is not None else change.old
            self._note("refused", table, [values[i] for i in pk])
            return apsw.SQLITE_CHANGESET_OMIT
        current = tuple(change.conflict)
        key = [current[i] for i in pk]
        if change.op == "DELETE":  # edited here, deleted there: kept, and sent out whole again
            self._note("kept", table, key)
            self.forget.append((table, key))
            return apsw.SQLITE_CHANGESET_OMIT
        new = tuple(change.new)
        if change.op == "INSERT" and self._put_back_unchanged(table, columns, key, current):
            return apsw.SQLITE_CHANGESET_REPLACE  # the record itself, sent whole from where it was kept
        old = tuple(change.old) if change.op == "UPDATE" else (apsw.no_change,) * len(columns)
        self._settle(table, columns, key, current, old, new)
        return apsw.SQLITE_CHANGESET_OMIT

    def _put_back_unchanged(self, table: str, columns: list[str], key: list, current: tuple) -> bool:
        """Whether the row here is one a sync put back as it was deleted (`_put_back`), untouched
        since: another machine's whole copy of it then simply takes its place."""
        found = next(
            self.conn.execute(
                "SELECT row FROM main.sync_deleted WHERE table_name = ? AND row_key = ?", [table, json.dumps(key)]
            ),
            None,
        )
        return found is not None and found[0] == json.dumps(dict(zip(columns, current, strict=True)))

    def _settle(self, table: str, columns: list[str], key: list, current: tuple, old: tuple, new: tuple) -> None:
        """Both machines changed this row: field by field, what only they changed is taken, and
        what both changed is settled by the journal's rules."""
        at, on = columns.index("last_changed_at"), columns.index("last_changed_on")
        theirs_at = new[at] if new[at] is not apsw.no_change else current[at]
        theirs_on = new[on] if new[on] is not apsw.no_change else self._author
        mine, theirs = Stamp(current[at] or 0, current[on] or 0), Stamp(theirs_at or 0, theirs_on or 0)
        values: dict[str, object] = {}
        for i, name in enumerate(columns):
            value = new[i]
            if value is apsw.no_change or name in _STAMP_COLUMNS or value == current[i]:
                continue
            if old[i] is not apsw.no_change and isinstance(old[i], str):
                self._superseded(table, key, name, old[i])
            if old[i] is not apsw.no_change and old[i] == current[i]:
                values[name] = value  # changed there only
                continue
            later = theirs_is_later(mine, theirs, current[i], value)
            outcome = settle_field(table, name, current[i], value, later)
            if outcome.value != current[i]:
                values[name] = outcome.value
            if outcome.set_aside is not None:
                self._note("two_versions", table, key, name, str(outcome.set_aside))
        later = max(mine, theirs)
        if later != mine:
            values["last_changed_at"], values["last_changed_on"] = later.at, later.device
        if values:
            self._fixes.append((table, key, values))

    def _superseded(self, table: str, key: list, column: str, text: str) -> None:
        """A version set aside here that the machine which wrote it has since written over (the
        change's old value): nothing is left to choose between, on any machine."""
        conflict = conflict_id("two_versions", table, json.dumps(key), column, text)
        self.conn.execute("DELETE FROM main.sync_conflicts WHERE id = ?", [conflict])

    def _update(self, table: str, key: list, values: dict) -> None:
        columns = self.engine.columns(table)
        where = " AND ".join(f"[{columns[i]}] = ?" for i in self.engine.pk_indexes(table))
        assignments = ", ".join(f"[{name}] = ?" for name in values)
        self.conn.execute(f"UPDATE main.[{table}] SET {assignments} WHERE {where}", [*values.values(), *key])

    def _note(self, kind: str, table: str, key: list, column: str = "", other: str = "") -> None:
        """A conflict the user is shown once: the same on every machine that finds it."""
        row_key = json.dumps(key)
        conflict = conflict_id(kind, table, row_key, column, other)
        self.conn.execute(
            "INSERT INTO main.sync_conflicts (id, kind, table_name, row_key, column_name, other,"
            " last_changed_at, last_changed_on) VALUES (?, ?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING",
            [conflict, kind, table, row_key, column, other],
        )
        if self.conn.changes() and conflict not in self.conflicts:
            self.conflicts.append(conflict)

    def mend_links(self) -> None:
        """Rows whose parent another machine deleted while this one added to it (or the other
        way round): a link that is cleared on delete is cleared; a record that goes with its
        parent brings the parent back, from the rows deleted by a sync, and says so."""
        if not self.applied_any:
            return
        for _round in range(20):
            broken = self._broken_links()
            if not broken:
                return
            for table, rowid, parent, link_id in broken:
                link = [
                    row for row in self.conn.execute(f"PRAGMA main.foreign_key_list([{table}])") if row[0] == link_id
                ]
                child_column, parent_column, on_delete = link[0][3], link[0][4] or "id", link[0][6]
                if on_delete == "SET NULL":
                    self.conn.execute(f"UPDATE main.[{table}] SET [{child_column}] = NULL WHERE rowid = ?", [rowid])
                    continue
                (wanted,) = next(
                    self.conn.execute(f"SELECT [{child_column}] FROM main.[{table}] WHERE rowid = ?", [rowid])
                )
                if parent_column == "id" and self._put_back(parent, wanted):
                    continue
                row = next(self.conn.execute(f"SELECT * FROM main.[{table}] WHERE rowid = ?", [rowid]))
                self._note("refused", table, [row[i] for i in self.engine.pk_indexes(table)])
                self.conn.execute(f"DELETE FROM main.[{table}] WHERE rowid = ?", [rowid])
        raise SyncError("the journal's links could not be mended after a sync; nothing was applied")

    def _broken_links(self) -> list[tuple[str, int, str, int]]:
        """The links a sync may have broken, as `PRAGMA foreign_key_check` lists them, looked for
        only among the rows this sync wrote and the rows that point at them (by their indexes),
        not across the whole journal."""
        broken = []
        for table in self.engine.tables:
            for link_id, _seq, parent, column, to, *_ in list(
                self.conn.execute(f"PRAGMA main.foreign_key_list([{table}])")
            ):
                to = to or "id"
                missing = (
                    f"[{column}] IS NOT NULL"
                    f" AND NOT EXISTS (SELECT 1 FROM main.[{parent}] p WHERE p.[{to}] = t.[{column}])"
                )
                mine = self.engine._touched(table)
                parents_touched = (
                    f"[{column}] IN (SELECT json_extract(row_key, '$[0]') FROM main.sync_touched"
                    f" WHERE table_name = '{parent}')"
                )
                sql = f"SELECT rowid FROM main.[{table}] t WHERE ({mine} OR {parents_touched}) AND {missing}"
                broken += [(table, rowid, parent, link_id) for (rowid,) in self.conn.execute(sql)]
        return broken

    def _put_back(self, table: str, row_id: object) -> bool:
        found = next(
            self.conn.execute(
                "SELECT row FROM main.sync_deleted WHERE table_name = ? AND row_key = ?", [table, json.dumps([row_id])]
            ),
            None,
        )
        if found is None:
            return False
        row = json.loads(found[0])
        names = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" * len(row))
        self.conn.execute(f"INSERT OR IGNORE INTO main.[{table}] ({names}) VALUES ({marks})", list(row.values()))
        self._note("kept", table, [row_id])
        return True


def sync(journal: Path, folder: Path, dry_run: bool = False) -> SyncReport:
    """One sync of `journal` through `folder`; SyncError in words when it cannot run."""
    if not Path(folder).is_dir():
        raise SyncError(
            f"the sync folder {folder} is not there; create it, or set another (followup settings sync.folder)"
        )
    engine = SyncEngine(journal, folder)
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
