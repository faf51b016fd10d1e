"""Quick read-only questions for the command line, over plain sqlite3 (SQLCipher for a private journal).

`followup due` and `followup search` answer in about the time Python takes to start: they open
the journal read-only, refuse one that is not a journal this release knows (the same check as
the full store), and return plain tuples — without loading sqlite-utils or the dataclass records.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime
from pathlib import Path

from followup_tui.domain.kinds import Kind, Stage

from . import driver
from .opening import (
    BUSY_TIMEOUT_SECONDS,
    StoreError,
    check_is_journal,
    describe_error,
    open_connection,
    refuse_odd_file,
)

DueItem = namedtuple("DueItem", "id due_on kind subject company role person")
"""One planned follow-up as `followup due` shows it (a tuple: no dataclass machinery to load)."""

Found = namedtuple("Found", "starts_at stage company role prompt excerpt")
"""One debrief as `followup search` shows it: when, which round, where, and the answer that matched."""


def due_until(path: Path, last_day: date) -> list[DueItem]:
    """Planned follow-ups due on or before `last_day`, soonest first; [] for a journal not yet made."""
    path = Path(path).expanduser()
    if (conn := _open_read_only(path)) is None:
        return []
    try:
        check_is_journal(conn, path)
        found = conn.execute(
            """
            SELECT f.id, f.due_on, f.kind, f.subject, coalesce(o.company, ''), coalesce(o.role, ''), c.name
            FROM followups f
            LEFT JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            WHERE f.status = 'planned' AND f.due_on <= ?
            ORDER BY f.due_on, f.id
            """,
            [last_day.isoformat()],
        ).fetchall()
    except driver.Error as error:
        raise StoreError(_unreadable(path, error)) from None
    finally:
        conn.close()
    return [DueItem(id, date.fromisoformat(due_on), Kind(kind), *rest) for id, due_on, kind, *rest in found]


def search(path: Path, text: str, limit: int) -> list[Found]:
    """The debriefs that mention `text`, most recently saved first; [] for a journal not yet made."""
    from .search import answers_matching

    path = Path(path).expanduser()
    if (conn := _open_read_only(path)) is None:
        return []
    try:
        upgraded = "m012_search_names" in check_is_journal(conn, path)  # read as it is, never upgraded here
        matches = answers_matching(conn, text, limit, names=upgraded)
        interviews = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT i.id, i.starts_at, i.stage, o.company, o.role FROM interviews i"
                f" JOIN opportunities o ON o.id = i.opportunity_id WHERE i.id IN ({','.join('?' * len(matches))})",
                [interview_id for interview_id, _, _ in matches],
            )
        }
    except driver.Error as error:
        raise StoreError(_unreadable(path, error)) from None
    finally:
        conn.close()
    return [
        Found(datetime.fromisoformat(starts_at), Stage(stage), company, role, prompt, excerpt)
        for interview_id, prompt, excerpt in matches
        if interview_id in interviews
        for starts_at, stage, company, role in [interviews[interview_id]]
    ]


FoundStory = namedtuple("FoundStory", "title tags excerpt")
"""A story of the bank that mentions what was searched for, its first matching part marked."""

_STORIES_MATCHING = """
    SELECT s.title, s.tags,
        snippet(stories_fts, -1, char(2), char(3), '…', 12)
    FROM stories_fts JOIN stories s ON s.id = stories_fts.rowid
    WHERE stories_fts MATCH ? ORDER BY s.updated_at DESC, s.id DESC LIMIT ?
"""


def search_stories(path: Path, text: str, limit: int) -> list[FoundStory]:
    """The stories of the bank that mention `text` (taken literally), most recently written first;
    [] for a journal not yet made or from before the story bank."""
    from .search import fts_query

    path = Path(path).expanduser()
    if (query := fts_query(text)) is None or (conn := _open_read_only(path)) is None:
        return []
    try:
        if "m017_story_bank" not in check_is_journal(conn, path):
            return []
        return [FoundStory(*row) for row in conn.execute(_STORIES_MATCHING, [query, limit])]
    except driver.Error as error:
        raise StoreError(_unreadable(path, error)) from None
    finally:
        conn.close()


def _open_read_only(path: Path) -> driver.Connection | None:
    refuse_odd_file(path)
    if not path.exists():
        return None
    return open_connection(path, f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def _unreadable(path: Path, error: driver.Error) -> str:
    return describe_error(error, path)
