"""Finding and opening the user's journal file."""

from __future__ import annotations

import os
from pathlib import Path

from followup_tui.store.opening import CannotUnlock, JournalBusy, StoreError

TYPE_CHECKING = False  # not typing's: `followup due` passes through here, and typing costs it 3 ms
if TYPE_CHECKING:
    from followup_tui.domain.clock import Clock
    from followup_tui.store import Store
    from followup_tui.store import Store as Journal  # noqa: F401 (what the app holds, handed to every service)

__all__ = [
    "CannotUnlock",
    "JournalBusy",
    "StoreError",
    "default_journal_path",
    "get_ready_to_write",
    "is_empty",
    "journal_path",
    "failure_line",
    "open_journal",
    "where",
]

APP_NAME = "followup-tui"
JOURNAL_FILE = "journal.db"


def default_journal_path() -> Path:
    """Where the journal lives when neither --db nor FOLLOWUP_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / JOURNAL_FILE


NO_NAME = "give the journal a file name (or leave --db and FOLLOWUP_DB out for your usual journal)"


def journal_path(db: str | os.PathLike | None) -> Path:
    """The journal the user named, or the default one when they named none. An empty name is
    refused (StoreError), never taken for the default: the person meant some file."""
    if db is None:
        return default_journal_path()
    if str(db) == "":
        raise StoreError(NO_NAME)
    return Path(db)


def open_journal(db: str | os.PathLike | None, clock: Clock) -> Store:
    """Open the journal the user named, or the default one, creating it on first use."""
    from followup_tui.store import Store

    path = journal_path(db)
    return Store.open(path, clock, private_folder=db is None)


def get_ready_to_write() -> None:
    """Load what the first change to the journal needs, ahead of it (safe on any thread)."""
    from followup_tui.store.base import load_writer

    load_writer()


def is_empty(store: Store) -> bool:
    """Nothing in it yet: the app offers sample data and a first debrief."""
    return store.is_empty()


def where(store: Store) -> Path | None:
    """The journal's file, to name in a message."""
    return store.path


def failure_line(error: BaseException, store: Store | None = None) -> str:
    """Why the app or a command stopped, in the one line a person sees: an error reading or
    writing the journal as what it means for the file, any other as its kind and words."""
    from followup_tui.store.opening import as_store_error

    trouble = as_store_error(error, store.path if store else None)
    return str(trouble or f"unexpected {type(error).__name__}: {error} (run with --debug for details)")
