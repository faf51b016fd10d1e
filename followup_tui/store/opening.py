"""Opening the journal file safely: check it, then configure it, then upgrade it.

Nothing is written to a file until it has been shown to be a followup-tui journal
(or a new, empty one) that this version understands; a file that is not is left
byte-for-byte as it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from followup_tui import __version__

from . import driver
from .versions import MIGRATION_NAMES, MIGRATION_SET

BUSY_TIMEOUT_SECONDS = 1.0
"""How long one attempt to write waits for another copy of the app; the store then says it is
waiting (see `StoreBase.transaction`) and keeps trying for as long as its patience lasts."""

SQLITE_HEADER = b"SQLite format 3\x00"
WORKING_FILE_ENDINGS = ("-wal", "-shm", "-journal")
"""What SQLite names the files it keeps beside a journal while it is open: the write-ahead log,
its index, and the rollback journal."""


class StoreError(Exception):
    """A problem with the journal file, told in one line a person can act on."""


class JournalBusy(StoreError):
    """Another copy of followup kept the journal's write lock for longer than this one would wait."""


class CannotUnlock(StoreError):
    """A private journal could not be unlocked: said in one line, and the command exits 2."""

    exit_code = 2


class WrongPassphrase(CannotUnlock):
    """The passphrase (or the kept key) given is not the journal's."""


class JournalLocked(CannotUnlock):
    """No source of the key reached a private journal: the line says how to give it one."""


def key_file_of(path: Path) -> Path:
    """Where a private journal keeps its wrapped key: beside it, named after it."""
    return path.with_name(f"{path.name}.key")


class RecordGone(Exception):
    """The record a change was for is no longer in the journal (another copy of followup removed
    it since it was read): nothing was written."""


def refuse_odd_file(path: Path) -> None:
    """Refuse, at once, a journal path that names a folder, a pipe, a device or a socket: opening
    one could hang (a FIFO waits for a writer forever) or write where no journal belongs."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # not there (yet), or not reachable: the caller's own open says so
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path} is a folder; give the path of a database file inside it")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a regular file (it is a pipe, device or socket); give a journal file")


def connect(path: Path, *, private_folder: bool = False) -> driver.Connection:
    """Open (creating if needed) the journal at `path`, upgraded to this version's schema.

    `private_folder` says the folder is the app's own, so it is made 0700 even when
    it already exists; a folder the user named with --db is only made private when
    this call creates it. A journal already at this version opens over plain sqlite3:
    sqlite-utils is loaded only to upgrade one, so the app's first frame need not wait for it.
    """
    path = Path(path).expanduser()
    _prepare_path(path, private_folder)
    conn = open_connection(path, path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        applied = check_is_journal(conn, path)
        _configure(conn)
        if tuple(applied) != MIGRATION_NAMES:
            _upgrade(conn, path)
        _make_private(path)
    except driver.Error as error:
        conn.close()
        raise StoreError(describe_error(error, path)) from None
    except OSError as error:
        conn.close()
        raise StoreError(f"cannot secure {path}: {error.strerror or error}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def open_connection(path: Path, database: str | Path, **options) -> driver.Connection:
    """A connection to the journal at `path` (`database` may be a URI for it), unlocked when the
    journal is private. SQLCipher (and the key's sources) load only for a private journal."""
    key = None
    if key_file_of(path).exists():
        from .unlock import journal_key

        key = journal_key(path)
    try:
        if key is None:
            return driver.connect(database, **options)
        return driver.connect(database, key=key.data, compatibility=key.compatibility, **options)
    except driver.KeyDoesNotOpen:
        raise StoreError(
            f"{path} does not open with its key, though the key is right: it was encrypted with other cipher"
            f" settings than its key file names (SQLCipher {key.compatibility} defaults), or the key file"
            " beside it belongs to another journal"
        ) from None
    except driver.CipherMissing as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    except driver.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from None


def _prepare_path(path: Path, private_folder: bool) -> None:
    refuse_odd_file(path)
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
        elif private_folder:
            folder.chmod(0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise StoreError(f"cannot create a journal at {path}: {error.strerror or error}") from None
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied")
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; followup-tui needs to write to its journal (chmod u+w, or copy it)")
    if not os.access(folder, os.W_OK):
        raise StoreError(
            f"the folder {folder} is read-only; followup-tui writes a log beside the journal"
            " (move the journal somewhere writable)"
        )


def check_is_journal(conn: driver.Connection, path: Path) -> list[str]:
    """Refuse, before any write, a file that is not SQLite, not ours, or too new; the names of
    the migrations it has had ([] for a new, empty file)."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except driver.DatabaseError as error:
        raise StoreError(describe_error(error, path)) from None
    if not tables:
        return []
    if "_sqlite_migrations" not in tables:
        raise StoreError(f"{path} is a SQLite database, but not a followup-tui journal")
    applied = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
        )
    ]
    if not applied:
        raise StoreError(f"{path} is a SQLite database, but not a followup-tui journal")
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise StoreError(
            f"{path} was written by a newer version of followup-tui "
            f"(this is {__version__}); upgrade followup-tui to open it"
        )
    return applied


def _configure(conn: driver.Connection) -> None:
    """The connection's settings, as sqlite-utils would make them (recursive triggers keep the
    search index right when a row is replaced) plus links checked and the write-ahead log."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = wal")


def _upgrade(conn: driver.Connection, path: Path) -> None:
    """Apply pending migrations holding the write lock, so two copies never race.

    A journal that already holds data is first copied whole next to itself, so an upgrade
    can always be undone by hand.
    """
    from sqlite_utils import Database

    from .schema import migrations

    db = Database(conn)
    pending = migrations.pending(db)
    if pending:
        if migrations.applied(db):
            backup_copy(conn, path.with_name(f"{path.name}.before-{pending[0].name}.backup"), path)
        # A migration may rebuild a table others point at; links are checked before it commits.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations.apply(db)
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()
        finally:
            conn.execute("PRAGMA foreign_keys = ON")


def backup_copy(conn: driver.Connection, target: Path, source: Path | None = None) -> Path:
    """A consistent copy of the journal at `target` (SQLite's VACUUM INTO), private to the user
    from its first byte.

    The copy is written inside a fresh 0700 folder beside `target` and only then given its name,
    so no one else can read it while it is written, and a copy that fails or is killed leaves no
    readable partial file. An existing `target` is never overwritten: the copy gets a numbered
    name beside it instead. The copy of a private journal (at `source`) is encrypted with the same
    key, and a copy of its key file goes beside it, so the backup opens with the same passphrase.
    """
    import shutil
    import tempfile

    if not _is_utf8(target.parent.absolute()):
        raise StoreError(
            f"the folder {target.parent} has a name that is not UTF-8 text, and SQLite writes only into folders"
            " whose names are; give -o a file in another folder"
        )
    # Names of our own inside, so a file name that is not UTF-8 (which SQLite cannot take) is
    # only ever given by the link at the end.
    folder = Path(tempfile.mkdtemp(prefix=".followup-backup.", suffix=".partial", dir=target.parent))
    try:
        written = folder / "journal.db"
        os.close(os.open(written, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))  # VACUUM INTO fills it
        conn.execute("VACUUM INTO ?", [str(written)])  # a private journal's copy: encrypted with its key
        private = source is not None and key_file_of(source).exists() and not _starts_like_sqlite(written)
        if private:
            shutil.copyfile(key_file_of(source), key_file_of(written))
            os.chmod(key_file_of(written), 0o600)
        named = _name_without_replacing(written, target)
        if private:
            _give_key_file(key_file_of(written), key_file_of(named))
        return named
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _give_key_file(written: Path, target: Path) -> None:
    """Put the copy's key file beside it; a file already there is left alone unless it is the same key."""
    try:
        os.link(written, target)
    except FileExistsError:
        if target.read_bytes() != written.read_bytes():
            raise StoreError(f"{target} is in the way of the backup's key file; move it, then back up again") from None


def _is_utf8(path: Path) -> bool:
    """Whether `path` is text SQLite can take: a name with bytes that are not UTF-8 comes to
    Python as lone surrogates."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name_without_replacing(written: Path, target: Path) -> Path:
    """Give `written` the name `target`, or `target-2`, `target-3`… when taken."""
    candidate, number = target, 1
    while True:
        try:
            os.link(written, candidate)  # fails, rather than replaces, when the name is taken
            return candidate
        except FileExistsError:
            number += 1
            candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")


def _make_private(path: Path) -> None:
    """Take away what others may do with the journal and its write-ahead log; add nothing."""
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm"), key_file_of(path)):
        if file.exists() and (mode := stat.S_IMODE(file.stat().st_mode)) & 0o077:
            file.chmod(mode & 0o700)


def describe_error(error: driver.Error, path: Path | None) -> str:
    """What went wrong with the journal at `path`, in words that say what to do about it."""
    text = str(error)
    where = path or "the journal"
    if "locked" in text or "busy" in text:
        return f"{where} is in use by another program; close it and try again"
    if "full" in text:
        return f"the disk holding {where} is full; free some space and try again (nothing was written)"
    if "readonly" in text or "read-only" in text:
        return f"{where} is read-only; followup-tui needs to write to its journal"
    if "disk I/O" in text:
        return f"{where} could not be read or written (a disk error); check the disk, then try again"
    if any(sign in text for sign in ("not a database", "malformed", "corrupt", "vtable constructor failed")):
        if path is None:  # the file is not known here: it may be either
            return f"{where} is damaged or is not a followup-tui journal ({text}); restore your latest backup"
        if not _starts_like_sqlite(path):
            return (
                f"{where} is not a followup-tui journal (it is not a SQLite database); if it is a private"
                f" (encrypted) journal, its key file {key_file_of(Path(path)).name} is missing beside it"
            )
        return (
            f"{where} is damaged (cut short or partly overwritten); restore your latest backup"
            " (followup backup --help says how)"
        )
    return f"cannot use {where} ({text}); if it is damaged, restore your latest backup (see followup backup --help)"


def as_store_error(error: BaseException, path: Path | None) -> StoreError | None:
    """A database error from anywhere below as the StoreError a person can act on; None for others."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, driver.DatabaseError):
        return StoreError(describe_error(error, path))
    return None


def is_busy(error: driver.Error) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
