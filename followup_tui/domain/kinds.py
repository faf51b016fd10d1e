"""The vocabularies of the journal: statuses, kinds of follow-up, and interview stages (named by a setting).

Plain enums that import nothing, so the quickest commands can name a kind without
loading the records around it.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where an application stands; "saved" is a lead not applied to yet."""

    SAVED = "saved"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"
    """They went silent: nothing back long after your last message. A reply logged later revives it."""
    CLOSED = "closed"

    @property
    def is_active(self) -> bool:
        return self in (Status.APPLIED, Status.INTERVIEWING, Status.OFFER)

    @property
    def ends_the_process(self) -> bool:
        """The process is over without you joining them: rejected, withdrawn (say, having
        accepted elsewhere), ghosted, or closed. Its people may get a stay-in-touch cadence."""
        return self in (Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED, Status.CLOSED)


class DocumentRole(StrEnum):
    """What a document sent with an application was for: the CV, or the cover letter."""

    CV = "cv"
    COVER_LETTER = "cover_letter"

    @property
    def label(self) -> str:
        return "CV" if self is DocumentRole.CV else "cover letter"

    @property
    def heading(self) -> str:
        """As a line of the card starts: "CV", "Cover letter"."""
        return "CV" if self is DocumentRole.CV else "Cover letter"


class Stage(str):
    """Which round an interview was, as stored: a name from the `interview.stages` setting (the
    common rounds, DEFAULT_STAGES, unless the user changed them), or whatever an older journal or
    a file stored, kept and shown as written. Plain text, so a round the user names is one."""

    __slots__ = ()

    def __new__(cls, value: str = "other") -> Stage:
        value = " ".join(str(value).split())
        return super().__new__(cls, _EARLIER_NAMES.get(value, value))

    @property
    def value(self) -> str:
        """As stored."""
        return str(self)

    @property
    def label(self) -> str:
        """As the screens, exports and calendar say it."""
        return str(self)

    def is_named(self, name: str) -> bool:
        """Whether `name` is this stage, whatever its case (the setting says `Panel`, a row `panel`)."""
        return self.casefold() == Stage(name).casefold()

    PHONE_SCREEN: Stage
    TECHNICAL: Stage
    ONSITE: Stage
    FINAL: Stage
    OTHER: Stage


_EARLIER_NAMES = {"phone_screen": "phone screen"}
"""What journals before the `interview.stages` setting stored for a round it now names otherwise."""

DEFAULT_STAGES = (
    "phone screen",
    "recruiter call",
    "technical",
    "take-home",
    "second round",
    "panel",
    "hiring manager",
    "onsite",
    "final",
    "other",
)
"""The common rounds, offered until the user names their own in the `interview.stages` setting."""

Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.ONSITE, Stage.FINAL, Stage.OTHER = (
    Stage(name) for name in ("phone screen", "technical", "onsite", "final", "other")
)


def stage_names(text: str) -> tuple[str, ...]:
    """The rounds a `interview.stages` setting names, in its order: separated by commas, each
    on one line, the same name (in any case) once."""
    names: list[str] = []
    for part in text.split(","):
        name = Stage(part)
        if name and not any(name.is_named(known) for known in names):
            names.append(name)
    return tuple(names)


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Kind(StrEnum):
    """What a follow-up is. What each kind is for — its label, which way it goes, whether it is a
    message — is said once, in KIND_FACTS below, and every layer reads it from here."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    QUESTION = "question"
    REPLY_RECEIVED = "reply_received"
    NEXT_INTERVIEW = "next_interview"
    NOTE = "note"
    CLOSING_LOOP = "closing_loop"
    OFFER_DEADLINE = "offer_deadline"
    STAY_IN_TOUCH = "stay_in_touch"
    """A note to someone from a process that ended, months on: the stay-in-touch cadence's."""

    @property
    def label(self) -> str:
        """As the screens and the command line say it."""
        return KIND_FACTS[self][0]

    @property
    def direction(self) -> Direction:
        """Which way it goes: replies and invitations come to you, the rest go out."""
        return KIND_FACTS[self][1]

    @property
    def is_message(self) -> bool:
        """A message you send them by email: it needs their address, and the guard counts it."""
        return KIND_FACTS[self][2]

    @property
    def has_draft(self) -> bool:
        """The composer writes a message for it (from its default template); else `c` opens its notes."""
        return KIND_FACTS[self][3]

    @property
    def needs_application(self) -> bool:
        """Belongs to one application; only a note may be about the whole search."""
        return KIND_FACTS[self][4]

    @classmethod
    def named(cls, text: str) -> Kind:
        """The kind called `text`, as the screens say it (`Check-in`) or as stored (`check_in`),
        in any case and with spaces, hyphens or underscores alike; ValueError naming them all."""
        wanted = _folded(text)
        for kind in cls:
            if wanted in (_folded(kind.value), _folded(kind.label)):
                return kind
        raise ValueError(f"{text!r} is not a kind of follow-up; one of {', '.join(k.label for k in cls)}")


def _folded(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


KIND_FACTS = {
    # kind:               (label,            direction,          message, draft, application)
    Kind.THANK_YOU: ("thank-you", Direction.OUTBOUND, True, True, True),
    Kind.CHECK_IN: ("check-in", Direction.OUTBOUND, True, True, True),
    Kind.QUESTION: ("question", Direction.OUTBOUND, True, True, True),
    Kind.REPLY_RECEIVED: ("reply", Direction.INBOUND, False, True, True),
    Kind.NEXT_INTERVIEW: ("next interview", Direction.INBOUND, False, False, True),
    Kind.NOTE: ("note", Direction.OUTBOUND, False, False, False),
    Kind.CLOSING_LOOP: ("closing the loop", Direction.OUTBOUND, True, True, True),
    Kind.OFFER_DEADLINE: ("another offer", Direction.OUTBOUND, True, True, True),
    Kind.STAY_IN_TOUCH: ("keeping in touch", Direction.OUTBOUND, True, True, True),
}
"""Every kind's facts, in one table: a new kind is one row here (and its default template, if
it has a draft)."""


class FollowupStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
