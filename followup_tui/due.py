"""`followup due`, answered in about the time Python takes to start.

The console script enters through `main` here. When the arguments are exactly a
`followup due` this module understands, it answers without loading click, the
dataclass records or sqlite-utils (together they would treble the start-up);
anything else — help, a typo, another command — goes to the full command line in
`cli.py`, which gives the usual messages. Both paths print through `report`.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Mapping
from datetime import date, timedelta

DEFAULT_DAYS = 7

DueQuestion = namedtuple("DueQuestion", "db days as_json", defaults=(DEFAULT_DAYS, False))


def read_due_args(args: list[str], environ: Mapping[str, str] = os.environ) -> DueQuestion | None:
    """The question asked by `args` (argv without the program), or None to let click read them."""
    db = environ.get("FOLLOWUP_DB")
    days, as_json, seen_due = DEFAULT_DAYS, False, False
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if word == "due" and not seen_due:
            seen_due = True
        elif name in ("--db", "--within") and (equals or (value := next(words, None)) is not None):
            if name == "--db":
                db = value
            elif seen_due and value.isascii() and value.isdigit():
                days = int(value)
            else:
                return None
        elif word == "--json" and seen_due:
            as_json = True
        else:
            return None
    return DueQuestion(db, days, as_json) if seen_due else None


def report(items: list, today: date, days: int, as_json: bool) -> str:
    """What `followup due` prints for `items` (the store's DueItem tuples, soonest first)."""
    if as_json:
        import json

        return json.dumps(
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
    if not items:
        return f"Nothing due in the next {days} days."
    from followup_tui.domain.dates import describe_due

    return "\n".join(
        f"{item.due_on}  {describe_due(item.due_on, today):<16} {item.kind.label:<14} "
        f"{item.person or '—':<20} {item.company:<22} {item.subject}"
        for item in items
    )


def due_items(db: str | None, days: int, today: date) -> list:
    """Planned follow-ups up to `days` ahead, from the journal named by `db` (or the default)."""
    from followup_tui.services.journal import journal_path
    from followup_tui.store.reader import due_until

    return due_until(journal_path(db), today + timedelta(days=max(days, 0)))


def answer(question: DueQuestion) -> int:
    """Print the answer to `question`; the exit status, with errors told as click tells them."""
    from followup_tui.domain.clock import ClockSettingError, clock_from_setting
    from followup_tui.store.opening import StoreError

    try:
        today = clock_from_setting(os.environ.get("FOLLOWUP_TODAY")).today()
        text = report(due_items(question.db, question.days, today), today, question.days, question.as_json)
    except (ClockSettingError, StoreError) as error:
        sys.stderr.write(f"Error: {error}\n")
        return 1
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `followup due | head -1`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def main() -> None:
    """The `followup` entry point: `due` answered here, everything else by click."""
    question = read_due_args(sys.argv[1:])
    if question is not None:
        sys.exit(answer(question))
    from followup_tui.cli import main as full_main

    full_main()
