"""A private journal: encrypting it, decrypting it, changing its passphrase, keeping its key in
the OS keyring, and the plain copies it leaves beside itself (see docs/data-and-privacy.md)."""

from __future__ import annotations

import os
from pathlib import Path

from followup_tui.store.opening import StoreError

from .journal import journal_path

__all__ = [
    "StoreError",
    "check_encryptable",
    "cipher_available",
    "decrypt",
    "encrypt",
    "has_keyring",
    "is_private",
    "keep_in_keyring",
    "key_command",
    "key_file",
    "passphrase_from_command",
    "plain_copies",
    "rekey",
    "unlock",
    "where",
    "remove_plain_copies",
]


def encrypt(db: str | None, passphrase: str, on_step=lambda step: None):
    from followup_tui.store.privacy import encrypt_journal

    return encrypt_journal(journal_path(db), passphrase, on_step=on_step)


def check_encryptable(db: str | None) -> None:
    """StoreError, in words, when `encrypt` would refuse this journal (asked before its passphrase)."""
    from followup_tui.store.privacy import check_encryptable as check

    check(journal_path(db))


def decrypt(db: str | None, on_step=lambda step: None):
    from followup_tui.store.privacy import decrypt_journal

    return decrypt_journal(journal_path(db), on_step=on_step)


def rekey(db: str | None, passphrase: str) -> None:
    from followup_tui.store.privacy import rekey_journal

    rekey_journal(journal_path(db), passphrase)


def where(db: str | None) -> Path:
    return journal_path(db).expanduser()


def unlock(db: str | None) -> None:
    """Unlock the private journal now (keyring, key command or prompt), or say why not (StoreError)."""
    from followup_tui.store.unlock import journal_key

    journal_key(where(db))


def is_private(db: str | os.PathLike | None) -> bool:
    """Whether the journal is encrypted (cheap: its key file, and its first bytes)."""
    from followup_tui.store.opening import key_file_of

    path = journal_path(db).expanduser()
    if not key_file_of(path).exists():
        return False
    from followup_tui.store.unlock import is_private as private

    return private(path)


def key_file(db: str | None) -> Path:
    from followup_tui.store.opening import key_file_of

    return key_file_of(journal_path(db).expanduser())


def cipher_available() -> bool:
    from followup_tui.store.driver import cipher_available as available

    return available()


def has_keyring() -> bool:
    from followup_tui.store.unlock import keyring_backend

    return keyring_backend() is not None


def keep_in_keyring(db: str | None) -> bool:
    """Keep the (unlocked) journal's data key in the OS keyring; whether there was one to keep it in."""
    from followup_tui.store.unlock import journal_key
    from followup_tui.store.unlock import keep_in_keyring as keep

    path = journal_path(db).expanduser()
    key = journal_key(path)
    return key is not None and keep(path, key)


def key_command() -> tuple[str, str] | None:
    """The key command (FOLLOWUP_KEY_COMMAND, else the config file's) and where it is set."""
    from followup_tui.store.unlock import key_command as command

    return command()


def passphrase_from_command(db: str | None, command: tuple[str, str] | None = None) -> str | None:
    from followup_tui.store.unlock import passphrase_from_command as from_command

    return from_command(journal_path(db).expanduser(), command)


def plain_copies(db: str | None) -> list[Path]:
    from followup_tui.store.privacy import plain_copies as copies

    return copies(journal_path(db).expanduser())


def remove_plain_copies(files: list[Path]) -> list[Path]:
    """Remove these plain copies, each proven again to be a plain journal just before; those removed."""
    from followup_tui.store.privacy import is_plain_journal

    removed = []
    for file in files:
        if is_plain_journal(file):
            file.unlink()
            removed.append(file)
    return removed
