"""Private journals for tests: a key file made up front, and an OS keyring that lives in memory."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from followup_tui.store import unlock
from followup_tui.store.opening import key_file_of

PASSPHRASE = "correct horse battery staple"


def make_private(path: Path, monkeypatch: pytest.MonkeyPatch | None = None, passphrase: str = PASSPHRASE):
    """Make the journal at `path` (not yet written) private: its key file sealed by `passphrase`,
    the key kept by this process, and the key command set for the programs a test starts."""
    key = unlock.new_key()
    unlock.write_key_file(key_file_of(path), unlock.sealed_key(key, passphrase))
    unlock.remember(path, key)
    if monkeypatch is not None:
        monkeypatch.setenv("FOLLOWUP_KEY_COMMAND", key_command(passphrase))
    return key


def raw_connection(path: Path, **options):
    """A bare DB-API connection to the journal at `path`, as a test reaches past the store: sqlite3
    for a plain journal, SQLCipher unlocked with the key this process keeps for a private one."""
    from followup_tui.store import driver

    key = unlock.journal_key(Path(path), ask=False)
    if key is None:
        return driver.connect(path, **options)
    return driver.connect(path, key=key.data, compatibility=key.compatibility, **options)


def key_command(passphrase: str = PASSPHRASE) -> str:
    """A key command that prints `passphrase`, as `pass show followup` would."""
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(f'print({passphrase!r})')}"


class MemoryKeyring(KeyringBackend):
    """An OS keyring of the test's own."""

    priority = 10

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


class BrokenKeyring(KeyringBackend):
    """A keyring that fails every call, as a locked or half-configured one does."""

    priority = 10

    def get_password(self, service, username):
        raise RuntimeError("the keyring daemon is not answering")

    def set_password(self, service, username, password):
        raise RuntimeError("the keyring daemon is not answering")

    def delete_password(self, service, username):
        raise RuntimeError("the keyring daemon is not answering")
