"""The story bank: short STAR stories (situation, task, action, result, and what you would add),
tagged, and linked to the questions they answered by the question bank's key (`prep.folded`), so
"Tell me about an outage" and "tell us about the outage?" find the same story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .forms import FormErrors
from .prep import folded
from .values import add_length_errors

STORY_PARTS = (
    ("title", "Title"),
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("would_add", "What you would add"),
)
"""The written parts of a story, in the order the form and the exports show them."""
TITLE_FROM = 60
"""A story saved with no title is named by the first characters of what it says."""
NOTHING_IN_IT = "A story with every field empty is not saved: write what happened, or give it a title."


@dataclass(frozen=True)
class BankStory:
    title: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    would_add: str = ""
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """The questions it answered, as written (one a line in the form)."""
    id: int | None = None

    @property
    def question_keys(self) -> set[str]:
        return {key for q in self.questions if (key := folded(q))}


@dataclass
class StoryForm:
    """The story form as typed: every part plain text, tags comma-separated, questions one a line."""

    title: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    would_add: str = ""
    tags: str = ""
    questions: str = ""

    @classmethod
    def of(cls, story: BankStory) -> StoryForm:
        parts = {name: getattr(story, name) for name, _ in STORY_PARTS}
        return cls(**parts, tags=", ".join(story.tags), questions="\n".join(story.questions))


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "outage, on-call; #leadership": each once, whatever its case, without "#"."""
    found: dict[str, str] = {}
    for tag in re.split(r"[,;\n]", text):
        tag = " ".join(tag.strip().lstrip("#").split())
        if tag:
            found.setdefault(tag.casefold(), tag)
    return tuple(found.values())


def check_story(form: StoryForm) -> BankStory:
    """The story the form describes, or FormErrors: one with every field empty is not saved."""
    parts = {name: getattr(form, name).strip() for name, _ in STORY_PARTS}
    tags = split_tags(form.tags)
    questions = tuple(dict.fromkeys(q for line in form.questions.splitlines() if (q := " ".join(line.split()))))
    if not any(parts.values()) and not tags and not questions:
        raise FormErrors({"title": NOTHING_IN_IT})
    errors: dict[str, str] = {}
    add_length_errors(errors, title=parts["title"], tags=form.tags)
    add_length_errors(errors, **{name: parts[name] for name, _ in STORY_PARTS[1:]})
    if errors:
        raise FormErrors(errors)
    if not parts["title"]:
        said = next((parts[name] for name, _ in STORY_PARTS if parts[name]), "") or (questions or tags)[0]
        line = " ".join(said.split())
        parts["title"] = line if len(line) <= TITLE_FROM else line[: TITLE_FROM - 1].rstrip() + "…"
    return BankStory(**parts, tags=tags, questions=questions)


def stories_that_fit(stories: Iterable[BankStory], likely: Iterable[str]) -> list[tuple[BankStory, list[str]]]:
    """The stories for the questions likely to come up, each with the questions it fits: linked
    to one (the same key), or tagged with a word the question holds ("outage" fits "Tell us about
    an outage")."""
    questions = [(q, key, set(key.split())) for q in dict.fromkeys(likely) if (key := folded(q))]
    found = []
    for story in stories:
        keys = story.question_keys  # folded once a story, not once a question
        tags = [words for tag in story.tags if (words := set(folded(tag).split()))]
        fits = [q for q, key, words in questions if key in keys or any(tag <= words for tag in tags)]
        if fits:
            found.append((story, fits))
    return found
