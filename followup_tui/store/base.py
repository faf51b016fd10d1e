"""What every part of the store shares: the database, the clock, and one way to write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import FollowupListing
from followup_tui.domain.people import name_key

from . import driver, rows
from .opening import JournalBusy, StoreError, describe_error, is_busy
from .sync_tables import DEVICE_BITS

if TYPE_CHECKING:
    from sqlite_utils import Database

WAIT_FOR_BUSY_SECONDS = 300.0
"""How long a write waits for another copy (a large import, say) before it gives up: five
minutes, for the command line. The app waits a moment only and says so (see the app)."""


def load_writer() -> None:
    """Load sqlite-utils, which the first write needs: the app does this on a thread while
    its first frame is being read, so that write does not wait for it."""
    import sqlite_utils  # noqa: F401


def _name_key_of(value: object) -> str | None:
    return name_key(value) if isinstance(value, str) else None


class StoreBase:
    """The parts of Store (interviews, contacts, drafts) build on this; use Store itself."""

    def __init__(self, conn: driver.Connection, clock: Clock, path: Path | None = None):
        self.conn = conn
        """The journal's one connection: reads go straight through it."""
        conn.create_function("name_key", 1, _name_key_of, deterministic=True)  # the name rule, in SQL
        self.clock = clock
        self.path = path
        self.patience = WAIT_FOR_BUSY_SECONDS
        """How long a write waits, in all, for another copy of followup to finish writing."""
        self.on_wait: Callable[[], None] | None = None
        """Called once when a write starts waiting, so the person can be told."""
        self.writes = 0
        """Writes committed through this connection: a command that changed nothing has none."""

    def data_version(self) -> int:
        """A number that moves when another connection commits a change to the file (never for
        this one's own writes): how the app notices another copy's writes."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for inserts, updates and upserts: loaded at
        the first write (or by the app just after its first frame), not to open the journal."""
        from sqlite_utils import Database

        return Database(self.conn)

    def _query(self, sql: str, params: Sequence | dict = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts of column to value, one at a time (as sqlite-utils' `query` gives them)."""
        cursor = self.conn.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(columns, row, strict=True))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write that takes the write lock at once (BEGIN IMMEDIATE).

        A deferred transaction that later upgrades to a write fails at once with
        "database is locked", whatever the busy timeout; taking the lock first
        makes a second copy of the app wait its turn instead. Inside another
        transaction it simply joins it, so services can group several writes.
        A failure of the file itself (disk full, damaged) is a StoreError that says so.
        """
        conn = self.conn
        if conn.in_transaction:
            yield
            return
        self._take_write_lock()
        try:
            yield
            conn.commit()
            self.writes += 1
        except driver.IntegrityError as error:  # a value the schema's rules refuse
            conn.rollback()
            raise StoreError(f"the journal refused this change ({error}); nothing was written") from error
        except driver.Error as error:
            conn.rollback()
            raise StoreError(describe_error(error, self.path)) from error
        except BaseException:
            conn.rollback()
            raise

    def _take_write_lock(self) -> None:
        """BEGIN IMMEDIATE, waiting while another copy writes: each try waits the connection's
        busy timeout; after the first, `on_wait` tells the person, and the tries go on until
        `patience` runs out (JournalBusy)."""
        deadline = None
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except driver.OperationalError as error:
                if not is_busy(error):
                    raise StoreError(describe_error(error, self.path)) from None
            now = time.monotonic()
            if deadline is None:
                deadline = now + self.patience
                if self.on_wait is not None:
                    self.on_wait()
            if now >= deadline:
                raise JournalBusy(
                    f"{self.path or 'the journal'} is busy: another copy of followup is still writing to it;"
                    " try again when it has finished"
                )

    def _new_ids(self, table: str, count: int = 1) -> list[int]:
        """Ids for `count` new rows of `table`, from this journal's device range (m022), so a row
        added here and one added on another machine at the same time never share an id, and
        never one given before (m023 `sync_ids`), so a record deleted here and changed elsewhere
        is never mistaken for a new one. Every insert that lets the journal choose an id goes
        through here."""
        low, high = self.conn.execute(
            f"SELECT device << {DEVICE_BITS}, (device + 1) << {DEVICE_BITS} FROM sync_device"
        ).fetchone()
        (top,) = self.conn.execute(
            f"SELECT max(max(coalesce((SELECT max(rowid) FROM [{table}] WHERE rowid >= ? AND rowid < ?), 0),"
            " coalesce((SELECT last FROM sync_ids WHERE table_name = ? AND last >= ? AND last < ?), 0)), ?)",
            [low, high, table, low, high, low],
        ).fetchone()
        first = top + 1
        if first + count > high:
            raise StoreError(f"this journal has used every id its device may give to {table}")
        self.conn.execute(  # never given twice: a record deleted here may still be changed on another machine
            "INSERT INTO sync_ids (table_name, last) VALUES (?, ?) ON CONFLICT DO UPDATE SET last = excluded.last",
            [table, first + count - 1],
        )
        return list(range(first, first + count))

    def _new_id(self, table: str) -> int:
        return self._new_ids(table)[0]

    def _stamp(self) -> str:
        return rows.moment_text(self.clock.now())

    def _followup_listings(
        self, where: str = "", params: Sequence = (), order: str = "f.due_on, f.id", limit: int = -1
    ) -> list[FollowupListing]:
        return list(self._iter_followup_listings(where, params, order, limit))

    def _iter_followup_listings(
        self, where: str = "", params: Sequence = (), order: str = "f.due_on, f.id", limit: int = -1
    ) -> Iterator[FollowupListing]:
        """As `_followup_listings`, read one row at a time."""
        sql = f"""
            SELECT f.*, o.company AS o_company, o.role AS o_role, c.name AS c_name, c.email != '' AS c_email
            FROM followups f
            LEFT JOIN opportunities o ON o.id = f.opportunity_id
            LEFT JOIN contacts c ON c.id = f.contact_id
            {where}
            ORDER BY {order}
            LIMIT {int(limit)}
        """
        for row in self._query(sql, params):
            yield FollowupListing(
                rows.followup_of(row),
                row["o_company"] or "",
                row["o_role"] or "",
                row["c_name"],
                row["c_email"] in (1, None),
            )
