"""What a form has typed but not saved: kept in the journal, so a crash loses nothing."""

from __future__ import annotations

from followup_tui.store import Draft, Store

__all__ = ["Draft", "draft", "drop_draft", "keep_draft"]


def draft(store: Store, key: str) -> Draft | None:
    return store.get_draft(key)


def keep_draft(store: Store, key: str, payload: dict) -> None:
    store.save_draft(key, payload)


def drop_draft(store: Store, key: str) -> None:
    store.delete_draft(key)
