"""Quick read-only questions for the command line, over plain sqlite3.

`followup due` answers in about the time Python takes to start: it opens the journal read-only,
refuses one that is not a journal this release knows (the same check as the full store), and
returns plain tuples — without loading sqlite-utils or the dataclass records.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from datetime import date
from pathlib import Path

from followup_tui.domain.kinds import Kind

from .opening import BUSY_TIMEOUT_SECONDS, StoreError, check_is_journal

DueItem = namedtuple("DueItem", "id due_on kind subject company role person")
"""One planned follow-up as `followup due` shows it (a tuple: no dataclass machinery to load)."""


def due_until(path: Path, last_day: date) -> list[DueItem]:
    """Planned follow-ups due on or before `last_day`, soonest first; [] for a journal not yet made."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a database file inside it")
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    try:
        check_is_journal(conn, path)
        found = conn.execute(
            """
            SELECT f.id, f.due_on, f.kind, f.subject, o.company, o.role, c.name
            FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            WHERE f.status = 'planned' AND f.due_on <= ?
            ORDER BY f.due_on, f.id
            """,
            [last_day.isoformat()],
        ).fetchall()
    except sqlite3.Error as error:
        raise StoreError(f"cannot read {path}: {error}") from None
    finally:
        conn.close()
    return [DueItem(id, date.fromisoformat(due_on), Kind(kind), *rest) for id, due_on, kind, *rest in found]
