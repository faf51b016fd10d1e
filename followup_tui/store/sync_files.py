"""The change files a sync leaves in the folder (`outbox/<device>/<seq>`): one JSON header line,
then one SQLite session changeset, sealed (`seal`) when the journal is private. Written
atomically, never over another file, and read only when the content proves the file is ours
(whatever its name) and, sealed, opens whole with the journal's key."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path

from followup_tui.domain.field_stamps import LATEST_MOMENT, MOST_DEVICES, MOST_SEEN, whole_below

from .opening import StoreError
from .versions import MIGRATION_NAMES

FORMAT = "followup-tui changeset"
FORMAT_VERSION = 1
OUTBOX = "outbox"
_SEQ_NAME = re.compile(r"^\d{8,}$")
_FORMAT_OPENING = json.dumps({"format": FORMAT}).encode()[:-1]
"""How every change file begins (`{"format": "followup-tui changeset"`): a file that stops
partway through it was ours, cut short."""


class SyncError(StoreError):
    """A sync that could not run, told in one line; nothing was half written."""


SEALED_WITH = "aes-256-gcm"
"""How a private journal's change files are sealed: AES-256-GCM under a key derived from the
journal's data key (HKDF-SHA256), a random 96-bit nonce per file, the header line as associated
data (a header moved onto another file's body does not open)."""

SEAL_INFO = b"followup-tui sync: change files, aes-256-gcm, v1"
NONCE_BYTES = 12


class BadChangeFile(SyncError):
    """A file in another device's outbox that cannot be applied as it is, and what kind of
    trouble it is (`kind`: one of `BAD_FILE_KINDS`), so the person can be told what to do."""

    def __init__(self, why: str, kind: str):
        super().__init__(why)
        self.kind = kind


BAD_FILE_KINDS = ("not_ours", "cut_short", "misplaced", "newer", "unreadable", "sealed", "stranger")


def _sealer(data_key: bytes):
    """AES-256-GCM under the journal's sealing key (`cryptography`, of the `private` extra)."""
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    except ImportError:
        raise SyncError(
            "a private journal's change files are sealed with the `cryptography` package, which is not"
            " installed here: pip install 'followup-tui[private]'"
        ) from None
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SEAL_INFO).derive(data_key))


def seal(payload: bytes, header_line: bytes, data_key: bytes | None) -> bytes:
    """The changeset as it goes into the folder: as it is for a plain journal; for a private one
    (its data key given), encrypted and authenticated with a key only that journal's copies hold."""
    if data_key is None:
        return payload
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _sealer(data_key).encrypt(nonce, payload, header_line)


def unseal(body: bytes, header: dict, header_line: bytes, data_key: bytes | None) -> bytes:
    """The changeset a file carries; SyncError, in one line, when this journal cannot open it
    (nothing of it is applied: a file opens whole or not at all)."""
    how = header.get("sealed")
    if how is None:
        return body
    if how != SEALED_WITH:
        raise BadChangeFile(f"a change file sealed with {how!r}, which this version cannot open", "newer")
    if data_key is None:
        raise BadChangeFile(
            "sealed: this journal is plain, and the file comes from a private (encrypted) copy of it",
            "sealed",
        )
    sealer = _sealer(data_key)
    from cryptography.exceptions import InvalidTag

    nonce, sealed = body[:NONCE_BYTES], body[NONCE_BYTES:]
    try:
        return sealer.decrypt(nonce, sealed, header_line)
    except (InvalidTag, ValueError):
        raise BadChangeFile("sealed with another journal's key, or damaged on the way", "sealed") from None


def header_for(device: int, journal: str, seq: int, clock: int, applied: list[tuple[int, int]]) -> dict:
    """The header line: whose file, which, of what shape, how far its machine's clock had gone
    (`clock`: every write it carries is of that moment or before, every later one after), and
    the last file of each other device its machine had applied (`applied`: a machine applies
    this one only once it holds those too)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": list(MIGRATION_NAMES),
        "device": device,
        "journal": journal,
        "seq": seq,
        "clock": clock,
        "applied": [list(pair) for pair in applied],
        "sealed": None,
    }


def read_change_file(path: Path, data_key: bytes | None = None) -> tuple[dict, bytes]:
    """A change file's header and changeset, unsealed with the journal's data key when it is
    private; SyncError when it is not one of ours (ownership is proven from the content, never
    the name) or does not open."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadChangeFile(f"cannot read {path}: {error.strerror or error}", "unreadable") from None
    line, sep, body = data.partition(b"\n")
    if not data or (not sep and _FORMAT_OPENING.startswith(line[: len(_FORMAT_OPENING)])):
        raise BadChangeFile(f"{path} is cut short (its header is not all there)", "cut_short")
    try:
        header = json.loads(line) if sep else None
    except (ValueError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BadChangeFile(f"{path} is not a followup change file", "not_ours")
    if not isinstance(header.get("device"), int) or not isinstance(header.get("seq"), int):
        raise BadChangeFile(f"{path} is not a followup change file (its header names no device)", "not_ours")
    if not body:
        raise BadChangeFile(f"{path} is cut short (its header is there, its changes are not)", "cut_short")
    return header, unseal(body, header, line, data_key)


def write_change_file(folder: Path, header: dict, changeset: bytes, data_key: bytes | None = None) -> Path:
    """Write atomically: a temp file in the device's own sub-folder, flushed, then linked to its
    name (which fails rather than replaces, should the name be taken). A private journal's
    changeset is sealed (`seal`) before it reaches the disk; its header says so."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{header['seq']:08d}"
    descriptor, temp = tempfile.mkstemp(prefix=".writing-", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as file:
            line = json.dumps({**header, "sealed": SEALED_WITH if data_key is not None else None}).encode()
            file.write(line + b"\n" + seal(changeset, line, data_key))
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


def numbered_files(folder: Path) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    return sorted((int(p.name), p) for p in folder.iterdir() if _SEQ_NAME.match(p.name) and p.is_file())


def why_not_now(header: dict, device: int, seq: int) -> BadChangeFile | None:
    """Why a change file read whole cannot be applied yet, where it lies, or None."""
    if header.get("device") != device or header.get("seq") != seq:
        why = f"its header names device {header.get('device')} file {header.get('seq')}, not where it lies"
        return BadChangeFile(why, "misplaced")
    schema = header.get("schema")
    if not isinstance(schema, list) or any(name not in MIGRATION_NAMES for name in schema):
        return BadChangeFile("it was written by a newer followup-tui; it waits until this machine is upgraded", "newer")
    clock, applied = header.get("clock", 0), header.get("applied", [])
    if not whole_below(clock, LATEST_MOMENT) or not isinstance(applied, list) or len(applied) > MOST_SEEN:
        return BadChangeFile("its header is not of its shape (a clock or a list of files out of range)", "not_ours")
    if not all(
        isinstance(p, list) and len(p) == 2 and whole_below(p[0], MOST_DEVICES) and whole_below(p[1], LATEST_MOMENT)
        for p in applied
    ):
        return BadChangeFile("its header is not of its shape (a list of files out of range)", "not_ours")
    return None
