"""What a sync set aside, one at a time: two versions of a text (keep this one, the other, or
both), or a note that a record deleted on one machine was kept because the other changed it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from followup_tui.domain.sync_rules import SyncConflict

from .dialog import Dialog
from .plain import Plain

SHOWN_CHARACTERS = 400
"""Of each version, what fits the box; the whole text is in the record (or `followup sync --conflicts`)."""


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


class SyncConflictDialog(Dialog[str | None]):
    """Dismisses with "this", "other", "both" (for two versions), "dismiss" (a note), or None (esc:
    decide later)."""

    BINDINGS = [
        Binding("t", "choose('this')", "Keep this", id="sync_conflict.this"),
        Binding("o", "choose('other')", "Keep the other", id="sync_conflict.other"),
        Binding("b", "choose('both')", "Keep both", id="sync_conflict.both"),
        Binding("escape", "choose(None)", "Later", id="sync_conflict.later"),
    ]

    def __init__(self, conflict: SyncConflict, left: int = 0):
        super().__init__()
        self.conflict, self.left = conflict, left

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        more = f" ({self.left} more after this)" if self.left else ""
        with Vertical(id="confirm-dialog", classes="harmless"):
            yield Plain(f"{conflict.line[:1].upper()}{conflict.line[1:]}{more}", id="confirm-question")
            if conflict.kind == "two_versions":
                yield Plain(f"In the record: {_shown(conflict.current or '')}", id="confirm-detail")
                yield Plain(f"The other version: {_shown(conflict.other)}", id="sync-other-version")
                with Horizontal(id="confirm-buttons"):
                    yield Button("Keep this (t)", variant="primary", id="this")
                    yield Button("Keep the other (o)", id="other")
                    yield Button("Keep both (b)", id="both")
            else:
                with Horizontal(id="confirm-buttons"):
                    yield Button("Understood", variant="primary", id="dismiss")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        if choice is not None and self.conflict.kind != "two_versions":
            choice = "dismiss"
        self.dismiss(choice)
