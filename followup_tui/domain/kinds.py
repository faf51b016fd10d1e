"""The fixed vocabularies of the journal: statuses, stages, kinds of follow-up.

Plain enums that import nothing, so the quickest commands can name a kind without
loading the records around it.
"""

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
    CLOSED = "closed"

    @property
    def is_active(self) -> bool:
        return self in (Status.APPLIED, Status.INTERVIEWING, Status.OFFER)


class Stage(StrEnum):
    """Which round an interview was."""

    PHONE_SCREEN = "phone_screen"
    TECHNICAL = "technical"
    ONSITE = "onsite"
    FINAL = "final"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Kind(StrEnum):
    """What a follow-up is."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    QUESTION = "question"
    REPLY_RECEIVED = "reply_received"
    NEXT_INTERVIEW = "next_interview"
    NOTE = "note"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.THANK_YOU: "thank-you",
    Kind.CHECK_IN: "check-in",
    Kind.QUESTION: "question",
    Kind.REPLY_RECEIVED: "reply",
    Kind.NEXT_INTERVIEW: "next interview",
    Kind.NOTE: "note",
}


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class FollowupStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
