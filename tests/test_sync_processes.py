"""`followup sync` as a person runs it, on two journals and one folder (standing in for two
machines), and a sync killed with SIGKILL part way: both journals stay whole and the next sync
finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import Opportunity
from followup_tui.store import Store

from .sync_machines import Machine

pytestmark = pytest.mark.slow


def followup(journal: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(journal), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FOLLOWUP_TODAY": "2026-11-26"},
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def test_two_journals_and_one_folder_converge_with_the_conflict_shown(tmp_path: Path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop, desktop = tmp_path / "laptop" / "journal.db", tmp_path / "desktop" / "journal.db"
    followup(laptop, "demo")
    followup(laptop, "settings", "sync.folder", str(folder))
    followup(desktop, "settings", "sync.folder", str(folder))
    assert "Sent" in followup(laptop, "sync").stdout
    arrived = followup(desktop, "sync").stdout
    assert "applied" in arrived and "Sent 0 changes" in arrived
    clock = Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc))
    for journal, words in ((laptop, "the laptop's note"), (desktop, "the desktop's note")):
        store = Store.open(journal, clock)
        try:
            first = min(store.conn.execute("SELECT id FROM opportunities").fetchall())[0]
            store.conn.execute("UPDATE opportunities SET notes = ? WHERE id = ?", [words, first])
            store.conn.commit()
        finally:
            store.close()
    followup(laptop, "sync")
    shown = followup(desktop, "sync").stdout
    assert "two versions of this note" in shown
    followup(laptop, "sync")
    assert "two versions of this note" in followup(laptop, "sync", "--conflicts").stdout
    assert Machine("l", laptop, folder, clock).tables() == Machine("d", desktop, folder, clock).tables()


def _whole(journal: Path) -> None:
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.parametrize("after", [0.15, 0.3, 0.45, 0.6, 0.8])
def test_a_sync_killed_part_way_leaves_both_journals_whole_and_the_next_one_finishes(tmp_path: Path, after: float):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop, desktop = tmp_path / "laptop" / "journal.db", tmp_path / "desktop" / "journal.db"
    clock = Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc))
    store = Store.open(laptop, clock)
    try:
        for n in range(1500):
            store.add_opportunity(Opportunity(company=f"Company {n}", notes="words " * 20))
    finally:
        store.close()
    Store.open(desktop, clock).close()
    followup(laptop, "sync", str(folder))
    child = subprocess.Popen(
        [sys.executable, "-m", "followup_tui", "--db", str(desktop), "sync", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    _whole(laptop)
    _whole(desktop)
    followup(desktop, "sync", str(folder))
    followup(laptop, "sync", str(folder))
    followup(desktop, "sync", str(folder))
    _whole(desktop)
    one, two = Machine("l", laptop, folder, clock), Machine("d", desktop, folder, clock)
    assert one.tables() == two.tables()
    assert len(two.tables()["opportunities"]) == 1500
