"""`followup due` and `followup search` answered, and the app opened, in about the time Python
(and Textual) take to start.

The console script enters through `main` here. When the arguments are exactly a `due` or
`search` this module understands, it answers without loading click, the dataclass records
or sqlite-utils (together they would treble the start-up); `followup` and `followup new`
(with --db, --debug) open the app without loading click. Anything else — help, a typo,
another command — goes to the full command line in `cli/`, which gives the usual messages.
Both paths print through `services/reports.py` and open the app through `ui/launch.py`.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Mapping

from followup_tui.services.reports import DEFAULT_DAYS, DEFAULT_LIMIT, MOST_DAYS_AHEAD, MOST_SHOWN

Question = namedtuple(
    "Question",
    "command db days as_json query limit count line debug",
    defaults=(DEFAULT_DAYS, False, None, DEFAULT_LIMIT, False, False, False),
)
"""What the arguments ask: `command` is "due", "search", "new", or "open" (the app, as is)."""

_VALUED = {"--db": "db", "--within": "days", "-n": "limit", "--limit": "limit"}
_ALLOWED = {
    "due": {"db", "days", "json", "count", "line"},
    "search": {"db", "limit", "query", "json"},
    "new": {"db"},
}
_FLAGS = {"--json": "as_json", "--count": "count", "--line": "line"}


def read_quick_args(args: list[str], environ: Mapping[str, str] = os.environ) -> Question | None:
    """The question asked by `args` (argv without the program), or None to let click read them."""
    if "_FOLLOWUP_COMPLETE" in environ:  # the shell asks for completions: click answers, the app never opens
        return None
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
        elif word in _FLAGS and command in _ALLOWED and word.removeprefix("--") in _ALLOWED[command]:
            found[_FLAGS[word]] = True
        elif word == "--debug" and command is None and not found.get("debug"):
            found["debug"] = True  # the group's option: before any command
        elif command == "search" and "query" not in found and not word.startswith("-"):
            found["query"] = word
        else:
            return None
    if found["db"] == "":
        return None  # `--db ""` or FOLLOWUP_DB set to nothing: click refuses it, naming which
    if command is None:
        command = "open"
    if (command == "search" and "query" not in found) or (found.get("debug") and command not in ("open", "new")):
        return None
    if sum(bool(found.get(flag)) for flag in _FLAGS.values()) > 1:
        return None  # click says which ones go together
    return Question(command, **found)


# -- the entry point -----------------------------------------------------------------------------


def answer(question: Question) -> int:
    """Print the answer to `question`; the exit status, with errors told as click tells them."""
    from followup_tui.domain.clock import ClockSettingError, clock_from_setting
    from followup_tui.services.reports import (
        due_count,
        due_items,
        due_line,
        due_report,
        search_items,
        search_report,
    )
    from followup_tui.store.opening import StoreError
    from followup_tui.terminal import say

    try:
        today = clock_from_setting(os.environ.get("FOLLOWUP_TODAY")).today()
        if question.command == "due":
            items = due_items(question.db, question.days, today)
            if question.count or question.line:
                text = (due_count if question.count else due_line)(items, today)
                if text:
                    sys.stdout.write(text + "\n")
                return 0
            text = due_report(items, today, question.days, question.as_json)
        else:
            items = search_items(question.db, question.query, question.limit)
            text = search_report(items, question.query, today, question.as_json)
    except (ClockSettingError, StoreError) as error:
        say(f"Error: {error}", err=True)
        return getattr(error, "exit_code", 1)
    except Exception as error:  # the last line of defence, worded as the full command line words it
        say(f"Error: unexpected {type(error).__name__}: {error} (run with --debug for details)", err=True)
        return 1
    try:
        if question.as_json:
            sys.stdout.write(text + "\n")  # a machine format, escaped by json_escaped
            sys.stdout.flush()
        elif question.command == "search" and not items:
            say(text, err=True)  # nothing found: said aside, and exit 1, as grep does
        else:
            say(text, marks=question.command == "search")
    except BrokenPipeError:  # `followup due | head -1`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 1 if question.command == "search" and not items else 0


def open_app(question: Question) -> int:
    """Run the app as `followup` or `followup new` asked; the exit status, with why it could not
    open (or had to stop) said as click says an error."""
    from followup_tui.store.opening import CannotUnlock
    from followup_tui.terminal import say
    from followup_tui.ui.launch import run_journal_app

    try:
        failure = run_journal_app(question.db, start_with_debrief=question.command == "new", debug=question.debug)
    except CannotUnlock as error:
        say(f"Error: {error}", err=True)
        return error.exit_code
    if failure:
        say(f"Error: {failure}", err=True)
        return 1
    return 0


def main() -> None:
    """The `followup` entry point: `due` and `search` answered and the app opened here,
    everything else by click."""
    question = read_quick_args(sys.argv[1:])
    if question is not None:
        try:
            status = open_app(question) if question.command in ("open", "new") else answer(question)
        except KeyboardInterrupt:  # ctrl+c before the app has the terminal: as the full command line says it
            sys.stderr.write("Aborted.\n")
            status = 1
        sys.exit(status)
    from followup_tui.cli import main as full_main

    full_main()
