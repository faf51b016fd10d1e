"""What every `followup` subcommand shares: the journal it opens, and how it writes a file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup_tui.domain.clock import Clock, ClockSettingError, clock_from_setting
from followup_tui.store.opening import StoreError
from followup_tui.terminal import say

if TYPE_CHECKING:
    from followup_tui.store import Store

PRIVATE_JOURNAL = "followup.private-journal"
"""Set in the command's context when the journal it opened is private: what it writes out is plain."""

DB_HELP = "Journal file to use (default: your user data folder; or set FOLLOWUP_DB)."


def as_click_error(error: StoreError) -> click.ClickException:
    """A journal's trouble as click says an error: exit 2 for a journal that would not unlock, else 1."""
    failure = click.ClickException(str(error))
    failure.exit_code = getattr(error, "exit_code", 1)
    return failure


class OptionRefused(click.ClickException):
    """An option's value refused before any work, in one line, as a usage error (exit 2)."""

    exit_code = 2


@dataclass
class Run:
    """What the group's options said, for its subcommands."""

    db: str | None
    debug: bool

    def journal(self, db: str | None = None) -> str | None:
        """The journal the subcommand's --db names, else the group's (or FOLLOWUP_DB), else None
        for the default one; a FOLLOWUP_DB set to nothing is refused, never the default."""
        chosen = db if db is not None else self.db
        if chosen == "":
            raise OptionRefused("FOLLOWUP_DB is set to nothing: give it a file name, or unset it")
        return chosen

    def clock(self) -> Clock:
        try:
            return clock_from_setting(os.environ.get("FOLLOWUP_TODAY"))
        except ClockSettingError as error:
            raise click.ClickException(str(error)) from None

    def open(self, db: str | None = None) -> Store:
        """The journal named by the subcommand's --db, else the group's, else the default; its
        calendar feed is rewritten as the command ends if it wrote anything (the app, opened by
        `ui/launch.py`, keeps its feed current itself)."""
        from followup_tui.services.journal import open_journal

        try:
            store = open_journal(self.journal(db), self.clock())
        except StoreError as error:
            raise as_click_error(error) from None
        store.patience = _patience()
        store.on_wait = lambda: say(
            f"Waiting: another copy of followup is writing to {store.path} (at most {store.patience:g} s)…", err=True
        )
        context = click.get_current_context()
        context.call_on_close(lambda: self._keep_feed_current(store))
        if store.path is not None and store.is_private():
            context.meta[PRIVATE_JOURNAL] = store.path
        self._warn_of_a_synced_folder(store)
        return store

    @staticmethod
    def _warn_of_a_synced_folder(store: Store) -> None:
        """Once per folder: a live journal inside a Syncthing or Dropbox folder can be torn."""
        from followup_tui.services.sync import warning_once

        try:
            warning = warning_once(store)
        except StoreError:
            return
        if warning:
            say(f"Warning: {warning}.", err=True)

    def _keep_feed_current(self, store: Store) -> None:
        """After a command that changed the journal, rewrite its calendar feed, if it has one; a
        feed that cannot be written is said once, and the change stays saved."""
        if not store.writes or store.path is None:
            return
        from followup_tui.services.calendar_feed import FeedError, refresh_feed

        try:
            refresh_feed(store.path, self.clock())
        except FeedError as error:
            say(f"Note: {error}", err=True)


def _patience() -> float:
    """How long a write waits for another copy: FOLLOWUP_WAIT seconds, else the store's default."""
    from followup_tui.store.base import WAIT_FOR_BUSY_SECONDS

    try:
        return max(0.0, min(float(os.environ.get("FOLLOWUP_WAIT", "")), 86400.0))
    except ValueError:
        return WAIT_FOR_BUSY_SECONDS


def _named_journal(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--db ""` is a mistake (an unset variable in a script), never a wish for the default journal."""
    if value == "":
        raise OptionRefused("--db: give a file name")
    return value


def db_option(envvar: str | None = None):
    return click.option("--db", "db", metavar="PATH", envvar=envvar, callback=_named_journal, help=DB_HELP)


def _checked_output(
    ctx: click.Context, param: click.Parameter, value: Path | None, replacing: bool = True
) -> Path | None:
    """Refuse a place no file should be written (a device, a folder, a journal) before any work is done."""
    from followup_tui.services.files import check_output

    if value is None:
        return None
    try:
        return check_output(value, replacing=replacing)
    except OSError as error:
        raise click.BadParameter(str(error.strerror or error) if error.filename else str(error)) from None


def _checked_new_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return _checked_output(ctx, param, value, replacing=False)


def output_option(help: str, *, replaces: bool = True):
    """-o FILE, checked before any work; `replaces=False` for a writer that picks a new name
    rather than replace a file (a backup), so an existing journal there is no reason to refuse."""
    callback = _checked_output if replaces else _checked_new_output
    return click.option("-o", "--output", type=click.Path(path_type=Path), callback=callback, help=help)


def emit(text: str | Iterable[str], output: Path | None, done: str | Callable[[], str]) -> None:
    """Print an export, or write it privately and whole to `output` and say so (`done`, or what
    it says once every piece is written). Pieces are written as they come, never held whole."""
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False)
        return
    from followup_tui.services.files import write_private

    warn_plain_export(output)
    try:
        write_private(output, text)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    say(done if isinstance(done, str) else done())


def warn_plain_export(output: Path) -> None:
    """Say once per command that a file written from a private journal is plain (exports are)."""
    context = click.get_current_context(silent=True)
    if context is None or context.meta.get(PRIVATE_JOURNAL) is None or context.meta.get(PRIVATE_JOURNAL + ".said"):
        return
    context.meta[PRIVATE_JOURNAL + ".said"] = True
    say(f"Note: the journal is private, but {output} is not encrypted: exports are plain files.", err=True)


def vdir_option(what: str):
    return click.option(
        "--vdir",
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Keep a folder of one file per {what}, named by UID, as khard, khal and vdirsyncer read.",
    )


def sync_vdir(write, folder: Path) -> None:
    """Bring the vdir `folder` up to date with `write(folder)`, and say what changed."""
    warn_plain_export(folder)
    try:
        report = write(folder)
    except OSError as error:
        raise click.ClickException(f"{folder}: {error.strerror or error}") from None
    say(f"{folder}: {report.summary()}.")
    for left in report.left_alone:
        say(f"Note: {left.line()}.", err=True)
