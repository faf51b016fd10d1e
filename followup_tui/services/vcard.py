"""Contacts in and out as vCard 3.0, through vobject: folding and escaping are its job, not ours.

An import is all or nothing: every card is read and checked before anything is
written, and then all of them are written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import vobject

from followup_tui.domain.contact_form import email_problem
from followup_tui.domain.models import Contact
from followup_tui.domain.text import without_controls
from followup_tui.store import Store

HAS_MY_DETAILS = "X-FOLLOWUP-HAS-MY-DETAILS"


class VCardError(ValueError):
    """The file cannot be imported; the message names the card and what is wrong with it."""


def contacts_to_vcard(contacts: list[Contact]) -> str:
    return "".join(_card(contact).serialize() for contact in contacts)


def _card(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("fn").value = _card_text(contact.name)
    if contact.uid:
        card.add("uid").value = _card_text(contact.uid)
    given, _, family = _card_text(contact.name).rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.company:
        card.add("org").value = [_card_text(contact.company)]
    if contact.title:
        card.add("title").value = _card_text(contact.title)
    for n, address in enumerate(contact.emails):
        email = card.add("email")
        email.value = _card_text(address)
        email.type_paramlist = ["INTERNET", "PREF"] if n == 0 else ["INTERNET"]
    for n, number in enumerate(contact.phones):
        phone = card.add("tel")
        phone.value = _card_text(number)
        phone.type_paramlist = ["VOICE", "PREF"] if n == 0 else ["VOICE"]
    if contact.profile_url:
        card.add("url").value = _card_text(contact.profile_url)
    if contact.notes:
        card.add("note").value = _card_text(contact.notes, keep="\n")
    if contact.has_my_details:
        card.add(HAS_MY_DETAILS.lower()).value = "yes"
    return card


def _card_text(value: str, keep: str = "") -> str:
    """A card's value without control characters, which vCard text may not hold (only a note keeps
    its line breaks); a value from a person stays exactly as it was otherwise."""
    return without_controls(value, keep=keep)


def parse_vcards(text: str) -> list[Contact]:
    """Every card in `text`, or VCardError for the first thing wrong with any of them."""
    if not text.strip():
        raise VCardError("the file is empty")
    if "BEGIN:VCARD" not in text.upper():
        raise VCardError("this is not a vCard file (no BEGIN:VCARD found)")
    contacts = []
    try:
        for number, component in enumerate(vobject.readComponents(text, validate=False), start=1):
            contacts.append(_contact(component, number))
    except VCardError:
        raise
    except Exception as error:  # vobject raises ParseError and friends for broken lines
        raise VCardError(f"card {len(contacts) + 1} cannot be read: {error}") from None
    if not contacts:
        raise VCardError("no cards found in the file")
    return contacts


def _contact(component, number: int) -> Contact:
    if component.name != "VCARD":
        raise VCardError(f"item {number} is a {component.name}, not a VCARD")
    name = _text(component, "fn") or _name_from_n(component)
    if not name:
        raise VCardError(f"card {number} has no name (FN)")
    emails = [str(line.value).strip() for line in component.contents.get("email", []) if str(line.value).strip()]
    for address in emails:
        if problem := email_problem(address):
            raise VCardError(f"card {number} ({name}): {problem}")
    phones = [str(line.value).strip() for line in component.contents.get("tel", []) if str(line.value).strip()]
    org = component.contents.get("org")
    company = ""
    if org:
        value = org[0].value
        company = (value[0] if isinstance(value, list) and value else str(value or "")).strip()
    return Contact(
        name=name,
        title=_text(component, "title"),
        company=company,
        email=emails[0] if emails else "",
        other_emails=emails[1:],
        phone=phones[0] if phones else "",
        other_phones=phones[1:],
        profile_url=_text(component, "url"),
        notes=_text(component, "note"),
        has_my_details=_text(component, HAS_MY_DETAILS.lower()).lower() == "yes",
        uid=" ".join(_text(component, "uid").split()),
    )


def _text(component, key: str) -> str:
    lines = component.contents.get(key)
    return str(lines[0].value).strip() if lines and lines[0].value is not None else ""


def _name_from_n(component) -> str:
    lines = component.contents.get("n")
    if not lines:
        return ""
    n = lines[0].value
    return " ".join(part for part in (getattr(n, "given", ""), getattr(n, "family", "")) if part).strip()


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} already up to date",
        ]
        return ", ".join(parts)


def import_vcards(store: Store, text: str) -> ImportReport:
    """Add each card, or update the card with the same name and company; never a duplicate."""
    cards = parse_vcards(text)
    report = ImportReport()
    with store.transaction():
        for card in cards:
            existing = (store.find_contact_by_uid(card.uid) if card.uid else None) or store.find_contact(
                card.name, card.company
            )
            if existing is None:
                store.add_contact(card)
                report.added.append(card.name)
                continue
            merged = _merge(existing, card)
            if merged == existing:
                report.unchanged.append(card.name)
            else:
                store.update_contact(merged)
                report.updated.append(card.name)
    return report


def _merge(existing: Contact, card: Contact) -> Contact:
    """The existing card with what the imported one says; blanks in the import keep what we had."""
    emails = list(dict.fromkeys(card.emails + existing.emails))
    phones = list(dict.fromkeys(card.phones + existing.phones))
    return replace(
        existing,
        name=card.name if card.uid and card.uid == existing.uid else existing.name,  # the same card, renamed
        company=card.company or existing.company,
        uid=existing.uid or card.uid,
        title=card.title or existing.title,
        email=emails[0] if emails else "",
        other_emails=emails[1:],
        phone=phones[0] if phones else "",
        other_phones=phones[1:],
        profile_url=card.profile_url or existing.profile_url,
        notes=card.notes or existing.notes,
        has_my_details=existing.has_my_details or card.has_my_details,
    )
