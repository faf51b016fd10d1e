"""What a message in the user's mailbox may mean for the journal — pure, and said in tables.

A message is matched against the journal by its address: the sender's (or, for a message in a
Sent folder, a recipient's) against the contact cards, then the address's domain against the
companies' domains (those of their people's cards, or a domain whose name is the company's).
What it says is read by the phrase tables below, never by a hidden model; a decision or
interview date is read with the app's own date grammar (`when.read_when`), relative to the day
the message was sent.

    the message                                         what it means        proposes
    a newsletter or list mail (List-Id, bulk)           nothing
    mentions a REJECTION phrase                         rejection            status rejected, planned steps skipped
    mentions an INVITATION phrase                       invitation           a `next interview`, on the day written
    sent by you to a person with a planned message      sent                 that thank-you/check-in marked sent
    an automated note ("we received your application"),
    or anything else from a team address (careers@)     nothing
    from a person in an open process                    reply                a reply, with its first lines and date
    from anyone else the journal knows                  contact              a contact logged with them
    from anyone else                                    nothing

Rejection is read before invitation (a rejection may "invite you to apply again"), and both
before the automated-note rule: a rejection often comes from a no-reply address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .clock import local_day
from .people import name_key
from .when import WEEKDAYS, WhenError, read_when


class Meaning(StrEnum):
    REPLY = "reply"
    REJECTION = "rejection"
    INVITATION = "invitation"
    SENT = "sent"
    CONTACT = "contact"
    UNRELATED = "unrelated"


REJECTION_PHRASES = (
    "not to move forward",
    "not be moving forward",
    "won't be moving forward",
    "will not be moving forward",
    "not moving forward with your",
    "move forward with other candidates",
    "moving forward with other candidates",
    "move forward with another candidate",
    "moving forward with another candidate",
    "go with another candidate",
    "gone with another candidate",
    "pursue other candidates",
    "decided to proceed with other",
    "proceed with other candidates",
    "not to proceed with your",
    "not be proceeding with your",
    "will not be progressing",
    "won't be progressing",
    "not be taking your application further",
    "not taking your application further",
    "regret to inform",
    "regret to let you know",
    "not been successful",
    "were not successful",
    "was not successful",
    "been unsuccessful",
    "unsuccessful on this occasion",
    "unable to offer you",
    "not able to offer you",
    "not in a position to offer",
    "position has been filled",
    "role has been filled",
    "we have filled the",
    "you have not been selected",
    "you were not selected",
    "more closely match",
    "more closely matches",
    "closer match for",
    "decided to close the role",
)
"""Wordings of "no" (lower case; curly apostrophes read as straight ones)."""

INVITATION_PHRASES = (
    "next round",
    "next stage",
    "second round",
    "final round",
    "second interview",
    "final interview",
    "onsite interview",
    "on-site interview",
    "technical interview",
    "invite you to",
    "invite you for",
    "inviting you to",
    "like to invite you",
    "like to schedule",
    "love to schedule",
    "schedule a call",
    "schedule an interview",
    "schedule the next",
    "set up a time",
    "set up an interview",
    "set up a call",
    "book a time",
    "book a slot",
    "meet the team",
    "move you forward",
    "moving you forward",
    "move forward with your application",
    "moving forward with your application",
    "progress your application",
    "your availability",
    "when are you available",
    "come in for",
)
"""Wordings of "come back for another round"."""

AUTOMATED_PHRASES = (
    "received your application",
    "application has been received",
    "application was received",
    "thank you for applying",
    "thanks for applying",
    "thank you for your application",
    "thanks for your application",
    "confirm receipt",
    "this is an automated",
    "this is an automatic",
    "automatically generated",
    "please do not reply",
    "do not reply to this",
)
"""Wordings of an automated acknowledgement: nothing to record."""

NO_REPLY_NAMES = ("noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "notifications")
"""An address with one of these in its name is a machine's."""
TEAM_ADDRESSES = frozenset(
    "careers jobs job recruiting recruitment talent hr hiring apply applications news newsletter marketing "
    "info hello team events updates".split()
)
"""An address that is a team's, not a person's (careers@, jobs@): read for a rejection or an
invitation, but a message from it is no reply from someone in the process."""

FREE_MAIL = frozenset(
    "gmail.com googlemail.com outlook.com hotmail.com live.com yahoo.com icloud.com me.com aol.com "
    "proton.me protonmail.com fastmail.com gmx.com gmx.de web.de mail.com yandex.com".split()
)
"""Domains anyone may have: matching a company by them would match everybody."""

DATE_LEADS = ("by", "before", "until", "on", "for", "around", "after")
"""Words a written date follows ("by Friday", "on 10 Dec at 2pm")."""
DECISION_LEADS = ("by", "before", "until")
"""Of those, the ones a decision day follows: in a reply, "by Friday" is the decision day even
after "we meet on Monday"."""

_SPANS = re.compile(
    r"\b(?:next week|end of (?:the )?(?:next )?(?:week|month)|after the weekend"
    r"|(?:in|within) (?:the next )?(?:\d{1,2}|a|one|two|three|four|five|six|a couple of) (?:business |working )?"
    r"(?:days?|weeks?|fortnight))\b"
)
_WORD = re.compile(r"[\w/.:'-]+")
MOST_WORDS = 5


@dataclass(frozen=True)
class MailMessage:
    """One message as read from the mailbox: decoded, bounded, plain text."""

    key: str
    """Its Message-ID (or a stand-in made from its contents when it has none)."""
    sender: str
    sender_name: str = ""
    recipients: tuple[str, ...] = ()
    sent_at: datetime | None = None
    subject: str = ""
    body: str = ""
    in_sent_folder: bool = False
    bulk: bool = False
    """A list or bulk mail (List-Id, List-Unsubscribe, Precedence bulk or list): never about you alone."""
    automated: bool = False
    """Sent by a machine (Auto-Submitted): read for a rejection or an invitation, else nothing."""
    replies_to: tuple[str, ...] = ()
    """The Message-IDs it answers (In-Reply-To, References): its thread."""


@dataclass(frozen=True)
class Person:
    """A contact card, as the mailbox is matched against it."""

    contact_id: int
    name: str
    emails: tuple[str, ...]
    opportunity_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Application:
    opportunity_id: int
    company: str
    active: bool
    planned_messages: Sequence[tuple[int, int | None]] = ()
    """(follow-up id, contact id) of each planned thank-you or check-in, soonest first."""


@dataclass
class Journal:
    """The journal as the mailbox is matched against it: people by address, companies by domain."""

    people: list[Person]
    applications: list[Application]
    my_emails: tuple[str, ...] = ()
    threads: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    """The Message-ID of each message the journal saved (.eml): its application and person."""
    by_email: dict[str, Person] = field(init=False)
    by_domain: dict[str, list[Application]] = field(init=False)
    by_id: dict[int, Application] = field(init=False)

    def __post_init__(self) -> None:
        self.by_email = {email.casefold(): p for p in self.people for email in p.emails if email}
        self.by_id = {a.opportunity_id: a for a in self.applications}
        domains: dict[str, list[Application]] = {}
        for person in self.people:
            for email in person.emails:
                domain = domain_of(email)
                if domain and domain not in FREE_MAIL:
                    for opportunity_id in person.opportunity_ids:
                        if opportunity_id in self.by_id:
                            _add(domains.setdefault(domain, []), self.by_id[opportunity_id])
        self.by_domain = domains
        self._by_name = {}
        for application in self.applications:
            self._by_name.setdefault(_squeezed(application.company), []).append(application)

    def may_concern(
        self, sender: str, recipients: Iterable[str], in_sent_folder: bool, replies_to: Iterable[str] = ()
    ) -> bool:
        """Whether a message with these addresses can mean anything here (`read_message` reads
        nothing into the rest): from a known person or company, sent by you to a known person, or
        in the thread of a message the journal saved. Asked first, so the mail of strangers is
        never read past its headers."""
        if in_sent_folder or _is_mine(sender, self):
            return any(address.casefold() in self.by_email for address in recipients)
        if any(key in self.threads for key in replies_to):
            return True
        return sender.casefold() in self.by_email or bool(self.applications_at(domain_of(sender)))

    def applications_at(self, domain: str) -> list[Application]:
        """The applications at the company this domain is: by its people's cards, else by its name."""
        if not domain or domain in FREE_MAIL:
            return []
        if domain in self.by_domain:
            return self.by_domain[domain]
        labels = domain.split(".")
        for label in labels[:-1]:  # jobs.globex.co.uk → "jobs", "globex", "co"
            if found := self._by_name.get(_squeezed(label)):
                return found
        return []


def _add(found: list[Application], application: Application) -> None:
    if application not in found:
        found.append(application)


def _squeezed(name: str) -> str:
    return "".join(ch for ch in name_key(name) if ch.isalnum())


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].casefold().strip(".") if "@" in email else ""


@dataclass(frozen=True)
class Reading:
    """What one message may mean, and for which application and person."""

    meaning: Meaning
    opportunity_id: int | None = None
    contact_id: int | None = None
    person: str = ""
    """Who it is from (or to, when sent): the card's name, else the name in the header."""
    followup_id: int | None = None
    """For a sent message: the planned thank-you or check-in it is."""
    day: date | None = None
    """The decision date a reply gives, or the day an invitation names."""
    quoted: str = ""
    """Its first lines, as said."""
    why: str = ""


def read_message(message: MailMessage, journal: Journal, now: datetime, *, day_first: bool = True) -> Reading:
    """What `message` may mean for `journal` (see the module's table)."""
    if message.in_sent_folder or _is_mine(message.sender, journal):
        return _read_sent(message, journal)
    if message.bulk:
        return Reading(Meaning.UNRELATED, why="a newsletter or list mail")
    person = journal.by_email.get(message.sender.casefold())
    applications = _applications_of(person, message.sender, journal)
    thread = next((journal.threads[key] for key in message.replies_to if key in journal.threads), None)
    if thread is not None and thread[0] in journal.by_id:  # it answers a message the journal saved
        applications = [journal.by_id[thread[0]]]
        if person is None and thread[1] is not None:
            person = next((p for p in journal.people if p.contact_id == thread[1]), None)
    if not applications:
        if person is not None and not message.automated:
            return Reading(Meaning.CONTACT, None, person.contact_id, person.name, quoted=first_lines(message.body))
        return Reading(Meaning.UNRELATED, why="not from anyone the journal knows")
    application = _chosen(applications)
    text = normalised(f"{message.subject}\n{message.body}")
    said = normalised(_own_words(message.body))
    contact_id, name = (person.contact_id, person.name) if person else (None, message.sender_name)
    quoted = first_lines(message.body)
    when = message.sent_at if message.sent_at and message.sent_at <= now else now
    if phrase := _found(said or text, REJECTION_PHRASES):
        return Reading(Meaning.REJECTION, application.opportunity_id, contact_id, name, quoted=quoted, why=phrase)
    if phrase := _found(said or text, INVITATION_PHRASES):
        day = first_date(said, when, day_first=day_first)
        return Reading(Meaning.INVITATION, application.opportunity_id, contact_id, name, None, day, quoted, phrase)
    if message.automated or _automated(message.sender) or _found(text, AUTOMATED_PHRASES):
        return Reading(Meaning.UNRELATED, why="an automated note")
    if not application.active:
        return Reading(Meaning.CONTACT, application.opportunity_id, contact_id, name, quoted=quoted)
    day = first_date(said, when, day_first=day_first, preferred=DECISION_LEADS)
    return Reading(Meaning.REPLY, application.opportunity_id, contact_id, name, None, day, quoted)


def _read_sent(message: MailMessage, journal: Journal) -> Reading:
    for address in message.recipients:
        person = journal.by_email.get(address.casefold())
        if person is None:
            continue
        for opportunity_id in person.opportunity_ids:
            application = journal.by_id.get(opportunity_id)
            for followup_id, contact_id in application.planned_messages if application else ():
                if contact_id == person.contact_id:
                    quoted = first_lines(message.body)
                    return Reading(
                        Meaning.SENT, opportunity_id, person.contact_id, person.name, followup_id, None, quoted
                    )
    return Reading(Meaning.UNRELATED, why="sent, but to nobody with a message planned")


def _is_mine(sender: str, journal: Journal) -> bool:
    return bool(sender) and sender.casefold() in (email.casefold() for email in journal.my_emails)


def _applications_of(person: Person | None, sender: str, journal: Journal) -> list[Application]:
    if person is not None:
        found = [journal.by_id[i] for i in person.opportunity_ids if i in journal.by_id]
        if found:
            return found
    return journal.applications_at(domain_of(sender))


def _chosen(applications: Iterable[Application]) -> Application:
    """An open application before a closed one; the newest among equals."""
    return max(applications, key=lambda a: (a.active, a.opportunity_id))


def _automated(sender: str) -> bool:
    local = sender.partition("@")[0].casefold()
    return any(name in local for name in NO_REPLY_NAMES) or local in TEAM_ADDRESSES


def _found(text: str, phrases: Iterable[str]) -> str:
    return next((phrase for phrase in phrases if phrase in text), "")


def normalised(text: str) -> str:
    """Lower case, straight apostrophes, one space between words: how the tables are matched."""
    return " ".join(text.casefold().replace("\u2019", "'").replace("\u2018", "'").split())


def _own_words(body: str) -> str:
    """The body without what it quotes (lines after "On … wrote:", lines starting with ">")
    or its signature."""
    kept = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or stripped == "--" or _QUOTE_HEAD.match(stripped):
            if stripped.startswith(">"):
                continue
            break
        kept.append(line)
    return "\n".join(kept)


_QUOTE_HEAD = re.compile(
    r"^(?:on .{4,200} wrote:|-{2,} ?(?:original message|forwarded message) ?-{2,}|from: .+)$", re.I
)


def first_lines(body: str, most: int = 3, width: int = 200) -> str:
    """The first `most` lines the sender wrote, each cut to `width` characters."""
    lines = [" ".join(line.split()) for line in _own_words(body).splitlines()]
    lines = [line if len(line) <= width else line[: width - 1] + "…" for line in lines if line]
    return "\n".join(lines[:most])


def first_date(text: str, sent: datetime, *, day_first: bool = True, preferred: tuple[str, ...] = ()) -> date | None:
    """The first date written in `text` ("by Friday", "next week", "on 10 Dec at 2pm"), read by
    the app's date grammar as of the day it was `sent` — one after a `preferred` lead word (or a
    span such as "next week") before any other; None when it names none on or after that day."""
    text = normalised(text)
    found: list[tuple[int, int, date]] = []
    for match in _SPANS.finditer(text):
        phrase = match.group(0).replace("within", "in").replace("the next ", "").replace("a couple of", "two")
        phrase = phrase.replace("end of the ", "end of ")
        if (day := _read(phrase, sent, day_first)) is not None:
            found.append((0, match.start(), day))
    words = [(m.start(), m.group(0).strip(".:'-")) for m in _WORD.finditer(text)]
    for index, (_, word) in enumerate(words):
        if word not in DATE_LEADS:
            continue
        following = [w for _, w in words[index + 1 : index + 1 + MOST_WORDS]]
        if following and following[0] == "the":
            following = following[1:]
        for size in range(len(following), 0, -1):
            phrase = " ".join(following[:size])
            if size > 1 and following[0].rstrip(",") in WEEKDAYS:  # "Friday 4 Dec": the date says it all
                phrase = " ".join(following[1:size])
            if _datelike(phrase) and (day := _read(phrase, sent, day_first)) is not None:
                found.append((0 if word in preferred else 1, words[index][0], day))
                break
    return min(found)[2] if found else None


def _datelike(phrase: str) -> bool:
    """Worth reading as a date: a word of letters (a weekday, a month) or digits with / . or -;
    never a bare number, which the grammar would read as a time today."""
    return bool(re.search(r"[a-z]{3}|\d[/.-]\d", phrase))


def _read(phrase: str, sent: datetime, day_first: bool) -> date | None:
    try:
        day = read_when(phrase, sent, day_first=day_first).day
    except WhenError:
        return None
    return day if day >= local_day(sent) else None


@dataclass(frozen=True)
class Proposal:
    """A reading kept for the user to say yes or no to, with the message it came from."""

    message_key: str
    meaning: Meaning
    opportunity_id: int | None
    contact_id: int | None = None
    followup_id: int | None = None
    person: str = ""
    day: date | None = None
    sender: str = ""
    sent_at: datetime | None = None
    subject: str = ""
    first_lines: str = ""
    body: str = ""
    state: str = "open"
    id: int | None = None


def proposal_of(message: MailMessage, reading: Reading) -> Proposal | None:
    """The proposal a reading makes, or None when the message means nothing for the journal."""
    if reading.meaning is Meaning.UNRELATED:
        return None
    return Proposal(
        message.key,
        reading.meaning,
        reading.opportunity_id,
        reading.contact_id,
        reading.followup_id,
        reading.person,
        reading.day,
        message.sender,
        message.sent_at,
        message.subject,
        reading.quoted,
        message.body,
    )
