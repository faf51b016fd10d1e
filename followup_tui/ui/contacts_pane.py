"""Contacts: a card for everyone met along the way."""

from __future__ import annotations

from .table_pane import TablePane


class ContactsPane(TablePane):
    EMPTY = (
        "No contacts yet.\n\n"
        "Everyone in the interview room gets a card here: name, title, company, email, "
        "phone — and whether they have your details too."
    )
    COLUMNS = (("Name", 18), ("Title", 22), ("Company", 20), ("Email", 34), ("Has my details", 14))

    def rows_of_store(self, offset: int, limit: int):
        for contact in self.app.store.list_contacts(limit=limit, offset=offset):
            email = contact.email or "no email"
            details = "yes" if contact.has_my_details else "not yet"
            yield f"contact-{contact.id}", [contact.name, contact.title, contact.company, email, details]
