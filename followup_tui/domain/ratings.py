"""How you rated your answer to each question they asked: strong, ok or weak.

A rating belongs to a line of "What did they ask you?" by the line's key (`prep.folded`), not
by its position or its exact words, so fixing a typo, adding a line or reordering them keeps
every rating where it was; a line taken out takes its rating with it when the debrief is saved.
"""

from __future__ import annotations

from collections.abc import Mapping

from .prep import folded, keyed_lines

RATED_KEY = "their_questions"
"""The debrief question whose lines are rated."""
RATINGS = ("strong", "ok", "weak")
"""The marks, in the order one key cycles through them (then back to none)."""


def next_rating(current: str | None) -> str | None:
    """The mark after `current`: none → strong → ok → weak → none."""
    if current not in RATINGS:
        return RATINGS[0]
    at = RATINGS.index(current) + 1
    return RATINGS[at] if at < len(RATINGS) else None


def line_at(text: str, row: int, column: int) -> str:
    """The question under the cursor in an answer: the sentence of line `row` that holds
    `column` (a line may hold several questions), or "" on a blank line."""
    lines = text.split("\n")
    if not 0 <= row < len(lines):
        return ""
    raw = lines[row]
    found, start = "", 0
    for line, _ in keyed_lines(raw):
        at = raw.find(line, start)
        if at < 0:
            continue
        found, start = line, at + len(line)
        if column < start:
            break
    return found


def kept_ratings(answer: str, ratings: Mapping[str, str]) -> dict[str, str]:
    """The ratings of the lines still in `answer`, by key; marks the journal does not know left out."""
    keys = {key for _, key in keyed_lines(answer)}
    return {key: mark for key, mark in ratings.items() if key in keys and mark in RATINGS}


def rating_of(line: str, ratings: Mapping[str, str]) -> str | None:
    return ratings.get(folded(line))


def ratings_said(answer: str, ratings: Mapping[str, str]) -> str:
    """The ratings of an answer's lines in one line, in the answer's order ("" when none):
    "Your answers: strong — Python or Go? · weak — Tell us about an outage."."""
    rated = kept_ratings(answer, ratings)
    lines = [f"{rated[key]} — {line}" for line, key in keyed_lines(answer) if key in rated]
    return "Your answers: " + " · ".join(lines) if lines else ""
