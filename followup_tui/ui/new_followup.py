"""Adding a follow-up by hand: what, for which application, to whom, and when."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from followup_tui.domain.models import Kind
from followup_tui.services.applications import companies
from followup_tui.services.contacts import people_names
from followup_tui.services.debriefs import day_first
from followup_tui.services.timeline import FollowupRefused, Undo, add_by_names

from .dialog import Dialog
from .fields import labelled_field, preview_date, show_field_errors

if TYPE_CHECKING:
    from .app import FollowupApp


class NewFollowupScreen(Dialog[tuple[Undo, list[str]] | None]):
    """Dismisses with (how to undo it, the guard's warnings), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="followup.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="followup.cancel"),
    ]

    app: FollowupApp

    def compose(self) -> ComposeResult:
        people = people_names(self.app.journal)
        with Vertical(id="confirm-dialog"):
            yield Static("New follow-up", id="confirm-question")
            yield from labelled_field(
                "subject", "What", Input(placeholder="e.g. Send the portfolio link", id="subject", compact=True)
            )
            yield from labelled_field(
                "company",
                "Company",
                Input(
                    placeholder="Which application",
                    id="company",
                    compact=True,
                    suggester=SuggestFromList(companies(self.app.journal), case_sensitive=False),
                ),
            )
            yield from labelled_field(
                "person",
                "Person",
                Input(
                    placeholder="Optional",
                    id="person",
                    compact=True,
                    suggester=SuggestFromList(people, case_sensitive=False),
                ),
            )
            kinds = [(k.label, k.value) for k in Kind]
            yield from labelled_field(
                "kind", "Kind", Select(kinds, value=Kind.CHECK_IN.value, allow_blank=False, id="kind", compact=True)
            )
            yield from labelled_field("due", "Due", Input("tomorrow", id="due", compact=True), preview=True)
            yield Static("ctrl+s saves · esc cancels", id="confirm-detail")

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#subject", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id == "due":
            self._preview()

    def _preview(self) -> date | None:
        label = self.query_one("#due-preview", Label)
        text = self.query_one("#due", Input).value
        when = preview_date(label, text, self.app.clock.now(), day_first(self.app.journal))
        return when.day if when else None

    def action_save(self) -> None:
        day = self._preview()
        if day is None:
            show_field_errors(self, {"due": "Give a date this app can read."})
            return
        value = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731
        kind = Kind(self.query_one("#kind", Select).value)
        try:
            undo, _, warnings = add_by_names(
                self.app.journal, value("subject"), day, value("company"), value("person"), kind
            )
        except FollowupRefused as error:
            show_field_errors(self, {error.field: error.problem.capitalize()})
            return
        self.dismiss((undo, warnings))
