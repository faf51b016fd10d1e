"""The story bank: list, add, edit, delete and search your STAR stories — the sixth kind of
record, in the same journal as the debriefs, exported and restored with them."""

from __future__ import annotations

from dataclasses import replace

from followup_tui.domain.story_bank import STORY_PARTS, BankStory, StoryForm, check_story
from followup_tui.store import Store


def stories(store: Store) -> list[BankStory]:
    """Every story, the most recently written first."""
    return store.list_stories()


def story(store: Store, story_id: int) -> BankStory | None:
    return store.get_story(story_id)


def save_story(store: Store, form: StoryForm, story_id: int | None = None) -> BankStory:
    """Save the story the form describes (FormErrors, and nothing written, when it cannot be:
    one with every field empty is not saved)."""
    checked = check_story(form)
    return store.save_story(replace(checked, id=story_id))


def delete_story(store: Store, story_id: int) -> None:
    store.delete_story(story_id)


def search_stories(store: Store, text: str, limit: int = 50) -> list[BankStory]:
    """The stories that mention `text`, taken literally (quotes, `*`, `-` searched for)."""
    return store.search_stories(text, limit)


def story_excerpt(told: BankStory, text: str) -> str:
    """The part of a found story to show beside it: the first that holds a word searched for
    (its tags when only they do), else what it says first."""
    words = [w.casefold() for w in text.split() if w.strip()]
    parts = [getattr(told, name) for name, _ in STORY_PARTS[1:]] + [", ".join(told.tags), *told.questions]
    written = [" ".join(p.split()) for p in parts if p.strip()]
    return next((p for p in written if any(w in p.casefold() for w in words)), written[0] if written else "")
