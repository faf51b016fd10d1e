"""One way back: every action a pane can undo returns an Undo, and `undo` reverses it."""

from __future__ import annotations

from dataclasses import dataclass

from followup_tui.store import Store
from followup_tui.store.snapshots import NotPutBack, Snapshot


@dataclass(frozen=True)
class Undo:
    """How to reverse one action: delete `created` (the follow-up it added), and put `snapshot`'s
    rows back. `select` is the row to put the cursor on once it is undone."""

    label: str
    created: int | None = None
    snapshot: Snapshot | None = None
    select: str | None = None


RECORDS = {
    "followups": "the follow-up",
    "contacts": "the card",
    "opportunities": "the application",
    "interviews": "the interview",
    "debriefs": "the debrief",
}


def undo(store: Store, action: Undo) -> list[str]:
    """Reverse the action, field by field: what another copy of followup changed since stays as
    that copy left it, and is described in the lines returned (none when all went back)."""
    with store.transaction():
        kept = store.put_back(action.snapshot) if action.snapshot is not None else []
        if action.created is not None:
            store.delete_followup(action.created)
    return [_described(one) for one in kept]


def _described(kept: NotPutBack) -> str:
    record = RECORDS.get(kept.table, "a record")
    if not kept.fields:
        return f"{record} was removed in another copy of followup, so it was not put back"
    fields = ", ".join(name.replace("_", " ") for name in kept.fields)
    return f"{record}'s {fields} changed in another copy of followup since, and stayed as it is there"
