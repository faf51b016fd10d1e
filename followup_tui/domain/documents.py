"""Which CV and cover letter went where: a name the user gives each version (`cv-backend-v3`), the
file's path exactly as typed, and the file's sha256 when it was attached — so a file changed
since, or gone, is noticed when the application is opened again.

Pure: reading the file is the service's (`services/documents.py`); here are the records, the
checks a name and a path pass from any door, and what a stored fingerprint and the file as it is
now say together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath

from .forms import FormErrors
from .kinds import DocumentRole
from .values import document_name_problem, document_path_problem


@dataclass(frozen=True)
class DocumentSent:
    """One document as it went with one application."""

    opportunity_id: int
    role: DocumentRole
    name: str
    path: str = ""
    """As the user typed it: `~/cv/backend-v3.pdf` stays so, to be read where they keep it."""
    sha256: str = ""
    """The file's fingerprint when attached; empty when it could not be read then (`FileState`)."""
    attached_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class UsedBefore:
    """A document version used before: its role, its name, and the path it was last sent from."""

    role: DocumentRole
    name: str
    path: str


class FileProblem(StrEnum):
    """Why a file has no fingerprint, in the words the card and the dialog use."""

    NO_PATH = "no file named"
    MISSING = "missing"
    NOT_A_FILE = "not a file"
    UNREADABLE = "could not be read"
    TOO_LARGE = "too large to fingerprint"


@dataclass(frozen=True)
class Fingerprint:
    """What reading a file gave: its sha256, or the problem that stopped it (and what was said)."""

    sha256: str = ""
    problem: FileProblem | None = None
    detail: str = ""

    @property
    def told(self) -> str:
        """ "missing", "too large to fingerprint (over 64 MiB)"."""
        if self.problem is None:
            return "fingerprinted"
        return f"{self.problem.value} ({self.detail})" if self.detail else self.problem.value


class FileState(StrEnum):
    """A sent document's file now, against what it was when attached."""

    SAME = "unchanged since you sent it"
    CHANGED = "changed since you sent it"
    MISSING = "missing"
    NOT_A_FILE = "not a file (a folder or a device)"
    UNKNOWN = "not fingerprinted when attached"
    UNREADABLE = "cannot be read now"
    NO_PATH = "no file named"


def file_state(document: DocumentSent, now: Fingerprint) -> FileState:
    """How the file at the document's path compares with the one that was sent: a path that no
    longer leads to anything is missing, one that leads to a folder or device is not a file (never
    an error either way); one that had no fingerprint then cannot be
    compared."""
    if not document.path:
        return FileState.NO_PATH
    if now.problem is FileProblem.MISSING:
        return FileState.MISSING
    if now.problem is FileProblem.NOT_A_FILE:
        return FileState.NOT_A_FILE
    if not document.sha256:
        return FileState.UNKNOWN
    if now.problem is not None:
        return FileState.UNREADABLE
    return FileState.SAME if now.sha256 == document.sha256 else FileState.CHANGED


# -- the dialog's form ------------------------------------------------------------------------


@dataclass
class DocumentsForm:
    """The two documents of an application as typed: each a name and a path, either may be empty."""

    cv_name: str = ""
    cv_path: str = ""
    letter_name: str = ""
    letter_path: str = ""

    @classmethod
    def of(cls, documents: list[DocumentSent]) -> DocumentsForm:
        form = cls()
        for document in documents:
            prefix = FIELDS_OF[document.role]
            setattr(form, f"{prefix}_name", document.name)
            setattr(form, f"{prefix}_path", document.path)
        return form


FIELDS_OF = {DocumentRole.CV: "cv", DocumentRole.COVER_LETTER: "letter"}
"""The form's field prefix for each role."""


@dataclass(frozen=True)
class DocumentChoice:
    """One document chosen for an application, checked, before its file is read."""

    role: DocumentRole
    name: str
    path: str


def check_documents(form: DocumentsForm) -> list[DocumentChoice]:
    """The documents the form names, or FormErrors beside each field to fix. A path with no
    name is named after its file (`~/cv/backend-v3.pdf` → backend-v3); a path is kept exactly
    as typed; both empty means no such document."""
    errors: dict[str, str] = {}
    chosen = []
    for role, prefix in FIELDS_OF.items():
        name, path = getattr(form, f"{prefix}_name"), getattr(form, f"{prefix}_path")
        if not path.strip():
            path = ""
        name = " ".join(name.split()) or (PurePath(path).stem if path else "")
        if not name and not path:
            continue
        if problem := document_path_problem(path):
            errors[f"{prefix}_path"] = f"This path {problem}."
        if problem := document_name_problem(name):
            errors[f"{prefix}_name"] = f"This name {problem}."
        chosen.append(DocumentChoice(role, name, path))
    if errors:
        raise FormErrors(errors)
    return chosen
