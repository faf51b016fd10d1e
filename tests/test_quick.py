"""`followup due` and `followup search` answer before click loads, and say exactly what click would."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.quick import _ALLOWED, _VALUED, Question, read_quick_args
from followup_tui.services.reports import MOST_DAYS_AHEAD, MOST_SHOWN

pytestmark = pytest.mark.both_journals  # every door of the journal, plain and private (tests/conftest.py)


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["due"], Question("due", None)),
        (["due", "--within", "3", "--json"], Question("due", None, 3, True)),
        (["--db", "a.db", "due", "--within=0"], Question("due", "a.db", 0)),
        (["--db=a.db", "due", "--db", "b.db"], Question("due", "b.db")),
        (["search", "queue"], Question("search", None, query="queue")),
        (["search", "on call", "-n", "5", "--db", "a.db"], Question("search", "a.db", query="on call", limit=5)),
        (["--db", "a.db", "search", "--limit=3", "c++"], Question("search", "a.db", query="c++", limit=3)),
        (["search", "x", "--json"], Question("search", None, as_json=True, query="x")),
        (["due", "--count"], Question("due", None, count=True)),
        (["due", "--line", "--within", "0"], Question("due", None, 0, line=True)),
        ([], Question("open", None)),
        (["--db", "a.db"], Question("open", "a.db")),
        (["--debug", "--db=a.db"], Question("open", "a.db", debug=True)),
        (["new"], Question("new", None)),
        (["--debug", "new", "--db", "a.db"], Question("new", "a.db", debug=True)),
    ],
)
def test_the_quick_path_reads_exactly_what_it_understands(args, asked):
    assert read_quick_args(args, {}) == asked


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["due", "--help"],
        ["due", "--within", "x"],
        ["due", "--within", "-1"],
        ["due", "--within"],
        ["due", "--jsn"],
        ["--json", "due"],
        ["--debug", "due"],
        ["due", "due"],
        ["due", "--limit", "3"],
        ["search"],
        ["search", "a", "b"],
        ["search", "-minus"],
        ["search", "x", "--within", "3"],
        ["due", "--count", "--line"],
        ["search", "x", "--count"],
        ["new", "x"],
        ["new", "--debug"],
        ["--debug", "--debug"],
        ["--db"],
        ["--version"],
        ["export", "json"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(args):
    assert read_quick_args(args, {}) is None


@pytest.mark.parametrize("args", [["--db", ""], ["due", "--db="], ["new", "--db", ""], ["search", "q", "--db", ""]])
def test_an_empty_journal_name_goes_to_the_full_command_line_which_refuses_it(args):
    assert read_quick_args(args, {}) is None
    assert read_quick_args(["due"], {"FOLLOWUP_DB": ""}) is None
    assert read_quick_args([], {"FOLLOWUP_DB": ""}) is None


LOADED = (
    "import sys\n"
    "from followup_tui.quick import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    loaded = [m for m in ('click', 'dataclasses', 'sqlite_utils', 'textual') if m in sys.modules]\n"
    "    print('loaded:', loaded, file=sys.stderr)\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["due", "--within", "1"],
        ["due", "--json"],
        ["due", "--count"],
        ["due", "--line"],
        ["search", "queue"],
        ["search", "+"],
        ["search", "nothing-like-it"],
    ],
    ids=lambda a: " ".join(a),
)
def test_quick_answers_load_nothing_heavy_and_say_what_click_says(db_path: Path, args: list[str]):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    env = {**os.environ, "FOLLOWUP_TODAY": "2026-11-26"}
    quick = subprocess.run(
        [sys.executable, "-c", LOADED, *args, "--db", str(db_path)], capture_output=True, text=True, env=env
    )
    full = runner.invoke(cli, [*args, "--db", str(db_path)])
    found = "nothing-like-it" not in args
    assert quick.returncode == full.exit_code == (0 if found else 1), "nothing found exits 1, as grep does"
    assert "loaded: []" in quick.stderr, quick.stderr
    assert quick.stdout == full.stdout
    assert bool(quick.stdout.strip()) == found
    if not found:
        assert (
            quick.stderr.startswith("No debrief or story mentions 'nothing-like-it'.")
            and full.stderr == quick.stderr.split("loaded")[0]
        )


def test_search_finds_the_debrief_and_shows_where_it_matched(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    lines = runner.invoke(cli, ["search", "queue", "--db", str(db_path)]).output.splitlines()
    titles, answers = lines[0::2], lines[1::2]
    assert any("Lumen Health" in title for title in titles)
    assert all(answer.startswith("    ") and "queue" in answer.lower() for answer in answers)
    assert "\x1b[" not in "".join(lines), "no styling when the output is not a terminal"


@pytest.mark.slow
@pytest.mark.parametrize("command", [["due"], ["search", "x"]])
def test_a_quick_answer_about_a_folder_is_one_line(tmp_path: Path, command: list[str]):
    env = {**os.environ, "FOLLOWUP_TODAY": "2026-11-26"}
    refused = subprocess.run(
        [sys.executable, "-m", "followup_tui", *command, "--db", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert refused.returncode == 1 and refused.stderr.startswith("Error: ") and "is a folder" in refused.stderr
    assert refused.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["due", "search"])
def test_the_quick_path_reads_only_options_click_declares_with_the_same_defaults_and_bounds(command: str):
    declared = {option: param for param in cli.commands[command].params for option in param.opts}
    understood = {option for option, field in _VALUED.items() if field == "db" or field in _ALLOWED[command]}
    assert understood <= set(declared)
    if "json" in _ALLOWED[command]:
        assert declared["--json"].is_flag
    for option in understood:
        param, field = declared[option], _VALUED[option]
        assert param.name == field
        if field in Question._field_defaults:
            assert param.default == Question._field_defaults[field]
    bounds = {"days": (0, MOST_DAYS_AHEAD), "limit": (1, MOST_SHOWN)}
    for option in understood - {"--db"}:
        param = declared[option]
        assert (param.type.min, param.type.max) == bounds[param.name]


def test_the_prompt_line_counts_what_is_overdue_or_due_today_and_says_nothing_when_none():
    from datetime import date

    from followup_tui.services.reports import due_count, due_line

    class Item:
        def __init__(self, day: int):
            self.due_on = date(2026, 11, day)

    today = date(2026, 11, 26)
    items = [Item(23), Item(25), Item(26), Item(27)]
    assert (due_count(items, today), due_line(items, today)) == ("3", "2 overdue · 1 today")
    assert (due_count([Item(27)], today), due_line([Item(27)], today)) == ("", "")


FIRST_FRAME = (
    "import sys\n"
    "from textual.app import App\n"
    "shown, run = App._display, App.run\n"
    "def _display(self, screen, renderable):\n"
    "    shown(self, screen, renderable)\n"
    "    if renderable is not None and not getattr(self, 'reported', False):\n"
    "        self.reported = True\n"
    "        rows = self.screen.query_one('#timeline-list').option_count\n"
    "        loaded = [m for m in ('click', 'sqlite_utils') if m in sys.modules]\n"
    "        print('rows:', rows, 'loaded:', loaded, file=sys.stderr)\n"
    "        self.exit()\n"
    "App._display = _display\n"
    "App.run = lambda self, **kw: run(self, headless=True, size=(80, 24))\n"
    "from followup_tui.quick import main\n"
    "main()\n"
)


@pytest.mark.slow
def test_the_app_shows_the_timeline_before_loading_click_or_sqlite_utils(db_path: Path):
    """`followup` opens the journal over plain sqlite3 and draws its first frame from it; what
    writing needs loads after."""
    CliRunner().invoke(cli, ["demo", "--db", str(db_path)])
    env = {**os.environ, "FOLLOWUP_TODAY": "2026-11-26"}
    screen, terminal = pty.openpty()  # the app runs only in a terminal
    try:
        opened = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME, "--db", str(db_path)],
            stdin=terminal,
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        os.close(terminal)
        os.close(screen)
    assert opened.returncode == 0, opened.stderr
    assert "loaded: []" in opened.stderr, opened.stderr
    rows = int(opened.stderr.split("rows:")[1].split()[0])
    assert rows >= 10, "the first frame shows the Timeline's rows, not an empty list"


@pytest.mark.slow
def test_without_a_terminal_the_app_says_so_at_once_and_makes_no_journal(tmp_path: Path):
    journal = tmp_path / "journal.db"
    started = time.monotonic()
    opened = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(journal)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert opened.returncode == 1 and opened.stdout == ""
    assert opened.stderr == (
        "Error: the app needs a terminal, and stdin or stdout here is not one; from a script, "
        "`followup due`, `followup list` or `followup --help` answer without it\n"
    )
    assert not journal.exists()
    assert time.monotonic() - started < 10, "it never waits for keys that cannot come"


@pytest.mark.slow
def test_shell_completion_completes_and_never_opens_the_app(tmp_path: Path):
    env = {**os.environ, "_FOLLOWUP_COMPLETE": "bash_complete", "COMP_WORDS": "followup ex", "COMP_CWORD": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", "from followup_tui.quick import main; main()"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["plain,export"]
