"""One way back: every action a pane can undo returns an Undo, and `undo` reverses it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from followup_tui.store import Store
from followup_tui.store.snapshots import NotPutBack, Snapshot


@dataclass(frozen=True)
class Undo:
    """How to reverse one action: put `snapshot`'s rows back (and remove those it added).
    `select` is the row to put the cursor on once it is undone."""

    label: str
    snapshot: Snapshot | None = None
    select: str | None = None
    also: Callable[[Store], None] | None = None
    """What else to put back once the rows are (a mail proposal, open again), in the same write."""


@dataclass(frozen=True)
class Undone:
    """What `undo` did: all of it, all but some fields (`notes` say which), or — when taking it
    back would lose what came since — nothing (`done` False, `notes` say why)."""

    done: bool = True
    notes: list[str] = field(default_factory=list)


RECORDS = {
    "followups": "the follow-up",
    "contacts": "the card",
    "opportunities": "the application",
    "interviews": "the interview",
    "debriefs": "the debrief",
}


def undo(store: Store, action: Undo) -> Undone:
    """Reverse the action, field by field: what was changed since (in another copy of followup,
    or from another pane) stays as it is now, and is named; and nothing is taken back when that
    would remove or overwrite a record made since."""
    with store.transaction():
        kept = store.put_back(action.snapshot) if action.snapshot is not None else []
        done = not any(one.stops_undo for one in kept)
        if done and action.also is not None:
            action.also(store)
    return Undone(done, [_described(one) for one in kept])


def _described(kept: NotPutBack) -> str:
    record = RECORDS.get(kept.table, "a record")
    if kept.why == "gone":
        return f"{record} was removed in another copy of followup, so it was not put back"
    if kept.why == "taken":
        return f"a record made since has taken {record}'s place, so it cannot come back"
    if kept.why == "changed":
        return f"{record} has been changed since it was added, so it stays"
    if kept.why == "grown":
        return f"{record} has records added to it since, so it stays"
    fields = ", ".join(name.replace("_", " ") for name in kept.fields)
    return f"{record}'s {fields} changed since (in another copy or another pane), and stayed as it is now"
