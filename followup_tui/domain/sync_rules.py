"""How two machines' changes to one record are put together (`followup sync`): the journal's
rules, pure, so every machine that sees the same two changes makes the same record of them.

- a status moves forward along an application's history, whichever machine moved it back;
- free text (answers, notes, drafts, job descriptions, stories) changed on both machines keeps
  both versions: the later stays in the record, the other is kept for the user to choose from;
- any other field takes the later change.

"Later" is the row's stamp (when it last changed, then the device that changed it), and when
two stamps are equal, the value itself: an order every machine agrees on.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import Status

STATUS_ORDER: dict[str, int] = {
    Status.SAVED.value: 0,
    Status.APPLIED.value: 1,
    Status.INTERVIEWING.value: 2,
    Status.OFFER.value: 3,
    Status.GHOSTED.value: 4,  # silence, after whatever step was reached; a decision comes after it
    Status.ACCEPTED.value: 5,
    Status.REJECTED.value: 5,
    Status.WITHDRAWN.value: 5,
    Status.CLOSED.value: 5,
}
"""How far along its history a status is: each ending is as far as an application goes."""

STATUS_FIELDS = frozenset({("opportunities", "status")})

FREE_TEXT: dict[tuple[str, str], str] = {
    ("debrief_answers", "answer"): "answer",
    ("opportunities", "notes"): "note",
    ("opportunities", "job_description"): "job description",
    ("contacts", "notes"): "note",
    ("followups", "notes"): "note",
    ("followups", "body"): "draft",
    ("stories", "situation"): "story",
    ("stories", "task"): "story",
    ("stories", "action"): "story",
    ("stories", "result"): "story",
    ("stories", "would_add"): "story",
}
"""The fields a person writes at length, and what the user calls each ("two versions of this
answer"): edited on both machines, neither version is dropped."""


@dataclass(frozen=True, order=True)
class Stamp:
    """When and where a row last changed: milliseconds since 1970, then the device."""

    at: int
    device: int


def later_status(mine: str, theirs: str, theirs_is_later: bool) -> str:
    """The status an application keeps when both machines moved it: the one further along its
    history; between two as far along (two endings), the later change."""
    rank_mine, rank_theirs = STATUS_ORDER.get(mine, -1), STATUS_ORDER.get(theirs, -1)
    if rank_mine != rank_theirs:
        return mine if rank_mine > rank_theirs else theirs
    return theirs if theirs_is_later else mine


def theirs_is_later(mine: Stamp, theirs: Stamp, mine_value: object, theirs_value: object) -> bool:
    """Whether the other machine's change is the later one; equal stamps are ordered by value."""
    if theirs != mine:
        return theirs > mine
    return _order_key(theirs_value) > _order_key(mine_value)


def _order_key(value: object) -> tuple[int, str]:
    return (0, "") if value is None else (1, repr(value))


@dataclass(frozen=True)
class FieldOutcome:
    """What a field holds after both changes, and the version set aside (a free text's other
    version), if any."""

    value: object
    set_aside: object = None


def settle_field(table: str, column: str, mine: object, theirs: object, later_is_theirs: bool) -> FieldOutcome:
    """One field changed on both machines, by the journal's rules."""
    if mine == theirs:
        return FieldOutcome(mine)
    if (table, column) in STATUS_FIELDS and isinstance(mine, str) and isinstance(theirs, str):
        return FieldOutcome(later_status(mine, theirs, later_is_theirs))
    kept, other = (theirs, mine) if later_is_theirs else (mine, theirs)
    if (table, column) in FREE_TEXT and isinstance(other, str) and other.strip():
        return FieldOutcome(kept, set_aside=other)
    return FieldOutcome(kept)


def both_versions(kept: str, other: str) -> str:
    """A free text holding both versions, when the user keeps both: the one in the record first."""
    return f"{kept.rstrip()}\n\n{other.strip()}" if kept.strip() else other


KEEP_CHOICES = ("this", "other", "both")
"""How a user settles two versions of a text: the one in the record, the other, or both."""


@dataclass(frozen=True)
class SyncConflict:
    """What a sync could not settle alone, shown to the user once and kept until settled.

    `kind`: "two_versions" (a free text edited on both machines: `current` is in the record,
    `other` set aside), "kept" (a record deleted on one machine and edited on the other, kept),
    "refused" (a change from another machine this journal would not take)."""

    id: int
    kind: str
    table: str
    row_key: str
    column: str
    other: str
    current: str | None
    """The text in the record now; None when the record is gone."""
    what: str
    """The record, as the user knows it (an application's company, an answer's question)."""

    @property
    def field_word(self) -> str:
        return FREE_TEXT.get((self.table, self.column), "text")

    @property
    def line(self) -> str:
        """The conflict in one line a person can act on."""
        if self.kind == "two_versions":
            return f"two versions of this {self.field_word} ({self.what}): keep one, or both"
        if self.kind == "kept":
            return f"{self.what} was deleted on one machine and changed on another: it is kept"
        return f"a change to {self.what} from another machine was refused (it does not fit this journal)"
