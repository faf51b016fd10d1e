"""Turning what a person types into a search box into a safe FTS5 query.

Nothing typed is ever read as FTS syntax: each word becomes a quoted phrase, so
quotes, `*`, `-`, `AND`, `NEAR(` and stray parentheses are searched for, not
obeyed. The last word also matches as a prefix, so results appear while typing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w")


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for `text`, or None when it holds no word to index."""
    phrases = [_quoted(token) for token in text.split() if _WORD.search(token)]
    if not phrases:
        return None
    if _WORD.match(text.split()[-1][-1:] or " "):
        phrases[-1] += "*"
    return " ".join(phrases)


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    r"""A LIKE pattern that finds `text` anywhere, with % and _ taken literally (ESCAPE '\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
