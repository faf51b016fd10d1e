"""Adding an application to the pipeline, or correcting every field of one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Label, Select, TextArea

from followup_tui.domain.application_form import ApplicationForm, check_application
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.models import Opportunity, Status
from followup_tui.services.applications import companies, save_application
from followup_tui.services.debriefs import day_first
from followup_tui.services.journal import StoreError

from .autosave import AutosavingForm
from .fields import ChecksFieldsAsLeft, errors_of, labelled_field, preview_date, show_field_errors
from .plain import Plain
from .suggest import line_input
from .writes import writes

if TYPE_CHECKING:
    from followup_tui.services.undo import Undo

    from .app import FollowupApp

LINES = [
    ("company", "Company", "Who is hiring?"),
    ("role", "Role", "e.g. Platform Engineer"),
    ("source", "Source", "Where you found it: referral, LinkedIn, careers page…"),
    ("url", "Link", "example.com/jobs/1 — the job posting"),
    ("applied", "Applied", "today, yesterday, 2 days ago, 3 Dec — empty for a saved lead"),
    ("pay_advertised", "Pay range", "as advertised: 85k, €85 000, 85-95k a year…"),
    ("pay_asked", "Pay asked", "what you told them you want"),
    ("pay_offered", "Pay offered", "what they offered"),
]
STATUS_NAMES = {status.value for status in Status}
TEXTS = [
    ("notes", "Notes", "Anything to remember about it"),
    ("job_description", "Job description", "Paste the posting here: postings vanish once filled"),
]


class ApplicationFormScreen(ChecksFieldsAsLeft, AutosavingForm):
    """Dismisses with (the application, how to undo the save), or None when the user backs out."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="application.save"),
        Binding("escape", "close", "Close", id="application.close"),
    ]

    app: FollowupApp

    def __init__(self, opportunity: Opportunity | None = None):
        super().__init__()
        self.opportunity = opportunity
        self.blank = self.initial = ApplicationForm.of(opportunity) if opportunity else ApplicationForm()
        self.draft_key = f"application:{opportunity.id if opportunity else 'new'}"

    def compose(self) -> ComposeResult:
        form = self.restored(ApplicationForm, self.initial)
        title = f"Edit {self.opportunity.company}" if self.opportunity else "New application"
        with VerticalScroll(id="application-form"):
            yield Plain(title, classes="form-title")
            for name, label, placeholder in LINES:
                known = companies(self.app.journal) if name == "company" else None  # tab takes one
                control = line_input(name, getattr(form, name), placeholder, known)
                yield from labelled_field(name, label, control, preview=name == "applied")
                if name == "applied":
                    statuses = [(status.value, status.value) for status in Status]
                    value = (
                        form.status if form.status in STATUS_NAMES else self.initial.status
                    )  # a draft may hold anything
                    status = Select(statuses, value=value, allow_blank=False, id="status", compact=True)
                    yield from labelled_field("status", "Status", status)
            for name, label, placeholder in TEXTS:
                area = TextArea(getattr(form, name), id=name, soft_wrap=True, compact=True, placeholder=placeholder)
                yield from labelled_field(name, label, area)
        yield Footer()

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#company", Input).focus()

    def read_form(self) -> ApplicationForm:
        return ApplicationForm(
            **{name: self.query_one(f"#{name}", Input).value for name, _, _ in LINES},
            **{name: self.query_one(f"#{name}", TextArea).text for name, _, _ in TEXTS},
            status=str(self.query_one("#status", Select).value),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id == "applied":
            self._preview()
        self.schedule_autosave()

    def on_text_area_changed(self) -> None:
        self.schedule_autosave()

    def on_select_changed(self, event: Select.Changed) -> None:
        applied = self.query_one("#applied", Input)
        if event.value == Status.SAVED.value and applied.value.strip().lower() == "today":
            applied.value = ""  # a saved lead has not been applied to yet
        self.schedule_autosave()

    def _preview(self) -> None:
        text = self.query_one("#applied", Input).value
        label = self.query_one("#applied-preview", Label)
        preview_date(label, text, self.app.clock.now(), day_first(self.app.journal), optional=True, past=True)

    def _checked(self) -> Opportunity:
        """The application the form describes, or FormErrors."""
        return check_application(
            self.read_form(),
            self.app.clock.now(),
            day_first=day_first(self.app.journal),
            opportunity_id=self.opportunity.id if self.opportunity else None,
        )

    def field_errors(self) -> dict[str, str]:
        return errors_of(self._checked)

    @writes
    def action_save(self) -> None:
        try:
            opportunity = self._checked()
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            return
        try:
            saved: tuple[Opportunity, Undo] = save_application(self.app.journal, opportunity)
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error")
            return
        self.drop_draft()
        self.dismiss(saved)

    def action_close(self) -> None:
        self.close_asking("Discard this application?" if self.opportunity is None else "Discard your changes?")
