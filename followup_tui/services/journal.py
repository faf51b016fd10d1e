"""Finding and opening the user's journal file."""

from __future__ import annotations

import os
from pathlib import Path

from followup_tui.store.opening import JournalBusy, StoreError

TYPE_CHECKING = False  # not typing's: `followup due` passes through here, and typing costs it 3 ms
if TYPE_CHECKING:
    from followup_tui.domain.clock import Clock
    from followup_tui.store import Store

__all__ = ["JournalBusy", "StoreError", "default_journal_path", "journal_path", "open_journal"]

APP_NAME = "followup-tui"
JOURNAL_FILE = "journal.db"


def default_journal_path() -> Path:
    """Where the journal lives when neither --db nor FOLLOWUP_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / JOURNAL_FILE


def journal_path(db: str | os.PathLike | None) -> Path:
    """The journal the user named, or the default one."""
    return default_journal_path() if db is None or str(db) == "" else Path(db)


def open_journal(db: str | os.PathLike | None, clock: Clock) -> Store:
    """Open the journal the user named, or the default one, creating it on first use."""
    from followup_tui.store import Store

    if db is None or str(db) == "":
        return Store.open(default_journal_path(), clock, private_folder=True)
    return Store.open(Path(db), clock)
