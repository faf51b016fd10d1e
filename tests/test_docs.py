"""The README is the manual: every command and every option the command line takes is written
in it, and each has help of its own, so `followup --help` and the README never drift apart."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from followup_tui.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "followup"):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


EVERY_COMMAND = list(commands(cli))


@pytest.mark.parametrize("path, command", EVERY_COMMAND, ids=[path for path, _ in EVERY_COMMAND])
def test_every_command_is_in_the_readme_with_help(path: str, command: click.Command):
    assert f"`{path}" in README, f"{path} is not in the README's Commands table"
    assert (command.help or command.short_help or "").strip(), f"{path} has no help"


OPTIONS = [  # --db and --debug: every command takes them, and the README says so once, below
    (path, option)
    for path, command in EVERY_COMMAND
    for option in command.params
    if isinstance(option, click.Option) and option.name not in ("help", "db", "debug")
]


@pytest.mark.parametrize("path, option", OPTIONS, ids=[f"{path} {option.opts[0]}" for path, option in OPTIONS])
def test_every_option_is_in_the_readme_with_help(path: str, option: click.Option):
    assert any(name in README for name in option.opts), f"{path} {option.opts[0]} is not in the README"
    assert (option.help or "").strip(), f"{path} {option.opts[0]} has no help"


def test_the_options_every_command_takes_are_in_the_readme():
    for name in ("--db", "--debug", "--version", "--help"):
        assert name in README, name
