"""The journal as a readable Markdown document: every debrief, newest first, then the story bank."""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.models import InterviewListing
from followup_tui.domain.story_bank import STORY_PARTS, BankStory
from followup_tui.domain.text import one_line, visible
from followup_tui.store import Store

from .story import decision_of

_STARTS_A_BLOCK = re.compile(r"^(#|>|[-+*=_|~`]|\d+[.)])")
"""What a Markdown line may start with to become a heading, quote, list, rule, table or fence."""


def markdown_text(text: str) -> str:
    """User text as Markdown paragraphs that read as typed: its lines kept (a hard break — two
    spaces — ends each line followed by another), controls shown, and no line able to start a
    heading, list, quote or fence (its first character is escaped)."""
    lines = []
    for line in visible(text.strip()).split("\n"):
        line = line.strip()
        lines.append("\\" + line if _STARTS_A_BLOCK.match(line) else line)
    return "\n".join(
        f"{line}  " if line and index + 1 < len(lines) and lines[index + 1] else line
        for index, line in enumerate(lines)
    )


PAGE = 200
"""Interviews read at a time: a long journal is written a page at a time, never held whole."""


def debriefs_markdown(store: Store) -> str:
    return "".join(markdown_pieces(store))


def markdown_pieces(store: Store) -> Iterator[str]:
    """The document, newest interview first, written as each is read."""
    today = store.clock.today()
    yield f"# Interview journal\n\n_Exported {today:%A %d %B %Y} from followup._\n"
    offset = 0
    while listings := store.list_interviews(limit=PAGE, offset=offset):
        for listing in listings:
            yield "\n" + _interview_markdown(store, listing)
        offset += PAGE
    if offset == 0:
        yield "\nNo interviews recorded yet.\n"
    if told := store.list_stories():
        yield "\n## Story bank\n\n" + "\n".join(story_markdown(s) for s in told)


def story_markdown(told: BankStory) -> str:
    """One story as Markdown: its title, tags, the questions it answered, then each part written."""
    lines = [f"### {markdown_text(one_line(told.title))}", ""]
    if told.tags:
        lines += [f"Tags: {markdown_text(', '.join(told.tags))}", ""]
    if told.questions:
        lines += [f"Answers: {markdown_text(' · '.join(told.questions))}", ""]
    for name, label in STORY_PARTS[1:]:
        if text := getattr(told, name):
            lines += [f"**{label}:** {markdown_text(text)}", ""]
    return "\n".join(lines)


def _interview_markdown(store: Store, listing: InterviewListing) -> str:
    interview = listing.interview
    title = one_line(f"{listing.company} — {listing.role}" if listing.role else listing.company)
    starts = interview.starts_at.astimezone()
    facts = [interview.stage.label.capitalize(), f"{long_day(local_day(starts))}, {starts:%H:%M}"]
    if interview.format:
        facts.append(one_line(interview.format))
    if listing.satisfaction:
        facts.append(f"satisfaction {listing.satisfaction}/5")
    lines = [f"## {title}", "", " · ".join(facts)]
    people = [contact.name for contact in store.interview_contacts(interview.id)]
    if people:
        lines.append(f"\nWith: {one_line(', '.join(people))}")
    if decision := decision_of(store, interview.opportunity_id):
        lines.append(f"\nDecision expected: {one_line(decision.told())}")
    debrief = store.get_debrief(interview.id)
    for answer in debrief.answers if debrief else []:
        if answer.answer.strip():
            lines += ["", f"### {one_line(answer.prompt)}", "", markdown_text(answer.answer)]
    return "\n".join(lines) + "\n"
