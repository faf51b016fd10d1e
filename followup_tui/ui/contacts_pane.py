"""Contacts: a card for everyone met along the way, filtered as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from followup_tui.domain.models import Contact
from followup_tui.services.contacts import contacts_page

from . import contact_flows
from .table_pane import Column, TablePane


class ContactsPane(TablePane):
    EMPTY = (
        "No contacts yet.\n\n"
        "Everyone in the interview room gets a card here — name, title, company, email, phone — "
        "and whether they have your details too. Press n to add one, or I to import a vCard file."
    )
    ROW_PREFIX = "contact"
    FILTER = "/ filter by name, company, email or notes"
    NO_MATCH = "No contact matches {!r}. esc clears the filter."
    COLUMNS = (
        Column("Name", 18, 14),
        Column("Title", 22, 8),
        Column("Company", 20, 10),
        Column("Email", 34, 16),
        Column("Has my details", 14, 8, short="Has mine"),
    )
    GIVES_WAY = ("Title",)
    BINDINGS = [
        Binding("e", "edit", "Edit", id="contacts.edit"),
        Binding("m", "toggle_details", "Has my details", id="contacts.details"),
        Binding("delete", "delete", "Delete", id="contacts.delete"),
        Binding("u", "undo", "Undo", id="contacts.undo"),
        Binding("slash", "filter", "Filter", key_display="/", id="contacts.filter"),
        Binding("I", "import", "Import vCard", id="contacts.import"),
        Binding("X", "export", "Export vCard", id="contacts.export"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="contacts.clear-filter"),
    ]

    def compose(self) -> ComposeResult:
        yield self.filter_box()
        yield from super().compose()

    def rows_of_store(self, offset: int, limit: int):
        for contact in contacts_page(self.app.journal, offset, limit, self.filter_text):
            yield f"contact-{contact.id}", _cells(contact)

    @on(DataTable.RowSelected, ".rows")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from .contact_card import open_contact

        open_contact(self.app, int(event.row_key.value.removeprefix("contact-")))

    ADDS = "a contact"

    def add(self) -> None:
        contact_flows.new_contact(self.app)

    def action_edit(self) -> None:
        if (contact_id := self.selected_id()) is not None:
            contact_flows.edit_contact(self.app, contact_id)

    def action_toggle_details(self) -> None:
        if (contact_id := self.selected_id()) is not None:
            contact_flows.toggle_has_my_details(self.app, contact_id)

    def action_delete(self) -> None:
        if (contact_id := self.selected_id()) is not None:
            contact_flows.delete_contact(self.app, contact_id)

    def action_import(self) -> None:
        contact_flows.import_vcard(self.app)

    def action_export(self) -> None:
        contact_flows.export_vcard(self.app)


def _cells(contact: Contact) -> list[str]:
    email = contact.email or "no email yet"
    if contact.other_emails:
        email = f"{email} (+{len(contact.other_emails)})"
    details = "yes" if contact.has_my_details else "not yet"
    return [contact.name, contact.title, contact.company, email, details]
