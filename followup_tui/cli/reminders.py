"""`followup notify`: desktop notifications of what is due, for a timer to run."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from followup_tui.terminal import say

from .common import Run, db_option


@click.command(short_help="Desktop notifications for what is due today and interviews soon.")
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and remember nothing.")
@click.option(
    "--hours",
    type=click.FloatRange(0, 48),
    default=3,
    show_default=True,
    help="Remind of interviews that start within this many hours.",
)
@click.option("--install-timer", is_flag=True, help="Write a systemd user timer that runs this every 15 minutes.")
@click.option("--yes", is_flag=True, help="With --install-timer: write it without asking.")
@db_option()
@click.pass_obj
def notify(run: Run, dry_run: bool, hours: float, install_timer: bool, yes: bool, db: str | None) -> None:
    """One notification for each follow-up due today or late and each interview in the next
    HOURS, at most once a day each (remembered in the journal). With no notification service,
    or one that fails or hangs, the same lines are printed instead; the exit status is 0.
    Printed to a terminal, they count as sent; printed to a log or a pipe (a timer), the next
    run tries the desktop again."""
    from followup_tui.services import reminders

    store = run.open(db)
    try:
        if install_timer:
            _install_timer(store.path, ask=not yes)
            return
        with _stopped_as_an_exit():
            notified = reminders.notify(
                store, reminders.desktop_sender(), dry_run=dry_run, hours=hours, printed_is_read=printed_is_read()
            )
    finally:
        store.close()
    earlier = f" ({notified.already} sent earlier today)" if notified.already else ""
    if dry_run:
        say(f"Would send {len(notified.printed)}{earlier}:" if notified.printed else f"Nothing to send{earlier}.")
    for reminder in notified.printed:
        say(reminder.line)
    if notified.printed and not dry_run:
        again = "" if printed_is_read() else "; the next run tries the desktop again"
        say(f"(No desktop notification service answered: printed here instead{again}.)", err=True)
    if notified.sent:
        say(f"Sent {len(notified.sent)} notification{'s' * (len(notified.sent) != 1)}{earlier}.")


@contextmanager
def _stopped_as_an_exit():
    """A timer stops a run with SIGTERM, whose default ends Python at once: taken as an exit
    instead, so the claims of what was not sent are given back (a `finally`) for the next run."""
    import signal

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    try:
        earlier = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test's runner): nothing to take over
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, earlier)


def printed_is_read() -> bool:
    """Whether a line printed here reaches a person: stdout is a terminal, not a timer's log."""
    return sys.stdout.isatty()


def _install_timer(journal: Path, *, ask: bool) -> None:
    """Write the systemd user timer for `notify`, after asking; print what was written."""
    from followup_tui.services.reminders import TIMER_NAME

    command = [sys.executable, "-m", "followup_tui", "--db", str(journal.absolute()), "notify"]
    install_timer(command, TIMER_NAME, ask=ask)


def install_timer(command: list[str], name: str, *, ask: bool, what: str | None = None) -> None:
    """Write the systemd user service and timer `name` that run `command`, after asking (when
    `ask`); print what was written and how to turn it on. `notify` and `sync` both use it."""
    from followup_tui.services.files import write_private
    from followup_tui.services.reminders import timer_units

    folder = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "systemd" / "user"
    try:
        units = timer_units(command, name=name, **({"what": what} if what else {}))
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    names = ", ".join(str(folder / unit) for unit in units)
    if ask and not click.confirm(f"Write {names}?", default=True, err=True):
        say("Nothing written.", err=True)
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for unit, text in units.items():
            write_private(folder / unit, text)
    except OSError as error:
        raise click.ClickException(f"the timer could not be written: {error}") from None
    for unit, text in units.items():
        say(f"# {folder / unit}\n{text}")
    say(f"Turn it on with: systemctl --user daemon-reload && systemctl --user enable --now {name}.timer")
