"""Applying another machine's change file: each change checked as the forms check it, and what
both machines changed settled by the journal's rules (`domain.sync_rules`), never silently."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import apsw

from followup_tui.domain import field_stamps
from followup_tui.domain.sync_rules import FREE_TEXT, FieldVersion, merge_versions, set_aside, shown_version
from followup_tui.domain.values import COLUMN_CHECKS, ROW_STAMP_CHECKS, column_problem, text_problem

from .sync_files import SyncError
from .sync_tables import FIELD_STAMPS, STAMP_COLUMNS

if TYPE_CHECKING:
    from .sync_engine import SyncEngine

_FREE_TEXT_TABLES = frozenset(table for table, _column in FREE_TEXT)


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
        set_aside_in = {table for (table,) in self.conn.execute("SELECT DISTINCT table_name FROM main.sync_conflicts")}
        written: dict[tuple[str, str], list] = {}
        for change in apsw.Changeset.iter(changeset):
            if change.op == "DELETE":
                self.engine._archive(change.name, change.old)
            if change.name in _FREE_TEXT_TABLES and (
                change.name in set_aside_in or self._holds_versions(change.name, change.new)
            ):
                values = change.new if change.op == "INSERT" else change.old
                key = [values[i] for i in self.engine.pk_indexes(change.name)]
                written[(change.name, json.dumps(key))] = key
        self._fixes = []
        apsw.Changeset.apply(changeset, self.conn, filter_change=self._takes, conflict=self._on_conflict)
        for table, key, values in self._fixes:
            self._update(table, key, values)
            if table in _FREE_TEXT_TABLES:
                written[(table, json.dumps(key))] = key
        for (table, _row_key), key in written.items():  # only rows that may hold or lose a version set aside
            self.set_aside(table, key)

    def _holds_versions(self, table: str, new: tuple | None) -> bool:
        """Whether a change brings a field with more than one version (so possibly one to set aside)."""
        if new is None:
            return False
        text = new[self.engine.columns(table).index(FIELD_STAMPS)]
        return isinstance(text, str) and any(len(versions) > 1 for versions in field_stamps.decode(text).values())

    def clock_of(self, header: dict, changeset: bytes) -> int:
        """The latest moment of its machine's clock a file carries: its header's, or, from a
        version that wrote none, the latest stamp of that machine's among its rows."""
        if isinstance(header.get("clock"), int):
            return header["clock"]
        latest = 0
        for change in apsw.Changeset.iter(changeset):
            row = change.new if change.new is not None else change.old
            columns = self.engine.columns(change.name) if change.name in self.engine.tables else []
            if "last_changed_at" in columns and len(row) == len(columns):
                at, on = row[columns.index("last_changed_at")], row[columns.index("last_changed_on")]
                if on == header["device"] and isinstance(at, int):
                    latest = max(latest, at)
        return latest

    def _takes(self, change: apsw.TableChange) -> bool:
        """A change from a file goes in only to a synced table, and only with values the forms
        would take (`domain.values`); one that is refused is named as a conflict."""
        table = change.name
        if table not in self.engine.tables:
            return False
        if change.new is None:
            return True
        columns = self.engine.columns(table)
        brought = [
            (name, value) for name, value in zip(columns, change.new, strict=True) if value is not apsw.no_change
        ]
        stamps = dict(brought).get(FIELD_STAMPS)
        if isinstance(stamps, str) and not field_stamps.problem(stamps):  # the versions it keeps, as fields too
            brought += [(n, v) for n, v in field_stamps.values_in(field_stamps.decode(stamps)) if n in columns]
        for name, value in brought:
            if refused_value(table, name, value):
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
        self._settle(table, columns, key, current, new)
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

    def _settle(self, table: str, columns: list[str], key: list, current: tuple, new: tuple) -> None:
        """Both machines wrote this row: field by field, the versions of each are put together
        (`merge_versions`), and the record shows the one the journal's rules choose. A file
        written before fields kept their versions brings each change as one version of its
        row's moment, which knew of nothing here."""
        at, on, kept = (columns.index(name) for name in ("last_changed_at", "last_changed_on", FIELD_STAMPS))
        theirs_at = new[at] if new[at] is not apsw.no_change else current[at]
        theirs_on = new[on] if new[on] is not apsw.no_change else self._author
        mine = field_stamps.decode(current[kept])
        theirs = None if new[kept] is apsw.no_change else field_stamps.decode(new[kept])
        merged = dict(mine)
        values: dict[str, object] = {}
        for i, name in enumerate(columns):
            value = new[i]
            if value is apsw.no_change or name in STAMP_COLUMNS:
                continue
            here = field_stamps.versions_of(mine, name, current[i])
            if theirs is None:
                there = [FieldVersion(theirs_at or 0, theirs_on or 0, (), value)]
            else:
                there = field_stamps.versions_of(theirs, name, value)
            together = merge_versions(here, there)
            if [v.stamp for v in together] == [v.stamp for v in here]:
                continue  # nothing this machine does not hold
            shown = shown_version(table, name, together)
            merged[name] = field_stamps.held_as(together, shown)
            if shown.value != current[i]:
                values[name] = shown.value
        born_here, born_there = mine.get(field_stamps.ROW), (theirs or {}).get(field_stamps.ROW)
        if born_there and (not born_here or born_there[0].stamp > born_here[0].stamp):
            merged[field_stamps.ROW] = born_there  # the row added again there (a link put back): the later
        if merged != mine:
            text = field_stamps.encode(merged)
            if text != current[kept]:
                values[FIELD_STAMPS] = text
        later = max((current[at] or 0, current[on] or 0), (theirs_at or 0, theirs_on or 0))
        if later != (current[at], current[on]):
            values["last_changed_at"], values["last_changed_on"] = later
        if values:
            self._fixes.append((table, key, values))

    def set_aside(self, table: str, key: list) -> None:
        """Make what is set aside of this row's free texts the versions it holds (`sync_conflicts`,
        this machine's own list of what to show the user): a version new here is shown once."""
        columns = [column for (name, column) in FREE_TEXT if name == table]
        if not columns or len(key) != 1:
            return
        names = ", ".join(f"[{column}]" for column in columns)
        row = next(self.conn.execute(f"SELECT {names}, [{FIELD_STAMPS}] FROM main.[{table}] WHERE id = ?", key), None)
        row_key = json.dumps(key)
        held = set(self._others(table, columns, row))
        for conflict, column, other in list(
            self.conn.execute(
                "SELECT id, column_name, other FROM main.sync_conflicts"
                " WHERE kind = 'two_versions' AND table_name = ? AND row_key = ?",
                [table, row_key],
            )
        ):
            if (column, other) in held:
                held.discard((column, other))
            else:
                self.conn.execute("DELETE FROM main.sync_conflicts WHERE id = ?", [conflict])
        for column, other in sorted(held):
            self._note("two_versions", table, key, column, other)

    @staticmethod
    def _others(table: str, columns: list[str], row: tuple | None) -> list[tuple[str, str]]:
        """(column, text) for each version of a free text the row holds beside the one it shows."""
        if row is None:
            return []
        stamps = field_stamps.decode(row[-1])
        return [
            (column, other)
            for column, value in zip(columns, row, strict=False)
            if column in stamps
            for other in set_aside(table, column, field_stamps.versions_of(stamps, column, value))
        ]

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
            "INSERT INTO main.sync_conflicts (id, kind, table_name, row_key, column_name, other)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
