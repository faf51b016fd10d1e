"""Adding or editing a contact card; leaving with unsaved changes asks first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Footer, Input, Label, TextArea

from followup_tui.domain.contact_form import ContactForm, check_contact
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.models import Contact
from followup_tui.services.applications import companies
from followup_tui.services.contacts import duplicate_of, new_names, save_contact
from followup_tui.services.journal import StoreError

from .autosave import AutosavingForm
from .confirm import ConfirmDialog, ask_about_new_names
from .fields import ChecksFieldsAsLeft, errors_of, labelled_field, show_field_errors
from .plain import Plain
from .suggest import line_input
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp

FIELDS = [
    ("name", "Name", "Full name, as on their card"),
    ("title", "Title", "e.g. Engineering Manager"),
    ("company", "Company", "Where they work"),
    ("emails", "Email", "name@company.com — several? separate with commas"),
    ("phones", "Phone", "+1 555 0100 — several? separate with commas"),
    ("profile_url", "Profile", "linkedin.com/in/… — their profile page"),
    ("stay_in_touch", "Stay in touch", "months between notes once a process ends — empty: the default; none"),
]


class ContactFormScreen(ChecksFieldsAsLeft, AutosavingForm):
    """Dismisses with (the card, how to undo the save — None when an existing card was chosen
    instead), or None when the user backs out."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact.save"),
        Binding("escape", "close", "Close", id="contact.close"),
    ]

    app: FollowupApp

    def __init__(self, contact: Contact | None = None):
        super().__init__()
        self.contact = contact
        self.blank = self.initial = ContactForm.of(contact) if contact else ContactForm()
        self.draft_key = f"contact:{contact.id if contact else 'new'}"

    def compose(self) -> ComposeResult:
        form = self.restored(ContactForm, self.initial)
        with VerticalScroll(id="contact-form"):
            yield Plain(f"Edit {self.contact.name}" if self.contact else "New contact", classes="form-title")
            for name, label, placeholder in FIELDS:
                known = companies(self.app.journal) if name == "company" else None  # tab takes one
                control = line_input(name, getattr(form, name), placeholder, known)
                yield from labelled_field(name, label, control)
            yield from labelled_field("notes", "Notes", TextArea(form.notes, id="notes", soft_wrap=True, compact=True))
            yield Checkbox("They have my details", form.has_my_details, id="has_my_details", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def read_form(self) -> ContactForm:
        values = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        return ContactForm(
            **values,
            notes=self.query_one("#notes", TextArea).text,
            has_my_details=self.query_one("#has_my_details", Checkbox).value,
        )

    def field_errors(self) -> dict[str, str]:
        return errors_of(lambda: check_contact(self.read_form()))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        self.schedule_autosave()

    def on_text_area_changed(self) -> None:
        self.schedule_autosave()

    def on_checkbox_changed(self) -> None:
        self.schedule_autosave()

    @writes
    def action_save(self) -> None:
        try:
            contact = check_contact(self.read_form(), self.contact.id if self.contact else None)
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            return
        ask_about_new_names(self.app, new_names(self.app.journal, contact), lambda: self._check_duplicate(contact))

    def _check_duplicate(self, contact: Contact) -> None:
        """Offer the card already kept for this person, else save this one."""
        duplicate = duplicate_of(self.app.journal, contact)
        if duplicate is None:
            self._save(contact)
            return

        def answered(add_anyway: bool | None) -> None:
            if add_anyway:
                self._save(contact)
            else:
                self.dismiss((duplicate, None))

        where = f" at {duplicate.company}" if duplicate.company else ""
        self.app.push_screen(
            ConfirmDialog(
                f"{duplicate.name}{where} already has a card.",
                yes="Add a second card",
                no="Use the existing one",
                detail="Most of the time the existing card is the one you want.",
            ),
            answered,
        )

    def _save(self, contact: Contact) -> None:
        try:
            saved = save_contact(self.app.journal, contact)
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error")
            return
        self.drop_draft()
        self.dismiss(saved)

    def action_close(self) -> None:
        self.close_asking("Discard your changes to this card?")
