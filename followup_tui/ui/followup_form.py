"""A follow-up by hand, or corrected: what, for which application, to whom, what kind, when, notes.

A name the journal does not know yet is asked about before it becomes a record, so a
half-typed "Glo" never turns into an application.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from followup_tui.domain.dates import long_day, next_business_day, typed_day
from followup_tui.domain.models import Kind
from followup_tui.services.applications import companies
from followup_tui.services.contacts import known_people
from followup_tui.services.debriefs import day_first
from followup_tui.services.followups import (
    FollowupRefused,
    Undo,
    add_by_names,
    edit_followup,
    followup_details,
    new_names,
)
from followup_tui.services.prep import prepare_offer
from followup_tui.services.public_holidays import holiday_calendar

from .confirm import ConfirmDialog, ask_about_new_names
from .dialog import Dialog
from .fields import labelled_field, preview_date, show_field_errors
from .plain import Plain
from .suggest import SuggestingInput, SuggestNames
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp


class FollowupFormDialog(Dialog[tuple[Undo, list[str]] | None]):
    """Dismisses with (how to undo it, the guard's warnings), or None when cancelled."""

    DEFAULT_CSS = """
    FollowupFormDialog #notes {
        height: auto;
        min-height: 2;
        max-height: 6;
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="followup.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="followup.cancel"),
        Binding("ctrl+b", "business_day", "Next business day", show=False, id="followup.business-day"),
    ]

    app: FollowupApp

    opened = None

    def __init__(self, followup_id: int | None = None):
        super().__init__()
        self.followup_id = followup_id

    def compose(self) -> ComposeResult:
        journal = self.app.journal
        details = followup_details(journal, self.followup_id) if self.followup_id is not None else None
        followup = details.followup if details else None
        self.opened = followup
        """The follow-up as the form opened it: saved over only while it is still so."""
        self.initial_due = followup.due_on if followup else None
        people = known_people(journal)
        with Vertical(id="confirm-dialog"):
            yield Plain("Edit follow-up" if details else "New follow-up", id="confirm-question")
            subject = Input(
                followup.subject if followup else "",
                placeholder="e.g. Send the portfolio link",
                id="subject",
                compact=True,
            )
            yield from labelled_field("subject", "What", subject)
            company = SuggestingInput(
                details.opportunity.company if details and details.opportunity else "",
                placeholder="Which application (a note may go without)",
                id="company",
                suggester=SuggestNames(companies(journal)),
                disabled=details is not None,
                compact=True,
            )
            yield from labelled_field("company", "Company", company)
            person = SuggestingInput(
                details.person.name if details and details.person else "",
                placeholder="Optional",
                id="person",
                suggester=SuggestNames(people.names, lambda: people.at(company.value)),
                compact=True,
            )
            yield from labelled_field("person", "Person", person)
            kinds = [(k.label, k.value) for k in Kind]
            kind = followup.kind.value if followup else Kind.CHECK_IN.value
            yield from labelled_field(
                "kind", "Kind", Select(kinds, value=kind, allow_blank=False, id="kind", compact=True)
            )
            due = typed_day(followup.due_on) if followup else "tomorrow"
            yield from labelled_field("due", "Due", Input(due, id="due", compact=True), preview=True)
            yield from labelled_field(
                "notes",
                "Notes",
                TextArea(followup.notes if followup else "", id="notes", compact=True, highlight_cursor_line=False),
            )
            yield Static("tab takes a grey suggestion · ctrl+s saves · esc cancels", id="confirm-detail")

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#subject", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id == "due":
            self._preview()

    def _preview(self) -> date | None:
        label = self.query_one("#due-preview", Label)
        when = preview_date(
            label,
            self._value("due"),
            self.app.clock.now(),
            day_first(self.app.journal),
            due=True,
            holidays=holiday_calendar(self.app.journal),
        )
        return when.day if when else None

    def action_business_day(self) -> None:
        """ctrl+b: the due day moved to the next business day, when it falls on a weekend."""
        if (day := self._preview()) is not None:
            moved = next_business_day(day, holiday_calendar(self.app.journal))
            self.query_one("#due", Input).value = typed_day(moved)

    @writes
    def action_save(self) -> None:
        """Save — after asking, when it would add a company or person the journal does not hold,
        or when the day is already past."""
        day = self._preview()
        if day is None:
            show_field_errors(self, {"due": "Give a date this app can read."})
            return
        if not self._value("subject").strip():
            show_field_errors(self, {"subject": "Say what the follow-up is, e.g. 'Send the portfolio link'."})
            return
        new = new_names(self.app.journal, self._value("company"), self._value("person"))

        def then() -> None:
            ask_about_new_names(self.app, new, self._save)

        if day < self.app.clock.today() and day != self.initial_due:
            question = f"Due {long_day(day, self.app.clock.today())}: that is in the past. Use it?"
            self.app.push_screen(
                ConfirmDialog(question, yes="Use it", no="Go back", variant="primary"),
                lambda yes: then() if yes else None,
            )
            return
        then()

    def _save(self) -> None:
        kind = Kind(self.query_one("#kind", Select).value)
        notes = self.query_one("#notes", TextArea).text
        day = self._preview()
        try:
            if self.followup_id is None:
                undo, saved, warnings = add_by_names(
                    self.app.journal,
                    self._value("subject"),
                    day,
                    self._value("company"),
                    self._value("person"),
                    kind,
                    notes,
                )
                opportunity_id = saved.opportunity_id
            else:
                opportunity_id = self.opened.opportunity_id if self.opened else None
                undo, warnings = edit_followup(
                    self.app.journal,
                    self.followup_id,
                    subject=self._value("subject"),
                    due=day,
                    person=self._value("person"),
                    kind=kind,
                    notes=notes,
                    shown=self.opened,
                )
        except FollowupRefused as error:
            show_field_errors(self, {error.field: error.problem.capitalize()})
            return
        prepare = None  # a next interview, new or moved: offer the note to prepare the day before
        was = self.opened
        moved = was is None or was.kind is not Kind.NEXT_INTERVIEW or was.due_on != day
        if kind is Kind.NEXT_INTERVIEW and moved and opportunity_id is not None:
            prepare = (opportunity_id, prepare_offer(self.app.journal, opportunity_id))
        self.dismiss((undo, warnings, prepare))
