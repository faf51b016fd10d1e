"""`followup due` and `followup search`, answered in about the time Python takes to start.

The console script enters through `main` here. When the arguments are exactly a `due` or
`search` this module understands, it answers without loading click, the dataclass records
or sqlite-utils (together they would treble the start-up); anything else — help, a typo,
another command — goes to the full command line in `cli.py`, which gives the usual
messages. Both paths print through `due_report` and `search_report`.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Mapping
from datetime import date, timedelta

DEFAULT_DAYS = 7
DEFAULT_LIMIT = 20
MOST_DAYS_AHEAD = 3650
"""`--within` reaches ten years ahead at most; more is refused (by click, with its usual message)."""
MOST_SHOWN = 10_000
"""`search -n` shows at most this many debriefs."""

Question = namedtuple(
    "Question", "command db days as_json query limit", defaults=(DEFAULT_DAYS, False, None, DEFAULT_LIMIT)
)

_VALUED = {"--db": "db", "--within": "days", "-n": "limit", "--limit": "limit"}
_ALLOWED = {"due": {"db", "days", "json"}, "search": {"db", "limit", "query"}}


def read_quick_args(args: list[str], environ: Mapping[str, str] = os.environ) -> Question | None:
    """The question asked by `args` (argv without the program), or None to let click read them."""
    found: dict = {"db": environ.get("FOLLOWUP_DB")}
    command = None
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if command is None and word in _ALLOWED:
            command = word
        elif name in _VALUED and (equals or (value := next(words, None)) is not None):
            field = _VALUED[name]
            if field != "db" and (command is None or field not in _ALLOWED[command]):
                return None
            if field != "db" and not (value.isascii() and value.isdigit() and len(value) < 6):
                return None
            if (
                field == "days"
                and int(value) > MOST_DAYS_AHEAD
                or field == "limit"
                and not 0 < int(value) <= MOST_SHOWN
            ):
                return None  # click refuses it, worded as for any other option
            found[field] = value if field == "db" else int(value)
        elif word == "--json" and command == "due":
            found["as_json"] = True
        elif command == "search" and "query" not in found and not word.startswith("-"):
            found["query"] = word
        else:
            return None
    if command is None or (command == "search" and "query" not in found):
        return None
    return Question(command, **found)


# -- due ---------------------------------------------------------------------------------------


def due_items(db: str | None, days: int, today: date) -> list:
    """Planned follow-ups up to `days` ahead, from the journal named by `db` (or the default)."""
    from followup_tui.services.journal import journal_path
    from followup_tui.store.reader import due_until

    return due_until(journal_path(db), today + timedelta(days=max(days, 0)))


def due_report(items: list, today: date, days: int, as_json: bool) -> str:
    """What `followup due` prints for `items` (the store's DueItem tuples, soonest first)."""
    if as_json:
        import json

        from followup_tui.domain.text import json_escaped

        return json_escaped(
            json.dumps(
                [
                    {
                        "id": item.id,
                        "due": item.due_on.isoformat(),
                        "kind": item.kind.value,
                        "company": item.company,
                        "role": item.role,
                        "person": item.person,
                        "subject": item.subject,
                        "overdue": item.due_on < today,
                    }
                    for item in items
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    if not items:
        return f"Nothing due in the next {days} days."
    from followup_tui.domain.dates import describe_due

    when: dict[date, str] = {}  # a long list has many steps on each day: word each day once
    for item in items:
        if item.due_on not in when:
            when[item.due_on] = f"{item.due_on}  {describe_due(item.due_on, today):<16}"
    return "\n".join(
        f"{when[item.due_on]} {item.kind.label:<14} {item.person or '—':<20} {item.company:<22} {item.subject}"
        for item in items
    )


# -- search ------------------------------------------------------------------------------------


def search_items(db: str | None, query: str, limit: int) -> list:
    from followup_tui.domain.text import without_surrogates
    from followup_tui.services.journal import journal_path
    from followup_tui.store.reader import search

    return search(journal_path(db), without_surrogates(query), limit)


def search_report(items: list, query: str) -> str:
    """What `followup search` prints: each debrief's day, company and round, and the answer that
    matched, the match between the terminal module's marks (`say(..., marks=True)` bolds it)."""
    if not items:
        return f"No debrief mentions {query!r}."
    from followup_tui.domain.dates import long_day

    lines = []
    for item in items:
        title = " — ".join(part for part in (item.company, item.role) if part)
        lines.append(f"{long_day(item.starts_at.astimezone().date())}  {title}  ({item.stage.label})")
        excerpt = " ".join(item.excerpt.split())
        lines.append(f"    {item.prompt}  {excerpt}")
    return "\n".join(lines)


# -- the entry point -----------------------------------------------------------------------------


def answer(question: Question) -> int:
    """Print the answer to `question`; the exit status, with errors told as click tells them."""
    from followup_tui.domain.clock import ClockSettingError, clock_from_setting
    from followup_tui.store.opening import StoreError
    from followup_tui.terminal import say

    try:
        if question.command == "due":
            today = clock_from_setting(os.environ.get("FOLLOWUP_TODAY")).today()
            items = due_items(question.db, question.days, today)
            text = due_report(items, today, question.days, question.as_json)
        else:
            items = search_items(question.db, question.query, question.limit)
            text = search_report(items, question.query)
    except (ClockSettingError, StoreError) as error:
        say(f"Error: {error}", err=True)
        return 1
    except Exception as error:  # the last line of defence, worded as the full command line words it
        say(f"Error: unexpected {type(error).__name__}: {error} (run with --debug for details)", err=True)
        return 1
    try:
        if question.as_json:
            sys.stdout.write(text + "\n")  # a machine format, escaped by json_escaped
            sys.stdout.flush()
        else:
            say(text, marks=question.command == "search")
    except BrokenPipeError:  # `followup due | head -1`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def main() -> None:
    """The `followup` entry point: `due` and `search` answered here, everything else by click."""
    question = read_quick_args(sys.argv[1:])
    if question is not None:
        sys.exit(answer(question))
    from followup_tui.cli import main as full_main

    full_main()
