"""What `followup notify` has already sent today, so a reminder goes out once a day."""

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

    def remember_reminders(self, keys: Iterable[str], day: date) -> None:
        with self.transaction():
            sql = "INSERT OR IGNORE INTO reminders_sent (key, day) VALUES (?, ?)"
            self.conn.executemany(sql, [(key, day.isoformat()) for key in keys])
            forgotten = (day - timedelta(days=KEPT_DAYS)).isoformat()
            self.conn.execute("DELETE FROM reminders_sent WHERE day < ?", [forgotten])
