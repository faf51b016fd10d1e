"""Contact cards: adding, filtering, and what each card is linked to."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace

from followup_tui.domain.models import Contact, FollowupListing, InterviewListing
from followup_tui.domain.people import name_key

from . import rows
from .opening import RecordGone
from .search import like_pattern
from .snapshots import Snapshot, SnapshotRecords


class ContactRecords(SnapshotRecords):
    """The contact-card part of Store."""

    def add_contact(self, contact: Contact) -> Contact:
        now = self._stamp()
        contact = contact if contact.uid else replace(contact, uid=str(uuid.uuid4()))
        with self.transaction():
            changes = self._change_count()
            new_id = self._new_id("contacts")
            self.db["contacts"].insert(
                {
                    "id": new_id,
                    **rows.contact_row(contact),
                    "stay_in_touch_months": contact.stay_in_touch_months,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            self._named(new_id, None, contact.name, changes)
        return replace(contact, id=new_id)

    def find_contact_by_uid(self, uid: str) -> Contact | None:
        row = next(self._query("SELECT * FROM contacts WHERE uid = ? AND uid != '' LIMIT 1", [uid]), None)
        return rows.contact_of(row) if row else None

    def list_contacts(self, limit: int = -1, offset: int = 0, matching: str = "") -> list[Contact]:
        """Contacts by name; with `matching`, only those whose name, title, company, email,
        phone or notes contain that text, whatever its case (and, in a name, title or company,
        whatever its accents: the name rule)."""
        where, params = "", []
        if matching.strip():
            folded = ("name", "title", "company")
            plain = ("email", "phone", "notes", "other_emails")
            where = "WHERE " + " OR ".join(
                [
                    *(f"name_key({name}) LIKE ? ESCAPE '\\'" for name in folded),
                    *(f"{name} LIKE ? ESCAPE '\\'" for name in plain),
                ]
            )
            params = [like_pattern(name_key(matching))] * len(folded) + [like_pattern(matching.strip())] * len(plain)
        sql = f"SELECT * FROM contacts {where} ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?"
        return [rows.contact_of(row) for row in self._query(sql, [*params, limit, offset])]

    def each_contact(self) -> Iterator[Contact]:
        """Every card by name, read as it is asked for (an export holds one at a time)."""
        return (rows.contact_of(row) for row in self._query("SELECT * FROM contacts ORDER BY name COLLATE NOCASE, id"))

    def get_contact(self, contact_id: int) -> Contact | None:
        row = next(self._query("SELECT * FROM contacts WHERE id = ?", [contact_id]), None)
        return rows.contact_of(row) if row else None

    def find_contact(self, name: str, company: str) -> Contact | None:
        """The card for this name at this company, matched by the name rule (`name_key`), if there is one."""
        for contact in self.find_contacts(name):
            if name_key(contact.company) == name_key(company):
                return contact
        return None

    def find_contacts(self, name: str) -> list[Contact]:
        """Contacts with this name, by the name rule: whatever its case, accents or spacing."""
        ids = self._names().get(name_key(name), [])
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [
            rows.contact_of(row)
            for row in self._query(f"SELECT * FROM contacts WHERE id IN ({marks}) ORDER BY id", ids)
        ]

    _name_index: dict[str, list[int]] | None = None
    _name_index_at: tuple[int, int] = (-1, -1)

    def _names(self) -> dict[str, list[int]]:
        """Every card's id by the key of its name, read once and kept while nothing else writes:
        an address book of thousands is matched card by card in one pass, not one scan a card."""
        if self._name_index is None or self._name_index_at != self._change_count():
            index: dict[str, list[int]] = {}
            for contact_id, name in self.conn.execute("SELECT id, name FROM contacts ORDER BY id"):
                index.setdefault(name_key(name), []).append(contact_id)
            self._name_index = index
            self._name_index_at = self._change_count()
        return self._name_index

    def _named(self, contact_id: int, old: str | None, new: str | None, changes: tuple[int, int]) -> None:
        """Keep the index current after this store's own write of one card, if it was current
        (`changes`, the change count just before that write)."""
        if self._name_index is None or self._name_index_at != changes:
            self._name_index = None
            return
        if old is not None and contact_id in (ids := self._name_index.get(name_key(old), [])):
            ids.remove(contact_id)
        if new is not None:
            self._name_index.setdefault(name_key(new), []).append(contact_id)
        self._name_index_at = self._change_count()

    def _change_count(self) -> tuple[int, int]:
        """Moves with any write to the file: another connection's (data_version) or this one's."""
        return self.data_version(), self.conn.total_changes

    def update_contact(self, contact: Contact) -> Snapshot:
        """Write the card over the stored one; the card as it was, to put back."""
        with self.transaction():
            before = self.rows_where("contacts", "id = ?", [contact.id])
            if not before:
                raise RecordGone("That card was removed in another copy of followup")
            row = rows.contact_row(contact)
            if not contact.uid:  # a card edited in a form keeps the UID it has
                del row["uid"]
            changes = self._change_count()
            self.db["contacts"].update(contact.id, {**row, "updated_at": self._stamp()})
            self._named(contact.id, before[0]["name"], contact.name, changes)
            return self.settle(Snapshot({"contacts": before}))

    def set_stay_in_touch(self, contact_id: int, months: int | None) -> None:
        """Their stay-in-touch cadence: months, 0 for never, None for the setting's. Apart from
        the card's other fields, so a vCard import that updates a card never resets it."""
        with self.transaction():
            self.conn.execute("UPDATE contacts SET stay_in_touch_months = ? WHERE id = ?", [months, contact_id])

    def delete_contact(self, contact_id: int) -> Snapshot:
        """Remove a card; its interviews and follow-ups stay, no longer linked to it. The card and
        its links as they were, to put back."""
        with self.transaction():
            taken = {
                "contacts": self.rows_where("contacts", "id = ?", [contact_id]),
                "interview_contacts": self.rows_where("interview_contacts", "contact_id = ?", [contact_id]),
                "followups": self.rows_where("followups", "contact_id = ?", [contact_id]),
            }
            changes = self._change_count()
            self.conn.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
            for card in taken["contacts"]:
                self._named(contact_id, card["name"], None, changes)
            return self.settle(Snapshot(taken))

    def contacts_of_opportunity(self, opportunity_id: int) -> list[Contact]:
        """The people of one application: in its interviews, named on its follow-ups, or carded at
        its company; by name."""
        sql = """
            SELECT * FROM contacts WHERE id IN (
                SELECT ic.contact_id FROM interview_contacts ic JOIN interviews i ON i.id = ic.interview_id
                 WHERE i.opportunity_id = :id
                UNION SELECT contact_id FROM followups WHERE opportunity_id = :id AND contact_id IS NOT NULL
                UNION SELECT c.id FROM contacts c JOIN opportunities o ON o.id = :id
                 WHERE o.company != '' AND c.company = o.company COLLATE NOCASE
            )
            ORDER BY name COLLATE NOCASE, id
        """
        return [rows.contact_of(row) for row in self._query(sql, {"id": opportunity_id})]

    def interviews_with(self, contact_id: int) -> list[InterviewListing]:
        """The interviews this person was in, newest first."""
        return self._interview_listings(
            "WHERE i.id IN (SELECT interview_id FROM interview_contacts WHERE contact_id = ?)", [contact_id]
        )

    def followups_with(self, contact_id: int) -> list[FollowupListing]:
        """Follow-ups to or from this person, soonest first."""
        return self._followup_listings("WHERE f.contact_id = ?", [contact_id])
