"""What a sync set aside for the user (`sync_conflicts`, m022): read, described, and settled.

Each machine keeps its own list: the versions themselves travel in the rows (`field_stamps`),
so settling two versions is a write like any other, and it settles them on every machine.
"""

from __future__ import annotations

import json

from followup_tui.domain.field_stamps import RENEW
from followup_tui.domain.sync_rules import KEEP_CHOICES, SyncConflict, both_versions

from .base import StoreBase
from .opening import StoreError
from .sync_tables import FIELD_STAMPS

_WHAT = {
    "debrief_answers": (
        "SELECT o.company || ' — ' || a.prompt FROM debrief_answers a JOIN debriefs d ON d.id = a.debrief_id"
        " JOIN interviews i ON i.id = d.interview_id JOIN opportunities o ON o.id = i.opportunity_id WHERE a.id = ?"
    ),
    "opportunities": (
        "SELECT company || CASE WHEN role != '' THEN ', ' || role ELSE '' END FROM opportunities WHERE id = ?"
    ),
    "contacts": "SELECT name FROM contacts WHERE id = ?",
    "followups": (
        "SELECT coalesce(o.company || ': ', '') || f.subject FROM followups f"
        " LEFT JOIN opportunities o ON o.id = f.opportunity_id WHERE f.id = ?"
    ),
    "stories": "SELECT title FROM stories WHERE id = ?",
    "interviews": (
        "SELECT o.company || ', ' || i.stage FROM interviews i"
        " JOIN opportunities o ON o.id = i.opportunity_id WHERE i.id = ?"
    ),
}
_KIND_WORD = {
    "debrief_answers": "an answer",
    "opportunities": "an application",
    "contacts": "a contact",
    "followups": "a follow-up",
    "stories": "a story",
    "interviews": "an interview",
}


def conflicts_in(conn, ids: list[int] | None = None) -> list[SyncConflict]:
    """What is set aside in the journal `conn` has open (sqlite3's or the sync engine's apsw:
    plain SQL, each row described as the user knows its record)."""
    rows = conn.execute(
        "SELECT id, kind, table_name, row_key, column_name, other FROM sync_conflicts ORDER BY id"
    ).fetchall()
    wanted = None if ids is None else set(ids)
    return [_described(conn, *row) for row in rows if wanted is None or row[0] in wanted]


def _described(conn, conflict_id, kind, table, row_key, column, other) -> SyncConflict:
    key = json.loads(row_key)
    current = None
    what = f"{_KIND_WORD.get(table, 'a record')} ({table} {', '.join(map(str, key))})"
    if len(key) == 1 and table in _WHAT:
        found = conn.execute(_WHAT[table], key).fetchone()
        what = found[0] if found and found[0] else what
    if column and len(key) == 1:
        found = conn.execute(f"SELECT [{column}] FROM [{table}] WHERE id = ?", key).fetchone()
        current = found[0] if found else None
    return SyncConflict(conflict_id, kind, table, row_key, column, other, current, what)


class SyncConflictRecords(StoreBase):
    """The part of Store that shows and settles what a sync set aside."""

    def sync_device(self) -> int:
        """This journal's device number: the name of its sub-folder in a sync folder."""
        return self.conn.execute("SELECT device FROM sync_device").fetchone()[0]

    def sync_conflicts(self, ids: list[int] | None = None) -> list[SyncConflict]:
        return conflicts_in(self.conn, ids)

    def settle_sync_conflict(self, conflict_id: int, keep: str = "this") -> SyncConflict:
        """Settle one conflict: for two versions, keep the one in the record (`this`), the
        other, or both in one text; a note is simply dismissed. The change syncs like any other."""
        if keep not in KEEP_CHOICES:
            raise ValueError(f"keep takes one of: {', '.join(KEEP_CHOICES)}")
        with self.transaction():
            found = self.sync_conflicts([conflict_id])
            if not found:
                raise StoreError(f"there is no conflict {conflict_id} (settled already, here or on another machine)")
            conflict = found[0]
            if conflict.kind == "two_versions" and conflict.current is not None:
                key = json.loads(conflict.row_key)
                if keep == "this":  # the same text, as a new version: every machine drops the others
                    self.conn.execute(
                        f"UPDATE [{conflict.table}] SET {FIELD_STAMPS} = json_set(coalesce({FIELD_STAMPS}, '{{}}'),"
                        " ?, ?) WHERE id = ?",
                        [f'$."{conflict.column}"', RENEW, *key],
                    )
                else:
                    text = conflict.other if keep == "other" else both_versions(conflict.current, conflict.other)
                    self.conn.execute(
                        f"UPDATE [{conflict.table}] SET [{conflict.column}] = ? WHERE id = ?", [text, *key]
                    )
            self.conn.execute("DELETE FROM sync_conflicts WHERE id = ?", [conflict_id])
        return conflict
