"""The docs are the manual: every command and every option the command line takes is written
in docs/commands.md (or the README), and each has help of its own, so `followup --help` and the
docs never drift apart; every link in the README and docs/ leads to a file (and heading) that
exists; and the README's set-up commands are the ones that work on a fresh clone."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from followup_tui.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS_PAGE = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
MANUAL = f"{README}\n{COMMANDS_PAGE}"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def commands(group: click.Group, prefix: str = "followup"):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


EVERY_COMMAND = list(commands(cli))


@pytest.mark.parametrize("path, command", EVERY_COMMAND, ids=[path for path, _ in EVERY_COMMAND])
def test_every_command_is_in_the_commands_page_with_help(path: str, command: click.Command):
    assert f"`{path}" in MANUAL, f"{path} is not in docs/commands.md"
    assert (command.help or command.short_help or "").strip(), f"{path} has no help"


OPTIONS = [  # --db and --debug: every command takes them, and the page says so once
    (path, option)
    for path, command in EVERY_COMMAND
    for option in command.params
    if isinstance(option, click.Option) and option.name not in ("help", "db", "debug")
]


@pytest.mark.parametrize("path, option", OPTIONS, ids=[f"{path} {option.opts[0]}" for path, option in OPTIONS])
def test_every_option_is_in_the_commands_page_with_help(path: str, option: click.Option):
    assert any(name in MANUAL for name in option.opts), f"{path} {option.opts[0]} is not in docs/commands.md"
    assert (option.help or "").strip(), f"{path} {option.opts[0]} has no help"


def test_the_options_every_command_takes_are_in_the_commands_page():
    for name in ("--db", "--debug", "--version", "--help"):
        assert name in MANUAL, name


# -- links ------------------------------------------------------------------------------------

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def heading_anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as -."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    headings = re.findall(r"^#+\s+(.+?)\s*$", text, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def relative_links(page: Path) -> list[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


LINKS = [(page, target) for page in PAGES for target in relative_links(page)]


@pytest.mark.parametrize("page, target", LINKS, ids=[f"{page.name}->{target}" for page, target in LINKS])
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(page: Path, target: str):
    path, _, anchor = target.partition("#")
    linked = (page.parent / path).resolve() if path else page
    assert linked.is_file(), f"{page.name} links to {path}, which is not there"
    assert linked.is_relative_to(ROOT), f"{page.name} links outside the project: {target}"
    if anchor:
        assert anchor in heading_anchors(linked), f"{page.name} links to #{anchor}, no heading in {linked.name}"


def test_the_docs_have_links_to_check():
    assert len(LINKS) > 20 and all((ROOT / "docs" / name).is_file() for name in DOC_PAGES)


DOC_PAGES = [
    "commands.md",
    "reminders.md",
    "address-books-and-calendars.md",
    "data-and-privacy.md",
    "speed.md",
    "code-layout.md",
    "guide.md",
]


def test_the_readme_links_every_page_in_docs():
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in README, f"docs/{page.name} is not linked from the README"


# -- the set-up commands ----------------------------------------------------------------------


def readme_commands() -> list[str]:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", install, flags=re.S)
    assert block, "the Install section shows its commands in a sh block"
    return block.group(1).strip().splitlines()


def test_the_readme_starts_with_installing_and_running_the_app_then_the_tests():
    assert README.index("## Install") < README.index("## First steps") < README.index("## Daily keys")
    run_app, run_tests = readme_commands()
    assert run_app == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/followup"
    assert "followup" in (ROOT / "pyproject.toml").read_text().split("[project.scripts]", 1)[1].split("\n")[1]
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert run_tests == ci, "the README's test command is exactly what CI runs"


def test_the_readmes_first_screen_is_for_a_user():
    first_screen = README.split("\n")[:50]
    assert "## Daily keys" in first_screen, "install, first steps and the daily keys come first"
    assert not any(word in README for word in ("benchmark", "import-linter", "first frame")), "internals live in docs/"
