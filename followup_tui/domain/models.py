"""The journal's records, as plain dataclasses shared by every layer.

`id` is None until the store has saved a record. Dates are `date`, moments are
timezone-aware `datetime`; the store turns them into ISO text and back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .kinds import Direction, FollowupStatus, Kind, Stage, Status


@dataclass
class Opportunity:
    """One application: a role at a company, and where it stands."""

    company: str
    role: str = ""
    status: Status = Status.APPLIED
    source: str = ""
    url: str = ""
    notes: str = ""
    applied_on: date | None = None
    job_description: str = ""
    pay_advertised: str = ""
    pay_asked: str = ""
    pay_offered: str = ""
    id: int | None = None


@dataclass
class Interview:
    """One round of interviews for an opportunity."""

    opportunity_id: int
    starts_at: datetime
    stage: Stage = Stage.OTHER
    format: str = ""
    location: str = ""
    decision_expected_on: date | None = None
    id: int | None = None


@dataclass
class DebriefAnswer:
    """An answer, with the question's key and its prompt exactly as it was asked."""

    question_key: str
    prompt: str
    answer: str


@dataclass
class Debrief:
    """What the user wrote down after an interview."""

    interview_id: int
    satisfaction: int | None = None
    answers: list[DebriefAnswer] = field(default_factory=list)
    id: int | None = None
    ratings: dict[str, str] = field(default_factory=dict)
    """How you rated your answer to each question they asked, by the line's key (`domain.ratings`)."""


@dataclass(frozen=True)
class Address:
    """A postal address as vCard's ADR holds it, with its types (home, work)."""

    parts: tuple[str, ...]
    """PO box, extended address, street, locality, region, postal code, country."""
    types: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return ", ".join(part for part in self.parts if part)


@dataclass
class CardDetails:
    """What an address book keeps beyond the business card: kept from an import, shown on the
    card, written back on export (so an import then an export gives the card back)."""

    nickname: str = ""
    birthday: str = ""
    org_unit: str = ""
    addresses: list[Address] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    """Links after the profile URL."""
    email_types: dict[str, list[str]] = field(default_factory=dict)
    """Each address's types (work, home), by address; the first email is the preferred one."""
    phone_types: dict[str, list[str]] = field(default_factory=dict)
    extra_lines: list[str] = field(default_factory=list)
    """The card's other properties, as vCard content lines, for the round trip."""


@dataclass
class Contact:
    """A person met during the search: the business card, kept."""

    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    has_my_details: bool = False
    other_emails: list[str] = field(default_factory=list)
    other_phones: list[str] = field(default_factory=list)
    uid: str = ""
    """The card's lasting identity for address books: kept from an import, else made when stored."""
    details: CardDetails | None = None
    """None on a card from the form: an update keeps what is stored."""
    stay_in_touch_months: int | None = None
    """How often to stay in touch once a process with them ends: months, 0 for never, None for
    the `stay_in_touch.months` setting. Read from the store; written by `set_stay_in_touch`."""
    id: int | None = None

    @property
    def emails(self) -> list[str]:
        return [e for e in [self.email, *self.other_emails] if e]

    @property
    def phones(self) -> list[str]:
        return [p for p in [self.phone, *self.other_phones] if p]


@dataclass
class Followup:
    """One step on the timeline: planned, done or skipped."""

    opportunity_id: int | None
    """The application it belongs to; none only on a note about the whole search."""
    kind: Kind
    due_on: date
    direction: Direction = Direction.OUTBOUND
    status: FollowupStatus = FollowupStatus.PLANNED
    contact_id: int | None = None
    interview_id: int | None = None
    done_at: datetime | None = None
    subject: str = ""
    """Its line on the Timeline: the user's, never rewritten by composing."""
    body: str = ""
    """The message's text, as drafted (or as sent, once done)."""
    notes: str = ""
    decide_by: date | None = None
    """On a reply: the day they said they expect to decide."""
    draft_subject: str = ""
    """The message's subject line, as drafted (or as sent)."""
    message_id: str = ""
    """The Message-ID of the .eml saved for it, so a reply to it is known in the mailbox."""
    id: int | None = None


@dataclass(frozen=True)
class FollowupListing:
    """A follow-up with the names a list shows beside it."""

    followup: Followup
    company: str
    role: str
    contact_name: str | None
    contact_has_email: bool = True


@dataclass(frozen=True)
class InterviewListing:
    """An interview with its company, role and debrief score, for the Debriefs pane."""

    interview: Interview
    company: str
    role: str
    satisfaction: int | None
    has_debrief: bool


@dataclass(frozen=True)
class OpportunityListing:
    """An application with its latest contact and next planned step."""

    opportunity: Opportunity
    last_contact_on: date | None
    next_followup_on: date | None
    added_on: date | None = None
    planned_followups: int = 0
