"""Asking for a file name, for importing and exporting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from .dialog import Dialog
from .plain import Plain


class PathPrompt(Dialog[str | None]):
    """Dismisses with the path typed (enter), or None (escape)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="path.cancel")]

    def __init__(self, question: str, default: str = ""):
        super().__init__()
        self.question, self.default = question, default

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Plain(self.question, id="confirm-question")
            yield Input(self.default, id="path", compact=True)
            yield Static("enter to go ahead, esc to cancel", id="confirm-detail")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
