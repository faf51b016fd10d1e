"""A newcomer's second step (after `about_you`): two ways to begin, or the empty journal."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from .dialog import Dialog
from .plain import Plain


class WelcomeDialog(Dialog[str | None]):
    """Dismisses with "debrief", "sample", or None to start with the empty journal."""

    BINDINGS = [
        Binding("n", "dismiss('debrief')", "Debrief an interview", id="welcome.debrief"),
        Binding("s", "dismiss('sample')", "Sample data", id="welcome.sample"),
        Binding("escape,enter", "dismiss(None)", "Start empty", id="welcome.empty"),
    ]

    def __init__(self, journal: Path | None):
        super().__init__()
        self.journal = _tidy(journal) if journal else "the default journal"

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static("How would you like to begin?", id="confirm-question")
            yield Plain(
                "  n    debrief an interview now\n"
                "  s    look around a made-up search first (it fills this journal)\n"
                "  esc  start with the empty journal",
                classes="welcome-keys",
            )
            yield Plain(f"Your journal: {self.journal} — private to you. ? shows every key.", id="confirm-detail")


def _tidy(path: Path) -> str:
    """The path as people write it: ~ for their home folder."""
    try:
        return f"~/{Path(path).expanduser().resolve().relative_to(Path.home().resolve())}"
    except ValueError:
        return str(path)
