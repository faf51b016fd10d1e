"""Turning what a person types into a search box into a safe FTS5 query.

Nothing typed is ever read as FTS syntax: each word becomes a quoted phrase, so
quotes, `*`, `-`, `AND`, `NEAR(` and stray parentheses are searched for, not
obeyed. The last word also matches as a prefix, so results appear while typing.
"""

from __future__ import annotations

import re

from . import driver

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


LONGEST_SNIPPET = 20_000
"""FTS5's snippet() takes time that grows with the square of an answer's matches (a 5 MB pasted
answer with a common word: minutes), and highlight() hands back the whole answer; longer answers
get a linear excerpt of our own."""

MATCH_START, MATCH_END = "\x02", "\x03"
"""Around the first matched word in an excerpt."""

CONTEXT = 24
"""Characters of an answer shown either side of its first match (cut at a space): few enough that
the match shows in the Debriefs pane's column on an 80-column terminal."""

NAMED_IN = ("Company", "Role", "Interviewers")
"""What a match in each column of interview_names_fts is shown as, in place of a question."""

_MATCHING = f"""
    SELECT d.interview_id, a.prompt,
        CASE WHEN length(a.answer) <= {LONGEST_SNIPPET}
            THEN highlight(debrief_answers_fts, 0, char(2), char(3)) END,
        CASE WHEN length(a.answer) > {LONGEST_SNIPPET} THEN a.answer END
    FROM debrief_answers_fts
    JOIN debrief_answers a ON a.id = debrief_answers_fts.rowid
    JOIN debriefs d ON d.id = a.debrief_id
    WHERE debrief_answers_fts MATCH ?
    ORDER BY debrief_answers_fts.rowid DESC
    LIMIT ?
"""

_NAMED = """
    SELECT rowid,
        highlight(interview_names_fts, 0, char(2), char(3)),
        highlight(interview_names_fts, 1, char(2), char(3)),
        highlight(interview_names_fts, 2, char(2), char(3))
    FROM interview_names_fts
    WHERE interview_names_fts MATCH ?
    ORDER BY rowid DESC
    LIMIT ?
"""

_CONTAINING = """
    SELECT d.interview_id, a.prompt, a.answer
    FROM debrief_answers a JOIN debriefs d ON d.id = a.debrief_id
    WHERE instr(a.answer, ?) > 0
    ORDER BY a.id DESC
    LIMIT ?
"""


def answers_matching(
    conn: driver.Connection, text: str, limit: int, *, names: bool = True
) -> list[tuple[int, str, str]]:
    """(interview id, prompt, marked excerpt): one for each debrief that mentions `text` — in its
    company, its role or the names of the people in the room (the prompt then says which), or in
    an answer (the first answer that does, the most recently saved first).

    Interviews whose names match come first, newest first; the rest by their answers. Words are
    matched as words (any order; in answers, word endings folded); text with no word in it, like
    "+" or "(", is found as typed in the answers. Newest-first lets the full-text indexes stop
    after `limit` debriefs instead of ranking every match, which keeps a common word fast on a
    journal of many thousand interviews. The excerpt is centred on the first match, marked with
    \\x02 … \\x03, the matched words whole. Not `names`: answers only (a journal read as it is,
    not yet upgraded to index names).
    """
    query = fts_query(text)
    if query is not None:
        named = {
            interview_id: next(
                ((NAMED_IN[i], field) for i, field in enumerate(fields) if MATCH_START in field),
                (NAMED_IN[0], fields[0]),
            )
            for interview_id, *fields in (conn.execute(_NAMED, [query, limit]) if names else ())
        }
        found = conn.execute(_MATCHING, [query, limit * 5])
        answered = _one_per_interview(
            (
                (i, prompt, _centred(marked) if long is None else _mark_words(long, text))
                for i, prompt, marked, long in found
            ),
            limit,
        )
        in_answers = {interview_id: (prompt, excerpt) for interview_id, prompt, excerpt in answered}
        hits = [(i, *in_answers.get(i, (prompt, _centred(field)))) for i, (prompt, field) in named.items()]
        hits += [hit for hit in answered if hit[0] not in named]
        return hits[:limit]
    if not text.strip():
        return []
    # Only text without letters or digits comes here, so matching it exactly is also
    # matching it in any case.
    found = conn.execute(_CONTAINING, [text.strip(), limit * 5])
    return _one_per_interview(((i, prompt, _mark(answer, text.strip())) for i, prompt, answer in found), limit)


def _one_per_interview(found, limit: int) -> list[tuple[int, str, str]]:
    matches: dict[int, tuple[int, str, str]] = {}
    for interview_id, prompt, excerpt in found:
        if interview_id not in matches:
            matches[interview_id] = (interview_id, prompt, excerpt)
            if len(matches) == limit:
                break
    return list(matches.values())


def _centred(marked: str, context: int = CONTEXT) -> str:
    """The words around the first match of a text whose every match is marked (\\x02 … \\x03):
    up to `context` characters either side, cut at a space so no word is cut, with "…" where
    text was left out. Only the first match stays marked, so a cut never splits a mark."""
    at = marked.find(MATCH_START)
    if at < 0:
        return marked[: context * 2] + ("…" if len(marked) > context * 2 else "")
    end = marked.find(MATCH_END, at)
    end = len(marked) if end < 0 else end
    before, word = _unmarked(marked[:at]), marked[at + 1 : end]
    return _marked(before + word + _unmarked(marked[end + 1 :]), len(before), len(before) + len(word), context)


def _unmarked(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


def _mark(answer: str, text: str, context: int = CONTEXT) -> str:
    """An excerpt of `answer` around the first `text`, marked like FTS5's highlight()."""
    at = answer.lower().find(text.lower())
    if at < 0:
        return answer[: context * 2]
    return _marked(answer, at, at + len(text), context)


def _marked(answer: str, at: int, end: int, context: int) -> str:
    """`answer[at:end]` between the match marks, with up to `context` characters either side, cut
    at a space (so the words shown are whole) when there is one to cut at."""
    start = max(at - context, 0)
    if start and (space := answer.find(" ", start, at)) >= 0:
        start = space + 1
    stop = min(end + context, len(answer))
    if stop < len(answer) and (space := answer.rfind(" ", end, stop)) >= 0:
        stop = space
    before = ("…" if start else "") + answer[start:at]
    after = answer[end:stop] + ("…" if stop < len(answer) else "")
    return f"{before}\x02{answer[at:end]}\x03{after}"


def _mark_words(answer: str, text: str, context: int = CONTEXT) -> str:
    """An excerpt of a long `answer` around the first word that starts like a word of `text`
    (roughly as the index matches: "interviewing" finds "interview"), in time linear in the
    answer. The whole answer is never copied or scanned twice."""
    stems = [re.escape(word[: max(4, len(word) - 3)]) for word in _WORDS.findall(text.lower())]
    found = re.search(rf"\b(?:{'|'.join(stems)})\w*", answer, re.IGNORECASE) if stems else None
    if found is None:
        return answer[: context * 2] + "…"
    return _marked(answer, *found.span(), context)


_WORDS = re.compile(r"\w+")
