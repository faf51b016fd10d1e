"""Contacts: a card for everyone met along the way, filtered as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input

from followup_tui.domain.models import Contact
from followup_tui.services.contacts import contacts_page
from followup_tui.services.journal import is_empty

from . import contact_flows
from .table_pane import TablePane


class ContactsPane(TablePane):
    EMPTY = (
        "No contacts yet.\n\n"
        "Everyone in the interview room gets a card here — name, title, company, email, phone — "
        "and whether they have your details too. Press n to add one, or I to import a vCard file."
    )
    COLUMNS = (("Name", 18), ("Title", 22), ("Company", 20), ("Email", 34), ("Has my details", 14))
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
        yield Input(placeholder="/ filter by name, company, email or notes", id="contact-filter", compact=True)
        yield from super().compose()

    @property
    def filter_text(self) -> str:
        return self.query_one("#contact-filter", Input).value

    def rows_of_store(self, offset: int, limit: int):
        for contact in contacts_page(self.app.journal, offset, limit, self.filter_text):
            yield f"contact-{contact.id}", _cells(contact)

    def reload(self) -> None:
        super().reload()
        filtering = bool(self.filter_text.strip())
        self.query_one("#contact-filter").display = filtering or not is_empty(self.app.journal) or self.rows.display
        if filtering and not self.rows.display:
            self.query_one(".empty-state").update(f"No contact matches {self.filter_text!r}. esc clears the filter.")

    @on(Input.Changed, "#contact-filter")
    def _filter(self) -> None:
        self.reload()

    @on(Input.Submitted, "#contact-filter")
    def _to_list(self) -> None:
        self.focus_rows()

    def selected_contact(self) -> int | None:
        table = self.query_one(".rows", DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key.removeprefix("contact-"))

    @on(DataTable.RowSelected, ".rows")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        contact_flows.open_contact(self.app, int(event.row_key.value.removeprefix("contact-")))

    def add(self) -> None:
        contact_flows.new_contact(self.app)

    def action_edit(self) -> None:
        if (contact_id := self.selected_contact()) is not None:
            contact_flows.edit_contact(self.app, contact_id)

    def action_toggle_details(self) -> None:
        if (contact_id := self.selected_contact()) is not None:
            contact_flows.toggle_has_my_details(self.app, contact_id)

    def action_delete(self) -> None:
        if (contact_id := self.selected_contact()) is not None:
            contact_flows.delete_contact(self.app, contact_id)

    def action_filter(self) -> None:
        self.query_one("#contact-filter").display = True
        self.query_one("#contact-filter").focus()

    def action_clear_filter(self) -> None:
        self.query_one("#contact-filter", Input).value = ""
        self.focus_rows()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_text)
        return super().check_action(action, parameters)

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
