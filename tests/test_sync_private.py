"""Two machines, one private (encrypted) journal: `followup sync` carries it between them without
leaving any of it in the clear. The change files are sealed with a key derived from the
journal's own (AES-256-GCM, the header as associated data), the sync's base is encrypted with the
journal's key, and a file that does not open waits, with a line that says why, applying nothing.

As in tests/test_sync.py, each journal stands in for a machine and `deliver` for Syncthing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.models import Contact, Opportunity
from followup_tui.services import sync as sharing
from followup_tui.store import Store
from followup_tui.store.opening import SQLITE_HEADER, key_file_of
from followup_tui.store.privacy import decrypt_journal, encrypt_journal, plain_copies
from followup_tui.store.sync_tables import base_path_for

from .keys import PASSPHRASE, key_command, raw_connection
from .sync_machines import Machine, deliver, settle_all

COMPANY = "Quillfeather Labs"
"""A company no other test writes: found in a file outside the journal, it leaked."""


@pytest.fixture
def laptop(tmp_path: Path, clock) -> Machine:
    return Machine.made_private(tmp_path, "laptop", clock)


def _first_application(machine: Machine, notes: str = "first words") -> int:
    with machine.store() as store:
        made = store.add_opportunity(Opportunity(company=COMPANY, role="Staff Engineer", notes=notes))
        store.add_contact(Contact(name="Zephyrine Quillfeather", company=COMPANY, email="zq@example.com"))
    return made.id


def _note(machine: Machine, opportunity: int, notes: str) -> None:
    with machine.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), notes=notes))


def _notes(machine: Machine, opportunity: int) -> str:
    with machine.store() as store:
        return store.get_opportunity(opportunity).notes


def _change_files(*machines: Machine) -> list[Path]:
    return sorted(f for m in machines for f in (m.folder / "outbox").rglob("*") if f.is_file())


def _header(file: Path) -> dict:
    return json.loads(file.read_bytes().partition(b"\n")[0])


def _desktop_copy(laptop: Machine, tmp_path: Path) -> Machine:
    """The laptop's private journal, synced once, then copied (key file and all) to the desktop,
    which syncs at once (taking a device of its own), as does the laptop after it."""
    laptop.sync()
    desktop = laptop.copied_to(tmp_path, "desktop")
    deliver(laptop, desktop)
    assert desktop.sync().new_device
    deliver(desktop, laptop)
    assert not laptop.sync().waiting
    return desktop


def test_two_private_journals_edit_sync_and_converge_with_nothing_in_the_clear(laptop: Machine, tmp_path: Path):
    made = _first_application(laptop)
    desktop = _desktop_copy(laptop, tmp_path)
    _note(laptop, made, "Called the recruiter at Quillfeather Labs")
    with desktop.store() as store:
        store.add_opportunity(Opportunity(company=f"{COMPANY} Europe", role="Engineer"))
    settle_all([laptop, desktop])

    assert laptop.tables() == desktop.tables()
    assert _notes(desktop, made) == "Called the recruiter at Quillfeather Labs"
    assert len(laptop.tables()["opportunities"]) == 2
    files = _change_files(laptop, desktop)
    assert len({_header(f)["device"] for f in files}) == 2  # both machines sent
    for file in files:
        assert _header(file)["sealed"] == "aes-256-gcm"
        assert b"Quillfeather" not in file.read_bytes() and b"recruiter" not in file.read_bytes()
    for machine in (laptop, desktop):
        base = base_path_for(machine.journal)
        assert base.exists() and not base.read_bytes().startswith(SQLITE_HEADER)
        assert b"Quillfeather" not in base.read_bytes()
        assert base not in plain_copies(machine.journal)


def test_what_the_sync_wrote_into_a_private_journal_sqlcipher_reads_whole_and_search_finds(
    laptop: Machine, tmp_path: Path
):
    """The engine writes a private journal through another build of SQLite (SQLite3 Multiple
    Ciphers): the app's SQLCipher then reads every page of it, and the search indexes, kept by the
    journal's own triggers as the changes went in, are whole and find the words."""
    from followup_tui.services.debriefs import record_debrief, search_debriefs

    from .test_sync import _debrief

    _first_application(laptop)
    desktop = _desktop_copy(laptop, tmp_path)
    with laptop.store() as store:
        record_debrief(store, _debrief("They asked about idempotent queues"))
    settle_all([laptop, desktop])
    with desktop.store() as store:
        assert [hit.listing.company for hit in search_debriefs(store, "idempotent")] == ["Acme"]
    for machine in (laptop, desktop):
        conn = raw_connection(machine.journal)
        try:
            assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            indexes = [
                name
                for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
                if "USING FTS5" in (sql or "").upper()
            ]
            assert indexes
            for name in indexes:
                conn.execute(f"INSERT INTO [{name}]([{name}]) VALUES ('integrity-check')")
        finally:
            conn.close()


def test_a_change_file_flipped_by_one_byte_waits_and_holds_back_the_files_after_it(laptop: Machine, tmp_path: Path):
    made = _first_application(laptop)
    desktop = _desktop_copy(laptop, tmp_path)
    before = desktop.tables()
    _note(laptop, made, "the second file's words")
    laptop.sync()
    _note(laptop, made, "the third file's words")
    laptop.sync()
    deliver(laptop, desktop)
    second, third = sorted((desktop.folder / "outbox" / str(laptop.device)).iterdir())[-2:]
    good = second.read_bytes()
    flipped = bytearray(good)
    body_starts = good.index(b"\n") + 1
    flipped[body_starts + (len(good) - body_starts) // 2] ^= 0x01  # one bit, in the sealed changeset
    second.write_bytes(bytes(flipped))

    report = desktop.sync()
    assert report.arrived == 0 and report.files_in == 0
    assert len(report.waiting) == 1 and second.name in report.waiting[0]
    assert "sealed with another journal's key, or damaged on the way" in report.waiting[0]
    assert desktop.tables() == before  # not the third file past it, and nothing of the second

    second.write_bytes(good)  # the folder delivers it again, whole
    report = desktop.sync()
    assert report.files_in == 2 and not report.waiting
    assert _notes(desktop, made) == "the third file's words"


def test_a_header_moved_onto_another_files_body_does_not_open(laptop: Machine, tmp_path: Path):
    made = _first_application(laptop)
    desktop = _desktop_copy(laptop, tmp_path)
    _note(laptop, made, "only in the second file")
    laptop.sync()
    deliver(laptop, desktop)
    first, second = sorted((desktop.folder / "outbox" / str(laptop.device)).iterdir())[-2:]
    header = second.read_bytes().partition(b"\n")[0]
    second.write_bytes(header + b"\n" + first.read_bytes().partition(b"\n")[2])

    report = desktop.sync()
    assert report.files_in == 0 and "damaged on the way" in report.waiting[0]


def test_another_journals_key_and_a_plain_journal_leave_a_sealed_file_waiting(laptop: Machine, tmp_path: Path, clock):
    _first_application(laptop)
    laptop.sync()
    stranger = Machine.made_private(tmp_path, "stranger", clock)  # private, with a key of its own
    plain = Machine.made(tmp_path, "plain", clock)
    for other in (stranger, plain):
        deliver(laptop, other)
        report = other.sync()
        assert report.files_in == 0 and len(report.waiting) == 1
        assert COMPANY not in json.dumps(other.tables(), default=str)
    assert "sealed with another journal's key" in stranger.reports[-1].waiting[0]
    assert "sealed: this journal is plain" in plain.reports[-1].waiting[0]


def test_made_private_on_one_machine_while_the_other_is_plain_nothing_is_lost(tmp_path: Path, clock):
    """The laptop turns private; the desktop is still plain. The laptop takes the desktop's files
    (a machine it synced with before), the desktop leaves the laptop's sealed files waiting, and
    a plain journal it never synced with cannot slip a file in the clear into the private one."""
    laptop, desktop = Machine.made(tmp_path, "laptop", clock), Machine.made(tmp_path, "desktop", clock)
    made = _first_application(laptop)
    settle_all([laptop, desktop])
    _note(desktop, made, "the desktop writes too")
    settle_all([laptop, desktop])
    base = base_path_for(laptop.journal)
    assert base.exists()

    encrypt_journal(laptop.journal, PASSPHRASE)
    assert not base.exists()  # the plain base went with the plain journal
    _note(desktop, made, "written on the still plain desktop")
    desktop.sync()
    deliver(desktop, laptop)
    report = laptop.sync()  # no base: everything goes out once more, sealed, as a device of its own
    assert report.new_device and "made private or plain" in report.lines()[0]
    assert _notes(laptop, made) == "written on the still plain desktop"
    assert not base.read_bytes().startswith(SQLITE_HEADER)

    deliver(laptop, desktop)
    waiting = desktop.sync().waiting
    assert len(waiting) == 1 and "sealed: this journal is plain" in waiting[0]

    stranger = Machine.made(tmp_path, "stranger", clock, folder=laptop.folder)
    with stranger.store() as store:
        store.add_opportunity(Opportunity(company="Slipped In"))
    stranger.sync()
    report = laptop.sync()
    assert any("never synced with" in line for line in report.waiting)
    assert "Slipped In" not in json.dumps(laptop.tables(), default=str)


def test_decrypt_removes_the_encrypted_base_and_the_next_sync_sends_in_the_clear_again(laptop: Machine, tmp_path: Path):
    made = _first_application(laptop)
    desktop = _desktop_copy(laptop, tmp_path)
    decrypt_journal(laptop.journal)
    assert not base_path_for(laptop.journal).exists()
    _note(laptop, made, "after the decrypt")
    report = laptop.sync()
    assert report.new_device
    assert base_path_for(laptop.journal).read_bytes().startswith(SQLITE_HEADER)
    newest = max(_change_files(laptop), key=lambda f: f.stat().st_mtime_ns)
    assert _header(newest)["sealed"] is None
    deliver(laptop, desktop)
    waiting = desktop.sync().waiting  # still private: the file in the clear comes from a new device
    assert len(waiting) == 1 and "never synced with" in waiting[0]
    assert _notes(desktop, made) == "first words"


def test_a_private_journal_can_name_its_sync_folder(laptop: Machine):
    done = CliRunner().invoke(
        cli,
        ["settings", "sync.folder", str(laptop.folder), "--db", str(laptop.journal)],
        env={"FOLLOWUP_KEY_COMMAND": key_command()},
    )
    assert done.exit_code == 0, done.output
    with laptop.store() as store:
        assert sharing.folder_of(store) == laptop.folder


def test_a_key_handed_to_the_sync_that_is_not_the_journals_is_refused_in_one_line(laptop: Machine):
    done = CliRunner().invoke(
        cli, ["sync", str(laptop.folder), "--db", str(laptop.journal), "--key-on-stdin"], input="ab" * 32 + "\n"
    )
    assert done.exit_code == 1 and "does not open" in done.output and "Traceback" not in done.output
    assert not (laptop.folder / "outbox").exists()


def followup(journal: Path, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(journal), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.mark.slow
def test_followup_sync_on_a_private_journal_with_a_key_command_works_end_to_end(tmp_path: Path):
    laptop = tmp_path / "laptop" / "journal.db"
    laptop.parent.mkdir()
    folder = tmp_path / "Sync"
    folder.mkdir()
    env = {"FOLLOWUP_KEY_COMMAND": key_command()}
    followup(laptop, "demo")
    assert b"Northwind Analytics" in laptop.read_bytes()
    encrypted = CliRunner().invoke(cli, ["encrypt", "--db", str(laptop), "--no-keyring"], env=env)
    assert encrypted.exit_code == 0, encrypted.output
    sent = followup(laptop, "sync", str(folder), **env).stdout
    assert sent.startswith("Sent ") and "0 changes" not in sent.splitlines()[0].split(";")[0]
    desktop = tmp_path / "desktop" / "journal.db"
    desktop.parent.mkdir()
    shutil.copyfile(laptop, desktop)
    shutil.copyfile(laptop.with_name("journal.db.key"), desktop.with_name("journal.db.key"))
    assert "syncs as device" in followup(desktop, "sync", str(folder), **env).stdout
    followup(
        desktop,
        "add",
        "Ask Kestrel Optics about the take-home",
        "--due",
        "tomorrow",
        "--company",
        "Kestrel Optics",
        "--new-company",
        **env,
    )
    followup(desktop, "sync", str(folder), **env)
    arrived = followup(laptop, "sync", str(folder), **env).stdout
    assert "Waiting" not in arrived and "applied" in arrived
    assert "Kestrel Optics" in followup(laptop, "list", "applications", **env).stdout
    for file in (f for f in (folder / "outbox").rglob("*") if f.is_file()):
        assert b"Northwind Analytics" not in file.read_bytes() and b"Kestrel" not in file.read_bytes()
    locked = followup(laptop, "sync", str(folder), check=False)
    assert locked.returncode != 0 and "is private (encrypted) and no key reached it" in locked.stderr


@pytest.mark.slow
def test_the_apps_sync_in_a_child_gets_the_key_through_a_pipe_never_the_command_line(
    laptop: Machine, monkeypatch: pytest.MonkeyPatch
):
    """The app unlocked the journal (a typed passphrase: no key command, no keyring); the sync it
    runs in a child process is handed the key on its standard input."""
    import subprocess

    _first_application(laptop)
    Store.open(laptop.journal, laptop.clock).close()
    with laptop.store() as store:
        store.set_setting(sharing.FOLDER_SETTING, str(laptop.folder))
    seen = []
    real = subprocess.run

    def watched(command, **options):
        seen.append((command, options.get("env"), options.get("input")))
        return real(command, **options)

    monkeypatch.setattr(subprocess, "run", watched)
    synced = sharing.sync_in_child(laptop.journal)
    assert synced.sent > 0 and not synced.waiting
    [(command, env, given)] = seen
    key = laptop_key(laptop)
    assert key not in " ".join(command) and env is None and given == key + "\n"
    assert _change_files(laptop) and b"Quillfeather" not in _change_files(laptop)[0].read_bytes()


def laptop_key(machine: Machine) -> str:
    from followup_tui.store.unlock import journal_key

    return journal_key(machine.journal, ask=False).data.hex()


def test_a_private_journal_copied_over_a_plain_one_that_synced_before_syncs_as_a_device_of_its_own(
    laptop: Machine, tmp_path: Path, clock
):
    """The desktop kept a plain journal, and synced it: its plain base stays beside the private
    copy put in its place. It is not the copy's; the copy takes a device of its own and syncs."""
    opportunity = _first_application(laptop)
    laptop.sync()
    desktop = Machine.made(tmp_path, "desktop", clock)
    desktop.sync()  # a plain journal that synced: it has a plain base
    shutil.copyfile(laptop.journal, desktop.journal)
    shutil.copyfile(key_file_of(laptop.journal), key_file_of(desktop.journal))
    deliver(laptop, desktop)
    report = desktop.sync()
    assert report.new_device
    _note(desktop, opportunity, "written on the desktop")
    settle_all([laptop, desktop])
    assert _notes(laptop, opportunity) == "written on the desktop"
    assert laptop.tables() == desktop.tables()
