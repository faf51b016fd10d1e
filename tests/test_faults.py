"""Faults a journal must survive: killed mid-write, written by three programs at once, damaged,
read-only — each really done, each bounded in time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.services.portable import export_json
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp

pytestmark = pytest.mark.slow  # every test here runs the real program and kills or blocks it

FOLLOWUP = [sys.executable, "-m", "followup_tui"]


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def kill_when_writing(command: list[str], wal: Path, env: dict | None = None) -> subprocess.Popen:
    """Start `command`, wait until its write has begun (the log grows), then SIGKILL it."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 64 * 1024:
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return process


def big_export(store: Store, contacts: int) -> str:
    document = json.loads(export_json(store))
    rows = document["tables"]["contacts"]
    template = dict(rows[0], email="", other_emails="[]")
    rows.extend({**template, "id": 1000 + n, "name": f"Person {n}", "notes": "x" * 200} for n in range(contacts))
    return json.dumps(document)


def test_a_large_import_killed_midway_leaves_a_sound_and_empty_journal(demo_store: Store, tmp_path: Path):
    source = tmp_path / "big.json"
    source.write_text(big_export(demo_store, 40_000), encoding="utf-8")
    target = tmp_path / "restored.db"
    CliRunner().invoke(cli, ["settings", "--db", str(target)])  # a journal, made before the import starts
    process = kill_when_writing([*FOLLOWUP, "import", "json", str(source), "--db", str(target)], Path(f"{target}-wal"))
    assert process.returncode == -signal.SIGKILL, "the import was still running when it was killed"
    assert integrity(target) == "ok"
    store = Store.open(target, demo_store.clock)
    assert not store.holds_anything(), "all or nothing: nothing of a killed import is kept"
    store.close()


SAVER = """
import sys
from datetime import datetime, timezone
from followup_tui.domain.clock import Clock
from followup_tui.domain.debrief_form import DebriefForm, check_debrief
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.services.debriefs import record_debrief
from followup_tui.store import Store

now = datetime(2026, 11, 26, 9, tzinfo=timezone.utc)
store = Store.open(sys.argv[1], Clock.fixed(now))
for n in range(100_000):
    form = DebriefForm(
        company=f"Company {n}", role="Engineer", when="yesterday 2pm", interviewers=f"Ann {n}, Bo {n}",
        answers={q.key: f"answer {n} " * 50 for q in DEFAULT_QUESTIONS},
    )
    record_debrief(store, check_debrief(form, now))
"""


def test_saves_killed_midway_are_each_whole_or_absent(tmp_path: Path):
    journal = tmp_path / "journal.db"
    CliRunner().invoke(cli, ["settings", "--db", str(journal)])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen([sys.executable, "-c", SAVER, str(journal)], stderr=subprocess.PIPE, env=env)
    time.sleep(3)  # some saves done, one most likely under way
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    assert integrity(journal) == "ok"
    with sqlite3.connect(journal) as conn:
        interviews = conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
        per_debrief = conn.execute(
            "SELECT count(*) FROM debriefs d LEFT JOIN debrief_answers a ON a.debrief_id = d.id GROUP BY d.id"
        ).fetchall()
        links = conn.execute("SELECT count(*) FROM interview_contacts").fetchone()[0]
    assert interviews > 0, "some saves finished before the kill"
    whole = {len(DEFAULT_QUESTIONS)}
    assert len(per_debrief) == interviews and {n for (n,) in per_debrief} == whole, "every debrief is whole"
    assert links == 2 * interviews


APP_ADDING = """
import asyncio, sys
from followup_tui.store import Store
from followup_tui.domain.clock import clock_from_setting
from followup_tui.ui.app import FollowupApp

async def main(path, tag, count):
    app = FollowupApp(Store.open(path, clock_from_setting("2026-11-26")))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for n in range(count):
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*f"{tag}-{n}", "tab", *"Initech", "tab", "tab", "tab")
            await pilot.press("ctrl+a", "ctrl+k", *"tomorrow", "ctrl+s")
            await pilot.pause()
            errors = [m for m in app._notifications if m.severity == "error"]
            assert not errors, errors

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


def test_two_apps_and_the_command_line_writing_at_once_lose_nothing(db_path: Path):
    CliRunner().invoke(cli, ["demo", "--db", str(db_path)])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    count = 10
    apps = [
        subprocess.Popen(
            [sys.executable, "-c", APP_ADDING, str(db_path), tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for tag in ("A", "B")
    ]
    shell = []
    for n in range(count):
        shell.append(
            subprocess.run(
                [
                    *FOLLOWUP,
                    "add",
                    f"C-{n}",
                    "--due",
                    "tomorrow",
                    "--company",
                    "Initech",
                    "--new-company",
                    "--db",
                    str(db_path),
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
        )
    for app in apps:
        out, err = app.communicate(timeout=180)
        assert app.returncode == 0, err[-2000:]
    assert all(r.returncode == 0 and "Error" not in r.stderr for r in shell), [r.stderr for r in shell]
    assert not any("locked" in r.stderr or "busy" in r.stderr for r in shell)
    with sqlite3.connect(db_path) as conn:
        subjects = {row[0] for row in conn.execute("SELECT subject FROM followups")}
    for tag in ("A", "B", "C"):
        assert {f"{tag}-{n}" for n in range(count)} <= subjects, f"every write of {tag} landed"
    assert integrity(db_path) == "ok"


# -- damaged, read-only, too new: one line, a non-zero exit, the file untouched -------------------


def damaged(path: Path) -> None:
    CliRunner().invoke(cli, ["demo", "--db", str(path)])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # the interviews' and debriefs' own pages: the file still opens, reading a debrief fails
        pages = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name LIKE 'debrief%' OR name LIKE 'interview%'"
                " OR name LIKE 'idx_interview%' OR name LIKE 'idx_debrief%'"
            )
        ]
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * 4096
        data[start : start + 4096] = b"\xff" * 4096  # the whole page, header and cells: whatever reads it fails
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "command", [["search", "queue"], ["export", "json"], ["export", "markdown"]], ids=lambda c: c[-1]
)
def test_a_damaged_journal_is_one_line_and_left_as_it_was(tmp_path: Path, command: list[str]):
    journal = tmp_path / "journal.db"
    damaged(journal)
    before = journal.read_bytes()
    result = subprocess.run([*FOLLOWUP, *command, "--db", str(journal)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "restore" in result.stderr
    assert journal.read_bytes() == before


async def test_a_damaged_journal_stops_the_app_with_one_line(tmp_path: Path, clock: Clock):
    journal = tmp_path / "journal.db"
    damaged(journal)
    app = FollowupApp(Store.open(journal, clock), show_tracebacks=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")  # reading a debrief meets the damaged pages
        await pilot.pause()
    assert app.return_code == 1
    assert app.failure and "is damaged" in app.failure and "restore" in app.failure


def as_a_user(command: list[str]) -> list[str]:
    """Run `command` as an ordinary user would: root ignores file permissions unless told not to."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]


def _read_only_file(journal: Path) -> None:
    journal.chmod(0o400)


def _read_only_folder(journal: Path) -> None:
    journal.parent.chmod(0o500)


@pytest.mark.parametrize("make", [_read_only_file, _read_only_folder], ids=["read-only file", "read-only folder"])
@pytest.mark.parametrize(
    "command",
    [
        [],
        ["add", "x", "--due", "tomorrow", "--company", "A", "--new-company"],
        ["settings", "me.name", "Ann"],
        ["backup"],
    ],
    ids=["tui", "add", "settings", "backup"],
)
def test_a_read_only_journal_is_one_line_and_left_as_it_was(tmp_path: Path, make, command: list[str]):
    folder = tmp_path / "journal"
    folder.mkdir()
    journal = folder / "journal.db"
    CliRunner().invoke(cli, ["demo", "--db", str(journal)])
    with sqlite3.connect(journal) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for log in folder.glob("journal.db-*"):
        log.unlink()
    before, files = journal.read_bytes(), sorted(p.name for p in folder.iterdir())
    make(journal)
    mode = journal.stat().st_mode
    try:
        result = subprocess.run(
            as_a_user([*FOLLOWUP, "--db", str(journal), *command]), capture_output=True, text=True, timeout=60
        )
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr, result.stderr
    assert journal.read_bytes() == before and journal.stat().st_mode == mode
    assert sorted(p.name for p in folder.iterdir()) == files, "nothing was written beside it"


@pytest.mark.parametrize("command", [["due"], ["search", "queue"], ["export", "json"]], ids=lambda c: c[0])
def test_a_journal_from_a_newer_version_is_refused_by_every_command(tmp_path: Path, command: list[str]):
    journal = tmp_path / "journal.db"
    CliRunner().invoke(cli, ["demo", "--db", str(journal)])
    with sqlite3.connect(journal) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('followup_tui', 'm999', '')"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = journal.read_bytes()
    result = subprocess.run([*FOLLOWUP, *command, "--db", str(journal)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "newer version of followup-tui" in result.stderr
    assert journal.read_bytes() == before


# -- private after every kind of write ---------------------------------------------------------


def private(path: Path) -> int:
    return path.stat().st_mode & 0o777


async def test_the_journal_and_everything_written_from_it_stay_private(tmp_path: Path, clock: Clock):
    from followup_tui.services.journal import default_journal_path

    runner = CliRunner()
    journal = default_journal_path()
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    steps = [
        ["demo"],
        ["add", "Send the link", "--due", "tomorrow", "--company", "Initech", "--new-company"],
        ["settings", "me.name", "Alex"],
        ["export", "json", "-o", str(out / "journal.json")],
        ["export", "markdown", "-o", str(out / "debriefs.md")],
        ["export", "vcard", "-o", str(out / "contacts.vcf")],
        ["export", "ics", "-o", str(out / "followups.ics")],
        ["import", "vcard", str(out / "contacts.vcf")],
        ["backup"],
        ["backup", "-o", str(out / "copy.db")],
    ]
    for step in steps:
        result = runner.invoke(cli, step)
        assert result.exit_code == 0, (step, result.output)
        assert private(journal.parent) == 0o700, step
        for file in journal.parent.iterdir():
            assert private(file) == 0o600, (step, file.name, oct(private(file)))
    for file in out.iterdir():
        assert private(file) == 0o600, file.name

    store = Store.open(journal, clock, private_folder=True)
    app = FollowupApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("s", "c")  # a write from the app, then a draft
        await pilot.pause()
        await pilot.press(*"Hello", "escape")
        await pilot.pause()
    store.close()
    for file in journal.parent.iterdir():
        assert private(file) == 0o600, file.name
