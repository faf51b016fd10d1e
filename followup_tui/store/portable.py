"""The whole journal as plain rows, table by table: for `followup export json` and restoring it.

Rows keep their ids, so a journal written back from its own dump is the same journal:
every link between tables, every timestamp, every draft and setting.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from . import driver
from .base import StoreBase
from .opening import StoreError

JOURNAL_TABLES = (
    "opportunities",
    "status_changes",
    "contacts",
    "interviews",
    "debriefs",
    "debrief_answers",
    "answer_ratings",
    "interview_contacts",
    "followups",
    "settings",
    "drafts",
    "stories",
    "story_questions",
    "documents_sent",
)
"""Every table that holds what the user wrote, parents before children.

The search indexes are left out: they are rebuilt from these as the rows go in.
"""


class PortableRecords(StoreBase):
    """The dump-and-restore part of Store."""

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()]

    def table_columns(self) -> dict[str, list[str]]:
        return {table: [c.name for c in self.db[table].columns] for table in JOURNAL_TABLES}

    def dump_tables(self) -> dict[str, list[dict]]:
        """Every row of every journal table, in the order it was written."""
        return {table: list(self.table_rows(table)) for table in JOURNAL_TABLES}

    def table_rows(self, table: str) -> Iterator[dict]:
        """One journal table's rows in the order they were written, read as they are asked for
        (an export of a large journal holds one row at a time)."""
        if table not in JOURNAL_TABLES:
            raise ValueError(f"{table!r} is not a journal table")
        return self._query(f"SELECT * FROM [{table}] ORDER BY rowid")

    def holds_anything(self) -> bool:
        return any(self.conn.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone() for table in JOURNAL_TABLES)

    def load_tables(self, tables: dict[str, list[dict]]) -> None:
        """Write `tables` into this empty journal, all in one transaction or not at all.

        The caller has checked the shape (known tables and columns, plain values); the
        database checks the rest (links between rows, allowed values) as they go in.
        """
        with self.transaction():
            if self.holds_anything():
                raise StoreError("the journal is not empty; restore into a new file (use --db)")
            for table in JOURNAL_TABLES:
                given = tables.get(table, [])
                for number, row in enumerate(_numbered(given) if table == "interview_contacts" else given, start=1):
                    columns = ", ".join(f"[{name}]" for name in row)
                    marks = ", ".join("?" * len(row))
                    try:
                        self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
                    except driver.Error as error:
                        raise StoreError(f"{table} row {number} does not fit: {error}") from None
            # cards from a journal written before cards had UIDs: each gets its own now
            for (contact_id,) in self.conn.execute("SELECT id FROM contacts WHERE uid = ''").fetchall():
                self.conn.execute("UPDATE contacts SET uid = ? WHERE id = ?", [str(uuid.uuid4()), contact_id])
            self.split_waiting_lines()  # the question bank, from the answers restored


def _numbered(links: list[dict]) -> list[dict]:
    """An interview's people from an export made before they kept a position: numbered in the
    order the export lists them (the order they were added), so they come back in that order."""
    if all("position" in row for row in links):
        return links
    count: dict[object, int] = {}
    numbered = []
    for row in links:
        interview = row.get("interview_id")
        numbered.append({**row, "position": count.get(interview, 0)} if "position" not in row else row)
        count[interview] = count.get(interview, 0) + 1
    return numbered
