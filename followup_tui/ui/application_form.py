"""Adding an application to the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Label, Static

from followup_tui.domain.application_form import ApplicationForm, check_application
from followup_tui.domain.forms import FormErrors
from followup_tui.services.applications import add_application, companies
from followup_tui.services.debriefs import day_first

from .autosave import AutosavingForm
from .fields import labelled_field, preview_date, show_field_errors

if TYPE_CHECKING:
    from .app import FollowupApp

FIELDS = [
    ("company", "Company", "Who is hiring?"),
    ("role", "Role", "e.g. Platform Engineer"),
    ("source", "Source", "Where you found it: referral, LinkedIn, careers page…"),
    ("url", "Link", "https://… the job posting"),
    ("applied", "Applied", "today, yesterday, 2 days ago, 3 Dec"),
]


class ApplicationFormScreen(AutosavingForm):
    """Dismisses with the new application, or None when the user backs out."""

    draft_key = "application:new"
    blank = ApplicationForm()

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="application.save"),
        Binding("escape", "close", "Close", id="application.close"),
    ]

    app: FollowupApp

    def compose(self) -> ComposeResult:
        initial = self.restored(ApplicationForm, ApplicationForm())
        with VerticalScroll(id="application-form"):
            yield Static("New application", classes="form-title")
            for name, label, placeholder in FIELDS:
                control = Input(getattr(initial, name), placeholder=placeholder, id=name, compact=True)
                if name == "company":
                    control.suggester = SuggestFromList(companies(self.app.journal), case_sensitive=False)
                yield from labelled_field(name, label, control, preview=name == "applied")
        yield Footer()

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#company", Input).focus()

    def read_form(self) -> ApplicationForm:
        return ApplicationForm(**{name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS})

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id == "applied":
            self._preview()
        self.schedule_autosave()

    def _preview(self) -> None:
        text = self.query_one("#applied", Input).value
        preview_date(self.query_one("#applied-preview", Label), text, self.app.clock.now(), day_first(self.app.journal))

    def action_save(self) -> None:
        try:
            opportunity = check_application(
                self.read_form(), self.app.clock.now(), day_first=day_first(self.app.journal)
            )
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            return
        added = add_application(self.app.journal, opportunity)
        self.drop_draft()
        self.dismiss(added)

    def action_close(self) -> None:
        self.close_asking("Discard this application?")
