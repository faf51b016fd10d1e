"""A busy journal is waited for, odd files and arguments get one line, backups are private from
their first byte, and the app's raw output to a real terminal holds no control sequence that
came from stored text."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import sqlite3
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from followup_tui.domain.clock import Clock
from followup_tui.services.followups import add_by_names
from followup_tui.services.journal import JournalBusy
from followup_tui.store import Store

from .helpers import run_followup as followup
from .test_hostile_text import HOSTILE, no_terminal_control

pytestmark = pytest.mark.slow


def one_line_error(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode()
    assert done.returncode != 0 and "Traceback" not in err, err
    assert err.startswith(("Error: ", "Usage: ")), err
    return err


# -- a busy journal ------------------------------------------------------------------------------


HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_write_lock(db: Path, seconds: float) -> subprocess.Popen:
    """Another process (a large import, a second copy) holding the journal's write lock."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_command_waits_for_another_copy_says_so_once_and_succeeds(demo_store: Store, db_path: Path):
    holder = hold_write_lock(db_path, 4)
    done = followup(
        "--db", str(db_path), "add", "Send the portfolio", "--due", "tomorrow", "--company", "Initech", "--new-company"
    )
    holder.wait(10)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().count("Waiting: another copy of followup is writing") == 1
    assert b"Added check-in" in done.stdout


def test_a_command_that_waits_past_its_patience_ends_with_one_line_and_writes_nothing(demo_store: Store, db_path: Path):
    before = demo_store.counts()
    holder = hold_write_lock(db_path, 8)
    try:
        done = followup(
            "--db",
            str(db_path),
            "add",
            "x",
            "--due",
            "tomorrow",
            "--company",
            "Initech",
            "--new-company",
            env={"FOLLOWUP_WAIT": "1"},
        )
    finally:
        holder.kill()
    waiting, error = done.stderr.decode().splitlines()  # said once that it waits, then one line
    assert done.returncode == 1 and waiting.startswith("Waiting: another copy")
    assert error.startswith("Error: ") and "busy" in error
    assert demo_store.counts() == before


async def test_the_app_says_the_journal_is_busy_and_stays_usable(demo_store: Store, db_path: Path, clock: Clock):
    from followup_tui.ui.app import FollowupApp

    app = FollowupApp(demo_store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.journal_screen.query_one("#timeline-pane")
        planned = demo_store.count_planned_due(None, None)
        holder = hold_write_lock(db_path, 6)
        try:
            await pilot.press("d")
            await pilot.pause()
            assert app.is_running
            assert any("busy" in str(n.title).lower() for n in app._notifications)
            assert demo_store.count_planned_due(None, None) == planned
        finally:
            holder.kill()
            holder.wait()
        await pilot.press("d")  # once the other copy is done, the same key works
        await pilot.pause()
        assert demo_store.count_planned_due(None, None) == planned - 1
        assert pane.loaded


async def test_enter_in_a_setting_under_a_busy_journal_keeps_the_app_and_what_was_typed(
    demo_store: Store, db_path: Path, clock: Clock
):
    from textual.widgets import Input

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.settings_screen import SettingEditor

    app = FollowupApp(demo_store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.press("enter")  # me.name, first in the list
        await pilot.pause()
        holder = hold_write_lock(db_path, 6)
        try:
            await pilot.press(*"Alex Morgan", "enter")
            await pilot.pause()
            assert app.is_running
            assert any("busy" in str(n.title).lower() for n in app._notifications)
            assert isinstance(app.screen, SettingEditor), "the editor stays open"
            assert app.screen.query_one("#setting-value", Input).value.endswith("Alex Morgan")
        finally:
            holder.kill()
            holder.wait()
        await pilot.press("enter")  # once the other copy is done, the same key saves it
        await pilot.pause()
        assert demo_store.get_setting("me.name").endswith("Alex Morgan")


async def test_enter_in_the_reply_dialog_under_a_busy_journal_keeps_the_app_and_the_reply(
    demo_store: Store, db_path: Path, clock: Clock
):
    from textual.widgets import Input

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.reply_dialog import ReplyDialog

    app = FollowupApp(demo_store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        before = demo_store.counts()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReplyDialog)
        holder = hold_write_lock(db_path, 6)
        try:
            await pilot.press(*"They decide Friday", "enter")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, ReplyDialog)
            assert any("busy" in str(n.title).lower() for n in app._notifications)
            assert app.screen.query_one("#said", Input).value == "They decide Friday"
            assert demo_store.counts() == before
        finally:
            holder.kill()
            holder.wait()


def test_a_write_from_the_store_refuses_after_its_patience(demo_store: Store, db_path: Path):
    demo_store.patience = 0.2
    told = []
    demo_store.on_wait = lambda: told.append("waiting")
    holder = hold_write_lock(db_path, 6)
    try:
        with pytest.raises(JournalBusy, match="another copy"):
            add_by_names(demo_store, "x", demo_store.clock.today(), "Initech")
    finally:
        holder.kill()
    assert told == ["waiting"]


# -- odd files and arguments -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["due"], ["search", "queue"], ["export", "json"], ["add", "x", "--due", "today"]])
def test_a_pipe_as_the_journal_is_refused_at_once(tmp_path: Path, command: list[str]):
    fifo = tmp_path / "journal.db"
    os.mkfifo(fifo)
    err = one_line_error(followup("--db", str(fifo), *command, timeout=20))
    assert "not a regular file" in err


@pytest.mark.parametrize(
    "args, env, says",
    [
        (["due", "--within", "3000000"], {}, "0<=x<=3660"),
        (["search", "q", "-n", "99999999999999999999"], {}, "1<=x<=10000"),
        (["due"], {"FOLLOWUP_TODAY": "9999-12-31"}, "pick a day between"),
        (["search", "\udcff"], {}, None),
        (["add", "bad \udcff", "--due", "tomorrow", "--company", "X", "--new-company"], {}, "not text"),
        (["settings", "me.signature", "sig \udcff"], {}, "not text"),
        (["import", "vcard", "/dev/zero"], {}, "not a regular file"),
        (["export", "json", "-o", "/dev/stdout"], {}, "system file"),
        (["export", "json", "-o", "/dev/null"], {}, "system file"),
        (["backup", "-o", "/dev/null"], {}, "system file"),
    ],
    ids=lambda value: str(value)[:30] if isinstance(value, list) else None,
)
def test_every_argument_ends_in_one_line_and_no_traceback(tmp_path: Path, args: list[str], env: dict, says):
    db = tmp_path / "journal.db"
    assert followup("--db", str(db), "demo").returncode == 0
    argv = [os.fsencode(arg) for arg in ["--db", str(db), *args]]  # \udcff: a byte that is not UTF-8
    done = subprocess.run(
        [sys.executable, "-m", "followup_tui", *argv], capture_output=True, env={**os.environ, **env}, timeout=60
    )
    if says is None:  # nothing matches: a plain answer, no traceback
        assert b"Traceback" not in done.stderr and no_terminal_control(done.stdout)
        return
    err = one_line_error(done)
    assert says in err
    assert os.path.islink("/dev/stdout") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", [["due"], [], ["new"], ["export", "json"]], ids=["due", "app", "new", "export"])
def test_an_empty_journal_name_is_an_error_naming_where_it_came_from(tmp_path: Path, command: list[str]):
    done = followup("--db", "", *command, timeout=20)
    assert (done.returncode, done.stderr) == (2, b"Error: --db: give a file name\n")
    unset = followup(*command, env={"FOLLOWUP_DB": ""}, timeout=20)
    assert unset.returncode == 2 and b"FOLLOWUP_DB is set to nothing" in unset.stderr
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg-data").exists(), "no journal made"


NOT_UTF8 = os.fsdecode(b"\xffjournal.db")
"""A file name with a byte that is not UTF-8 (`$'\\xffjournal.db'` in bash), as Python reads it."""


def test_a_journal_whose_name_is_not_utf8_backs_up_beside_it_and_to_o(tmp_path: Path):
    db = tmp_path / NOT_UTF8
    assert followup("--db", os.fsencode(db), "demo").returncode == 0
    beside = followup("--db", os.fsencode(db), "backup")
    assert beside.returncode == 0, beside.stderr
    given = followup("--db", os.fsencode(db), "backup", "-o", os.fsencode(tmp_path / os.fsdecode(b"\xfe.bak")))
    assert given.returncode == 0, given.stderr
    copies = sorted(p for p in tmp_path.iterdir() if p.suffix in (".db", ".bak") and p != db)
    assert len(copies) == 2 and all(
        sqlite3.connect(p).execute("SELECT count(*) FROM contacts").fetchone()[0] for p in copies
    )
    odd_folder = tmp_path / os.fsdecode(b"\xfdfolder")
    odd_folder.mkdir()
    refused = one_line_error(followup("--db", os.fsencode(db), "backup", "-o", os.fsencode(odd_folder / "copy.db")))
    assert "not UTF-8" in refused and list(odd_folder.iterdir()) == []


def test_a_timer_for_a_journal_whose_name_is_not_utf8_is_refused_in_one_line(tmp_path: Path):
    db, config = tmp_path / NOT_UTF8, tmp_path / "config"
    assert followup("--db", os.fsencode(db), "demo").returncode == 0
    done = followup("--db", os.fsencode(db), "notify", "--install-timer", "--yes", env={"XDG_CONFIG_HOME": str(config)})
    err = one_line_error(done)
    assert "is not UTF-8 text, and a systemd unit file must be" in err and err.count("\n") == 1
    assert not config.exists() or not list(config.rglob("*.service")), "no unit file written"


def test_an_export_onto_a_link_replaces_the_link_not_what_it_points_at(tmp_path: Path):
    db, kept, link = tmp_path / "journal.db", tmp_path / "kept.json", tmp_path / "export.json"
    kept.write_text("keep me")
    link.symlink_to(kept)
    assert followup("--db", str(db), "export", "json", "-o", str(link)).returncode == 0
    assert kept.read_text() == "keep me" and not link.is_symlink()


def test_a_cut_short_journal_is_named_as_damaged_with_a_pointer_to_backups(tmp_path: Path):
    db = tmp_path / "journal.db"
    assert followup("--db", str(db), "demo").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.truncate(db, db.stat().st_size // 3)
    for command in (["due"], ["export", "json"]):
        err = one_line_error(followup("--db", str(db), *command))
        assert "damaged" in err and "backup" in err


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 2 MiB filesystem (a new journal, with its indexes, is about 320 KiB), where a real disk-full
    error can happen (needs root and tmpfs)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)]).returncode:
        pytest.skip("cannot mount a small filesystem here")
    yield folder
    subprocess.run(["umount", "-l", str(folder)])


def test_a_full_disk_is_named_and_loses_nothing(small_disk: Path):
    db = small_disk / "journal.db"
    assert (
        followup(
            "--db", str(db), "add", "first", "--due", "tomorrow", "--company", "Initech", "--new-company"
        ).returncode
        == 0
    )
    added = 1
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"\0" * max(free.f_bavail * free.f_frsize - 24 * 1024, 0))
    for _ in range(60):  # subjects as long as one may be, until the disk is full
        done = followup(
            "--db", str(db), "add", os.urandom(150).hex(), "--due", "tomorrow", "--company", "Initech", "--new-company"
        )
        if done.returncode:
            break
        added += 1
    err = one_line_error(done)
    assert "disk" in err and "full" in err
    (small_disk / "filler").unlink()  # room again, as the person makes it: what was there is all there
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sqlite3.connect(db).execute("SELECT count(*) FROM followups").fetchone()[0] == added


# -- backups ---------------------------------------------------------------------------------


def test_a_backup_is_private_from_its_first_byte_even_with_an_open_umask(demo_store: Store, tmp_path: Path):
    old = os.umask(0o022)
    try:
        seen: list[int] = []
        target = tmp_path / "copies" / "journal.backup.db"
        target.parent.mkdir()
        real_execute = demo_store.conn.execute

        class Watching:  # look at every file in the folder while the copy is being written
            def execute(self, sql, *args):
                if sql.startswith("VACUUM INTO"):
                    result = real_execute(sql, *args)
                    for found in target.parent.rglob("*"):
                        seen.append(stat.S_IMODE(found.stat().st_mode))
                    return result
                return real_execute(sql, *args)

        demo_store.conn = Watching()  # type: ignore[assignment]
        try:
            written = demo_store.backup(target)
        finally:
            demo_store.conn = real_execute.__self__
    finally:
        os.umask(old)
    assert seen == [0o700, 0o600], [oct(m) for m in seen]  # a private folder, a private file inside
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.backup.db"]


def test_a_failed_backup_leaves_no_readable_partial_file(demo_store: Store, db_path: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
        "from followup_tui.quick import main\n"
        "sys.argv = ['followup', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db_path), "backup", "-o", str(out / "copy.db")],
        capture_output=True,
        timeout=60,
    )
    one_line_error(done)
    assert list(out.iterdir()) == []


# -- the app in a real terminal -----------------------------------------------------------------


def raw_terminal_output(argv: list[str], keys: list[tuple[bytes, float]], size=(36, 120), settle=6.0) -> bytes:
    """Everything a program writes to a pseudo-terminal while `keys` are typed into it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[1]), "LINES": str(size[0])}
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    out = bytearray()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    out.extend(os.read(master, 65536))
                except OSError:
                    return

    pump(settle)
    for key, wait in keys:
        os.write(master, key)
        pump(wait)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    pump(0.3)
    os.close(master)
    return bytes(out)


def test_stored_control_sequences_never_reach_the_terminal(tmp_path: Path):
    db = tmp_path / "hostile.db"
    assert followup("--db", str(db), "demo").returncode == 0
    added = followup(
        "--db", str(db), "add", f"Subject {HOSTILE}", "--due", "today", "--company", HOSTILE, "--new-company"
    )
    assert added.returncode == 0
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve \x1b]0;PWNED\x07 [/]\r\nN:Eve;;;;\r\nORG:Acme \x1b[2J\r\n"
        "NOTE:clip \x1b]52;c;aGVsbG8=\x07 here\r\nEND:VCARD\r\n"
    )
    assert followup("--db", str(db), "import", "vcard", str(card)).returncode == 0
    keys = [(b"3", 1.5), (b"Eve", 1.0), (b"\r", 1.5), (b"\x1b", 1.0), (b"4", 1.5), (b"\x1b", 0.5), (b"q", 2.0)]
    out = raw_terminal_output([sys.executable, "-m", "followup_tui", "--db", str(db)], keys)
    assert "Eve ␛]0;PWNED␇".encode() in out or b"PWNED" in out  # the card was on screen
    for sequence in (b"\x1b]0;PWNED", b"\x1b]52;c;aGVsbG8", b"\x1b[2J", b"\xc2\x9b"):
        assert sequence not in out, sequence


async def test_names_in_notifications_show_as_typed_and_never_as_markup(store: Store, clock: Clock):
    from followup_tui.ui.app import FollowupApp

    for company in ("Acme [/]", "Acme [EU]", "[@click=app.quit]Beta"):
        add_by_names(store, "Check in", clock.today(), company)
    app = FollowupApp(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.journal_screen.query_one("#pipeline-pane")
        for listing in store.list_opportunities():
            pane.select_row(f"opportunity-{listing.opportunity.id}")
            await pilot.press("i")  # interviewing: a notification names the company
            await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert app.is_running
        for company in ("Acme [/]", "Acme [EU]", "[@click=app.quit]Beta"):
            assert any(message.startswith(f"{company} is now interviewing") for message in messages), messages


def test_a_hostile_vcard_file_imports_its_good_cards_from_the_command_line(tmp_path: Path):
    db, card = tmp_path / "journal.db", tmp_path / "hostile.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=rot13:Caf=C3=A9 Owner\r\n"
        b"TEL;PREF=\xc2\xb2;X-\x00=1:+1 555 0100\r\nEMAIL:\xc3\x91\xc3\x91\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=b:Um9zYSBEw61heg==\r\nORG:Foo\\\\;Platform\r\nEND:VCARD\r\n"
    )
    done = followup("--db", str(db), "import", "vcard", str(card))
    err = done.stderr.decode()
    assert done.returncode == 0 and "unexpected" not in err and "Traceback" not in err, err
    assert b"2 added, 0 updated, 0 already up to date" in done.stdout
    assert err.count("Problem: card 1 (Caf\u00e9 Owner), line ") == 3, err
    refused = followup("--db", str(db), "import", "vcard", str(card), "--encoding", "rot13")
    assert "'rot13' is not a text encoding" in one_line_error(refused)
    strict = followup("--db", str(tmp_path / "strict.db"), "import", "vcard", str(card), "--strict")
    assert strict.returncode == 1 and "nothing was imported" in strict.stderr.decode().splitlines()[-1]
