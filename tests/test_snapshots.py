"""What each pane looks like on demo data, on a fixed day, in a 120×36 terminal.

After a deliberate change to the look, review `snapshot_report.html`, then run
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp

SIZE = (120, 36)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause(0.1)


@pytest.mark.parametrize("key", ["1", "2", "3", "4"], ids=["timeline", "debriefs", "contacts", "pipeline"])
def test_each_pane_on_demo_data(snap_compare, demo_store: Store, key: str):
    assert snap_compare(FollowupApp(demo_store), press=[key], terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_empty_journal(snap_compare, store: Store):
    assert snap_compare(FollowupApp(store), terminal_size=SIZE, run_before=settle)
