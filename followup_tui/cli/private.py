"""`followup encrypt`, `followup decrypt` and `followup rekey`: a private journal, turned on and off."""

from __future__ import annotations

import sys

import click

from followup_tui.store.opening import StoreError
from followup_tui.terminal import say

from .common import Run, as_click_error, db_option

KEY_COMMAND_HELP = "set FOLLOWUP_KEY_COMMAND (e.g. 'pass show followup'), or run it in a terminal to type one"


def _keyring_option():
    return click.option(
        "--keyring/--no-keyring",
        default=None,
        help="Keep the key in the OS keyring, so the journal opens without a passphrase (default: ask on a terminal).",
    )


@click.command(short_help="Make the journal private: encrypted on disk.")
@_keyring_option()
@click.option(
    "--remove-plain-backups/--keep-plain-backups",
    default=None,
    help="Remove the journal's plain backups beside it once it is encrypted (default: ask on a terminal).",
)
@db_option()
@click.pass_obj
def encrypt(run: Run, keyring: bool | None, remove_plain_backups: bool | None, db: str | None) -> None:
    """Encrypt the journal (SQLCipher), its key sealed by a passphrase in a key file beside it.

    The passphrase comes from FOLLOWUP_KEY_COMMAND (or key_command in the config file), else it is
    asked twice on the terminal. The encrypted copy is checked row by row against the journal
    before it replaces it; the plain file (and its WAL) is then gone. Plain backups beside the
    journal are removed after asking.
    """
    from followup_tui.services import private_journal

    journal = run.journal(db)
    if private_journal.is_private(journal):
        say(
            f"Error: {private_journal.where(journal)} is already private (encrypted); `followup rekey` changes"
            " its passphrase",
            err=True,
        )
        _offer_removing_plain_copies(journal, remove_plain_backups)
        raise SystemExit(1)
    if not private_journal.cipher_available():
        raise click.ClickException("SQLCipher is not installed here: pip install 'followup-tui[private]'")
    try:
        private_journal.check_encryptable(journal)
        passphrase = _new_passphrase(journal, "encrypt", private_journal.key_command())
        turned = private_journal.encrypt(journal, passphrase)
    except StoreError as error:
        raise as_click_error(error) from None
    say(
        f"Encrypted {turned.path}: {turned.total:,} rows in {len(turned.rows)} tables checked against the plain"
        " journal, which is gone."
    )
    say(f"Its key is sealed by your passphrase in {private_journal.key_file(journal)}: keep both, or it cannot open.")
    _keep_in_keyring(journal, keyring)
    _offer_removing_plain_copies(journal, remove_plain_backups)


@click.command(short_help="Make a private journal plain again.")
@db_option()
@click.pass_obj
def decrypt(run: Run, db: str | None) -> None:
    """Decrypt a private journal in place: checked row by row, then its key file (and the key kept
    in the keyring) removed. Its encrypted backups stay encrypted, each with its key file."""
    from followup_tui.services import private_journal

    try:
        turned = private_journal.decrypt(run.journal(db))
    except StoreError as error:
        raise as_click_error(error) from None
    say(f"Decrypted {turned.path}: {turned.total:,} rows in {len(turned.rows)} tables checked; it is plain again.")


@click.command(short_help="Change a private journal's passphrase.")
@_keyring_option()
@click.option(
    "--new-key-command",
    metavar="COMMAND",
    help="A command that prints the new passphrase (else it is asked twice on the terminal).",
)
@db_option()
@click.pass_obj
def rekey(run: Run, keyring: bool | None, new_key_command: str | None, db: str | None) -> None:
    """Change a private journal's passphrase: only its key file is rewritten, never the data.

    The journal is unlocked as always (keyring, FOLLOWUP_KEY_COMMAND, or the old passphrase on
    the terminal). Backups made before keep the passphrase they were made with.
    """
    from followup_tui.services import private_journal

    journal = run.journal(db)
    if not private_journal.is_private(journal):
        raise click.ClickException(f"{journal or 'the journal'} is not private; `followup encrypt` makes it so")
    try:
        private_journal.unlock(journal)  # the old passphrase is proven before a new one is asked for
        command = (new_key_command, "--new-key-command") if new_key_command else None
        passphrase = _new_passphrase(journal, "rekey", command)
        private_journal.rekey(journal, passphrase)
    except StoreError as error:
        raise as_click_error(error) from None
    say(f"Changed the passphrase of {private_journal.where(journal)}; its data was not rewritten.")
    _keep_in_keyring(journal, keyring)


NEW_KEY_COMMAND_HELP = "give --new-key-command COMMAND, or run it in a terminal to type one"


def _new_passphrase(journal: str | None, doing: str, command: tuple[str, str] | None) -> str:
    """The passphrase to seal the key with: the command's first line, else typed twice on a terminal."""
    from followup_tui.services import private_journal

    if command is not None:
        try:
            passphrase = private_journal.passphrase_from_command(journal, command)
        except StoreError as error:
            raise as_click_error(error) from None
        if passphrase:
            return passphrase
    if not sys.stdin.isatty():
        hint = NEW_KEY_COMMAND_HELP if doing == "rekey" else KEY_COMMAND_HELP
        raise click.ClickException(f"{doing} needs a new passphrase: {hint}")
    while True:
        passphrase = click.prompt("New passphrase", hide_input=True, confirmation_prompt=True, err=True)
        if len(passphrase) >= 8:
            return passphrase
        say("A passphrase of at least 8 characters, please.", err=True)


def _keep_in_keyring(journal: str | None, wanted: bool | None) -> None:
    from followup_tui.services import private_journal

    if wanted is False:
        return
    if not private_journal.has_keyring():
        if wanted:
            say("Note: no OS keyring answers here; the key stays sealed by your passphrase alone.", err=True)
        return
    if wanted is None:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            return
        wanted = click.confirm("Keep the key in your OS keyring, so followup opens without asking?", err=True)
    if wanted and private_journal.keep_in_keyring(journal):
        say("The key is kept in your OS keyring: followup opens this journal without asking.")
    elif wanted:
        say("Note: the keyring refused to keep the key; the passphrase still opens the journal.", err=True)


def _offer_removing_plain_copies(journal: str | None, remove: bool | None) -> None:
    """The journal's plain backups beside it, removed when asked to (or confirmed on a terminal)."""
    from followup_tui.services import private_journal

    copies = private_journal.plain_copies(journal)
    if not copies:
        return
    say(f"{len(copies)} plain backup{'s' * (len(copies) != 1)} of the journal beside it:", err=True)
    for copy in copies:
        say(f"  {copy}", err=True)
    if remove is None and sys.stdin.isatty() and sys.stderr.isatty():
        them = "them (they hold" if len(copies) > 1 else "it (it holds"
        remove = click.confirm(f"Remove {them} everything in the clear)?", default=True, err=True)
    if not remove:
        say("Note: kept; `followup encrypt --remove-plain-backups` removes them.", err=True)
        return
    removed = private_journal.remove_plain_copies(copies)
    say(f"Removed {len(removed)} plain backup{'s' * (len(removed) != 1)}.", err=True)
