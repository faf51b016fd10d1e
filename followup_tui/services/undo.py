"""One way back: every action a pane can undo returns an Undo, and `undo` reverses it."""

from __future__ import annotations

from dataclasses import dataclass

from followup_tui.domain.models import Followup
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot


@dataclass(frozen=True)
class Undo:
    """How to reverse one action: restore `before` (a follow-up as it was), delete `created`
    (the follow-up it added), or put `snapshot`'s rows back. `select` is the row to put the
    cursor on once it is undone."""

    label: str
    before: Followup | None = None
    created: int | None = None
    snapshot: Snapshot | None = None
    select: str | None = None


def undo(store: Store, action: Undo) -> None:
    with store.transaction():
        if action.snapshot is not None:
            store.put_back(action.snapshot)
        if action.created is not None:
            store.delete_followup(action.created)
        if action.before is not None:
            store.update_followup(action.before)
