"""The documents sent with each application: read by the application's id or the version's name,
written all of one application's at once (one undo)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from followup_tui.domain.documents import DocumentSent, UsedBefore
from followup_tui.domain.kinds import DocumentRole
from followup_tui.domain.values import ValueRefused, column_problem

from . import rows
from .opening import RecordGone
from .snapshots import Snapshot, SnapshotRecords


def _document_of(row: dict) -> DocumentSent:
    return DocumentSent(
        row["opportunity_id"],
        DocumentRole(row["role"]),
        row["name"],
        row["path"],
        row["sha256"],
        rows.moment_of(row["attached_at"]),
        row["id"],
    )


def _checked_row(document: DocumentSent, attached_at: str) -> dict:
    """The document as a row, each value checked as an import checks it (ValueRefused if not)."""
    row = {
        "opportunity_id": document.opportunity_id,
        "role": DocumentRole(document.role).value,
        "name": document.name,
        "path": document.path,
        "sha256": document.sha256,
        "attached_at": attached_at,
    }
    for field, value in row.items():
        if problem := column_problem("documents_sent", field, value):
            raise ValueRefused("document", field, problem)
    return row


class DocumentRecords(SnapshotRecords):
    """The documents part of Store."""

    def documents_of(self, opportunity_id: int) -> list[DocumentSent]:
        """The application's documents, the CV first."""
        sql = "SELECT * FROM documents_sent WHERE opportunity_id = ? ORDER BY role = 'cover_letter', id"
        return [_document_of(row) for row in self._query(sql, [opportunity_id])]

    def documents_by_application(self) -> dict[int, list[DocumentSent]]:
        """Every application's documents, by application, in one read (for the CSV export)."""
        found: dict[int, list[DocumentSent]] = {}
        for row in self._query("SELECT * FROM documents_sent ORDER BY opportunity_id, role = 'cover_letter', id"):
            found.setdefault(row["opportunity_id"], []).append(_document_of(row))
        return found

    def documents_used(self) -> list[UsedBefore]:
        """Each version used before, once per role and name, with the path it was last sent from;
        the most recently attached first (what a person is likeliest to send again)."""
        sql = """
            SELECT role, name, path FROM documents_sent d
            WHERE id = (SELECT max(id) FROM documents_sent e WHERE e.role = d.role AND e.name = d.name)
            ORDER BY attached_at DESC, id DESC
        """
        return [UsedBefore(DocumentRole(row["role"]), row["name"], row["path"]) for row in self._query(sql)]

    def set_documents(self, opportunity_id: int, documents: Iterable[DocumentSent]) -> Snapshot:
        """Make `documents` the application's (one per role; a role not given is cleared) in one
        write. A document whose name and path are the ones stored stays as it is, its fingerprint
        and day kept: it is the same file, sent then. How to undo it."""
        now = self._stamp()
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM opportunities WHERE id = ?", [opportunity_id]).fetchone() is None:
                raise RecordGone("That application was removed in another copy of followup")
            before = self.rows_where("documents_sent", "opportunity_id = ?", [opportunity_id])
            stored = {row["role"]: row for row in before}
            wanted = {DocumentRole(d.role).value: replace(d, opportunity_id=opportunity_id) for d in documents}
            replaced, created = [], []
            for role, row in stored.items():
                if role not in wanted:
                    self.conn.execute("DELETE FROM documents_sent WHERE id = ?", [row["id"]])
                    replaced.append(row)
            for role, document in wanted.items():
                row = _checked_row(document, now)
                if (old := stored.get(role)) is None:
                    new_id = self._new_id("documents_sent")
                    self.db["documents_sent"].insert({"id": new_id, **row})
                    created.append(new_id)
                elif (old["name"], old["path"]) != (document.name, document.path):
                    self.db["documents_sent"].update(old["id"], row)  # in place: undo puts its fields back
                    replaced.append(old)
            return self.settle(Snapshot({"documents_sent": replaced}, {"documents_sent": created}))
