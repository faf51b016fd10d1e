"""The story bank's rows: each story, its tags, and the questions it answered by their key."""

from __future__ import annotations

from followup_tui.domain.prep import folded
from followup_tui.domain.story_bank import STORY_PARTS, BankStory
from followup_tui.domain.values import checked_text

from .base import StoreBase
from .search import fts_query

_PARTS = [name for name, _ in STORY_PARTS]


class StoryBankRecords(StoreBase):
    """The part of Store that keeps the story bank."""

    def save_story(self, story: BankStory) -> BankStory:
        """Add a story (no id) or rewrite one in place, its questions with it."""
        now = self._stamp()
        row = checked_text("story", {**{n: getattr(story, n) for n in _PARTS}, "tags": ", ".join(story.tags)})
        with self.transaction():
            if story.id is None:
                story_id = self._new_id("stories")
                self.db["stories"].insert({"id": story_id, **row, "created_at": now, "updated_at": now})
            else:
                story_id = story.id
                self.db["stories"].update(story_id, {**row, "updated_at": now})
                self.conn.execute("DELETE FROM story_questions WHERE story_id = ?", [story_id])
            self.conn.executemany(
                "INSERT INTO story_questions (story_id, position, question, folded) VALUES (?, ?, ?, ?)",
                [(story_id, n, q, folded(q)) for n, q in enumerate(story.questions)],
            )
        return self.get_story(story_id)

    def delete_story(self, story_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM stories WHERE id = ?", [story_id])

    def get_story(self, story_id: int) -> BankStory | None:
        return next(iter(self._stories("WHERE id = ?", [story_id])), None)

    def list_stories(self) -> list[BankStory]:
        """Every story, the most recently written first."""
        return self._stories("", [])

    def search_stories(self, text: str, limit: int = 50) -> list[BankStory]:
        """The stories whose words match `text` (taken literally, as the debriefs' search takes it)."""
        query = fts_query(text)
        if query is None:
            return []
        where = "WHERE id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"
        return self._stories(where, [query])[:limit]

    def _stories(self, where: str, params: list) -> list[BankStory]:
        found = list(self._query(f"SELECT * FROM stories {where} ORDER BY updated_at DESC, id DESC", params))
        if not found:
            return []
        ids = [row["id"] for row in found]
        questions: dict[int, list[str]] = {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT story_id, question FROM story_questions WHERE story_id IN ({marks}) ORDER BY story_id, position"
        for story_id, question in self.conn.execute(sql, ids):
            questions.setdefault(story_id, []).append(question)
        return [
            BankStory(
                **{n: row[n] for n in _PARTS},
                tags=tuple(t for t in row["tags"].split(", ") if t),
                questions=tuple(questions.get(row["id"], ())),
                id=row["id"],
            )
            for row in found
        ]
