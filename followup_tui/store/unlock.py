"""Unlocking a private journal: its key file, and where the passphrase (or the key) comes from.

A private journal is encrypted by SQLCipher with a random 256-bit data key, used as SQLCipher's
raw key (no key derivation per connection). The data key is kept beside the journal in a 0600 key
file (`journal.db.key`), wrapped by the passphrase: scrypt, paid once per unlock, derives a mask
and nothing else, so changing the passphrase (`followup rekey`) rewrites that small file alone.
The file names itself as followup's, so it is provably the journal's own.

Where the key comes from, in order: this process already unlocked the journal (the app's feed
thread and the app share one unlock); this login session did, when the config file says
`remember_key = session`; the OS keyring (the `keyring` package, loaded only here)
holding the data key; a key command printing the passphrase (FOLLOWUP_KEY_COMMAND, or
`key_command = …` in the config file); a prompt on the terminal. The sync between machines asks
the same (`journal_key(path)`); a sync the app runs in a child process is handed the app's key
through a pipe (`take_key`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sys
import threading
from pathlib import Path

from . import driver
from .opening import SQLITE_HEADER, JournalLocked, StoreError, WrongPassphrase, key_file_of

KEY_FILE_MARK = "followup-tui journal key"
"""The first field of every key file: what proves a key file is the journal's own."""

KEYRING_SERVICE = "followup-tui"
KEY_COMMAND_VARIABLE = "FOLLOWUP_KEY_COMMAND"
CONFIG_FILE = "config"
"""In the user's config folder (XDG_CONFIG_HOME/followup/config): `key_command = pass show followup`,
and `remember_key = session` to keep an unlocked key in XDG_RUNTIME_DIR until logout."""

SCRYPT = {"n": 2**15, "r": 8, "p": 1}
"""About 0.1 s and 32 MiB on a laptop: paid once per unlock, never per connection."""

DATA_KEY_BYTES = 32

NO_KEYRING = ("keyring.backends.null", "keyring.backends.fail")


class JournalKey:
    """What opens a private journal: its raw data key and the SQLCipher settings it was written with.
    (A plain class: `followup due` on a private journal loads no dataclass machinery.)"""

    __slots__ = ("data", "compatibility")

    def __init__(self, data: bytes, compatibility: int = driver.CIPHER_COMPATIBILITY):
        self.data, self.compatibility = data, compatibility

    def __eq__(self, other) -> bool:
        return isinstance(other, JournalKey) and (self.data, self.compatibility) == (other.data, other.compatibility)

    __hash__ = None

    def __repr__(self) -> str:  # never printed, not even in a traceback's locals
        return f"JournalKey(compatibility={self.compatibility})"


_unlocked: dict[Path, JournalKey] = {}
_lock = threading.Lock()


def journal_key(path: Path, *, ask: bool = True) -> JournalKey | None:
    """The key that opens the journal at `path`; None for a plain journal (or one not made yet
    without a key file). Raises JournalLocked when no source has a key, WrongPassphrase when the
    one given is wrong. `ask=False` never prompts (a timer, a thread)."""
    if not is_private(path):
        return None
    where = _place(path)
    with _lock:
        if (known := _unlocked.get(where)) is not None:
            return known
        sealed = read_key_file(key_file_of(path))
        key = _same_key_unlocked(sealed) or _key_from_session(path, sealed)  # a backup; this session
        if key is None:
            key = _key_from_keyring(path, sealed) or _key_from_passphrase(path, sealed, ask=ask)
            _keep_for_session(path, key)  # the next command skips the keyring's start-up and the derivation
        _unlocked[where] = key
        return key


def _same_key_unlocked(sealed: dict) -> JournalKey | None:
    for key in _unlocked.values():
        if hmac.compare_digest(key_check(key.data), sealed["check"]) and key.compatibility == sealed["compatibility"]:
            return key
    return None


def is_private(path: Path) -> bool:
    """Whether the journal at `path` is (to be) encrypted: it has a key file and is not a plain
    SQLite file. A plain journal left with a key file (an `encrypt` stopped half way) is plain."""
    if not key_file_of(path).exists():
        return False
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) != SQLITE_HEADER
    except FileNotFoundError:
        return True  # a new journal beside its key file is made private from its first page
    except OSError:
        return False  # not readable: the ordinary open says why


def remember(path: Path, key: JournalKey) -> None:
    """Keep `key` for the rest of this process (after `encrypt` or `rekey`)."""
    with _lock:
        _unlocked[_place(path)] = key


def take_key(path: Path, hex_key: str) -> None:
    """Keep for this process the data key another process of the user's handed over (a sync run
    in a child of the app), once the key file shows it is this journal's: WrongPassphrase if not."""
    sealed = read_key_file(key_file_of(path))
    try:
        data = bytes.fromhex(hex_key)
    except ValueError:
        data = b""
    if len(data) != DATA_KEY_BYTES or not hmac.compare_digest(key_check(data), sealed["check"]):
        raise WrongPassphrase(f"the key handed to this sync does not open {path}")
    remember(path, JournalKey(data, sealed["compatibility"]))


def forget(path: Path) -> None:
    with _lock:
        _unlocked.pop(_place(path), None)


def _place(path: Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser()))


# -- the key file --------------------------------------------------------------------------------


def new_key() -> JournalKey:
    return JournalKey(secrets.token_bytes(DATA_KEY_BYTES))


def sealed_key(key: JournalKey, passphrase: str) -> dict:
    """The key file's content: the data key wrapped by `passphrase`, with a fresh salt each time."""
    salt = secrets.token_bytes(16)
    mask = _mask(passphrase, salt, SCRYPT)
    return {
        "file": KEY_FILE_MARK,
        "format": 1,
        "cipher": "sqlcipher",
        "compatibility": key.compatibility,
        "kdf": "scrypt",
        **SCRYPT,
        "salt": salt.hex(),
        "wrapped": bytes(a ^ b for a, b in zip(key.data, mask, strict=True)).hex(),
        "check": key_check(key.data),
    }


def open_sealed(sealed: dict, passphrase: str, path: Path) -> JournalKey:
    """The data key inside `sealed`; WrongPassphrase when `passphrase` is not the one it was sealed with."""
    mask = _mask(passphrase, bytes.fromhex(sealed["salt"]), {name: sealed[name] for name in SCRYPT})
    data = bytes(a ^ b for a, b in zip(bytes.fromhex(sealed["wrapped"]), mask, strict=True))
    if not hmac.compare_digest(key_check(data), sealed["check"]):
        raise WrongPassphrase(f"wrong passphrase for {path}")
    return JournalKey(data, sealed["compatibility"])


def key_check(data: bytes) -> str:
    """A fingerprint of the data key, which tells a right key from a wrong one without the journal."""
    return hmac.new(data, KEY_FILE_MARK.encode(), hashlib.sha256).hexdigest()


def _mask(passphrase: str, salt: bytes, cost: dict) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, **cost, maxmem=256 * cost["n"] * cost["r"] + 2**20, dklen=DATA_KEY_BYTES
    )


def read_key_file(file: Path) -> dict:
    """A key file's content, once shown to be followup's and of settings this version knows."""
    try:
        sealed = json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise StoreError(f"cannot read the key file {file}: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError):
        sealed = None
    if not isinstance(sealed, dict) or sealed.get("file") != KEY_FILE_MARK:
        raise StoreError(f"{file} is not a followup-tui key file; the journal beside it cannot be unlocked")
    named = f"{sealed.get('cipher')} {sealed.get('compatibility')}, {sealed.get('kdf')}"
    if (
        sealed.get("format") != 1
        or sealed.get("cipher") != "sqlcipher"
        or sealed.get("compatibility") not in driver.KNOWN_COMPATIBILITY
        or sealed.get("kdf") != "scrypt"
    ):
        raise StoreError(
            f"{file} names cipher settings this version cannot open ({named}); upgrade followup-tui to open it"
        )
    try:
        int(sealed["n"]), int(sealed["r"]), int(sealed["p"])
        if len(bytes.fromhex(sealed["wrapped"])) != DATA_KEY_BYTES or not bytes.fromhex(sealed["salt"]):
            raise ValueError
        bytes.fromhex(sealed["check"])
    except (KeyError, TypeError, ValueError):
        raise StoreError(f"the key file {file} is damaged; restore it from a backup") from None
    return sealed


def write_key_file(file: Path, sealed: dict) -> None:
    """Write the key file whole, or leave the old one as it was: a 0600 file written beside it,
    flushed to disk, then renamed over it."""
    partial = file.with_name(f".{file.name}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(sealed, out, indent=1)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, file)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(file.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- where the key comes from --------------------------------------------------------------------


def _key_from_keyring(path: Path, sealed: dict) -> JournalKey | None:
    """The data key the OS keyring keeps for this journal; None when there is no keyring, no entry,
    or an entry that is not this journal's key (a keyring that fails is no keyring)."""
    if (ring := keyring_backend()) is None:
        return None
    try:
        kept = ring.get_password(KEYRING_SERVICE, str(_place(path)))
        data = bytes.fromhex(kept) if kept else None
    except Exception:  # a locked, broken or absent keyring: the next source is asked
        return None
    if data is None or not hmac.compare_digest(key_check(data), sealed["check"]):
        return None
    return JournalKey(data, sealed["compatibility"])


def keyring_backend():
    """The OS keyring, or None when the `keyring` package is missing or has no usable backend
    (PYTHON_KEYRING_BACKEND naming keyring's null or fail backend says so without loading it)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND", "").rpartition(".")[0] in NO_KEYRING:
        return None
    try:
        import keyring
        from keyring.backends import fail, null

        ring = keyring.get_keyring()
        if isinstance(ring, (fail.Keyring, null.Keyring)) or getattr(ring, "priority", 1) <= 0:
            return None
        return ring
    except Exception:
        return None


def keep_in_keyring(path: Path, key: JournalKey) -> bool:
    """Keep the data key in the OS keyring, so this journal opens without a passphrase; whether it could."""
    if (ring := keyring_backend()) is None:
        return False
    try:
        ring.set_password(KEYRING_SERVICE, str(_place(path)), key.data.hex())
    except Exception:
        return False
    return True


def drop_from_keyring(path: Path) -> None:
    if (ring := keyring_backend()) is None:
        return
    try:
        ring.delete_password(KEYRING_SERVICE, str(_place(path)))
    except Exception:
        pass  # none kept, or a keyring that cannot: nothing to undo


def _key_from_passphrase(path: Path, sealed: dict, *, ask: bool) -> JournalKey:
    passphrase = passphrase_from_command(path)
    if passphrase is None and ask and can_prompt():
        import getpass

        try:
            passphrase = getpass.getpass(f"Passphrase for {path}: ")
        except EOFError:  # ctrl+d at the prompt
            passphrase = None
    if passphrase is None:
        raise JournalLocked(
            f"{path} is private (encrypted) and no key reached it: keep it in your keyring"
            f" (followup rekey --keyring), set {KEY_COMMAND_VARIABLE} (e.g. 'pass show followup'),"
            " or run followup in a terminal to type the passphrase"
        )
    return open_sealed(sealed, passphrase, path)


# -- the session's key cache (opt-in) -------------------------------------------------------------


def _key_from_session(path: Path, sealed: dict) -> JournalKey | None:
    """The data key kept for this login session, when `remember_key = session` is set: read from
    XDG_RUNTIME_DIR (memory only, the user's alone, emptied at logout), so `followup due` in a
    prompt pays neither a key derivation nor the keyring's start-up."""
    if (file := _session_file(path)) is None:
        return None
    try:
        data = bytes.fromhex(file.read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(key_check(data), sealed["check"]):
        return None  # from before a decrypt and a new encrypt: not this journal's key
    return JournalKey(data, sealed["compatibility"])


def _keep_for_session(path: Path, key: JournalKey) -> None:
    if (file := _session_file(path)) is None:
        return
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(file, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(key.data.hex())
    except OSError:
        pass  # no cache: the next command asks its usual source again


def forget_for_session(path: Path) -> None:
    if (file := _session_file(path)) is not None:
        file.unlink(missing_ok=True)


def _session_file(path: Path) -> Path | None:
    """Where the session's copy of this journal's key lives; None unless the config file asks for
    it and the runtime folder is a private one of the user's own."""
    if setting("remember_key") != "session" or not (runtime := private_runtime_folder()):
        return None
    name = hashlib.sha256(str(_place(path)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return Path(runtime) / "followup" / "keys" / name


def private_runtime_folder() -> str | None:
    """The user's runtime folder (XDG_RUNTIME_DIR: in memory, emptied at logout) when it is
    theirs alone, else None: the one place a key, or text from a private journal, may be kept
    outside the journal without reaching a disk."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    try:
        info = os.stat(runtime)
    except OSError:
        return None
    if info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return runtime


def can_prompt() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def key_command() -> tuple[str, str] | None:
    """The key command to run and where it was set: the environment first, then the config file."""
    if command := os.environ.get(KEY_COMMAND_VARIABLE, "").strip():
        return command, KEY_COMMAND_VARIABLE
    if command := setting("key_command"):
        return command, str(config_file())
    return None


def setting(name: str) -> str | None:
    """A `name = value` line of followup's config file (read before any journal is open); None when unset."""
    try:
        lines = config_file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        key, equals, value = line.partition("=")
        if equals and key.strip() == name and value.strip():
            return value.strip()
    return None


def config_file() -> Path:
    """followup's own config file, read before any journal is open (XDG_CONFIG_HOME/followup/config)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "followup" / CONFIG_FILE


def passphrase_from_command(path: Path, command: tuple[str, str] | None = None) -> str | None:
    """The first line the key command prints; None when there is none. A command that fails is
    said in one line (its own words on stderr are its own)."""
    import subprocess

    if (command := command or key_command()) is None:
        return None
    text, source = command
    try:
        done = subprocess.run(text, shell=True, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        raise JournalLocked(f"cannot unlock {path}: the key command ({source}) could not run: {error}") from None
    if done.returncode != 0:
        raise JournalLocked(f"cannot unlock {path}: the key command ({source}) failed (exit {done.returncode})")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if not lines or not lines[0]:
        raise JournalLocked(f"cannot unlock {path}: the key command ({source}) printed no passphrase")
    return lines[0]
