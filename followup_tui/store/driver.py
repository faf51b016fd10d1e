"""The one module that names the database driver: plain `sqlite3` for a plain journal, SQLCipher
(`sqlcipher3`) for a private one, chosen when a connection is opened.

The rest of the store says `driver.Error` (and `DatabaseError`, `IntegrityError`,
`OperationalError`), which catch the errors of every driver loaded so far: SQLCipher's are not
sqlite3's, so once it is loaded each name becomes the pair. A plain journal never loads SQLCipher.
"""

from __future__ import annotations

import sqlite3

Connection = sqlite3.Connection
Error: type[Exception] | tuple[type[Exception], ...] = sqlite3.Error
DatabaseError: type[Exception] | tuple[type[Exception], ...] = sqlite3.DatabaseError
IntegrityError: type[Exception] | tuple[type[Exception], ...] = sqlite3.IntegrityError
OperationalError: type[Exception] | tuple[type[Exception], ...] = sqlite3.OperationalError

CIPHER_COMPATIBILITY = 4
"""The SQLCipher settings a private journal is written with: SQLCipher 4's defaults (AES-256 in
CBC mode, 4096-byte pages, an HMAC-SHA512 per page), used with a raw 256-bit key."""

KNOWN_COMPATIBILITY = (3, 4)
"""The SQLCipher settings this version can open a journal with, when its key file names them."""


class KeyDoesNotOpen(Exception):
    """The key given does not open this file: it is not the file's key, or the file was written
    with other cipher settings (SQLCipher tells the two apart no better than "not a database")."""


class CipherMissing(Exception):
    """The journal is private and SQLCipher (the `sqlcipher3` package) is not installed."""


def connect(database, *, key: bytes | None = None, compatibility: int = CIPHER_COMPATIBILITY, **options):
    """A connection to `database` (a path, or a URI with uri=True): over sqlite3 without a key;
    over SQLCipher, unlocked with the raw 256-bit `key`, with one. SQLCipher never writes to
    stderr (it would tear a screen) and keeps its temporary tables in memory, never in a file."""
    if key is None:
        return sqlite3.connect(database, **options)
    cipher = _cipher()
    conn = cipher.connect(database, **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key:  # b"" reads a plain file through SQLCipher (to export it encrypted)
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if compatibility != CIPHER_COMPATIBILITY:
            conn.execute(f"PRAGMA cipher_compatibility = {int(compatibility)}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):
            raise KeyDoesNotOpen(str(error)) from None
        raise
    return conn


def cipher_available() -> bool:
    """Whether SQLCipher can be loaded here (the `private` extra is installed)."""
    try:
        _cipher()
    except CipherMissing:
        return False
    return True


def export_copy(conn, target: str, key: bytes | None) -> None:
    """Write the whole database `conn` (a SQLCipher connection) to the new file `target`:
    encrypted with `key`, or plain with None — SQLCipher's own `sqlcipher_export`."""
    secret = f"x'{key.hex()}'" if key is not None else ""
    conn.execute(f'ATTACH DATABASE ? AS exported KEY "{secret}"', [target])
    try:
        conn.execute("SELECT sqlcipher_export('exported')").fetchone()
    finally:
        conn.execute("DETACH DATABASE exported")


def _cipher():
    """SQLCipher's DB-API module, loaded on first use; from then on the store's error names
    catch its errors as well as sqlite3's."""
    global Error, DatabaseError, IntegrityError, OperationalError
    try:
        from sqlcipher3 import dbapi2 as cipher
    except ImportError:
        raise CipherMissing(
            "this journal is private (encrypted), and SQLCipher is not installed here:"
            " pip install 'followup-tui[private]'"
        ) from None
    if not isinstance(Error, tuple):
        Error = (sqlite3.Error, cipher.Error)
        DatabaseError = (sqlite3.DatabaseError, cipher.DatabaseError)
        IntegrityError = (sqlite3.IntegrityError, cipher.IntegrityError)
        OperationalError = (sqlite3.OperationalError, cipher.OperationalError)
    return cipher
