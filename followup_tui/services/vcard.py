"""Contacts in and out as vCard: in as phones, mail clients and address books write it (2.1, 3.0,
4.0, in any common encoding), out as vCard 3.0 that khard, vdirsyncer and CardDAV servers take.

An import goes card by card: a card that cannot be read is skipped and named, a field that fails
its check (an email that is not one) is left out, named, and kept among the card's lines (written
back on export), and the rest of the file is imported in one transaction. The report names each
card by its name, or its number in the file, with the line and what would fix it. `strict`
keeps all or nothing for scripts: any problem, and nothing is written. What a card holds that the
journal does not keep (a photo) is named in the report; its other lines are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from followup_tui.domain.contact_form import email_problem
from followup_tui.domain.content_lines import escape, folded, unescape
from followup_tui.domain.models import Address, CardDetails, Contact
from followup_tui.domain.text import without_controls
from followup_tui.domain.values import length_problem, link_problem, web_link
from followup_tui.domain.vcard_text import (
    LEGACY,
    CardSyntaxError,
    CardTexts,
    Property,
    RawCard,
    card_texts,
    components,
    outside_lines,
    read_card,
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
CHECKED = ("title", "company", "email", "phone", "profile_url", "notes")
"""Fields checked for length as the contact form checks them; the name is checked on its own."""
PROGRESS_EVERY = 200
"""Cards read between two progress reports."""

Progress = Callable[[int, int], None]
"""Told (cards read, cards in the file) as a long file is read."""


class VCardError(ValueError):
    """The file cannot be imported (it is not a vCard file, or `strict` met a problem); the
    message says why, `problems` lists each card's."""

    def __init__(self, message: str, problems: Iterable[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


class _CardSkipped(Exception):
    """This card cannot become a contact; the message says why, in the report's words."""


# -- in ---------------------------------------------------------------------------------------


@dataclass
class ParsedCards:
    contacts: list[Contact]
    skipped: list[str] = field(default_factory=list)
    """Cards that are not people (a group, an organisation), by name."""
    not_kept: dict[str, list[str]] = field(default_factory=dict)
    """What was left out (photo, key), and on whose cards."""
    encoding: str = "utf-8"
    problems: list[str] = field(default_factory=list)
    """One line per problem: the card (name, or number and line), the line, what was done, the fix."""
    unreadable: int = 0
    """Cards skipped because they cannot be read (each named among `problems`)."""
    legacy_cards: list[str] = field(default_factory=list)
    """In a file of UTF-8 and legacy cards, those read as Windows-1252."""


def parse_vcards(data: str | bytes, encoding: str | None = None, progress: Progress | None = None) -> ParsedCards:
    """Every card in the file that can be read, each decoded and checked on its own, with a line
    for each problem; VCardError only for a file that is no vCard file at all."""
    parsed = ParsedCards([])
    for contact in each_contact(data, encoding, parsed, progress):
        parsed.contacts.append(contact)
    return parsed


def each_contact(
    data: str | bytes, encoding: str | None, parsed: ParsedCards, progress: Progress | None = None
) -> Iterator[Contact]:
    """Each card of the file as a contact, as it is read; what else the file says (problems,
    cards skipped, what was not kept) goes into `parsed`. VCardError, before the first card,
    for a file that is no vCard file at all."""
    try:
        pieces = card_texts(data, encoding)
    except ValueError as error:
        raise VCardError(str(error)) from None
    if pieces.blank:
        raise VCardError("the file is empty")
    if not pieces.cards:
        raise VCardError("this is not a vCard file (no BEGIN:VCARD found)")
    return _each_card(pieces, parsed, progress)  # said at once, before any card is read or written


def _each_card(pieces: CardTexts, parsed: ParsedCards, progress: Progress | None) -> Iterator[Contact]:
    total, number = pieces.cards, 0
    for piece in pieces:
        if number == 0 and (outside := outside_lines(piece)):
            parsed.problems.append(outside)
        if outside_lines(piece) is not None or not piece.text.strip():
            continue
        number += 1
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, total)
        try:
            card = read_card(piece)
            if card is not None and (contact := _read_one(parsed, card, number)) is not None:
                yield contact
        except CardSyntaxError as error:
            parsed.unreadable += 1
            parsed.problems.append(f"card {number} (line {piece.line}) was skipped: {error}")
        except _CardSkipped as error:
            parsed.unreadable += 1
            parsed.problems.append(str(error))
        except (ValueError, LookupError) as error:  # a value no check foresaw: this card's, not the file's
            parsed.unreadable += 1
            parsed.problems.append(f"card {number} (line {piece.line}) was skipped: it cannot be read ({error})")
    parsed.encoding = pieces.encoding
    if progress:
        progress(total, total)


def _read_one(parsed: ParsedCards, card: RawCard, number: int) -> Contact | None:
    name = _name(card, number)
    label = f"card {number} ({name[:60]})"
    parsed.problems.extend(f"{label}, {note}" for note in card.notes)
    kind = _text(card, "KIND").lower() or _text(card, "X-ADDRESSBOOKSERVER-KIND").lower()
    if kind in NOT_PEOPLE:
        parsed.skipped.append(f"{name} ({kind})")
        return None
    if problem := length_problem("name", name):
        raise _CardSkipped(f"{label} was skipped: its name {problem}")
    contact, problems = _contact(card, name)
    parsed.problems.extend(f"{label}, {problem}" for problem in problems)
    if card.encoding == LEGACY:
        parsed.legacy_cards.append(name)
    for prop in card.properties:
        if prop.name in NOT_KEPT:
            parsed.not_kept.setdefault(NOT_KEPT[prop.name], []).append(name)
    return contact


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
    raise _CardSkipped(f"card {number} (line {card.line}) has no name: add an FN line, e.g. FN:Ann Lee; it was skipped")


def _contact(card: RawCard, name: str) -> tuple[Contact, list[str]]:
    """The card as a contact, and what was left out of it (each naming its line and why)."""
    problems: list[str] = []
    kept: list[str] = []
    emails = []
    for address, types in _ranked(card.all("EMAIL"), lambda value: value.removeprefix("mailto:")):
        if problem := email_problem(address) or _length("email", address):
            prop = next((p for p in card.all("EMAIL") if address in unescape(p.value)), None)
            at = f"line {prop.line}" if prop else f"line {card.line}"
            problems.append(
                f"{at}: {problem.rstrip('.')}; imported without it (its line is kept and written back on export)"
            )
            if prop is not None:
                kept.append(_kept(prop))
            continue
        emails.append((address, types))
    phones = _ranked(card.all("TEL"), _phone)
    urls = [url for prop in card.all("URL") if (url := unescape(prop.value).strip())]
    profile = next((index for index, url in enumerate(urls) if link_problem(url) is None), None)
    if profile is not None:  # the first web link, made whole as the form makes it; the rest kept as written
        urls.insert(0, web_link(urls.pop(profile)))
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
        urls=urls[1:] if profile is not None else urls,
        email_types={address: types for address, types in emails if types},
        phone_types={number: types for number, types in phones if types},
        extra_lines=[_kept(prop) for prop in card.properties if _is_extra(prop)] + kept,
    )
    contact = Contact(
        name=name,
        title=_text(card, "TITLE"),
        company=" ".join(org[0].split()),
        email=emails[0][0] if emails else "",
        other_emails=[address for address, _ in emails[1:]],
        phone=phones[0][0] if phones else "",
        other_phones=[number for number, _ in phones[1:]],
        profile_url=urls[0] if profile is not None else "",
        notes=_text(card, "NOTE", one_line=False),
        has_my_details=_text(card, HAS_MY_DETAILS).lower() == "yes",
        uid=" ".join(_text(card, "UID").split()),
        details=details,
    )
    for name_of_field in CHECKED:
        if name_of_field != "email" and (problem := _length(name_of_field, getattr(contact, name_of_field))):
            problems.append(f"its {name_of_field.replace('_', ' ')} {problem}; imported without it")
            contact = replace(contact, **{name_of_field: ""})
    return contact, problems


def _length(field_name: str, value: str) -> str | None:
    return length_problem(field_name, value)


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
    problems: list[str] = field(default_factory=list)
    """What was wrong with a card or one of its lines, and what was done about it."""
    unreadable: int = 0
    possible_duplicates: list[str] = field(default_factory=list)
    legacy_cards: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.added):,} added",
            f"{len(self.updated):,} updated",
            f"{len(self.unchanged):,} already up to date",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (not a person: {', '.join(self.skipped)})")
        if self.unreadable:
            parts.append(f"{self.unreadable:,} could not be read (skipped)")
        return ", ".join(parts)

    def notes(self) -> list[str]:
        """What the person should know beyond the counts: what was left out, how the file was read."""
        lines = [f"not kept: the {what} on {_names(names)}" for what, names in self.not_kept.items()]
        if self.encoding == "mixed" and self.legacy_cards:
            lines.append(f"read as {LEGACY} (not UTF-8, unlike the rest of the file): {_names(self.legacy_cards)}")
        elif self.encoding not in ("utf-8", "utf-16", "mixed"):
            lines.append(f"read as {self.encoding}")
        return lines + self.possible_duplicates


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def import_vcards(
    store: Store, data: str | bytes, encoding: str | None = None, *, strict: bool = False
) -> ImportReport:
    """Read the file card by card and write each card as it is read, in one transaction (so a
    large file is never held as contacts whole); see `import_cards` for what is written."""
    parsed = ParsedCards([])
    return _write(store, each_contact(data, encoding, parsed), parsed, strict)


def import_cards(store: Store, parsed: ParsedCards, *, strict: bool = False) -> ImportReport:
    """Add each card read, or update the card with the same UID, else the same name and company
    when neither says a different UID; a card whose UID differs from the one with its name and
    company is someone else, added and named as a possible duplicate. One transaction; with
    `strict`, any problem in the file and nothing is written (VCardError listing them)."""
    return _write(store, parsed.contacts, parsed, strict)


def writing_cards(store: Store, parsed: ParsedCards) -> tuple[ImportReport, Iterator[int]]:
    """`import_cards` in steps, for a screen that draws between them: the report (filled in as
    the steps run) and the steps, each saying how many cards are written so far. The whole is
    one transaction: it commits after the last step, and closing the steps before then writes
    nothing."""
    report = ImportReport()
    return report, _writes(store, parsed.contacts, parsed, False, report)


def _write(store: Store, cards: Iterable[Contact], parsed: ParsedCards, strict: bool) -> ImportReport:
    report = ImportReport()
    for _ in _writes(store, cards, parsed, strict, report):
        pass
    return report


def _writes(
    store: Store, cards: Iterable[Contact], parsed: ParsedCards, strict: bool, report: ImportReport
) -> Iterator[int]:
    with store.transaction():
        for written, card in enumerate(cards, start=1):
            _write_one(store, card, report)
            if written % PROGRESS_EVERY == 0:
                yield written
        if strict and parsed.problems:  # raised inside the transaction: every card written is rolled back
            count = len(parsed.problems)
            raise VCardError(
                f"{count} problem{'s' * (count != 1)} in the file (--strict imports only a file without any)",
                parsed.problems,
            )
    report.skipped, report.not_kept, report.encoding = parsed.skipped, parsed.not_kept, parsed.encoding
    report.problems, report.unreadable, report.legacy_cards = parsed.problems, parsed.unreadable, parsed.legacy_cards


def _write_one(store: Store, card: Contact, report: ImportReport) -> None:
    existing = store.find_contact_by_uid(card.uid) if card.uid else None
    if existing is None:
        existing = store.find_contact(card.name, card.company)
        if existing is not None and card.uid and existing.uid and existing.uid != card.uid:
            store.add_contact(card)
            report.added.append(card.name)
            at = f" at {existing.company}" if existing.company else ""
            report.possible_duplicates.append(
                f"{card.name}: possible duplicate of {existing.name}{at} (another UID): kept as a separate card"
            )
            return
    if existing is None:
        store.add_contact(card)
        report.added.append(card.name)
        return
    merged = _merge(existing, card)
    if merged == existing:
        report.unchanged.append(card.name)
    else:
        store.update_contact(merged)
        report.updated.append(card.name)


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
