"""Applying another machine's change file: each change checked as the forms check it, and what
both machines changed settled by the journal's rules (`domain.sync_rules`), never silently."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import apsw

from followup_tui.domain.sync_rules import Stamp, settle_field, theirs_is_later
from followup_tui.domain.values import COLUMN_CHECKS, ROW_STAMP_CHECKS, column_problem, text_problem

from .sync_files import SyncError

if TYPE_CHECKING:
    from .sync_engine import SyncEngine

_STAMP_COLUMNS = ("last_changed_at", "last_changed_on")


def refused_value(table: str, column: str, value: object) -> str | None:
    """What is wrong with a value a change file brings, as the forms would say it, or None."""
    if COLUMN_CHECKS.get(table, {}).get(column) or ROW_STAMP_CHECKS.get(column):
        return column_problem(table, column, value)
    return text_problem(value) if isinstance(value, str) else None


def conflict_id(kind: str, table: str, key: str, column: str, other: str) -> int:
    """The same conflict, found on two machines, is one row: its id is made from what it is."""
    digest = hashlib.sha256(json.dumps([kind, table, key, column, other]).encode()).digest()
    return int.from_bytes(digest[:8], "big") & (2**53 - 1) or 1


class Applier:
    """Applies change files with the journal's rules for what both machines changed."""

    def __init__(self, engine: SyncEngine):
        self.engine = engine
        self.conn = engine.conn
        self.conflicts: list[int] = []
        self.forget: list[tuple[str, list]] = []
        self._fixes: list[tuple[str, list, dict]] = []
        self._author = 0
        self.applied_any = False

    def apply(self, header: dict, changeset: bytes) -> None:
        self.applied_any = True
        self._author = header["device"]
        for change in apsw.Changeset.iter(changeset):
            if change.op == "DELETE":
                self.engine._archive(change.name, change.old)
        self._fixes = []
        apsw.Changeset.apply(changeset, self.conn, filter_change=self._takes, conflict=self._on_conflict)
        for table, key, values in self._fixes:
            self._update(table, key, values)

    def _takes(self, change: apsw.TableChange) -> bool:
        """A change from a file goes in only to a synced table, and only with values the forms
        would take (`domain.values`); one that is refused is named as a conflict."""
        table = change.name
        if table not in self.engine.tables:
            return False
        if change.new is None:
            return True
        columns = self.engine.columns(table)
        for name, value in zip(columns, change.new, strict=True):
            if value is not apsw.no_change and refused_value(table, name, value):
                values = change.new if change.op == "INSERT" else change.old
                self._note("refused", table, [values[i] for i in self.engine.pk_indexes(table)])
                return False
        return True

    # the handler: copies what it needs out of the change, decides, and leaves writes for after

    def _on_conflict(self, why: int, change: apsw.TableChange) -> int:
        table = change.name
        if why == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
            return apsw.SQLITE_CHANGESET_OMIT  # links are mended once the file is in (mend_links)
        columns = self.engine.columns(table)
        pk = self.engine.pk_indexes(table)
        if why == apsw.SQLITE_CHANGESET_NOTFOUND:
            if change.op == "UPDATE":  # deleted here, edited there: it comes back from there, whole
                self._note("kept", table, [change.old[i] for i in pk])
            return apsw.SQLITE_CHANGESET_OMIT
        if why == apsw.SQLITE_CHANGESET_CONSTRAINT:
            values = change.new if change.new is not None else change.old
            self._note("refused", table, [values[i] for i in pk])
            return apsw.SQLITE_CHANGESET_OMIT
        current = tuple(change.conflict)
        key = [current[i] for i in pk]
        if change.op == "DELETE":  # edited here, deleted there: kept, and sent out whole again
            self._note("kept", table, key)
            self.forget.append((table, key))
            return apsw.SQLITE_CHANGESET_OMIT
        new = tuple(change.new)
        if change.op == "INSERT" and self._put_back_unchanged(table, columns, key, current):
            return apsw.SQLITE_CHANGESET_REPLACE  # the record itself, sent whole from where it was kept
        old = tuple(change.old) if change.op == "UPDATE" else (apsw.no_change,) * len(columns)
        self._settle(table, columns, key, current, old, new)
        return apsw.SQLITE_CHANGESET_OMIT

    def _put_back_unchanged(self, table: str, columns: list[str], key: list, current: tuple) -> bool:
        """Whether the row here is one a sync put back as it was deleted (`_put_back`), untouched
        since: another machine's whole copy of it then simply takes its place."""
        found = next(
            self.conn.execute(
                "SELECT row FROM main.sync_deleted WHERE table_name = ? AND row_key = ?", [table, json.dumps(key)]
            ),
            None,
        )
        return found is not None and found[0] == json.dumps(dict(zip(columns, current, strict=True)))

    def _settle(self, table: str, columns: list[str], key: list, current: tuple, old: tuple, new: tuple) -> None:
        """Both machines changed this row: field by field, what only they changed is taken, and
        what both changed is settled by the journal's rules."""
        at, on = columns.index("last_changed_at"), columns.index("last_changed_on")
        theirs_at = new[at] if new[at] is not apsw.no_change else current[at]
        theirs_on = new[on] if new[on] is not apsw.no_change else self._author
        mine, theirs = Stamp(current[at] or 0, current[on] or 0), Stamp(theirs_at or 0, theirs_on or 0)
        values: dict[str, object] = {}
        for i, name in enumerate(columns):
            value = new[i]
            if value is apsw.no_change or name in _STAMP_COLUMNS or value == current[i]:
                continue
            if old[i] is not apsw.no_change and isinstance(old[i], str):
                self._superseded(table, key, name, old[i])
            if old[i] is not apsw.no_change and old[i] == current[i]:
                values[name] = value  # changed there only
                continue
            later = theirs_is_later(mine, theirs, current[i], value)
            outcome = settle_field(table, name, current[i], value, later)
            if outcome.value != current[i]:
                values[name] = outcome.value
            if outcome.set_aside is not None:
                self._note("two_versions", table, key, name, str(outcome.set_aside))
        later = max(mine, theirs)
        if later != mine:
            values["last_changed_at"], values["last_changed_on"] = later.at, later.device
        if values:
            self._fixes.append((table, key, values))

    def _superseded(self, table: str, key: list, column: str, text: str) -> None:
        """A version set aside here that the machine which wrote it has since written over (the
        change's old value): nothing is left to choose between, on any machine."""
        conflict = conflict_id("two_versions", table, json.dumps(key), column, text)
        self.conn.execute("DELETE FROM main.sync_conflicts WHERE id = ?", [conflict])

    def _update(self, table: str, key: list, values: dict) -> None:
        columns = self.engine.columns(table)
        where = " AND ".join(f"[{columns[i]}] = ?" for i in self.engine.pk_indexes(table))
        assignments = ", ".join(f"[{name}] = ?" for name in values)
        self.conn.execute(f"UPDATE main.[{table}] SET {assignments} WHERE {where}", [*values.values(), *key])

    def _note(self, kind: str, table: str, key: list, column: str = "", other: str = "") -> None:
        """A conflict the user is shown once: the same on every machine that finds it."""
        row_key = json.dumps(key)
        conflict = conflict_id(kind, table, row_key, column, other)
        self.conn.execute(
            "INSERT INTO main.sync_conflicts (id, kind, table_name, row_key, column_name, other,"
            " last_changed_at, last_changed_on) VALUES (?, ?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING",
            [conflict, kind, table, row_key, column, other],
        )
        if self.conn.changes() and conflict not in self.conflicts:
            self.conflicts.append(conflict)

    def mend_links(self) -> None:
        """Rows whose parent another machine deleted while this one added to it (or the other
        way round): a link that is cleared on delete is cleared; a record that goes with its
        parent brings the parent back, from the rows deleted by a sync, and says so."""
        if not self.applied_any:
            return
        for _round in range(20):
            broken = self._broken_links()
            if not broken:
                return
            for table, rowid, parent, link_id in broken:
                link = [
                    row for row in self.conn.execute(f"PRAGMA main.foreign_key_list([{table}])") if row[0] == link_id
                ]
                child_column, parent_column, on_delete = link[0][3], link[0][4] or "id", link[0][6]
                if on_delete == "SET NULL":
                    self.conn.execute(f"UPDATE main.[{table}] SET [{child_column}] = NULL WHERE rowid = ?", [rowid])
                    continue
                (wanted,) = next(
                    self.conn.execute(f"SELECT [{child_column}] FROM main.[{table}] WHERE rowid = ?", [rowid])
                )
                if parent_column == "id" and self._put_back(parent, wanted):
                    continue
                row = next(self.conn.execute(f"SELECT * FROM main.[{table}] WHERE rowid = ?", [rowid]))
                self._note("refused", table, [row[i] for i in self.engine.pk_indexes(table)])
                self.conn.execute(f"DELETE FROM main.[{table}] WHERE rowid = ?", [rowid])
        raise SyncError("the journal's links could not be mended after a sync; nothing was applied")

    def _broken_links(self) -> list[tuple[str, int, str, int]]:
        """The links a sync may have broken, as `PRAGMA foreign_key_check` lists them, looked for
        only among the rows this sync wrote and the rows that point at them (by their indexes),
        not across the whole journal."""
        broken = []
        for table in self.engine.tables:
            for link_id, _seq, parent, column, to, *_ in list(
                self.conn.execute(f"PRAGMA main.foreign_key_list([{table}])")
            ):
                to = to or "id"
                missing = (
                    f"[{column}] IS NOT NULL"
                    f" AND NOT EXISTS (SELECT 1 FROM main.[{parent}] p WHERE p.[{to}] = t.[{column}])"
                )
                mine = self.engine._touched(table)
                parents_touched = (
                    f"[{column}] IN (SELECT json_extract(row_key, '$[0]') FROM main.sync_touched"
                    f" WHERE table_name = '{parent}')"
                )
                sql = f"SELECT rowid FROM main.[{table}] t WHERE ({mine} OR {parents_touched}) AND {missing}"
                broken += [(table, rowid, parent, link_id) for (rowid,) in self.conn.execute(sql)]
        return broken

    def _put_back(self, table: str, row_id: object) -> bool:
        found = next(
            self.conn.execute(
                "SELECT row FROM main.sync_deleted WHERE table_name = ? AND row_key = ?", [table, json.dumps([row_id])]
            ),
            None,
        )
        if found is None:
            return False
        row = json.loads(found[0])
        names = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" * len(row))
        self.conn.execute(f"INSERT OR IGNORE INTO main.[{table}] ({names}) VALUES ({marks})", list(row.values()))
        self._note("kept", table, [row_id])
        return True
