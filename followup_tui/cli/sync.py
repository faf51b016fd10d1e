"""`followup sync [FOLDER]`: share the journal with your other machines through a folder you sync."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from followup_tui.terminal import say

from .common import Run, db_option


@click.command(short_help="Send this machine's changes to a synced folder and apply the other machines'.")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="List what would be sent and applied; write nothing.")
@click.option(
    "--verbose", "-v", is_flag=True, help="With --dry-run: list every record, not only the first of each file."
)
@click.option("--json", "as_json", is_flag=True, help="Say what the sync did as one JSON object (for the app).")
@click.option("--conflicts", "list_conflicts", is_flag=True, help="List what earlier syncs set aside for you.")
@click.option("--settle", type=int, metavar="ID", help="Settle one conflict (its number in --conflicts).")
@click.option(
    "--keep",
    type=click.Choice(["this", "other", "both"]),
    default="this",
    show_default=True,
    help="With --settle: keep the version in the record, the other, or both in one text.",
)
@click.option("--install-timer", is_flag=True, help="Write a systemd user timer that syncs every 15 minutes.")
@click.option("--yes", is_flag=True, help="With --install-timer: write it without asking.")
@click.option(
    "--key-on-stdin",
    "key_on_stdin",
    is_flag=True,
    hidden=True,
    help="A private journal's data key comes as one hex line on standard input (how the app runs a sync).",
)
@db_option()
@click.pass_obj
def sync(
    run: Run,
    folder: Path | None,
    dry_run: bool,
    verbose: bool,
    as_json: bool,
    list_conflicts: bool,
    settle: int | None,
    keep: str,
    install_timer: bool,
    yes: bool,
    key_on_stdin: bool,
    db: str | None,
) -> None:
    """Write this machine's changes since its last sync as one file in its own sub-folder of
    FOLDER (outbox/DEVICE/SEQ), then apply every other machine's files not applied yet, in order.
    FOLDER is a folder you already sync (Syncthing, Dropbox, a network drive), never the one the
    journal is in; without it, the sync.folder setting names it. A text changed on two machines
    keeps both versions until you choose (--conflicts, --settle); see docs/two-machines.md."""
    from followup_tui.services import sync as sharing

    if key_on_stdin:
        try:
            sharing.take_key_from(run.journal(db), sys.stdin.readline())
        except sharing.SyncFailed as error:
            raise click.ClickException(str(error)) from None
    store = run.open(db)
    try:
        if settle is not None:
            try:
                settled = sharing.settle(store, settle, keep)
            except ValueError as error:
                raise click.ClickException(str(error)) from None
            say(f"Settled: {settled.line.split(':')[0]}." if settled.kind == "two_versions" else "Dismissed.")
            return
        if list_conflicts:
            _say_conflicts(sharing.conflicts(store), none="Nothing set aside: every sync so far settled itself.")
            return
        try:
            chosen = sharing.folder_from(store, folder)
        except sharing.SyncFailed as error:
            raise click.ClickException(str(error)) from None
        if install_timer:
            _install_timer(store.path, folder and chosen, ask=not yes)
            return
        journal = store.path
    finally:
        store.close()  # the sync opens the journal through a second SQLite: never both at once
    try:
        synced = sharing.sync_journal(journal, chosen, dry_run=dry_run, today=run.clock().today())
    except sharing.SyncFailed as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        sys.stdout.write(json.dumps(synced.as_json()) + "\n")
        return
    for line in synced.lines(everything=verbose):
        for part in _fitted(line):
            say(part)
    if synced.found:  # described by the sync itself: the journal is not opened again here
        _say_conflicts(synced.found, none="")


def _fitted(line: str) -> list[str]:
    """A waiting file's advice, wrapped at words to the terminal's width (two spaces in after the
    first); one line as it is for a pipe, so a script reads one line a file."""
    if not line.startswith("Waiting: ") or not sys.stdout.isatty():
        return [line]
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size().columns)
    return textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)


def _say_conflicts(found, none: str) -> None:
    from followup_tui.services.sync import conflict_text

    if not found:
        if none:
            say(none)
        return
    say(f"Set aside for you ({len(found)}):")
    for conflict in found:
        for line in conflict_text(conflict):
            say(line)


def _install_timer(journal: Path, folder: Path | None, *, ask: bool) -> None:
    """Write the systemd user timer for `sync`, beside notify's, after asking."""
    from followup_tui.services.reminders import SYNC_TIMER_NAME

    from .reminders import install_timer

    command = [sys.executable, "-m", "followup_tui", "--db", str(journal.absolute()), "sync"]
    command += [str(folder)] if folder else []  # else the sync.folder setting, read at each run
    install_timer(command, SYNC_TIMER_NAME, ask=ask, what="followup: share the journal with your other machines")
