"""The pushiness lint: what a reader might take badly in a draft, why, and how to fix it.

"Don't just send a message asking if they've made a decision." The lint warns while the
user writes and never blocks: each warning says why and what would make the message better.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from .dates import NO_HOLIDAYS, add_business_days
from .kinds import Kind

DECISION_ONLY_ASKS = (
    "any update",
    "any news",
    "any progress",
    "made a decision",
    "make a decision",
    "reached a decision",
    "just checking in",
    "just following up",
    "just wanted to follow up",
    "just wanted to check",
    "following up on my last email",
    "following up on my previous email",
    "following up on my earlier email",
    "checking in to see",
    "heard anything",
    "where things stand",
    "status of my application",
    "bumping this",
    "circle back",
    "touch base",
)
"""Phrases whose only ask is for a decision; lower case, matched anywhere in the text."""

ADDED_VALUE = (
    "http://",
    "https://",
    "www.",
    "attached",
    "article",
    "useful",
    "thought you",
    "came across",
    "kept thinking",
    "been thinking",
    "an idea",
    "write-up",
    "sketch",
    "example",
    "portfolio",
    "i built",
    "i wrote",
    "i noticed",
    "congratulations",
    "congrats",
)
"""Signs the message gives the reader something: a link, a thought, a piece of work."""


@dataclass(frozen=True)
class LintWarning:
    why: str
    fix: str


def lint_draft(
    kind: Kind,
    body: str,
    *,
    today: date,
    interview_day: date | None = None,
    holidays: Container[date] = NO_HOLIDAYS,
    guard: list[str] | tuple[str, ...] = (),
    past_the_decision: bool = False,
) -> list[LintWarning]:
    """Warnings for sending `body` today as a follow-up of `kind`; `guard` is the timeline guard's view.

    Past the day they said they would decide, asking where things stand is the message, not
    pressure: the decision-only rule rests (`past_the_decision`); so it does for closing the loop
    and for telling them of another offer, whose point is the question.
    """
    warnings = []
    text = " ".join(body.lower().split())
    asks = [phrase for phrase in DECISION_ONLY_ASKS if phrase in text]
    asking_is_the_point = past_the_decision or kind in (Kind.CLOSING_LOOP, Kind.OFFER_DEADLINE)
    if kind is not Kind.THANK_YOU and not asking_is_the_point and asks and not any(s in text for s in ADDED_VALUE):
        warnings.append(
            LintWarning(
                f"the only ask is for a decision (“{asks[0]}”), which reads as pressure and gives them nothing new",
                "add something of value — a thought on what you discussed, an article, a small piece of work — "
                "and keep the question about their decision to one line",
            )
        )
    for concern in guard:
        warnings.append(LintWarning(concern, "wait, or make this message count: one clear, useful point"))
    if kind is Kind.THANK_YOU and interview_day is not None and today > add_business_days(interview_day, 1, holidays):
        days = (today - interview_day).days
        warnings.append(
            LintWarning(
                f"the interview was {days} days ago; a thank-you lands best within a day",
                "send it today anyway, short and specific — skip the long apology",
            )
        )
    return warnings
