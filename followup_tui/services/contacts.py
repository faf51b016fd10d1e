"""Contacts as the screens see them: the list, one card with what it ties to, and every change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from followup_tui.domain.models import Contact, FollowupListing, InterviewListing
from followup_tui.store import Store


@dataclass(frozen=True)
class ContactCard:
    """One person's card: their details, and the interviews and follow-ups they are part of."""

    contact: Contact
    interviews: list[InterviewListing]
    followups: list[FollowupListing]


def contacts_page(store: Store, offset: int, limit: int, matching: str = "") -> list[Contact]:
    return store.list_contacts(limit=limit, offset=offset, matching=matching)


def contact(store: Store, contact_id: int) -> Contact | None:
    return store.get_contact(contact_id)


def contact_card(store: Store, contact_id: int) -> ContactCard | None:
    found = store.get_contact(contact_id)
    if found is None:
        return None
    return ContactCard(found, store.interviews_with(contact_id), store.followups_with(contact_id))


def people_names(store: Store) -> list[str]:
    """Everyone's name once, for suggesting as a person is typed."""
    return sorted({c.name for c in store.list_contacts()})


def duplicate_of(store: Store, new: Contact) -> Contact | None:
    """The card already kept for this name at this company, when `new` is not yet stored."""
    return store.find_contact(new.name, new.company) if new.id is None else None


def save_contact(store: Store, card: Contact) -> Contact:
    """Add the card, or write over the stored one with the same id."""
    if card.id is None:
        return store.add_contact(card)
    store.update_contact(card)
    return card


def toggle_has_my_details(store: Store, contact_id: int) -> Contact | None:
    """Flip whether they have your details; the card as it is now, or None if it is gone."""
    found = store.get_contact(contact_id)
    if found is None:
        return None
    changed = replace(found, has_my_details=not found.has_my_details)
    store.update_contact(changed)
    return changed


def delete_contact(store: Store, contact_id: int) -> None:
    """Delete the card; its interviews and follow-ups stay, no longer naming them."""
    store.delete_contact(contact_id)


def import_vcard_file(store: Store, path: Path):
    """Read and import a vCard file whole (ImportFileError or VCardError, and nothing imported)."""
    from .files import read_import
    from .vcard import import_vcards

    return import_vcards(store, read_import(path))


def export_vcard_file(store: Store, path: Path) -> int:
    """Write every card to a vCard file only the user can read; how many were written."""
    from .files import write_private
    from .vcard import contacts_to_vcard

    contacts = store.list_contacts()
    write_private(path, contacts_to_vcard(contacts))
    return len(contacts)
