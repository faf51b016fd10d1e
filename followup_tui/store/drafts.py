"""Autosaved drafts of forms, kept as JSON until the form is saved or discarded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from . import rows
from .base import StoreBase


@dataclass(frozen=True)
class Draft:
    key: str
    payload: dict
    updated_at: datetime


class DraftRecords(StoreBase):
    """The draft part of Store."""

    def save_draft(self, key: str, payload: dict) -> None:
        """Keep what a form holds right now, replacing the previous draft under `key`.

        Written as ASCII JSON, so even text no file can hold (a pasted unpaired surrogate) is
        kept as typed, for the form to show and its check to refuse."""
        with self.transaction():
            self.db["drafts"].upsert(
                {"key": key, "payload": json.dumps(payload), "updated_at": self._stamp()},
                pk="key",
            )

    def get_draft(self, key: str) -> Draft | None:
        row = next(self._query("SELECT * FROM drafts WHERE key = ?", [key]), None)
        if row is None:
            return None
        try:
            payload = json.loads(row["payload"])
        except ValueError:
            payload = {}
        return Draft(key, payload if isinstance(payload, dict) else {}, rows.moment_of(row["updated_at"]))

    def delete_draft(self, key: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM drafts WHERE key = ?", [key])
