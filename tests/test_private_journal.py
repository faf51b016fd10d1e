"""A private journal: encrypted on disk, unlocked once from the keyring, a key command or a
prompt, and nothing it writes left in the clear."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.domain.models import Contact
from followup_tui.services import private_journal
from followup_tui.services.demo import fill_demo
from followup_tui.store import Store, StoreError, driver, unlock
from followup_tui.store.opening import JournalLocked, WrongPassphrase, key_file_of
from followup_tui.store.privacy import decrypt_journal, encrypt_journal, plain_copies, rekey_journal
from followup_tui.store.reader import due_until
from tests.helpers import run_followup
from tests.keys import PASSPHRASE, BrokenKeyring, MemoryKeyring, key_command, make_private

SECRET_NAME = "Zephyrine Quillfeather"
"""A name no other test writes: found anywhere on disk, it leaked."""


def run(*args: str, **env: str):
    return CliRunner().invoke(cli, list(args), env=env or None, catch_exceptions=False)


def demo_journal(path: Path, clock: Clock) -> dict[str, int]:
    store = Store.open(path, clock)
    fill_demo(store)
    store.add_contact(Contact(name=SECRET_NAME, company="Quillfeather Labs", email="zq@example.com"))
    counts = store.counts()
    store.close()
    return counts


def counts_of(path: Path, clock: Clock) -> dict[str, int]:
    store = Store.open(path, clock)
    try:
        return store.counts()
    finally:
        store.close()


def holds(file: Path, text: str) -> bool:
    return text.encode() in file.read_bytes()


@pytest.fixture
def typed_passphrase(monkeypatch: pytest.MonkeyPatch):
    """A person at a terminal, typing these passphrases when asked (the asks counted from each call)."""

    def answer(*typed: str):
        queue, asked = list(typed), []

        def getpass(prompt: str = "") -> str:
            asked.append(prompt)
            return queue.pop(0)

        monkeypatch.setattr("getpass.getpass", getpass)
        monkeypatch.setattr(unlock, "can_prompt", lambda: True)
        return asked

    return answer


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    import keyring

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


# -- encrypt, decrypt, rekey ---------------------------------------------------------------------


def test_encrypt_makes_the_journal_unreadable_without_its_key_and_loses_no_row(db_path: Path, clock: Clock):
    before = demo_journal(db_path, clock)
    assert holds(db_path, SECRET_NAME)

    turned = encrypt_journal(db_path, PASSPHRASE)

    assert not holds(db_path, SECRET_NAME)
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    assert turned.rows["contacts"] == before["contacts"] and turned.total > sum(before.values())
    assert counts_of(db_path, clock) == before
    assert oct(key_file_of(db_path).stat().st_mode & 0o777) == "0o600"
    log = db_path.with_name("journal.db-wal")
    assert not log.exists() or not holds(log, SECRET_NAME)


def test_encrypt_decrypt_and_rekey_round_trip_with_every_row(db_path: Path, clock: Clock, typed_passphrase):
    before = demo_journal(db_path, clock)
    encrypted = encrypt_journal(db_path, PASSPHRASE)
    unlock.forget(db_path)

    typed_passphrase(PASSPHRASE)
    data_before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    rekey_journal(db_path, "a new passphrase")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == data_before, "rekey rewrites the key file alone"
    unlock.forget(db_path)

    typed_passphrase(PASSPHRASE)
    with pytest.raises(WrongPassphrase, match=f"wrong passphrase for {db_path}"):
        Store.open(db_path, clock)
    typed_passphrase("a new passphrase")
    decrypted = decrypt_journal(db_path)

    assert decrypted.rows == encrypted.rows
    assert db_path.read_bytes().startswith(b"SQLite format 3") and holds(db_path, SECRET_NAME)
    assert not key_file_of(db_path).exists()
    assert counts_of(db_path, clock) == before


def test_encrypt_says_so_when_the_journal_is_already_private(db_path: Path, clock: Clock):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    with pytest.raises(StoreError, match="already private"):
        encrypt_journal(db_path, "another")
    result = run("encrypt", "--db", str(db_path), "--keep-plain-backups")
    assert result.exit_code == 1 and "already private (encrypted)" in result.output


@pytest.mark.slow
def test_encrypt_refuses_while_another_copy_has_the_journal_open(db_path: Path, clock: Clock):
    import subprocess
    import sys

    demo_journal(db_path, clock)
    code = (
        "import sys, time\n"
        "from followup_tui.services.journal import open_journal\n"
        "from followup_tui.domain.clock import Clock\n"
        "store = open_journal(sys.argv[1], Clock())\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    other = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="open in another copy of followup"):
            encrypt_journal(db_path, PASSPHRASE)
    finally:
        other.kill()
        other.wait()
    assert holds(db_path, SECRET_NAME) and not key_file_of(db_path).exists()


def test_a_key_file_left_beside_a_plain_journal_is_ignored_and_replaced(db_path: Path, clock: Clock):
    """An `encrypt` killed after sealing the key but before the rename leaves exactly this."""
    demo_journal(db_path, clock)
    make_private(db_path.with_name("elsewhere.db"))
    key_file_of(db_path).write_bytes(key_file_of(db_path.with_name("elsewhere.db")).read_bytes())
    assert counts_of(db_path, clock)["contacts"] > 0  # opens plain
    encrypt_journal(db_path, PASSPHRASE)
    unlock.forget(db_path)
    assert unlock.open_sealed(unlock.read_key_file(key_file_of(db_path)), PASSPHRASE, db_path)


def test_encrypt_through_the_command_keeps_the_key_in_the_keyring_when_asked(
    db_path: Path, clock: Clock, memory_keyring, monkeypatch
):
    demo_journal(db_path, clock)
    monkeypatch.setattr("followup_tui.cli.private._new_passphrase", lambda *_: PASSPHRASE)
    result = run("encrypt", "--db", str(db_path), "--keyring", "--keep-plain-backups")
    assert result.exit_code == 0, result.output
    assert "checked against the plain journal" in result.output and "kept in your OS keyring" in result.output
    unlock.forget(db_path)
    assert run("due", "--db", str(db_path), "--count").exit_code == 0  # no passphrase asked: the keyring's key


# -- keys that reach every door ------------------------------------------------------------------


def test_a_wrong_passphrase_is_one_line_and_exit_2_for_every_command(db_path: Path, clock: Clock, typed_passphrase):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    for command in (["due"], ["search", "Quillfeather"], ["list", "contacts"], ["notify", "--dry-run"]):
        unlock.forget(db_path)
        typed_passphrase("not it")
        result = run(*command, "--db", str(db_path))
        assert result.exit_code == 2, (command, result.output)
        assert result.output.strip() == f"Error: wrong passphrase for {db_path}"


def test_a_private_journal_with_no_key_source_says_how_to_unlock_it(db_path: Path, clock: Clock):
    """A timer or cron runs `notify` with no terminal: it says so in one line, and never prompts."""
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    unlock.forget(db_path)
    result = run("notify", "--db", str(db_path))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert "is private (encrypted) and no key reached it" in line
    assert "keyring" in line and "FOLLOWUP_KEY_COMMAND" in line and "terminal" in line
    with pytest.raises(JournalLocked):
        due_until(db_path, clock.today())


def test_the_keyring_opens_the_journal_with_no_passphrase_and_a_broken_one_is_no_keyring(
    db_path: Path, clock: Clock, typed_passphrase, memory_keyring
):
    import keyring

    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    assert private_journal.keep_in_keyring(str(db_path))
    unlock.forget(db_path)
    asked = typed_passphrase()
    assert counts_of(db_path, clock)["contacts"] > 0 and asked == []

    keyring.set_keyring(BrokenKeyring())
    unlock.forget(db_path)
    asked = typed_passphrase(PASSPHRASE)
    assert counts_of(db_path, clock)["contacts"] > 0
    assert len(asked) == 1, "a failing keyring falls through to the next source"

    keyring.set_keyring(memory_keyring)
    decrypt_journal(db_path)
    assert memory_keyring.kept == {}, "a journal made plain leaves no key in the keyring"


def test_a_key_kept_for_another_journal_is_not_taken_for_this_one(
    db_path: Path, clock: Clock, typed_passphrase, memory_keyring
):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    memory_keyring.set_password(unlock.KEYRING_SERVICE, str(db_path.absolute()), os.urandom(32).hex())
    unlock.forget(db_path)
    asked = typed_passphrase(PASSPHRASE)
    assert counts_of(db_path, clock)["contacts"] > 0 and len(asked) == 1


def test_the_passphrase_is_derived_once_per_unlock_for_the_app_the_reader_and_the_feed(
    db_path: Path, clock: Clock, typed_passphrase, monkeypatch
):
    from followup_tui.services.calendar_feed import refresh_feed

    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    unlock.forget(db_path)
    asked = typed_passphrase(PASSPHRASE)
    derived = []
    real_mask = unlock._mask
    monkeypatch.setattr(unlock, "_mask", lambda *args: derived.append(1) or real_mask(*args))

    app_store = Store.open(db_path, clock)
    due_until(db_path, clock.today())
    refresh_feed(db_path, clock)  # the app's feed thread opens a connection of its own
    Store.open(db_path, clock).close()
    app_store.close()
    assert len(asked) == 1 and len(derived) == 1


def test_the_key_command_can_be_set_in_the_config_file(tmp_path: Path, monkeypatch):
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "followup" / "config"
    config.parent.mkdir(parents=True)
    config.write_text("# how followup unlocks my journal\nkey_command = pass show followup\n")
    assert unlock.key_command() == ("pass show followup", str(config))
    monkeypatch.setenv("FOLLOWUP_KEY_COMMAND", "op read op://me/followup")
    assert unlock.key_command() == ("op read op://me/followup", "FOLLOWUP_KEY_COMMAND")


def test_a_journal_whose_key_file_is_missing_is_named_as_possibly_private(db_path: Path, clock: Clock):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    key_file_of(db_path).unlink()
    unlock.forget(db_path)
    result = run("due", "--db", str(db_path))
    assert result.exit_code == 1
    assert "its key file journal.db.key is missing" in result.output


def test_cipher_settings_the_key_file_names_are_used_and_others_are_named_not_guessed(
    db_path: Path, clock: Clock, tmp_path: Path
):
    # A journal written with SQLCipher 3's settings, its key file saying so: it opens.
    old = tmp_path / "old.db"
    key = unlock.JournalKey(os.urandom(32), compatibility=3)
    conn = driver.connect(old, key=key.data, compatibility=3)
    conn.close()
    unlock.write_key_file(key_file_of(old), unlock.sealed_key(key, PASSPHRASE))
    unlock.remember(old, key)
    Store.open(old, clock).close()

    # The key file says SQLCipher 4, the journal was written with 3: named, not guessed at.
    unlock.write_key_file(key_file_of(old), unlock.sealed_key(unlock.JournalKey(key.data, 4), PASSPHRASE))
    unlock.remember(old, unlock.JournalKey(key.data, 4))
    with pytest.raises(StoreError, match="other cipher settings than its key file names \\(SQLCipher 4 defaults\\)"):
        Store.open(old, clock)

    # A key file naming settings this version does not know.
    sealed = unlock.sealed_key(key, PASSPHRASE) | {"compatibility": 5, "kdf": "argon2id"}
    unlock.write_key_file(key_file_of(db_path), sealed)
    unlock.forget(db_path)
    with pytest.raises(StoreError, match="names cipher settings this version cannot open \\(sqlcipher 5, argon2id\\)"):
        Store.open(db_path, clock)


def test_a_key_file_that_is_not_followups_is_never_taken_for_one(db_path: Path, clock: Clock):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    key_file_of(db_path).write_text('{"some": "other program"}')
    unlock.forget(db_path)
    with pytest.raises(StoreError, match="is not a followup-tui key file"):
        Store.open(db_path, clock)


# -- plain copies --------------------------------------------------------------------------------


def test_plain_backups_beside_the_journal_are_removed_after_asking_and_only_ours(
    db_path: Path, clock: Clock, tmp_path: Path
):
    demo_journal(db_path, clock)
    assert run("backup", "--db", str(db_path)).exit_code == 0
    [backup] = plain_copies(db_path)
    look_alike = tmp_path / "journal-2026-01-01T0000.backup.db"
    look_alike.write_text("my own notes, named like a backup")
    encrypt_journal(db_path, PASSPHRASE)

    kept = run("encrypt", "--db", str(db_path))  # not a terminal: kept, and said how to remove them
    assert "--remove-plain-backups" in kept.output and backup.exists()
    removed = run("encrypt", "--db", str(db_path), "--remove-plain-backups")
    assert f"  {backup}" in removed.output and "Removed 1 plain backup." in removed.output
    assert not backup.exists() and look_alike.exists()


def test_a_backup_of_a_private_journal_is_encrypted_and_opens_with_the_same_passphrase(
    db_path: Path, clock: Clock, tmp_path: Path, typed_passphrase
):
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)
    result = run("backup", "--db", str(db_path), "-o", str(tmp_path / "kept.db"))
    assert result.exit_code == 0, result.output
    assert not holds(tmp_path / "kept.db", SECRET_NAME)
    assert oct(key_file_of(tmp_path / "kept.db").stat().st_mode & 0o777) == "0o600"
    typed_passphrase(PASSPHRASE)
    assert counts_of(tmp_path / "kept.db", clock) == counts_of(db_path, clock)


# -- nothing in the clear ------------------------------------------------------------------------


def _every_file_written_since(started: float, *folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                file = Path(root, name)
                try:
                    if file.is_file() and not file.is_symlink() and file.stat().st_mtime >= started:
                        found.append(file)
                except OSError:
                    continue
    return found


def test_nothing_a_private_journal_writes_holds_a_name_in_the_clear(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
):
    from sqlite_utils import Database

    from followup_tui.store.schema import KNOWN_MIGRATIONS, migrations

    started = time.time()
    journal = tmp_path / "private" / "journal.db"
    journal.parent.mkdir()
    key = make_private(journal, monkeypatch)
    # A journal the previous release left, so opening it makes the copy before an upgrade.
    old = Database(driver.connect(journal, key=key.data))
    migrations.apply(old, stop_before=KNOWN_MIGRATIONS[-1])
    old["contacts"].insert({"name": SECRET_NAME, "created_at": "2026-01-01", "updated_at": "2026-01-01"})
    old.close()

    store = Store.open(journal, clock)  # upgraded: a copy made first
    assert [p.name for p in journal.parent.glob("*.backup")] == [f"journal.db.before-{KNOWN_MIGRATIONS[-1]}.backup"]
    fill_demo_beside = Contact(name=f"{SECRET_NAME} junior", notes=f"met {SECRET_NAME}'s team")
    store.add_contact(fill_demo_beside)
    store.close()
    assert run("backup", "--db", str(journal)).exit_code == 0
    exports = tmp_path.parent / f"{tmp_path.name}-exports"  # out of the searched folders: plain by nature
    exports.mkdir()
    exported = run("export", "json", "--db", str(journal), "-o", str(exports / "all.json"))
    assert exported.output.count("is not encrypted: exports are plain files") == 1
    assert holds(exports / "all.json", SECRET_NAME)
    assert "Error" not in run("search", "Quillfeather", "--db", str(journal)).output  # the quick reader's door
    assert run("due", "--db", str(journal)).exit_code == 0

    written = _every_file_written_since(started, journal.parent, Path(tempfile.gettempdir()))
    assert journal in written and len([p for p in written if p.parent == journal.parent]) >= 5
    leaks = [p for p in written if p.resolve() != (exports / "all.json").resolve() and _readable_holds(p)]
    assert leaks == []


def _readable_holds(file: Path) -> bool:
    try:
        return SECRET_NAME.encode() in file.read_bytes()
    except OSError:
        return False


# -- what a plain journal loads ------------------------------------------------------------------


@pytest.mark.slow
def test_a_plain_journal_loads_neither_sqlcipher_nor_the_keyring(db_path: Path, clock: Clock):
    import subprocess
    import sys

    demo_journal(db_path, clock)
    code = (
        "import sys\n"
        "from followup_tui.quick import answer, read_quick_args\n"
        f"answer(read_quick_args(['due', '--db', {str(db_path)!r}]))\n"
        "from followup_tui.services.journal import open_journal\n"
        "from followup_tui.domain.clock import Clock\n"
        f"open_journal({str(db_path)!r}, Clock()).close()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlcipher3', 'keyring'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


# -- the real program ----------------------------------------------------------------------------


@pytest.mark.slow
def test_sqlcipher_never_writes_to_stderr_and_a_wrong_key_is_one_line(db_path: Path, clock: Clock):
    demo_journal(db_path, clock)
    assert run_followup("encrypt", "--db", str(db_path), env={"FOLLOWUP_KEY_COMMAND": key_command()}).returncode == 0
    for command in (["due"], ["search", "Quillfeather"], ["list", "contacts"], ["notify"]):
        wrong = run_followup(*command, "--db", str(db_path), env={"FOLLOWUP_KEY_COMMAND": key_command("nope")})
        assert wrong.returncode == 2
        assert wrong.stderr.decode() == f"Error: wrong passphrase for {db_path}\n", command
        assert wrong.stdout == b""
    # A key file taken from another journal: the right passphrase, a key that does not open it.
    other = db_path.with_name("other.db")
    make_private(other)
    key_file_of(db_path).write_bytes(key_file_of(other).read_bytes())
    foreign = run_followup("due", "--db", str(db_path), env={"FOLLOWUP_KEY_COMMAND": key_command()})
    [line] = foreign.stderr.decode().splitlines()
    assert foreign.returncode == 1 and line.startswith(f"Error: {db_path} does not open with its key")
    assert b"ERROR CORE" not in foreign.stderr and b"hmac check failed" not in foreign.stderr


@pytest.mark.slow
def test_the_commands_round_trip_through_the_real_program_with_a_key_command(db_path: Path, clock: Clock):
    before = demo_journal(db_path, clock)
    old = {"FOLLOWUP_KEY_COMMAND": key_command()}
    encrypted = run_followup("encrypt", "--db", str(db_path), "--no-keyring", env=old)
    assert encrypted.returncode == 0, encrypted.stderr
    due = run_followup("due", "--db", str(db_path), "--json", env=old)
    assert due.returncode == 0 and json.loads(due.stdout)
    rekeyed = run_followup("rekey", "--db", str(db_path), "--new-key-command", key_command("fresh one"), env=old)
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert run_followup("due", "--db", str(db_path), env=old).returncode == 2
    new = {"FOLLOWUP_KEY_COMMAND": key_command("fresh one")}
    decrypted = run_followup("decrypt", "--db", str(db_path), env=new)
    assert decrypted.returncode == 0, decrypted.stderr
    assert counts_of(db_path, clock) == before


KILL_AT = ["started", "copied", "verified", "sealed", "replaced"]


@pytest.mark.slow
@pytest.mark.parametrize("step", KILL_AT)
def test_a_kill_at_any_point_of_encrypt_leaves_a_journal_that_opens_whole(
    db_path: Path, clock: Clock, step: str, typed_passphrase
):
    import signal
    import subprocess
    import sys

    before = demo_journal(db_path, clock)
    code = (
        "import os, signal, sys\n"
        "from followup_tui.store.privacy import encrypt_journal\n"
        "def step(name):\n"
        f"    if name == {step!r}: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"encrypt_journal(sys.argv[1], {PASSPHRASE!r}, on_step=step)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr

    typed_passphrase(PASSPHRASE)
    assert counts_of(db_path, clock) == before
    assert holds(db_path, SECRET_NAME) == (step != "replaced")
    encrypt_again = step != "replaced"
    if encrypt_again:  # the journal is as it was: encrypting it now simply works
        unlock.forget(db_path)
        encrypt_journal(db_path, PASSPHRASE)
        assert counts_of(db_path, clock) == before and not holds(db_path, SECRET_NAME)


def test_a_session_remembers_the_key_only_when_asked_and_only_in_a_private_runtime_folder(
    db_path: Path, clock: Clock, tmp_path: Path, typed_passphrase, monkeypatch
):
    runtime = tmp_path / "run-user"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    demo_journal(db_path, clock)
    encrypt_journal(db_path, PASSPHRASE)

    unlock.forget(db_path)
    asked = typed_passphrase(PASSPHRASE, PASSPHRASE)
    counts_of(db_path, clock)
    unlock.forget(db_path)
    counts_of(db_path, clock)
    assert len(asked) == 2 and not any(runtime.rglob("*")), "not asked for: nothing kept"

    config = unlock.config_file()
    config.parent.mkdir(parents=True)
    config.write_text("remember_key = session\n")
    unlock.forget(db_path)
    asked = typed_passphrase(PASSPHRASE)
    counts_of(db_path, clock)
    unlock.forget(db_path)
    counts_of(db_path, clock)  # a new command in the same session: not asked again
    assert len(asked) == 1
    [kept] = [p for p in runtime.rglob("*") if p.is_file()]
    assert oct(kept.stat().st_mode & 0o777) == "0o600"

    decrypt_journal(db_path)
    assert not kept.exists(), "a journal made plain leaves no key behind"

    runtime.chmod(0o755)  # a runtime folder others can read is no place for a key
    assert unlock._session_file(db_path) is None


async def test_what_the_app_writes_to_a_private_journal_is_never_in_the_clear(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
):
    """A debrief typed in the app (autosaved as a draft as it is typed) and the journal's own log
    files: nothing under the journal's folder or the temp folder holds the name typed."""
    from followup_tui.services.debriefs import NEW_DRAFT
    from followup_tui.ui.app import FollowupApp

    started = time.time()
    journal = tmp_path / "private" / "journal.db"
    journal.parent.mkdir()
    make_private(journal, monkeypatch)
    store = Store.open(journal, clock)
    fill_demo(store)
    app = FollowupApp(store, start_with_debrief=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.query_one("#answer-overall").focus()
        for character in f"Met {SECRET_NAME}":
            await pilot.press("space" if character == " " else character)
        for _ in range(60):  # the autosave's beat, however busy the machine
            await pilot.pause(0.25)
            if (draft := store.get_draft(NEW_DRAFT)) and SECRET_NAME in draft.payload["answers"].get("overall", ""):
                break
        assert SECRET_NAME in store.get_draft(NEW_DRAFT).payload["answers"]["overall"]
        written = _every_file_written_since(started, journal.parent, Path(tempfile.gettempdir()))
        assert journal.with_name("journal.db-wal") in written  # the app's own write-ahead log, too
        assert [p for p in written if _readable_holds(p)] == []
    store.close()


def test_encrypt_and_rekey_in_a_script_with_no_passphrase_source_change_nothing(db_path: Path, clock: Clock):
    demo_journal(db_path, clock)
    before = db_path.read_bytes()
    refused = run("encrypt", "--db", str(db_path))
    assert refused.exit_code == 1 and "encrypt needs a new passphrase: set FOLLOWUP_KEY_COMMAND" in refused.output
    assert db_path.read_bytes() == before and not key_file_of(db_path).exists()

    encrypt_journal(db_path, PASSPHRASE)
    sealed = key_file_of(db_path).read_bytes()
    refused = run("rekey", "--db", str(db_path))  # unlocked by the key this process keeps
    assert refused.exit_code == 1 and "give --new-key-command" in refused.output
    assert key_file_of(db_path).read_bytes() == sealed


@pytest.mark.slow
def test_text_opened_in_the_editor_is_written_to_the_private_runtime_folder_not_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import sys

    from followup_tui.services.editor import edit_text

    runtime = tmp_path / "run-user"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    seen = tmp_path / "seen"
    editor = (
        "import sys, pathlib; p = pathlib.Path(sys.argv[1]);"
        f" pathlib.Path({str(seen)!r}).write_text(str(p.parent.parent));"
        " p.write_text(p.read_text() + ' and more')"
    )
    edited = edit_text(f"Met {SECRET_NAME}", command=[sys.executable, "-c", editor])
    assert edited == f"Met {SECRET_NAME} and more"
    assert seen.read_text() == str(runtime), "written where only memory holds it"
    assert not any(runtime.iterdir()), "and gone once edited"


@pytest.mark.slow
def test_encrypt_takes_in_what_a_killed_copy_left_in_the_write_ahead_log_and_leaves_no_log_in_the_clear(
    db_path: Path, clock: Clock, typed_passphrase
):
    import signal
    import subprocess
    import sys

    demo_journal(db_path, clock)
    code = (
        "import os, signal, sys\n"
        "from followup_tui.services.journal import open_journal\n"
        "from followup_tui.domain.clock import Clock\n"
        "from followup_tui.domain.models import Contact\n"
        "store = open_journal(sys.argv[1], Clock())\n"
        "store.conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "store.add_contact(Contact(name='Only In The Log'))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    log = db_path.with_name("journal.db-wal")
    assert holds(log, "Only In The Log"), "the killed copy's last write is in the log alone"

    encrypt_journal(db_path, PASSPHRASE)

    assert not log.exists() and not db_path.with_name("journal.db-shm").exists()
    typed_passphrase(PASSPHRASE)
    store = Store.open(db_path, clock)
    assert "Only In The Log" in {contact.name for contact in store.list_contacts()}
    store.close()
    assert not any(holds(file, "Only In The Log") for file in db_path.parent.iterdir() if file.is_file())


# -- a private journal and sync ------------------------------------------------------------------


def test_encrypt_removes_the_plain_base_a_sync_kept_and_the_private_journal_syncs_on(
    db_path: Path, clock: Clock, tmp_path: Path
):
    """The base a sync keeps beside the journal is a plain copy of it: `encrypt` removes it with
    the plain journal, and the next sync keeps an encrypted one (tests/test_sync_private.py)."""
    from followup_tui.services import sync as sharing

    demo_journal(db_path, clock)
    folder = tmp_path / "synced"
    folder.mkdir()
    sharing.sync_journal(db_path, folder)
    base = db_path.with_name(f"{db_path.name}.sync-base")
    assert holds(base, SECRET_NAME) and base in plain_copies(db_path)

    encrypt_journal(db_path, PASSPHRASE)  # its key kept by this process, as after an unlock
    assert not base.exists() and not plain_copies(db_path)

    synced = run("sync", str(folder), "--db", str(db_path))
    assert synced.exit_code == 0 and "syncs as device" in synced.output
    assert base.exists() and not holds(base, SECRET_NAME) and not plain_copies(db_path)
    assert run("settings", "sync.folder", str(folder), "--db", str(db_path)).exit_code == 0


# -- a file written with -o never replaces a journal ------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["export", "json"],
        ["export", "csv"],
        ["export", "markdown"],
        ["report", "activity", "--from", "1 Nov", "--csv"],
        ["prep", "--markdown"],
    ],
)
def test_an_export_never_writes_over_the_journal_its_key_file_or_its_backup(
    db_path: Path, clock: Clock, command: list[str]
):
    """A typo in -o (the journal's own name) must not wipe the journal: a file that is a SQLite
    database, a key file, or a private journal with its key beside it is refused, and kept."""
    demo_journal(db_path, clock)
    backup = db_path.with_name("copy.db")
    assert run("backup", "--db", str(db_path), "-o", str(backup)).exit_code == 0
    before = backup.read_bytes()
    refused = CliRunner().invoke(cli, [*command, "--db", str(db_path), "-o", str(backup)])
    assert refused.exit_code == 2 and "a SQLite database" in refused.output
    assert backup.read_bytes() == before

    encrypt_journal(db_path, PASSPHRASE)
    env = {"FOLLOWUP_KEY_COMMAND": key_command()}
    for target, words in ((db_path, "a private journal"), (key_file_of(db_path), "a journal's key file")):
        kept = target.read_bytes()
        refused = CliRunner().invoke(cli, [*command, "--db", str(db_path), "-o", str(target)], env=env)
        assert refused.exit_code == 2 and words in refused.output, refused.output
        assert target.read_bytes() == kept
    assert counts_of(db_path, clock)["contacts"] > 0
