"""The main screen: the four panes in tabs, under a header and over a footer of live keys."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from .pane import JournalPane
from .panes import PANE_BY_ID, PANES

TAB_MOUNT_POLL = 0.005
"""Seconds between looks at a tab page that is not mounted yet, when its tab was clicked first."""


class JournalScreen(Screen):
    """The main screen: the four panes, one visible at a time.

    Only the Timeline is built for the first frame; each other pane is built, and reads
    the store, the first time it is shown — so the app opens as fast on a long search.
    """

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with TabbedContent(initial="timeline", id="panes"):
            for number, pane in enumerate(PANES, start=1):
                with TabPane(f"{number} {pane.title}", id=pane.id):
                    if pane.id == "timeline":
                        yield pane.widget()(id=f"{pane.id}-pane")
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, asyncio.Event] = {}

    async def on_mount(self) -> None:
        await self.show("timeline")

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        await self.show(event.pane.id)

    async def show(self, pane_id: str) -> JournalPane:
        """Build the pane if need be, bring its rows up to date the first time, and focus them."""
        pane = await self.built_pane(pane_id)
        if not pane.loaded:
            pane.reload()
        pane.focus_rows()
        self.app.refresh_bindings()
        return pane

    async def built_pane(self, pane_id: str) -> JournalPane:
        """The pane, built on first use; a second caller while it is being built waits for it."""
        if pane_id not in self._built:
            self._built[pane_id] = built = asyncio.Event()
            if pane_id != "timeline":
                tab = self.query_one(f"#{pane_id}", TabPane)
                while not tab.is_mounted:  # a click on its tab can come before the tab's own page is mounted
                    await asyncio.sleep(TAB_MOUNT_POLL)
                await tab.mount(PANE_BY_ID[pane_id].widget()(id=f"{pane_id}-pane"))
            built.set()
        await self._built[pane_id].wait()
        return self.query_one(f"#{pane_id}-pane", JournalPane)

    def active_pane(self) -> JournalPane | None:
        """The pane on show, or None while it is still being built (a tab clicked at start-up)."""
        active = self.query_one(TabbedContent).active
        return next(iter(self.query(f"#{active}-pane").results(JournalPane)), None)
