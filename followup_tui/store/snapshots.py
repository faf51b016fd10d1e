"""Rows as they were before a change, so one key can put them back.

A change that may be undone returns a Snapshot: the rows it changed or removed, as they were,
the rows it added, and — once `settled` — the rows as the change left them. `put_back` restores
them in one transaction, ids and links included, and only the fields the change itself made:
what another copy of followup wrote since is kept, and named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .base import StoreBase
from .portable import JOURNAL_TABLES

BOOKKEEPING = frozenset({"updated_at"})
"""Columns every write stamps: never a reason to keep or refuse a field another copy wrote."""


@dataclass(frozen=True)
class Snapshot:
    """What one change replaced (`rows`, table → rows as they were), what it added (`created`),
    and what it left (`after`, table → rows by id; None until `settle` reads them)."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    created: dict[str, list[int]] = field(default_factory=dict)
    after: dict[str, dict[int, dict]] | None = None

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


@dataclass(frozen=True)
class NotPutBack:
    """A row undo left as another copy made it: gone (`fields` empty), or these fields changed."""

    table: str
    row_id: int
    fields: tuple[str, ...] = ()


class SnapshotRecords(StoreBase):
    """Taking rows as they are, and writing them back."""

    def rows_where(self, table: str, where: str, params: Sequence) -> list[dict]:
        return list(self._query(f"SELECT * FROM [{table}] WHERE {where} ORDER BY rowid", params))

    def settle(self, snapshot: Snapshot) -> Snapshot:
        """The snapshot with the rows it names as the change left them, so undo can tell its own
        fields from another copy's. Call it right after the change, in its transaction."""
        after: dict[str, dict[int, dict]] = {}
        for table, taken in snapshot.rows.items():
            after[table] = self._by_id(table, [row["id"] for row in taken if "id" in row])
        return replace(snapshot, after=after)

    def put_back(self, snapshot: Snapshot) -> list[NotPutBack]:
        """Remove what the change added and write back what it replaced, links and all; a row
        another copy changed since keeps that copy's fields, and comes back in the list."""
        kept: list[NotPutBack] = []
        with self.transaction():
            for table in reversed(JOURNAL_TABLES):
                for row_id in snapshot.created.get(table, ()):
                    self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            for table in JOURNAL_TABLES:
                taken = snapshot.rows.get(table, ())
                if snapshot.after is None or not taken:
                    for row in taken:
                        self._write_back(table, row)
                    continue
                left = snapshot.after.get(table, {})
                now = self._by_id(table, [row["id"] for row in taken if "id" in row])
                for row in taken:
                    if "id" not in row or row["id"] not in left:  # the change removed it: it comes back
                        self._write_back(table, row)
                    elif (problem := self._undo_fields(table, row, left[row["id"]], now.get(row["id"]))) is not None:
                        kept.append(problem)
        return kept

    def _undo_fields(self, table: str, before: dict, after: dict, now: dict | None) -> NotPutBack | None:
        """Put back the fields the change made, where they still hold what it wrote."""
        if now is None:
            return NotPutBack(table, before["id"])
        changed = [name for name in before if name != "id" and before[name] != after.get(name)]
        mine = [name for name in changed if now.get(name) == after.get(name)]
        theirs = tuple(name for name in changed if name not in mine and name not in BOOKKEEPING)
        if mine:
            assignments = ", ".join(f"[{name}] = ?" for name in mine)
            self.conn.execute(
                f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*(before[name] for name in mine), before["id"]]
            )
        return NotPutBack(table, before["id"], theirs) if theirs else None

    def _by_id(self, table: str, ids: list[int]) -> dict[int, dict]:
        found: dict[int, dict] = {}
        for start in range(0, len(ids), 500):  # well under SQLite's limit on parameters
            some = ids[start : start + 500]
            marks = ",".join("?" * len(some))
            found.update(
                (row["id"], row) for row in self._query(f"SELECT * FROM [{table}] WHERE id IN ({marks})", some)
            )
        return found

    def _write_back(self, table: str, row: dict) -> None:
        columns = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" * len(row))
        if "id" in row:  # an update in place: a REPLACE would delete first, and cascade
            changes = ", ".join(f"[{name}] = excluded.[{name}]" for name in row if name != "id")
            conflict = f"ON CONFLICT(id) DO UPDATE SET {changes}"
        else:
            conflict = "ON CONFLICT DO NOTHING"
        self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks}) {conflict}", list(row.values()))
