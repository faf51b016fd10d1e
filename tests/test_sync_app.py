"""The app and `followup sync`: with a sync folder set it syncs on opening (in a child process,
off the UI thread), says what arrived and draws it; what a sync set aside is offered in a
small dialog, settled with one key."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from followup_tui.domain.models import Opportunity
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.sync_conflict_dialog import SyncConflictDialog

from .helpers import SIZE
from .sync_machines import Machine, deliver, settle_all

pytestmark = pytest.mark.slow


def notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_on_opening_the_app_syncs_and_says_what_arrived(tmp_path: Path, clock):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = Machine.made(tmp_path, "laptop", clock, folder)
    desktop = Machine.made(tmp_path, "desktop", clock, folder)
    with laptop.store() as store:
        made = store.add_opportunity(Opportunity(company="Globex", role="Platform Engineer"))
    laptop.sync()
    store = Store.open(desktop.journal, clock)
    store.set_setting("sync.folder", str(folder))
    app = FollowupApp(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):  # the child process takes a moment
                await asyncio.sleep(0.1)
                await pilot.pause()
                if any(line.startswith("Sync: Synced") for line in notices(app)):
                    break
            assert "Sync: Synced: 2 changes arrived from your other machines." in notices(app)
            assert store.get_opportunity(made.id).company == "Globex"
            assert app.is_running
    finally:
        store.close()


async def test_two_versions_are_offered_in_a_dialog_and_settled_with_one_key(tmp_path: Path, clock):
    laptop = Machine.made(tmp_path, "laptop", clock)
    desktop = Machine.made(tmp_path, "desktop", clock)
    with laptop.store() as store:
        made = store.add_opportunity(Opportunity(company="Acme", notes="first"))
    settle_all([laptop, desktop])
    for machine, words in ((laptop, "the laptop's note"), (desktop, "the desktop's note")):
        with machine.store() as store:
            store.update_opportunity(replace(store.get_opportunity(made.id), notes=words))
    laptop.sync()
    deliver(laptop, desktop)
    assert desktop.sync().conflicts
    store = Store.open(desktop.journal, clock)
    app = FollowupApp(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            (conflict,) = store.sync_conflicts()
            app.action_sync_conflicts()
            await pilot.pause()
            assert isinstance(app.screen, SyncConflictDialog)
            await pilot.press("b")
            await pilot.pause()
            assert store.sync_conflicts() == []
            notes = store.get_opportunity(made.id).notes
            assert conflict.other in notes and conflict.current in notes
    finally:
        store.close()


async def test_a_file_cut_short_is_said_in_the_app_with_what_to_do(tmp_path: Path, clock):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = Machine.made(tmp_path, "laptop", clock, folder)
    desktop = Machine.made(tmp_path, "desktop", clock, folder)
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Globex"))
    laptop.sync()
    (written,) = laptop.outbox().iterdir()
    written.write_bytes(written.read_bytes()[:25])  # the sync program is still copying it
    store = Store.open(desktop.journal, clock)
    store.set_setting("sync.folder", str(folder))
    app = FollowupApp(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                await asyncio.sleep(0.1)
                await pilot.pause()
                if any("cut short" in line for line in notices(app)):
                    break
            assert (
                f"Sync: Outbox/{laptop.device}/{written.name} is cut short: copy it again from that machine's"
                " folder, or wait for your sync program to finish copying it"
                f" (device {laptop.device}'s later files wait for it)."
            ) in notices(app)
    finally:
        store.close()
