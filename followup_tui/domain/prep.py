"""Preparing the next round: the debrief's lines read as a question bank, and what to bring.

The same question comes back in other words — "Tell me about an outage." and "tell us about AN
outage?" — so lines are compared by a folded key (`folded`): case, accents and punctuation
folded, and the small words that carry no meaning dropped. The store keeps each line's key
beside it (an index filled as debriefs are saved), so grouping the whole search is a query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .people import named_in
from .templates import topics_in

BANK_KEYS = ("their_questions", "do_differently", "my_questions")
"""The debrief answers read line by line for the sheet: what they asked, what you would do
differently, what you asked them."""

STOP_WORDS = frozenset(
    """
    a about am an and any are as at be been being but by can could did do does for from had has
    have how i if in into is it its me my of on or our please so that the their them then there
    these they this those to us was we were what when where which who whom why will with would
    you your yours s
    """.split()
)
"""Words that change nothing about which question it is: "Tell me about an outage" and "Tell us
about the outage" are one question, and so are "What's your notice period?" and "Notice period?"."""

_WORDS = re.compile(r"\w+")


_ASIDE = re.compile(r"\([^()]*\)")
"""A note in brackets after a question — "What does on-call look like? (Kenji: quiet.)" — is
what they answered, not part of the question."""


def folded(line: str) -> str:
    """The key a line is grouped by: its words, case and accents folded, punctuation, asides in
    brackets and stop words dropped. A line that is only stop words keeps them, so it still has
    a key; one that is only an aside keeps it."""
    line = _ASIDE.sub(" ", line) if _WORDS.search(_ASIDE.sub(" ", line)) else line
    text = unicodedata.normalize("NFKD", line.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = _WORDS.findall(text)
    kept = [word for word in words if word not in STOP_WORDS]
    return " ".join(kept or words)


def lines_in(answer: str) -> list[str]:
    """An answer's lines as the sheet lists them: each question or sentence on its own (the
    composer reads topics the same way)."""
    return topics_in(answer)


def keyed_lines(answer: str) -> list[tuple[str, str]]:
    """Each line of an answer with its key, for the store's index: lines with no words left out,
    and a line saying again what the answer already said (the same key) counted once."""
    found: dict[str, str] = {}
    for line in lines_in(answer):
        if (key := folded(line)) and key not in found:
            found[key] = line
    return [(line, key) for key, line in found.items()]


@dataclass(frozen=True)
class Asked:
    """One line of a past debrief: what it said, where and when."""

    text: str
    company: str
    day: date
    stage: str = ""
    interview_id: int | None = None


@dataclass(frozen=True)
class Grouped:
    """A line asked (or written) more than once in other words: the newest wording, and how often."""

    text: str
    key: str
    count: int
    latest: date | None = None
    company: str = ""
    """Where it was last asked."""


def group(asked: Iterable[Asked]) -> list[Grouped]:
    """Lines grouped by key, most often first, then the most recent: what keeps coming back."""
    groups: dict[str, list[Asked]] = {}
    for line in asked:
        if key := folded(line.text):
            groups.setdefault(key, []).append(line)
    found = []
    for key, lines in groups.items():
        newest = max(lines, key=lambda a: a.day)
        found.append(Grouped(newest.text, key, len(lines), newest.day, newest.company))
    return sorted(found, key=lambda g: (-g.count, -(g.latest.toordinal() if g.latest else 0), g.key))


def likeliest(here: list[Asked], elsewhere: list[Grouped], counts: dict[str, int], most: int = 3) -> list[str]:
    """The questions most likely to come up: those this company asked, the ones asked most across
    the search first (`counts`: how often each key was asked anywhere), then the ones other
    companies ask most — each question once."""
    seen: set[str] = set()
    ranked: list[tuple[int, int, str, str]] = []
    for order, line in enumerate(here):  # newest first
        key = folded(line.text)
        if key and key not in seen:
            seen.add(key)
            ranked.append((0, -counts.get(key, 1), f"{order:06}", line.text))
    for order, grouped in enumerate(elsewhere):
        if grouped.key not in seen:
            seen.add(grouped.key)
            ranked.append((1, -grouped.count, f"{order:06}", grouped.text))
    return [text for *_, text in sorted(ranked)[:most]]


_SAID_OF = re.compile(r"^\s*([^:—–-]{1,80}?)\s*(?::|\s[—–-]\s)\s*(.+)$")
"""A line that starts with a name: "Kenji: how his team …", "Ruth — the clinics' side"."""


def said_of(answer: str, names: list[str]) -> dict[int, str]:
    """Under "what stood out talking with each of them": each person's line, by their index
    among `names`, as written after their name (the first line naming them wins)."""
    found: dict[int, str] = {}
    for raw in answer.splitlines():
        match = _SAID_OF.match(raw.strip(" -•*\t"))
        if match and (index := named_in(match.group(1), names)) is not None:
            found.setdefault(index, match.group(2).strip())
    return found


def how_soon(day: date, today: date) -> str:
    """How far off a day is, as said before an interview: "today", "tomorrow", "in 2 days"."""
    days = (day - today).days
    if days < 0:
        return f"{-days} day{'s' * (days != -1)} ago"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    return f"in {days // 7} weeks"


def cut(text: str, width: int) -> str:
    """One line of at most `width` characters, cut with "…" (the brief fits one screen)."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    line = indent + " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"
