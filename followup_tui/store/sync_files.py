"""The change files a sync leaves in the folder (`outbox/<device>/<seq>`): one JSON header line,
then one SQLite session changeset. Written atomically, never over another file, and read only
when the content proves the file is ours (whatever its name)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path

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


class BadChangeFile(SyncError):
    """A file in another device's outbox that cannot be applied as it is, and what kind of
    trouble it is (`kind`: one of `BAD_FILE_KINDS`), so the person can be told what to do."""

    def __init__(self, why: str, kind: str):
        super().__init__(why)
        self.kind = kind


BAD_FILE_KINDS = ("not_ours", "cut_short", "misplaced", "newer", "unreadable")


def seal(payload: bytes) -> bytes:
    """The changeset as it goes into the folder. The seam for an encrypted journal: once the
    journal has a key (SQLCipher), the changeset is encrypted with it here and `unseal` reverses
    it; until then both are the identity and the header says `"sealed": null`."""
    return payload


def unseal(body: bytes, how: str | None) -> bytes:
    if how is not None:
        raise SyncError(f"a change file sealed with {how!r}, which this journal cannot open")
    return body


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


def read_change_file(path: Path) -> tuple[dict, bytes]:
    """A change file's header and changeset; SyncError when it is not one of ours (ownership is
    proven from the content, never the name)."""
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
    try:
        return header, unseal(body, header.get("sealed"))
    except SyncError as error:
        raise BadChangeFile(str(error), "newer") from None


def write_change_file(folder: Path, header: dict, changeset: bytes) -> Path:
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
    return None
