"""What many tests ask of the journal and the screen, said once."""

from __future__ import annotations

import os
import subprocess
import sys

from textual.widgets import ContentSwitcher, DataTable

from followup_tui.domain.models import Followup
from followup_tui.store import Store

SIZE = (120, 36)
"""The terminal the pilot tests run in: a roomy one (the small ones have tests of their own)."""


def followup_named(store: Store, subject: str) -> Followup:
    return next(f.followup for f in store.list_followups() if f.followup.subject == subject)


def pane_on_show(app) -> str:
    """The pane the journal shows, which its tab marks too."""
    screen = app.journal_screen
    shown = screen.query_one(ContentSwitcher).current
    marked = screen.query_one("#pane-tabs").active
    assert shown == f"{marked}-pane", f"the tab marks {marked} but {shown} is on show"
    return marked


async def click_tab(pilot, pane_id: str) -> None:
    """A mouse click on the middle of a pane's name, above the panes."""
    start, end = pilot.app.journal_screen.query_one("#pane-tabs").spans[pane_id]
    await pilot.click("#pane-tabs", offset=((start + end) // 2, 0))


def table_rows(app, pane: str) -> list[list[str]]:
    """The rows of a pane's table as the user reads them, cell by cell."""
    return table_cells(app, f"#{pane}-pane .rows")


def table_cells(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def run_followup(*args: str, env: dict | None = None, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The real `followup` entry point, as a user runs it, output captured as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "followup_tui", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        **kwargs,
    )
