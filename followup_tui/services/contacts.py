"""Contacts as the screens see them: the list, one card with what it ties to, and every change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from followup_tui.domain.models import Contact, FollowupListing, InterviewListing
from followup_tui.domain.people import name_key
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from .names import NewNames
from .undo import Undo


@dataclass(frozen=True)
class ContactCard:
    """One person's card: their details, and the interviews and follow-ups they are part of."""

    contact: Contact
    interviews: list[InterviewListing]
    followups: list[FollowupListing]
    stay_in_touch: str = ""
    """ "every 3 months (the default) — next note Tue 2 Mar 2027": their cadence once a process ends."""


def contacts_page(store: Store, offset: int, limit: int, matching: str = "") -> list[Contact]:
    return store.list_contacts(limit=limit, offset=offset, matching=matching)


def contact(store: Store, contact_id: int) -> Contact | None:
    return store.get_contact(contact_id)


def contact_card(store: Store, contact_id: int) -> ContactCard | None:
    found = store.get_contact(contact_id)
    if found is None:
        return None
    return ContactCard(
        found, store.interviews_with(contact_id), store.followups_with(contact_id), _stay_in_touch(store, found)
    )


def _stay_in_touch(store: Store, found: Contact) -> str:
    from followup_tui.domain.dates import long_day
    from followup_tui.domain.stay_in_touch import months_told

    from .settings import STAY_IN_TOUCH_SETTING, setting

    told = months_told(found.stay_in_touch_months, int(setting(store, STAY_IN_TOUCH_SETTING)))
    planned = store.planned_stay_in_touch(found.id) if found.id is not None else []
    if planned:
        told += f" — next note {long_day(planned[0].due_on, store.clock.today())}"
    return told


@dataclass(frozen=True)
class KnownPeople:
    """Everyone carded, for suggesting a name as it is typed: each name once, and the names at
    each company (by the name rule), so a company's own people can come first."""

    names: list[str]
    by_company: dict[str, list[str]]

    def at(self, company: str) -> list[str]:
        return self.by_company.get(name_key(company), [])


def known_people(store: Store) -> KnownPeople:
    """Every card's name and company, read once."""
    by_company: dict[str, list[str]] = {}
    names: set[str] = set()
    for card in store.list_contacts():
        names.add(card.name)
        by_company.setdefault(name_key(card.company), []).append(card.name)
    return KnownPeople(sorted(names), by_company)


def duplicate_of(store: Store, new: Contact) -> Contact | None:
    """The card already kept for this name at this company, when `new` is not yet stored."""
    return store.find_contact(new.name, new.company) if new.id is None else None


def new_names(store: Store, card: Contact) -> NewNames:
    """The company saving this card would name for the first time — asked about, so a half-typed
    "Bright" is not kept as a company (one the card already had is not new)."""
    company = " ".join(card.company.split())
    kept = store.get_contact(card.id) if card.id is not None else None
    if not company or (kept and name_key(kept.company) == name_key(company)):
        return NewNames()
    if any(name_key(known) == name_key(company) for known in store.companies()):
        return NewNames()
    return NewNames(company, company_only=True)


def save_contact(store: Store, card: Contact) -> tuple[Contact, Undo]:
    """Add the card, or write over the stored one with the same id; and how to take it back."""
    if card.id is None:
        with store.transaction():
            added = store.add_contact(card)
            made = store.settle(Snapshot(created={"contacts": [added.id]}))
        return added, Undo(f"added {added.name}", snapshot=made, select=_row(added))
    with store.transaction():
        before = store.update_contact(card)
        store.set_stay_in_touch(card.id, card.stay_in_touch_months)  # the form's choice, with the card
        before = store.settle(before)
    return card, Undo(f"edited {card.name}", snapshot=before, select=_row(card))


def toggle_has_my_details(store: Store, contact_id: int) -> tuple[Contact, Undo] | None:
    """Flip whether they have your details; the card as it is now (None if it is gone), and the way back."""
    found = store.get_contact(contact_id)
    if found is None:
        return None
    changed = replace(found, has_my_details=not found.has_my_details)
    before = store.update_contact(changed)
    they = "have" if changed.has_my_details else "don't have"
    return changed, Undo(f"{changed.name}: they {they} your details", snapshot=before, select=_row(changed))


def delete_contact(store: Store, contact_id: int) -> Undo:
    """Delete the card; its interviews and follow-ups stay, no longer naming them (until undone)."""
    found = store.get_contact(contact_id)
    taken = store.delete_contact(contact_id)
    return Undo(f"deleted {found.name if found else 'the card'}", snapshot=taken, select=f"contact-{contact_id}")


def _row(contact: Contact) -> str:
    return f"contact-{contact.id}"


def import_vcard_file(store: Store, path: Path, *, strict: bool = False):
    """Read a vCard file card by card and import what can be read (ImportFileError when the file
    cannot be read, VCardError when it is no vCard file, or with `strict` and a problem)."""
    from .files import read_import_bytes
    from .vcard import import_vcards

    return import_vcards(store, read_import_bytes(path), strict=strict)


def read_vcard_file(path: Path, progress=None):
    """The cards in a vCard file, read and checked but not yet written (the slow part of an
    import, which the app does away from its screen): ParsedCards; ImportFileError or VCardError.
    `progress(read, total)` is told as it goes."""
    from .files import read_import_bytes
    from .vcard import parse_vcards

    return parse_vcards(read_import_bytes(path), progress=progress)


def import_read_cards(store: Store, parsed):
    """Write cards `read_vcard_file` read, in one transaction: the report, and the steps that
    write them (each saying how many are written; see `vcard.writing_cards`)."""
    from .vcard import writing_cards

    return writing_cards(store, parsed)


def export_vcard_file(store: Store, path: Path) -> int:
    """Write every card to a vCard file only the user can read; how many were written."""
    from .files import Counted, write_private
    from .vcard import vcard_pieces

    contacts = Counted(store.each_contact())
    write_private(path, vcard_pieces(contacts))
    return contacts.count
