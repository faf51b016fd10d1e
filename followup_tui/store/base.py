"""What every part of the store shares: the database, the clock, and one way to write."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import FollowupListing

from . import rows
from .opening import StoreError


class StoreBase:
    """The parts of Store (interviews, contacts, drafts) build on this; use Store itself."""

    def __init__(self, db: Database, clock: Clock, path: Path | None = None):
        self.db = db
        self.clock = clock
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write that takes the write lock at once (BEGIN IMMEDIATE).

        A deferred transaction that later upgrades to a write fails at once with
        "database is locked", whatever the busy timeout; taking the lock first
        makes a second copy of the app wait its turn instead. Inside another
        transaction it simply joins it, so services can group several writes.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"the journal is busy ({error}); try again in a moment") from None
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def _stamp(self) -> str:
        return rows.moment_text(self.clock.now())

    def _followup_listings(
        self, where: str = "", params: Sequence = (), order: str = "f.due_on, f.id", limit: int = -1
    ) -> list[FollowupListing]:
        sql = f"""
            SELECT f.*, o.company AS o_company, o.role AS o_role, c.name AS c_name
            FROM followups f
            JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            {where}
            ORDER BY {order}
            LIMIT {int(limit)}
        """
        return [
            FollowupListing(rows.followup_of(row), row["o_company"], row["o_role"], row["c_name"])
            for row in self.db.query(sql, params)
        ]
