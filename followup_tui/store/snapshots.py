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
from .sync_tables import STAMP_COLUMNS

STAMPS = STAMP_COLUMNS
"""When and where a row last changed, and its fields' versions, kept by the journal's triggers:
never put back on a row that is still there, so an undo is stamped as a new write like any other
and reaches the other machines (an old version put back would read there as one written over);
a row that comes back whole comes back with them."""
BOOKKEEPING = frozenset({"updated_at"}) | STAMPS
"""Columns every write stamps: never a reason to keep or refuse a field another copy wrote."""
OWN_HISTORY = frozenset({"status_changes"})
"""Rows that are a record's own history, written with it: they go when it goes."""


@dataclass(frozen=True)
class Snapshot:
    """What one change replaced (`rows`, table → rows as they were), what it added (`created`),
    and what it left (`after`, table → rows by id; None until `settle` reads them)."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    created: dict[str, list[int]] = field(default_factory=dict)
    after: dict[str, dict[int, dict]] | None = None
    made: dict[str, dict[int, dict]] | None = None
    """The rows it added, as it wrote them (once settled): undo removes them only while they are so."""

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


@dataclass(frozen=True)
class NotPutBack:
    """A row undo left as it found it, and why: `gone` (removed since), `fields` (these changed
    since), `taken` (a new record has its id), `changed` or `grown` (a row the change added has
    been changed, or had records added to it, since). The last three stop the whole undo."""

    table: str
    row_id: int
    fields: tuple[str, ...] = ()
    why: str = "fields"

    @property
    def stops_undo(self) -> bool:
        return self.why in ("taken", "changed", "grown")


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
        made = {table: self._by_id(table, list(ids)) for table, ids in snapshot.created.items()}
        return replace(snapshot, after=after, made=made)

    def put_back(self, snapshot: Snapshot) -> list[NotPutBack]:
        """Remove what the change added and write back what it replaced, links and all; a row
        another copy changed since keeps that copy's fields, and comes back in the list."""
        kept: list[NotPutBack] = []
        with self.transaction():
            if stopped := self._what_stops(snapshot):
                return stopped  # nothing written: putting it back would lose what came since
            for table in JOURNAL_TABLES:
                taken = snapshot.rows.get(table, ())
                if not taken:
                    continue
                left = (snapshot.after or {}).get(table, {})  # not settled: every row goes back whole
                now = self._by_id(table, [row["id"] for row in taken if "id" in row])
                for row in taken:
                    if "id" not in row or row["id"] not in left:  # the change removed it: it comes back
                        self._write_back(table, row)
                    elif (problem := self._undo_fields(table, row, left[row["id"]], now.get(row["id"]))) is not None:
                        kept.append(problem)
            for table in reversed(JOURNAL_TABLES):  # last: the rows put back no longer point at them
                for row_id in snapshot.created.get(table, ()):
                    self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        return kept

    def _what_stops(self, snapshot: Snapshot) -> list[NotPutBack]:
        """What makes this undo unsafe now: a record it would bring back whose id a new record has
        taken, or one it would remove that was changed, or had records added to it, since."""
        if snapshot.after is None:
            return []
        stops = []
        for table, taken in snapshot.rows.items():
            left = snapshot.after.get(table, {})
            removed = [row["id"] for row in taken if "id" in row and row["id"] not in left]
            stops += [NotPutBack(table, row_id, why="taken") for row_id in self._by_id(table, removed)]
        for table, made in (snapshot.made or {}).items():
            now = self._by_id(table, list(made))
            for row_id, row in now.items():
                if _differs(row, made[row_id]):
                    stops.append(NotPutBack(table, row_id, why="changed"))
                elif self._added_to(table, row_id, snapshot):
                    stops.append(NotPutBack(table, row_id, why="grown"))
        return stops

    def _added_to(self, table: str, row_id: int, snapshot: Snapshot) -> bool:
        """Whether rows this change neither added nor touched now point at the row (a follow-up
        planned since for a new application, say), so removing it would take them too."""
        for child in JOURNAL_TABLES:
            if child in OWN_HISTORY:
                continue
            for link in self.conn.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
                if link[2] != table:
                    continue
                touched = [row["id"] for row in snapshot.rows.get(child, ()) if "id" in row]
                ours = [*snapshot.created.get(child, []), *touched]
                marks = ",".join("?" * len(ours))
                where = f"[{link[3]}] = ?" + (f" AND id NOT IN ({marks})" if ours else "")
                if self.conn.execute(f"SELECT 1 FROM [{child}] WHERE {where} LIMIT 1", [row_id, *ours]).fetchone():
                    return True
        return False

    def _undo_fields(self, table: str, before: dict, after: dict, now: dict | None) -> NotPutBack | None:
        """Put back the fields the change made, where they still hold what it wrote."""
        if now is None:
            return NotPutBack(table, before["id"], why="gone")
        changed = [name for name in before if name not in STAMPS and name != "id" and before[name] != after.get(name)]
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
            changes = ", ".join(f"[{name}] = excluded.[{name}]" for name in row if name != "id" and name not in STAMPS)
            conflict = f"ON CONFLICT(id) DO UPDATE SET {changes}"
        else:
            conflict = "ON CONFLICT DO NOTHING"
        self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks}) {conflict}", list(row.values()))


def _differs(now: dict, then: dict) -> bool:
    return any(now.get(name) != value for name, value in then.items() if name not in BOOKKEEPING)
