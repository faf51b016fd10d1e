"""How two machines' changes to one record are put together (`followup sync`): the journal's
rules, pure, so every machine that sees the same changes makes the same record of them.

Each field keeps its *versions* (`FieldVersion`): the writes of it no machine has yet written
over knowingly. A write made on a machine that had seen a version replaces it; two writes made
without seeing each other are both kept. Which version the record shows is a rule over that set,
so the order files arrive in cannot change it:

- a status shows the one furthest along an application's history, whichever machine moved it
  back (a status moved back on a machine that had seen the other move is simply the newer);
- free text (answers, notes, drafts, job descriptions, stories) shows the later version, and
  the others are kept for the user to choose from ("two versions of this answer");
- any other field shows the later version.

"Later" is the version's stamp: when it was written (ms, on its machine's clock, which only moves
forward), then the device, so every machine orders two versions alike.
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


@dataclass(frozen=True)
class FieldVersion:
    """One write of a field: when (`at`) and where (`device`) it was made, what its machine had
    seen of each other device by then (`seen`: device → the latest moment of that device's it
    held), and the value it wrote."""

    at: int
    device: int
    seen: tuple[tuple[int, int], ...]
    value: object = None

    @property
    def stamp(self) -> tuple[int, int]:
        return (self.at, self.device)

    def knew(self, other: FieldVersion) -> bool:
        """Whether this write was made by a machine that had seen `other`: it replaces it."""
        if other.device == self.device:
            return other.at <= self.at
        return any(device == other.device and moment >= other.at for device, moment in self.seen)


def merge_versions(mine: list[FieldVersion], theirs: list[FieldVersion]) -> list[FieldVersion]:
    """The versions of a field both machines' together hold: every version no other one was
    written knowing of. The same whatever order versions arrive in, and merging twice changes
    nothing. Sorted by stamp."""
    every: dict[tuple[int, int], FieldVersion] = {}
    for version in (*mine, *theirs):
        every.setdefault(version.stamp, version)
    kept = [v for v in every.values() if not any(w.stamp != v.stamp and w.knew(v) for w in every.values())]
    return sorted(kept, key=lambda v: v.stamp)


def shown_version(table: str, column: str, versions: list[FieldVersion]) -> FieldVersion:
    """The version the record shows, by the journal's rules (the module's note)."""
    if (table, column) in STATUS_FIELDS:
        return max(versions, key=lambda v: (STATUS_ORDER.get(v.value, -1) if isinstance(v.value, str) else -1, v.stamp))
    return max(versions, key=lambda v: v.stamp)


def set_aside(table: str, column: str, versions: list[FieldVersion]) -> list[str]:
    """The other versions of a free text, for the user to choose from: none for other fields,
    and none that is empty or reads as the one shown."""
    if (table, column) not in FREE_TEXT or len(versions) < 2:
        return []
    shown = shown_version(table, column, versions)
    others: list[str] = []
    for version in versions:
        text = version.value
        if version is shown or not isinstance(text, str) or not text.strip() or text == shown.value:
            continue
        if text not in others:
            others.append(text)
    return others


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
