"""Turning a journal private (encrypted) and back, and changing its passphrase.

`encrypt_journal` writes the encrypted copy in a private folder beside the journal, checks every
table's rows and every search index of the copy against the original, writes the key file, and
only then renames the copy over the journal. At every moment the journal file is either the plain
original (a key file beside a plain file is ignored) or the verified encrypted copy with its key
file already in place, so a kill at any point leaves a journal that opens. `decrypt_journal` is the
same road back. `rekey_journal` rewraps the data key, rewriting the key file alone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import driver
from .opening import (
    BUSY_TIMEOUT_SECONDS,
    SQLITE_HEADER,
    WORKING_FILE_ENDINGS,
    StoreError,
    check_is_journal,
    connect,
    describe_error,
    is_busy,
    key_file_of,
)
from .sync_tables import base_path_for
from .unlock import (
    JournalKey,
    drop_from_keyring,
    forget,
    forget_for_session,
    is_private,
    journal_key,
    new_key,
    read_key_file,
    remember,
    sealed_key,
    sync_folder,
    write_key_file,
)
from .versions import MIGRATION_SET

Step = Callable[[str], None]
"""Told the name of each point `encrypt`/`decrypt` reaches: "started", "copied", "verified", "sealed",
"replaced" (the kill tests stop the program at each)."""


@dataclass(frozen=True)
class Turned:
    """What `encrypt` or `decrypt` did: the rows it carried over, table by table."""

    path: Path
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def encrypt_journal(path: Path, passphrase: str, *, on_step: Step = lambda step: None) -> Turned:
    """Make the plain journal at `path` private, its data key sealed by `passphrase`."""
    path = Path(path).expanduser()
    check_encryptable(path)
    connect(path).close()  # refused if not a journal; upgraded to this version before it is copied
    key = new_key()
    rows = _turn(path, source_key=b"", target_key=key, on_step=on_step, seal=lambda: _seal(path, key, passphrase))
    remember(path, key)
    return Turned(path, rows)


def check_encryptable(path: Path) -> None:
    """Refuse, before a passphrase is asked for, a journal `encrypt_journal` would refuse."""
    path = Path(path).expanduser()
    if not path.exists():
        raise StoreError(f"there is no journal at {path} yet; open it once (or give --db), then encrypt it")
    if is_private(path):
        raise StoreError(f"{path} is already private (encrypted); `followup rekey` changes its passphrase")
    if key_file_of(path).exists():
        read_key_file(key_file_of(path))  # a stale key file is replaced only when it is provably ours
    refuse_if_open_elsewhere(path)


def decrypt_journal(path: Path, *, on_step: Step = lambda step: None) -> Turned:
    """Make the private journal at `path` plain again, and remove its key file (and kept key)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise StoreError(f"there is no journal at {path}")
    if not is_private(path):
        raise StoreError(f"{path} is not private (it is a plain journal already)")
    key = journal_key(path)
    refuse_if_open_elsewhere(path)
    connect(path).close()  # unlocked, checked and upgraded before it is copied
    rows = _turn(path, source_key=key, target_key=None, on_step=on_step, seal=lambda: None)
    key_file_of(path).unlink(missing_ok=True)
    sync_folder(path.parent)
    forget(path)
    forget_for_session(path)
    drop_from_keyring(path)
    return Turned(path, rows)


def rekey_journal(path: Path, passphrase: str) -> JournalKey:
    """Seal the private journal's data key with a new passphrase: only the key file is rewritten."""
    path = Path(path).expanduser()
    if not is_private(path) or not path.exists():
        raise StoreError(f"{path} is not private; `followup encrypt` makes it so")
    key = journal_key(path)
    _prove_key(path, key)  # on the journal itself, read-only, before the old passphrase goes
    write_key_file(key_file_of(path), sealed_key(key, passphrase))
    return key


def _prove_key(path: Path, key: JournalKey) -> None:
    try:
        read_only = f"{path.resolve().as_uri()}?mode=ro"
        conn = driver.connect(read_only, uri=True, key=key.data, compatibility=key.compatibility)
    except driver.KeyDoesNotOpen:
        raise StoreError(f"{path} does not open with its key; its passphrase was left as it was") from None
    except driver.Error as error:
        raise StoreError(describe_error(error, path)) from None
    try:
        check_is_journal(conn, path)
    finally:
        conn.close()


def _seal(path: Path, key: JournalKey, passphrase: str) -> None:
    write_key_file(key_file_of(path), sealed_key(key, passphrase))


def _turn(path: Path, *, source_key, target_key: JournalKey | None, on_step: Step, seal: Callable[[], None]):
    """Copy the journal through SQLCipher with the other key, verify the copy, seal, then rename
    it over the journal; the rows copied, table by table."""
    read_with = source_key.data if isinstance(source_key, JournalKey) else b""
    compatibility = source_key.compatibility if isinstance(source_key, JournalKey) else driver.CIPHER_COMPATIBILITY
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent))
    try:
        copy = folder / "journal.db"
        source = driver.connect(path, key=read_with, compatibility=compatibility, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            _take_sole_use(source, path)
            on_step("started")
            os.close(os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            driver.export_copy(source, str(copy), target_key.data if target_key else None)
            source.execute("BEGIN IMMEDIATE")  # no other copy writes from here until it is replaced
            _flush(copy)
            on_step("copied")
            written = driver.connect(copy, key=target_key.data if target_key else None)
            try:
                rows = verify_copy(source, written, copy)
            finally:
                written.close()
            on_step("verified")
            seal()
            on_step("sealed")
            leftovers = [f for f in _log_files(path) if f.exists()]
            if leftovers:
                raise StoreError(f"another copy of followup opened {path} meanwhile; close it, then try again")
            # The sync's base is the journal as of its last sync, in the journal's old form (plain, or
            # encrypted with the key about to go): it goes, and the next sync sends everything once
            # more, under a device number of its own (what every machine has already changes nothing).
            base_path_for(path).unlink(missing_ok=True)
            os.replace(copy, path)
            sync_folder(path.parent)
            on_step("replaced")
        finally:
            source.close()
    except driver.Error as error:
        raise StoreError(describe_error(error, path)) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for log in _log_files(path):  # the plain file's own write-ahead log, had anything left one
        log.unlink(missing_ok=True)
    return rows


SHM_DMS_BYTE = 128
"""The byte of the WAL index (the -shm file) every connection to the journal holds a shared lock on."""


def refuse_if_open_elsewhere(path: Path) -> None:
    """Refuse while another program has the journal open: a copy of the app kept open would go on
    writing to the plain file after it is replaced. Call it before this process opens the journal
    (a POSIX lock taken and dropped here would drop this process's own)."""
    shm = path.with_name(f"{path.name}-shm")
    try:
        import fcntl
        import struct
    except ImportError:  # Windows: SQLite's own lock below is the check
        return
    try:
        descriptor = os.open(shm, os.O_RDWR)
    except OSError:
        return  # no WAL index: no connection has it open in WAL mode
    try:
        probe = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_BYTE, 1, 0)
        found = fcntl.fcntl(descriptor, fcntl.F_GETLK, probe)
        if struct.unpack("hhqqi", found)[0] != fcntl.F_UNLCK:
            raise StoreError(f"{path} is open in another copy of followup; close it, then try again")
    except OSError:
        return
    finally:
        os.close(descriptor)


def _take_sole_use(conn, path: Path) -> None:
    """Leave write-ahead logging, which SQLite only allows when no other connection has the file
    open: the journal is copied whole, with no WAL or SHM file beside it to go stale."""
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except driver.OperationalError as error:
        if is_busy(error):
            raise StoreError(f"{path} is open in another copy of followup; close it, then try again") from None
        raise
    if mode != "delete":
        raise StoreError(f"{path} is open in another copy of followup; close it, then try again")


def _log_files(path: Path) -> list[Path]:
    return [path.with_name(f"{path.name}{ending}") for ending in WORKING_FILE_ENDINGS]


def _flush(file: Path) -> None:
    descriptor = os.open(file, os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def verify_copy(original, copy, where: Path) -> dict[str, int]:
    """Refuse a copy that differs from the original: the same tables with the same rows, in
    every one (the search indexes' own tables included), and every search index whole."""
    tables = _tables(original)
    if _tables(copy) != tables:
        raise StoreError(f"the copy of the journal at {where} does not hold the same tables; nothing was changed")
    counts = {}
    for name, sql in tables.items():
        if sql.upper().startswith("CREATE VIRTUAL TABLE"):
            continue  # read through its own tables, compared below
        mine, theirs = _fingerprint(original, name), _fingerprint(copy, name)
        if mine != theirs:
            raise StoreError(f"the copy of the journal's {name} differs from the original; nothing was changed")
        counts[name] = mine[0]
    for name, sql in tables.items():
        if "USING FTS5" in sql.upper():
            copy.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'integrity-check\')')
    return counts


def _tables(conn) -> dict[str, str]:
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall())


def _fingerprint(conn, table: str) -> tuple[int, str]:
    rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))  # any order: the same set
    digest = hashlib.sha256()
    for row in rows:
        digest.update(row.encode("utf-8", "surrogatepass") + b"\n")
    return len(rows), digest.hexdigest()


# -- the plain copies a journal leaves beside itself ----------------------------------------------


def plain_copies(path: Path) -> list[Path]:
    """The journal's own plain backups beside it (`followup backup`'s, the copies made before an
    upgrade, and the base a plain journal's sync keeps, which `encrypt` removes anyway): named as
    the journal names them, and shown by their content to be plain followup journals. Another
    program's file of the same name is not one."""
    path = Path(path).expanduser()
    named = {
        *path.parent.glob(f"{_glob_escape(path.stem)}-*.backup*"),
        *path.parent.glob(f"{_glob_escape(path.name)}.before-*"),
        base_path_for(path),
    }
    return sorted(file for file in named if file.is_file() and not file.is_symlink() and is_plain_journal(file))


def is_plain_journal(file: Path) -> bool:
    """Whether `file` is, by its content, a plain (unencrypted) followup-tui journal."""
    try:
        with open(file, "rb") as opened:
            if opened.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        conn = driver.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, *_errors()):
        return False
    try:
        check_is_journal(conn, file)
        found = conn.execute("SELECT 1 FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]).fetchone()
        return found is not None
    except (StoreError, *_errors()):
        return False
    finally:
        conn.close()


def _errors() -> tuple:
    return driver.Error if isinstance(driver.Error, tuple) else (driver.Error,)


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
