"""`followup mail scan|read`: what the mail you already have may mean, proposed, never written
until you say so."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.store.opening import StoreError
from followup_tui.terminal import say

from .common import OptionRefused, Run, db_option


@click.group(short_help="Read your mailbox for replies, rejections and invitations.")
def mail() -> None:
    """Read the mail you already have — Maildir folders, mbox files, one message piped from
    mutt, neomutt or aerc — and propose what each message about an application means. Nothing
    in the journal changes until you say yes: in the app (y/n), or with `mail scan --apply --yes`."""


@mail.command(short_help="Read Maildir folders and mbox files; print what they may mean.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--apply", "apply_them", is_flag=True, help="Apply every open proposal (needs --yes).")
@click.option("--yes", is_flag=True, help="With --apply: apply without asking.")
@db_option()
@click.pass_obj
def scan(run: Run, paths: tuple[Path, ...], apply_them: bool, yes: bool, db: str | None) -> None:
    """Read what is new in PATHS (Maildir folders or mbox files; default: the `mail.paths`
    setting) and print each proposal: who, when, the subject, the first lines and what would
    change. Messages are only read: never moved, flagged or deleted. A message read before is
    not read again, and none is proposed twice."""
    from followup_tui.services import mail_inbox

    if apply_them and not yes:
        raise OptionRefused("--apply changes the journal: add --yes to apply every proposal listed")
    store = run.open(db)
    try:
        chosen = list(paths) or mail_inbox.mail_paths(store)
        if not chosen:
            raise OptionRefused(
                "which mail? name the folders (followup mail scan ~/Mail/INBOX ~/Mail/Sent)"
                " or set them: followup settings mail.paths '~/Mail/INBOX ~/Mail/Sent'"
            )
        try:
            report = mail_inbox.scan(store, chosen)
        except StoreError as error:
            raise click.ClickException(str(error)) from None
        for line in report.skipped:
            say(f"Skipped {line}", err=True)
        if report.unreadable:
            say(
                f"Skipped: {report.unreadable} message{'s' * (report.unreadable != 1)} that could not be read", err=True
            )
        waiting = mail_inbox.open_proposals(store)
        for number, proposal in enumerate(waiting, 1):
            say(_described(store, proposal, number))
        new = len(report.proposals)
        say(
            f"Read {report.read} new message{'s' * (report.read != 1)}: {new} new proposal{'s' * (new != 1)},"
            f" {len(waiting)} waiting.",
            err=True,
        )
        if apply_them:
            _apply_all(store, waiting)
        elif waiting:
            say("Nothing is changed until you say so: open followup (y/n), or add --apply --yes.", err=True)
    finally:
        store.close()


def _apply_all(store, waiting) -> None:
    from followup_tui.services import mail_inbox

    applied = 0
    for proposal in waiting:
        try:
            mail_inbox.apply(store, proposal.id)
            applied += 1
        except ValueError as error:  # refused: said, and the rest go on
            say(f"Not applied: {proposal.subject}: {error}", err=True)
    say(f"Applied {applied} of {len(waiting)}.", err=True)


@mail.command(short_help="Read one message on standard input (for mutt, neomutt, aerc).")
@db_option()
@click.pass_obj
def read(run: Run, db: str | None) -> None:
    """Read one message on standard input, as a mail client pipes it, and print what it may
    mean; the proposal waits in the app for y or n. For mutt or neomutt:
    macro index,pager \\cf "<pipe-message>followup mail read<enter>"; for aerc: :pipe followup mail read."""
    from followup_tui.services import mail, mail_inbox

    raw = sys.stdin.buffer.read(mail.MOST_MESSAGE_BYTES + 1)
    store = run.open(db)
    try:
        try:
            message, proposal, before = mail_inbox.read_piped(store, raw)
        except ValueError as error:
            raise click.ClickException(f"cannot read that message: {error}") from None
        if before:
            say(f"Already proposed: {message.subject}")
        elif proposal is None:
            say(f"Nothing in this message for the journal: {message.subject}")
        else:
            say(_described(store, proposal, 1))
            say("Open followup to say yes (y) or no (n).")
    finally:
        store.close()


def _described(store, proposal, number: int) -> str:
    from followup_tui.services import mail_inbox

    when = long_day(local_day(proposal.sent_at), store.clock.today()) if proposal.sent_at else "undated"
    lines = [f"{number:>2}. {proposal.meaning.value:<10} {proposal.sender} · {when} · {proposal.subject}"]
    lines += [f"      | {line}" for line in proposal.first_lines.splitlines()]
    lines.append(f"      → {mail_inbox.what_would_change(store, proposal)}")
    return "\n".join(lines)
