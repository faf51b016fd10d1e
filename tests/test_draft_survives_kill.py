"""A debrief being typed survives the process being killed outright (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from followup_tui.services.debriefs import NEW_DRAFT
from followup_tui.store import Store

pytestmark = pytest.mark.slow  # every test here runs the real program and kills or blocks it

TYPIST = textwrap.dedent(
    """
    import asyncio, sys
    from followup_tui.domain.clock import clock_from_setting
    from followup_tui.store import Store
    from followup_tui.ui.app import FollowupApp

    TEXT = "The system design round went better than I feared " * 20

    async def main():
        store = Store.open(sys.argv[1], clock_from_setting("2026-11-26"))
        app = FollowupApp(store, start_with_debrief=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            app.screen.query_one("#answer-overall").focus()
            for character in TEXT:  # a steady typist, never stopping for long
                await pilot.press("space" if character == " " else character)
                await asyncio.sleep(0.02)

    asyncio.run(main())
    """
)


def test_typing_survives_sigkill(db_path: Path, clock, tmp_path: Path):
    Store.open(db_path, clock).close()
    child = subprocess.Popen([sys.executable, "-c", TYPIST, str(db_path)], stderr=subprocess.PIPE)
    typed = ""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(typed) < 60:
            assert child.poll() is None, child.stderr.read().decode()
            time.sleep(0.2)
            with sqlite3.connect(db_path, timeout=5) as conn:
                row = conn.execute("SELECT payload FROM drafts WHERE key = ?", [NEW_DRAFT]).fetchone()
            if row:
                typed = json.loads(row[0])["answers"]["overall"]
        assert len(typed) >= 60, "the draft kept up with the typing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    store = Store.open(db_path, clock)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = store.get_draft(NEW_DRAFT).payload["answers"]["overall"]
    assert len(kept) >= len(typed)
    assert ("The system design round went better than I feared " * 20).startswith(kept), "nothing garbled"
    store.close()
