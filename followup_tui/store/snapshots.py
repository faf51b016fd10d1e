"""Rows as they were before a change, so one key can put them back.

A change that may be undone returns a Snapshot: the rows it changed or removed, as they were,
and the rows it added. `put_back` restores them in one transaction, ids and links included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .base import StoreBase
from .portable import JOURNAL_TABLES


@dataclass(frozen=True)
class Snapshot:
    """What one change replaced (`rows`, table → rows as they were) and what it added (`created`)."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    created: dict[str, list[int]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


class SnapshotRecords(StoreBase):
    """Taking rows as they are, and writing them back."""

    def rows_where(self, table: str, where: str, params: Sequence) -> list[dict]:
        return list(self._query(f"SELECT * FROM [{table}] WHERE {where} ORDER BY rowid", params))

    def put_back(self, snapshot: Snapshot) -> None:
        """Remove what the change added and write back what it replaced, links and all."""
        with self.transaction():
            for table in reversed(JOURNAL_TABLES):
                for row_id in snapshot.created.get(table, ()):
                    self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            for table in JOURNAL_TABLES:
                for row in snapshot.rows.get(table, ()):
                    self._write_back(table, row)

    def _write_back(self, table: str, row: dict) -> None:
        columns = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" * len(row))
        if "id" in row:  # an update in place: a REPLACE would delete first, and cascade
            changes = ", ".join(f"[{name}] = excluded.[{name}]" for name in row if name != "id")
            conflict = f"ON CONFLICT(id) DO UPDATE SET {changes}"
        else:
            conflict = "ON CONFLICT DO NOTHING"
        self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks}) {conflict}", list(row.values()))
