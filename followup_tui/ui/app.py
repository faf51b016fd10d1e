"""The journal's one App: a header, four panes in tabs, and a footer of live keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from followup_tui.domain.clock import Clock
from followup_tui.store import Store

from .pane import JournalPane
from .panes import PANES


class JournalScreen(Screen):
    """The main screen: the four panes, one visible at a time."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with TabbedContent(initial="timeline", id="panes"):
            for number, pane in enumerate(PANES, start=1):
                with TabPane(f"{number} {pane.title}", id=pane.id):
                    yield pane.widget(id=f"{pane.id}-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timeline-pane", JournalPane).focus_rows()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.query_one(f"#{event.pane.id}-pane", JournalPane).focus_rows()


class FollowupApp(App[None]):
    """followup: a journal for the days after a job interview."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    BINDINGS = [
        *(
            Binding(str(number), f"show_pane('{pane.id}')", pane.title, id=f"pane.{pane.id}")
            for number, pane in enumerate(PANES, start=1)
        ),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, store: Store, clock: Clock | None = None):
        super().__init__()
        self.store = store
        self.clock = clock or store.clock

    def on_mount(self) -> None:
        self.sub_title = f"{self.clock.today():%A %d %B %Y}"

    def get_default_screen(self) -> Screen:
        self.journal = JournalScreen()
        return self.journal

    def action_show_pane(self, pane_id: str) -> None:
        while self.screen is not self.journal:
            self.pop_screen()
        self.journal.query_one(TabbedContent).active = pane_id

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_load_sample_data(self) -> None:
        """Fill an empty journal with the demo search, so a newcomer can look around."""
        from followup_tui.services.demo import DemoRefused, fill_demo

        try:
            counts = fill_demo(self.store)
        except DemoRefused:
            self.notify("Sample data only goes into an empty journal.", severity="warning")
            return
        self.reload_panes()
        self.notify(
            f"Loaded {counts['opportunities']} sample applications and "
            f"{counts['followups']} follow-ups. Start a fresh journal file for your real search."
        )

    def reload_panes(self) -> None:
        for pane in self.journal.query(JournalPane):
            pane.reload()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for pane in PANES:
            yield SystemCommand(
                f"Show {pane.title}", pane.purpose.capitalize(), lambda pane_id=pane.id: self.action_show_pane(pane_id)
            )
        if self.store.is_empty():
            yield SystemCommand(
                "Load sample data", "Fill this empty journal with a made-up job search", self.action_load_sample_data
            )
        yield SystemCommand("Help", "Every key, and what each pane is for", self.action_help)
        yield from super().get_system_commands(screen)
