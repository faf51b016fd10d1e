"""Which CV and cover letter went with an application: chosen (with the versions used before to
suggest), fingerprinted when attached, and checked against the file as it is now.

Reading a file is the only slow part, and the only part that touches the disk: `fingerprint` and
`files_now` read files and nothing else, so a screen runs them in a worker thread and hands the
result to `save_documents` (which writes, on the journal's own thread).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from followup_tui.domain.documents import (
    DocumentChoice,
    DocumentSent,
    FileProblem,
    FileState,
    Fingerprint,
    UsedBefore,
    file_state,
)
from followup_tui.domain.kinds import DocumentRole
from followup_tui.store import Store

from .undo import Undo

MOST_BYTES = 64 * 1024 * 1024
"""The largest file fingerprinted: a CV or letter is a few hundred KiB, so a file past 64 MiB is
not one (a video, a disk image), and reading it would keep the person waiting for nothing."""
CHUNK = 1024 * 1024
"""Bytes read at a time: a file is never held whole."""


def where(path: str) -> Path:
    """The file a path as typed names: `~` is the user's home; a relative path is from the folder
    followup was started in."""
    return Path(os.path.expanduser(path))


def fingerprint(path: str, *, most_bytes: int = MOST_BYTES) -> Fingerprint:
    """The sha256 of the file at `path`, read in chunks; or, never raising, why there is none: no
    path, missing, not a regular file (a folder, a device or a pipe, which are never opened),
    unreadable, or larger than `most_bytes`."""
    if not path:
        return Fingerprint(problem=FileProblem.NO_PATH)
    try:
        found = where(path).stat()
    except FileNotFoundError:
        return Fingerprint(problem=FileProblem.MISSING)
    except (OSError, ValueError) as error:  # a path too long, a folder in it that is a file…
        return Fingerprint(problem=FileProblem.MISSING, detail=_reason(error))
    if not stat.S_ISREG(found.st_mode):
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "a device, pipe or socket"
        return Fingerprint(problem=FileProblem.NOT_A_FILE, detail=kind)
    if found.st_size > most_bytes:
        return Fingerprint(problem=FileProblem.TOO_LARGE, detail=f"over {most_bytes // (1024 * 1024)} MiB")
    digest = hashlib.sha256()
    read = 0
    try:
        with open(where(path), "rb") as file:
            while chunk := file.read(CHUNK):
                read += len(chunk)
                if read > most_bytes:  # it grew while being read
                    return Fingerprint(problem=FileProblem.TOO_LARGE, detail=f"over {most_bytes // (1024 * 1024)} MiB")
                digest.update(chunk)
    except FileNotFoundError:
        return Fingerprint(problem=FileProblem.MISSING)
    except OSError as error:
        return Fingerprint(problem=FileProblem.UNREADABLE, detail=_reason(error))
    return Fingerprint(sha256=digest.hexdigest())


def _reason(error: Exception) -> str:
    return (getattr(error, "strerror", None) or str(error)).lower()


@dataclass(frozen=True)
class Attached:
    """A document about to be stored, with what reading its file gave."""

    choice: DocumentChoice
    fingerprint: Fingerprint


def fingerprints(choices: Iterable[DocumentChoice], stored: Iterable[DocumentSent]) -> list[Attached]:
    """Each chosen document with its file read — except one already stored with the same name and
    path, which is the same document as sent and keeps its fingerprint (so a file changed since is
    still noticed). Reads files only: safe in a worker thread."""
    same = {(d.role, d.name, d.path): d for d in stored}
    found = []
    for choice in choices:
        kept = same.get((choice.role, choice.name, choice.path))
        if kept is not None:
            found.append(Attached(choice, Fingerprint(sha256=kept.sha256)))
        else:
            found.append(Attached(choice, fingerprint(choice.path)))
    return found


def save_documents(store: Store, opportunity_id: int, attached: list[Attached]) -> tuple[str, Undo]:
    """Make these the application's documents in one write; what to tell the person (each file
    that could not be fingerprinted, and why), and how to undo it."""
    documents = [
        DocumentSent(opportunity_id, a.choice.role, a.choice.name, a.choice.path, a.fingerprint.sha256)
        for a in attached
    ]
    taken = store.set_documents(opportunity_id, documents)
    problems = [
        f"{a.choice.name}: {a.fingerprint.told}"
        for a in attached
        if a.fingerprint.problem is not None and a.fingerprint.problem is not FileProblem.NO_PATH
    ]
    names = " and ".join(a.choice.name for a in attached) or "no documents"
    said = f"Sent with it: {names}"
    if problems:
        said += f" — not fingerprinted: {'; '.join(problems)}"
    return said, Undo(f"documents of the application set to {names}", snapshot=taken)


def documents_of(store: Store, opportunity_id: int) -> list[DocumentSent]:
    return store.documents_of(opportunity_id)


@dataclass(frozen=True)
class DocumentNow:
    """A sent document and how its file compares now."""

    document: DocumentSent
    state: FileState

    def told(self) -> str:
        """ "cv-backend-v3 — ~/cv/backend-v3.pdf — changed since you sent it"."""
        parts = [self.document.name, self.document.path, self.state.value if self.document.path else ""]
        return " — ".join(part for part in parts if part)


def files_now(documents: Iterable[DocumentSent]) -> list[DocumentNow]:
    """Each document with its file read again and compared (missing, changed, unchanged); reads
    files only, never raises: safe in a worker thread."""
    return [DocumentNow(d, file_state(d, fingerprint(d.path))) for d in documents]


def used_before(store: Store) -> list[UsedBefore]:
    """The versions sent before, the latest first, to suggest as a name is typed."""
    return store.documents_used()


def names_for(used: list[UsedBefore], role: DocumentRole) -> list[str]:
    """The names to suggest for `role`: those sent in that role first, then the others."""
    first = [u.name for u in used if u.role is role]
    return list(dict.fromkeys([*first, *(u.name for u in used)]))


def path_for(used: list[UsedBefore], name: str) -> str:
    """The path a version was last sent from, to fill in when its name is chosen again."""
    return next((u.path for u in used if u.name == name), "")
