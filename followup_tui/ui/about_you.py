"""The first run asks who you are, so the first thank-you is signed: name, email, signature.

Each is optional and changes later in Settings; `esc` skips all three.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from followup_tui.services.settings import SETTINGS, change

from .dialog import Dialog
from .fields import ChecksFieldsAsLeft, labelled_field, show_field_errors
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp

FIELDS = [
    ("me.name", "name", "Your name", "as you sign your messages, e.g. Alex Morgan"),
    ("me.email", "email", "Your email", "the From of messages you save, e.g. alex@example.com"),
    ("me.signature", "signature", "Signature", "how messages end — your name when empty"),
]


class AboutYouDialog(ChecksFieldsAsLeft, Dialog[bool]):
    """Dismisses with True once what was typed is saved, False when skipped."""

    DEFAULT_CSS = """
    AboutYouDialog .field-label { width: 12; }
    """
    BINDINGS = [Binding("escape", "dismiss(False)", "Skip", id="about-you.skip")]

    app: FollowupApp

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static("Welcome to followup", id="confirm-question")
            yield Static(
                "A journal for the days after a job interview. Debrief while the memory is fresh, keep a "
                "card for everyone you met, and let followup plan each thank-you and check-in — spaced so "
                "you are never pushy — while it keeps the rest of your search in view.",
                classes="welcome-text",
            )
            yield Static("First, who are you? It signs your thank-yous.", classes="prompt")
            for _, name, label, placeholder in FIELDS:
                yield from labelled_field(name, label, Input(placeholder=placeholder, id=name, compact=True))
            yield Static("enter goes on · esc skips — Settings (ctrl+p) changes these later", id="confirm-detail")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter goes on to the next field, once this one's value is one its setting takes."""
        if problem := self.field_errors().get(event.input.id or ""):
            show_field_errors(self, {event.input.id: problem})
            return
        if event.input.id != FIELDS[-1][1]:
            self.focus_next()
            return
        self._save()

    def _values(self) -> dict[str, str]:
        return {key: self.query_one(f"#{name}", Input).value for key, name, _, _ in FIELDS}

    def field_errors(self) -> dict[str, str]:
        """What each setting would not take of what was typed, by field."""
        values, problems = self._values(), {}
        for key, name, _, _ in FIELDS:
            try:
                SETTINGS[key].parse(values[key])
            except ValueError as error:
                problems[name] = str(error)
        return problems

    @writes
    def _save(self) -> None:
        """Save what was typed, all of it or none: a field it cannot take is said beside it."""
        if problems := self.field_errors():
            show_field_errors(self, problems)
            return
        for key, value in self._values().items():
            if value.strip():
                change(self.app.journal, key, value)
        self.dismiss(True)
