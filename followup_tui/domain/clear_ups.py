"""The lines of a debrief's "anything to clear up or send them", each read for what it is.

Three shapes, and each goes somewhere different:

- **a promise** — "Send Marcus the link to my rate-limiter write-up": something you said you would
  send, to the person it names (else the one you met, or the first of them). It goes with that
  person's thank-you ("As promised, here is …"), or as a step of its own the guard never calls
  pushy: keeping a promise soon is the point.
- **a question** — "Ask Ruth whether they sponsor visas": asked once, in the thank-you of the
  person it names (else the first person met).
- **a task** — "Write up a better answer on slowly changing dimensions": a message of its own,
  spaced like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .kinds import Kind
from .people import name_key, named_in
from .topics import WH, phrase_of


class Shape(StrEnum):
    PROMISE = "promise"
    QUESTION = "question"
    TASK = "task"


@dataclass(frozen=True)
class ClearUp:
    """One line, as written (`line`), what it is, and what to say of it in a message (`thing`:
    "the link to my rate-limiter write-up", "about the on-call rota")."""

    line: str
    shape: Shape
    thing: str
    person: int | None
    """The index of the person it names among those met, or None when it names nobody (or several)."""

    def to(self, people: int) -> int | None:
        """Whom it goes to among `people` met: the one it names, else the first (the lead)."""
        return self.person if self.person is not None else (0 if people else None)

    @property
    def rides_with_thank_you(self) -> bool:
        """A promise or a question goes in the thank-you; a task is a message of its own."""
        return self.shape is not Shape.TASK


_SEND = re.compile(r"^(?:send|share|email|e-mail|mail|forward|pass on|get(?!\s+back\b)|give)\s+(.+)$", re.I)
"""A line that sends something: "Send…", "Share…", "Give Dan the references" — not "Get back to Dan"."""
_ASK = re.compile(r"^(?:ask(?:\s+\w+)??\s+)(about|whether|if|how|what|why|when|who)\s+(.+)$", re.I)
_TO_PERSON = re.compile(r"\s+(?:to|over to|with)\s+(\S+(?:\s+\S+)?)$", re.I)


def clear_ups_in(answer: str, names: list[str]) -> list[ClearUp]:
    """Each line of the answer (bullets dropped, empty lines skipped), read against the names of
    the people met."""
    found = []
    for raw in answer.splitlines():
        line = raw.strip(" \t-•*")
        if line:
            found.append(clear_up_of(line, names))
    return found


def clear_up_of(line: str, names: list[str]) -> ClearUp:
    text = _plain(line)
    person = named_in(line, names)
    if ask := _ASK.match(text):
        return ClearUp(line, Shape.QUESTION, f"{ask.group(1).lower()} {ask.group(2)}", person)
    if line.rstrip().endswith("?") and (phrase := phrase_of(line)):  # "Salary band?", "How big is the team?"
        return ClearUp(line, Shape.QUESTION, phrase if phrase.split()[0] in WH else f"about {phrase}", person)
    if send := _SEND.match(text):
        thing = _without_person(send.group(1), names[person] if person is not None else "")
        if thing:
            return ClearUp(line, Shape.PROMISE, thing, person)
    return ClearUp(line, Shape.TASK, text, person)


def _plain(line: str) -> str:
    return " ".join(line.split()).rstrip(".!;:, ")


def _without_person(rest: str, name: str) -> str:
    """What is sent, without whom it is sent to: "Marcus the link" and "the link to Marcus" are
    both "the link"."""
    if name:
        words = rest.split()
        for size in (len(name.split()), 1):
            if size <= len(words) and name_key(" ".join(words[:size])) in (name_key(name), name_key(name.split()[0])):
                rest = " ".join(words[size:])
                break
        else:
            if (to := _TO_PERSON.search(rest)) and named_in(to.group(1), [name]) is not None:
                rest = rest[: to.start()]
    rest = rest.strip()
    first = rest.split(" ", 1)[0]
    return rest[:1].lower() + rest[1:] if first.casefold() in _LEADING else rest


_LEADING = {"the", "a", "an", "my", "our", "some", "this", "that", "these", "those", "more"}
"""Words that start a line with a capital only because they start it."""


def as_question(asks: list[str]) -> str:
    """Questions to clear up as one short sentence for a thank-you: "May I also ask about the
    on-call rota, and whether they sponsor visas?" — "" when there are none."""
    if not asks:
        return ""
    joined = asks[0] if len(asks) == 1 else f"{', '.join(asks[:-1])}, and {asks[-1]}"
    return f"May I also ask {joined}?"


_TO_DO = re.compile(
    r"^(?:write up|write|prepare|draft|put together|find|look up|dig out|check|work out|think through)\s+", re.I
)
_LINK_TO = re.compile(r"^(?:the|a)\s+link\s+to\s+", re.I)


def what_it_is(line: ClearUp) -> str:
    """What a message about it follows up on, as an email subject says it: "my rate-limiter
    write-up" (not "Send Marcus the link to…"), "a better answer on sagas"."""
    if line.shape is Shape.PROMISE:
        return _LINK_TO.sub("", line.thing)
    if line.shape is Shape.QUESTION:
        return line.thing.removeprefix("about ")
    thing = _TO_DO.sub("", line.thing)
    return thing[:1].lower() + thing[1:] if thing.split(" ", 1)[0].casefold() in _LEADING else thing


def keeps_a_promise(kind: Kind, subject: str) -> bool:
    """Whether a follow-up sends something you said you would: an answer whose line reads as a
    promise ("Send Marcus the link…", "Share the deck"). The guard never calls one too soon."""
    return kind is Kind.QUESTION and clear_up_of(subject, []).shape is Shape.PROMISE
