"""Contact cards: adding, filtering, and what each card is linked to."""

from __future__ import annotations

from dataclasses import replace

from followup_tui.domain.models import Contact, FollowupListing, InterviewListing

from . import rows
from .base import StoreBase
from .search import like_pattern


class ContactRecords(StoreBase):
    """The contact-card part of Store."""

    def add_contact(self, contact: Contact) -> Contact:
        now = self._stamp()
        with self.transaction():
            new_id = (
                self.db["contacts"].insert({**rows.contact_row(contact), "created_at": now, "updated_at": now}).last_pk
            )
        return replace(contact, id=new_id)

    def list_contacts(self, limit: int = -1, offset: int = 0, matching: str = "") -> list[Contact]:
        """Contacts by name; with `matching`, only those whose name, title, company, email,
        phone or notes contain that text, whatever its case."""
        where, params = "", []
        if matching.strip():
            pattern = like_pattern(matching.strip())
            fields = ("name", "title", "company", "email", "phone", "notes", "other_emails")
            where = "WHERE " + " OR ".join(f"{name} LIKE ? ESCAPE '\\'" for name in fields)
            params = [pattern] * len(fields)
        sql = f"SELECT * FROM contacts {where} ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?"
        return [rows.contact_of(row) for row in self.db.query(sql, [*params, limit, offset])]

    def get_contact(self, contact_id: int) -> Contact | None:
        row = next(self.db.query("SELECT * FROM contacts WHERE id = ?", [contact_id]), None)
        return rows.contact_of(row) if row else None

    def find_contact(self, name: str, company: str) -> Contact | None:
        """The card for this name at this company, whatever the case, if there is one."""
        for contact in self.find_contacts(name):
            if contact.company.casefold() == company.casefold():
                return contact
        return None

    def find_contacts(self, name: str) -> list[Contact]:
        """Contacts with this name, whatever its case."""
        return [
            rows.contact_of(row)
            for row in self.db.query("SELECT * FROM contacts WHERE name = ? COLLATE NOCASE ORDER BY id", [name])
        ]

    def update_contact(self, contact: Contact) -> None:
        with self.transaction():
            self.db["contacts"].update(contact.id, {**rows.contact_row(contact), "updated_at": self._stamp()})

    def delete_contact(self, contact_id: int) -> None:
        """Remove a card; its interviews and follow-ups stay, no longer linked to it."""
        with self.transaction():
            self.db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])

    def interviews_with(self, contact_id: int) -> list[InterviewListing]:
        """The interviews this person was in, newest first."""
        return self._interview_listings(
            "WHERE i.id IN (SELECT interview_id FROM interview_contacts WHERE contact_id = ?)", [contact_id]
        )

    def followups_with(self, contact_id: int) -> list[FollowupListing]:
        """Follow-ups to or from this person, soonest first."""
        return self._followup_listings("WHERE f.contact_id = ?", [contact_id])
