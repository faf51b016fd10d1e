"""The main screen: the five panes, one at a time, under a title and over a footer of live keys."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from .pane import JournalPane
from .pane_tabs import PaneTabs
from .panes import PANE_BY_ID, PANES
from .title_bar import TitleBar


class JournalScreen(Screen):
    """The main screen: the five panes, one visible at a time.

    Only the Timeline is built for the first frame; each other pane is built, and reads
    the store, the first time it is shown — so the app opens as fast on a long search.
    """

    active_pane_id = "timeline"
    """The pane on show, or being built to be shown."""

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="◆")
        names = [(pane.id, f"{number} {pane.title}") for number, pane in enumerate(PANES, start=1)]
        yield PaneTabs(names, active=self.active_pane_id, id="pane-tabs")
        with ContentSwitcher(initial="timeline-pane", id="panes"):
            yield PANE_BY_ID["timeline"].widget()(id="timeline-pane")
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, asyncio.Event] = {}

    async def on_mount(self) -> None:
        await self.show("timeline")

    async def on_pane_tabs_chosen(self, message: PaneTabs.Chosen) -> None:
        await self.show(message.pane_id)

    async def show(self, pane_id: str) -> JournalPane:
        """Build the pane if need be, put it on show, bring its rows up to date the first time,
        and focus them."""
        self.active_pane_id = pane_id
        pane = await self.built_pane(pane_id)
        if self.active_pane_id != pane_id:  # another pane was asked for while this one was built
            return pane
        self.query_one(ContentSwitcher).current = pane.id
        self.query_one(PaneTabs).active = pane_id
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
                pane = PANE_BY_ID[pane_id].widget()(id=f"{pane_id}-pane")
                pane.display = False  # shown by the switcher, not beside the pane on show
                await self.query_one(ContentSwitcher).mount(pane)
            built.set()
        await self._built[pane_id].wait()
        return self.query_one(f"#{pane_id}-pane", JournalPane)

    def active_pane(self) -> JournalPane | None:
        """The pane on show, or None while it is still being built (a tab clicked at start-up)."""
        pane = next(iter(self.query(f"#{self.active_pane_id}-pane").results(JournalPane)), None)
        return pane if pane is not None and pane.display else None
