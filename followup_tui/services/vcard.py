"""Contacts in and out as vCard: in as phones, mail clients and address books write it (2.1, 3.0,
4.0, in any common encoding), out as vCard 3.0 that khard, vdirsyncer and CardDAV servers take.

An import is all or nothing: every card is read and checked before anything is written, and then
all of them are written in one transaction. What a card holds that the journal does not keep
(a photo) is named in the report; its other lines are kept and written back on export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from followup_tui.domain.contact_form import email_problem
from followup_tui.domain.models import Address, CardDetails, Contact
from followup_tui.domain.text import without_controls
from followup_tui.domain.values import length_problem
from followup_tui.domain.vcard_text import (
    CardSyntaxError,
    Property,
    RawCard,
    components,
    decode_file,
    escape,
    folded,
    read_cards,
    unescape,
)
from followup_tui.store import Store

HAS_MY_DETAILS = "X-FOLLOWUP-HAS-MY-DETAILS"
PRODID = "-//followup-tui//contacts//EN"
NOT_PEOPLE = {"group", "org", "location"}
"""KIND values of cards that are no one to follow up with (RFC 6350, 6.1.4)."""
NOT_KEPT = {"PHOTO": "photo", "LOGO": "logo", "SOUND": "sound", "KEY": "key"}
"""What the journal does not keep (pictures and keys): named in the report, left out."""
READ = {"FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "UID", "NICKNAME", "BDAY", "ADR", "KIND"}
READ |= {HAS_MY_DETAILS, "X-ADDRESSBOOKSERVER-KIND"}
MADE_AGAIN = {"VERSION", "PRODID", "REV", "PROFILE", "NAME", "SOURCE", "LABEL"}
"""Lines an export writes afresh (or that only describe the file), so they are not kept."""


class VCardError(ValueError):
    """The file cannot be imported; the message names the card and what is wrong with it."""


# -- in ---------------------------------------------------------------------------------------


@dataclass
class ParsedCards:
    contacts: list[Contact]
    skipped: list[str] = field(default_factory=list)
    """Cards that are not people (a group, an organisation), by name."""
    not_kept: dict[str, list[str]] = field(default_factory=dict)
    """What was left out (photo, key), and on whose cards."""
    encoding: str = "utf-8"


def parse_vcards(data: str | bytes, encoding: str | None = None) -> ParsedCards:
    """Every card in the file, or VCardError for the first thing wrong with any of them."""
    if isinstance(data, bytes):
        try:
            text, encoding = decode_file(data, encoding)
        except ValueError as error:
            raise VCardError(str(error)) from None
    else:
        text, encoding = data.lstrip("\ufeff"), "utf-8"
    if not text.strip():
        raise VCardError("the file is empty")
    if "BEGIN:VCARD" not in text.upper():
        raise VCardError("this is not a vCard file (no BEGIN:VCARD found)")
    try:
        cards = read_cards(text)
    except CardSyntaxError as error:
        raise VCardError(str(error)) from None
    parsed = ParsedCards([], encoding=encoding)
    for number, card in enumerate(cards, start=1):
        name = _name(card, number)
        kind = _text(card, "KIND").lower() or _text(card, "X-ADDRESSBOOKSERVER-KIND").lower()
        if kind in NOT_PEOPLE:
            parsed.skipped.append(f"{name} ({kind})")
            continue
        parsed.contacts.append(_contact(card, number, name))
        for prop in card.properties:
            if prop.name in NOT_KEPT:
                parsed.not_kept.setdefault(NOT_KEPT[prop.name], []).append(name)
    if not cards:
        raise VCardError("no cards found in the file")
    return parsed


def _name(card: RawCard, number: int) -> str:
    """FN; else the name parts of N; else the organisation; else the first email (Android
    writes cards with nothing else). A card with none of them cannot be told apart."""
    if name := " ".join(_text(card, "FN").split()):
        return name
    if n := card.first("N"):
        family, given, middle, prefix, suffix = (components(n.value) + [""] * 5)[:5]
        if name := " ".join(" ".join((prefix, given, middle, family, suffix)).split()):
            return name
    if org := card.first("ORG"):
        if name := " ".join(components(org.value)[0].split()):
            return name
    if email := _text(card, "EMAIL"):
        return email.removeprefix("mailto:")
    raise VCardError(f"card {number} (line {card.line}) has no name: add an FN line, e.g. FN:Ann Lee")


def _contact(card: RawCard, number: int, name: str) -> Contact:
    emails = _ranked(card.all("EMAIL"), lambda value: value.removeprefix("mailto:"))
    for address, _ in emails:
        if problem := email_problem(address):
            line = next((p.line for p in card.all("EMAIL") if address in unescape(p.value)), card.line)
            raise VCardError(f"card {number} ({name}), line {line}: {problem}")
    phones = _ranked(card.all("TEL"), _phone)
    urls = [url for prop in card.all("URL") if (url := unescape(prop.value).strip())]
    org = components(card.first("ORG").value) if card.first("ORG") else [""]
    details = CardDetails(
        nickname=_text(card, "NICKNAME"),
        birthday=_birthday(_text(card, "BDAY")),
        org_unit=", ".join(part.strip() for part in org[1:] if part.strip()),
        addresses=[
            Address(tuple(part.strip() for part in (components(p.value) + [""] * 7)[:7]), _types(p))
            for p in card.all("ADR")
            if any(part.strip() for part in components(p.value))
        ],
        urls=urls[1:],
        email_types={address: types for address, types in emails if types},
        phone_types={number: types for number, types in phones if types},
        extra_lines=[_kept(prop) for prop in card.properties if _is_extra(prop)],
    )
    return Contact(
        name=name,
        title=_text(card, "TITLE"),
        company=" ".join(org[0].split()),
        email=emails[0][0] if emails else "",
        other_emails=[address for address, _ in emails[1:]],
        phone=phones[0][0] if phones else "",
        other_phones=[number for number, _ in phones[1:]],
        profile_url=urls[0] if urls else "",
        notes=_text(card, "NOTE", one_line=False),
        has_my_details=_text(card, HAS_MY_DETAILS).lower() == "yes",
        uid=" ".join(_text(card, "UID").split()),
        details=details,
    )


def _text(card: RawCard, name: str, *, one_line: bool = True) -> str:
    """The first line called `name` as text: unescaped, commas kept (unescaped or not)."""
    prop = card.first(name)
    if prop is None:
        return ""
    text = unescape(prop.value).strip()
    return " ".join(text.split()) if one_line else text


def _ranked(props: list[Property], clean) -> list[tuple[str, list[str]]]:
    """Values (emails, phones) with their types, the preferred first, then in the card's order."""
    ordered = sorted(enumerate(props), key=lambda item: (item[1].preference, item[0]))
    found: dict[str, list[str]] = {}
    for _, prop in ordered:
        value = clean(" ".join(unescape(prop.value).split()))
        if value and value not in found:
            found[value] = list(_types(prop))
    return list(found.items())


def _types(prop: Property) -> tuple[str, ...]:
    """TYPE values worth keeping: not PREF (the order says it) nor the defaults INTERNET, VOICE."""
    return tuple(dict.fromkeys(t for t in prop.types if t not in ("pref", "internet", "voice", "x400")))


def _phone(value: str) -> str:
    """`tel:+1-555-0100;ext=12` (vCard 4.0) as a person writes it: +1-555-0100 ext. 12."""
    if value.lower().startswith("tel:"):
        number, _, rest = value[4:].partition(";")
        extension = re.search(r"(?:^|;)ext=([^;]+)", rest)
        return number + (f" ext. {extension[1]}" if extension else "")
    return value


def _birthday(value: str) -> str:
    """19850412 and 1985-04-12 alike as 1985-04-12; --0412 (no year) as --04-12; else as written."""
    if match := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", value):
        return "-".join(match.groups())
    if match := re.fullmatch(r"--(\d{2})-?(\d{2})", value):
        return f"--{match[1]}-{match[2]}"
    return value


def _is_extra(prop: Property) -> bool:
    return prop.name not in READ and prop.name not in NOT_KEPT and prop.name not in MADE_AGAIN


def _kept(prop: Property) -> str:
    return without_controls(prop.content_line())


# -- importing ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_kept: dict[str, list[str]] = field(default_factory=dict)
    encoding: str = "utf-8"

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} already up to date",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (not a person: {', '.join(self.skipped)})")
        return ", ".join(parts)

    def notes(self) -> list[str]:
        """What the person should know beyond the counts: what was left out, how the file was read."""
        lines = [f"not kept: the {what} on {_names(names)}" for what, names in self.not_kept.items()]
        if self.encoding not in ("utf-8", "utf-16"):
            lines.append(f"read as {self.encoding}")
        return lines


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def import_vcards(store: Store, data: str | bytes, encoding: str | None = None) -> ImportReport:
    """Add each card, or update the card with the same UID, else the same name and company; never
    a duplicate."""
    parsed = parse_vcards(data, encoding)
    report = ImportReport(skipped=parsed.skipped, not_kept=parsed.not_kept, encoding=parsed.encoding)
    for number, card in enumerate(parsed.contacts, start=1):  # before any look-up is made with such a value
        for name in ("name", "title", "company", "email", "phone", "profile_url", "notes"):
            if problem := length_problem(name, getattr(card, name)):
                raise VCardError(f"card {number} ({card.name[:40]}): its {name.replace('_', ' ')} {problem}")
    with store.transaction():
        for card in parsed.contacts:
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
    had, new = existing.details or CardDetails(), card.details or CardDetails()
    details = CardDetails(
        nickname=new.nickname or had.nickname,
        birthday=new.birthday or had.birthday,
        org_unit=new.org_unit or had.org_unit,
        addresses=new.addresses or had.addresses,
        urls=list(dict.fromkeys(new.urls + had.urls)),
        email_types={**had.email_types, **new.email_types},
        phone_types={**had.phone_types, **new.phone_types},
        extra_lines=new.extra_lines or had.extra_lines,
    )
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
        details=details,
    )


# -- out --------------------------------------------------------------------------------------


def contacts_to_vcard(contacts: Iterable[Contact]) -> str:
    return "".join(vcard_pieces(contacts))


def vcard_pieces(contacts: Iterable[Contact]) -> Iterator[str]:
    """Each card as it is read, for an export that never holds the address book whole."""
    return (card_text(contact) for contact in contacts)


def card_text(contact: Contact, prodid: str = PRODID) -> str:
    """One card as vCard 3.0: every email and phone with its types (the first preferred), the
    details the journal keeps, and the lines an import brought that it does not read."""
    details = contact.details or CardDetails()
    name = _clean(contact.name)
    given, _, family = name.rpartition(" ")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{prodid}"]
    if contact.uid:
        lines.append(f"UID:{escape(_clean(contact.uid))}")
    lines += [f"FN:{escape(name)}", f"N:{escape(family)};{escape(given)};;;"]
    if contact.company or details.org_unit:
        lines.append(
            f"ORG:{escape(_clean(contact.company))}" + (f";{escape(_clean(details.org_unit))}" * bool(details.org_unit))
        )
    if contact.title:
        lines.append(f"TITLE:{escape(_clean(contact.title))}")
    for n, address in enumerate(contact.emails):
        types = ["INTERNET", *(t.upper() for t in details.email_types.get(address, [])), *(["PREF"] if n == 0 else [])]
        lines.append(f"EMAIL;TYPE={','.join(_param(t) for t in types)}:{escape(_clean(address))}")
    for n, number in enumerate(contact.phones):
        types = [*(t.upper() for t in details.phone_types.get(number, ["voice"])), *(["PREF"] if n == 0 else [])]
        lines.append(f"TEL;TYPE={','.join(_param(t) for t in types)}:{escape(_clean(number))}")
    for address in details.addresses:
        types = f";TYPE={','.join(_param(t.upper()) for t in address.types)}" if address.types else ""
        parts = (escape(without_controls(part, keep="\n")) for part in address.parts)  # a street may run on
        lines.append(f"ADR{types}:{';'.join(parts)}")
    for url in [contact.profile_url, *details.urls] if contact.profile_url else details.urls:
        lines.append(f"URL:{_clean(url)}")
    if details.nickname:
        lines.append(f"NICKNAME:{escape(_clean(details.nickname))}")
    if details.birthday:
        lines.append(f"BDAY:{escape(_clean(details.birthday))}")
    if contact.notes:
        lines.append(f"NOTE:{escape(without_controls(contact.notes, keep=chr(10)))}")
    if contact.has_my_details:
        lines.append(f"{HAS_MY_DETAILS}:yes")
    lines += [line for line in map(without_controls, details.extra_lines) if _keepable(line)]
    lines.append("END:VCARD")
    return "".join(folded(line) for line in lines)


def _keepable(line: str) -> bool:
    """A kept line that can stand inside a card (from a hand-edited journal, one might not)."""
    name = line.partition(":")[0].partition(";")[0].rpartition(".")[2].strip().upper()
    return ":" in line and bool(name) and name not in ("BEGIN", "END", "VERSION")


def _clean(value: str) -> str:
    """A value without control characters, which vCard text may not hold."""
    return without_controls(value)


def _param(value: str) -> str:
    """A TYPE value as a parameter may hold it (no quotes, colons, semicolons or commas)."""
    return re.sub(r'[":;,\s]', "", value) or "X"
