"""What `followup notify` has sent today, so a reminder goes out once a day.

A run claims the reminders it is about to send (one row each, in one transaction that takes the
write lock first), sends them, and gives back the claims of those that did not reach anyone: a
second run at the same moment finds them claimed and sends nothing twice; the next run retries
what failed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .base import StoreBase

KEPT_DAYS = 7
"""Older days are forgotten as new ones are written: only today's matter."""


class ReminderRecords(StoreBase):
    """The reminders part of Store."""

    def reminders_sent_on(self, day: date) -> set[str]:
        sql = "SELECT key FROM reminders_sent WHERE day = ?"
        return {row[0] for row in self.conn.execute(sql, [day.isoformat()]).fetchall()}

    def claim_reminders(self, keys: Iterable[str], day: date) -> list[str]:
        """Of `keys`, those no run has claimed on `day`, now claimed for this one (in order).
        BEGIN IMMEDIATE first: a second run waits here, then finds them taken."""
        claimed = []
        with self.transaction():
            sql = "INSERT OR IGNORE INTO reminders_sent (key, day) VALUES (?, ?)"
            for key in keys:
                if self.conn.execute(sql, [key, day.isoformat()]).rowcount:
                    claimed.append(key)
            forgotten = (day - timedelta(days=KEPT_DAYS)).isoformat()
            self.conn.execute("DELETE FROM reminders_sent WHERE day < ?", [forgotten])
        return claimed

    def release_reminders(self, keys: Iterable[str], day: date) -> None:
        """Give back claims on `day` for reminders that reached nobody, for the next run to send."""
        keys = list(keys)
        if not keys:
            return
        with self.transaction():
            sql = "DELETE FROM reminders_sent WHERE key = ? AND day = ?"
            self.conn.executemany(sql, [(key, day.isoformat()) for key in keys])
