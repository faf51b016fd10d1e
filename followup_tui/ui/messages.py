"""What widgets and screens tell the app, bubbling up, instead of calling it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from followup_tui.services.undo import Undo


class JournalChanged(Message):
    """Something was written: every pane shown, and any record open, redraws from the journal —
    the one way any screen says so. With `undo`, the change is `u`'s to take back on `pane_id`
    and is said (`said`, or its label); `select` puts the cursor on a row by its key."""

    def __init__(self, *, undo: Undo | None = None, pane_id: str = "", said: str = "", select: str | None = None):
        super().__init__()
        self.undo, self.pane_id, self.said, self.select = undo, pane_id, said, select
