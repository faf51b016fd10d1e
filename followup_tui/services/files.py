"""Writing exports: whole or not at all, and private to the user like the journal itself."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

_SYSTEM_FOLDERS = ("/dev/", "/proc/", "/sys/")


def check_output(path: Path, *, replacing: bool = True) -> Path:
    """`path` as a place to write a file, checked before any work is done: a new name, a regular
    file, or a link to one (the link itself is then replaced). A folder, device, pipe or socket —
    `/dev/stdout`, say — is refused (OSError with a plain message), never replaced; so is a journal
    or a file a journal needs, unless the writer never replaces a file (`replacing=False`)."""
    path = Path(path).expanduser()
    if any(str(place).startswith(_SYSTEM_FOLDERS) for place in (path.absolute(), path.resolve())):
        raise OSError(f"{path} is a system file (a device or a stream); give a file name")
    try:
        own = path.lstat()
    except FileNotFoundError:
        own = None
    if own is not None:
        if stat.S_ISDIR(own.st_mode):
            raise IsADirectoryError(f"{path} is a folder; give a file name")
        try:
            pointed = path.stat() if stat.S_ISLNK(own.st_mode) else own
        except FileNotFoundError:
            pointed = None  # a dangling link: its own entry is replaced
        if pointed is not None and not stat.S_ISREG(pointed.st_mode):
            raise OSError(f"{path} is not a regular file (a device, pipe or folder); give a file name")
    if replacing and (what := _part_of_a_journal(path)) is not None:
        raise OSError(f"{path} is {what}; a file written here never replaces one: give another name")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")
    return path


def write_private(path: Path, text: str | bytes | Iterable[str], *, only_new: bool = False) -> None:
    """Write `text` (UTF-8, or bytes as they are, or pieces of text as they come, so a large
    export is never held whole) to `path`, mode 0600, through a temporary file, so no half
    file is left. `only_new`: never over a file that took the name meanwhile (another
    program's) — FileExistsError instead."""
    path = check_output(path)
    pieces = [text] if isinstance(text, (str, bytes)) else text
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in pieces:
                out.write(piece.encode() if isinstance(piece, str) else piece)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        if only_new:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_private_new(path: Path, text: str | bytes | Iterable[str]) -> None:
    """`write_private`, only as a new file: FileExistsError when the name is taken."""
    write_private(path, text, only_new=True)


def _link_new(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails, rather than replaces, when the name is taken
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the name checked, then taken
        if os.path.lexists(path):
            raise FileExistsError(f"{path} exists") from None
        os.replace(temporary, path)


def read_regular(path: Path, limit: int) -> bytes | None:
    """The first `limit` bytes of `path` when it is a regular file, else None: a pipe, device,
    folder or link is never opened for reading, so nothing blocks and no link is followed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the look
            return None
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


UNFINISHED_AFTER_SECONDS = 120
"""A temporary file untouched this long was left by a write that was cut short; a younger one
may be another copy's write still under way, and is left to it."""


def left_unfinished(path: Path) -> bool:
    """Whether the temporary file at `path` has been left alone long enough to be a leftover."""
    import time

    try:
        return time.time() - os.lstat(path).st_mtime > UNFINISHED_AFTER_SECONDS
    except OSError:
        return False


def temporary_for(name: str) -> str | None:
    """The file a temporary file named `name` was made for by `write_private` (`.card.vcf.x1y2z3w4.tmp`
    is for `card.vcf`), or None. The name is only half the proof it is ours: its content must say so too."""
    found = re.fullmatch(r"\.(.+)\.[a-z0-9_]{8}\.tmp", name)
    return found[1] if found else None


class Counted(Generic[T]):
    """Records passed through as an export writes them, counted for what is said afterwards
    ("Wrote 15 contacts"): a streamed export never has them all in hand to count."""

    def __init__(self, items: Iterable[T]):
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[T]:
        for item in self.items:
            self.count += 1
            yield item


LARGEST_IMPORT = 256 * 1024 * 1024
"""An import is read whole; a file larger than this is no export of a journal or address book."""


class ImportFileError(ValueError):
    """A file that cannot be read for an import, said in one line."""


def read_import(path: Path) -> str:
    """The text of a file to import: a regular file (not a device, pipe or folder) of a sane
    size, in UTF-8 (a byte-order mark is fine)."""
    path = Path(path).expanduser()
    data = read_import_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"cannot read {path}: not UTF-8 text (byte {error.start + 1} is not); save it as UTF-8"
        ) from None


def read_import_bytes(path: Path) -> bytes:
    """The bytes of a file to import: a regular file (not a device, pipe or folder) of a sane size."""
    path = Path(path).expanduser()
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            raise ImportFileError(f"cannot read {path}: it is not a regular file")
        if found.st_size > LARGEST_IMPORT:
            raise ImportFileError(f"cannot read {path}: {found.st_size // 2**20} MiB is far larger than any export")
        with path.open("rb") as file:
            data = file.read(LARGEST_IMPORT + 1)
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > LARGEST_IMPORT:
        raise ImportFileError(f"cannot read {path}: it is far larger than any export")
    return data


def _part_of_a_journal(path: Path) -> str | None:
    """What `path` is, when it is a journal or a file a journal needs — a SQLite database (a
    journal, its backup, a sync's base), a private journal (its key file beside it), a key file,
    or a journal's write-ahead log — told from content and the files beside it; else None. An
    export, a feed or a draft never replaces one of these, whatever the name typed."""
    from followup_tui.store.opening import SQLITE_HEADER, WORKING_FILE_ENDINGS, key_file_of
    from followup_tui.store.unlock import KEY_FILE_MARK

    head = read_regular(path, 512) or b""
    if head.startswith(SQLITE_HEADER):
        return "a SQLite database (a journal, or a copy of one)"
    if KEY_FILE_MARK.encode() in head:
        return "a journal's key file"
    if path.exists() and KEY_FILE_MARK.encode() in (read_regular(key_file_of(path), 512) or b""):
        return "a private journal (its key file is beside it)"
    for ending in WORKING_FILE_ENDINGS:
        if path.name.endswith(ending) and path.exists():
            journal = path.with_name(path.name.removesuffix(ending))
            if (read_regular(journal, 16) or b"").startswith(SQLITE_HEADER) or key_file_of(journal).exists():
                return "a journal's working file"
    return None
