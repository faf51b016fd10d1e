"""The prep sheet on screen: the next round of one application (or the soonest anywhere), read
top to bottom, and `b` for the 15-minute brief. Every piece of user text is `Plain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from followup_tui.services.prep import NOTHING_PLANNED, PrepSheet, prep_for, prep_sheet
from followup_tui.services.prep_text import entry_line

from .plain import HangingLine, Plain
from .record_screen import RecordScreen

if TYPE_CHECKING:
    from followup_tui.services.prep import Entry

    from .app import FollowupApp


class PrepScreen(RecordScreen):
    """The sheet, redrawn after every change to the journal (a debrief saved, a card edited)."""

    DEFAULT_CSS = """
    PrepScreen #prep-sheet { padding: 0 2; }
    PrepScreen .prep-heading { text-style: bold; color: $accent; margin: 1 0 0 0; }
    PrepScreen .prep-entry { padding: 0 0 0 2; }
    PrepScreen .prep-entry > .hanging-lead { color: $text-muted; }
    PrepScreen .prep-warning { padding: 0 0 0 6; color: $warning; }
    PrepScreen .prep-detail { padding: 0 0 0 6; color: $text-muted; }
    PrepScreen .prep-note { color: $text-muted; margin: 1 0 0 0; }
    PrepScreen.-brief .prep-heading { margin: 0; }
    PrepScreen.-brief .form-title { margin: 0; }
    PrepScreen .prep-brief-line { padding: 0 0 0 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="prep.back"),
        Binding("b", "toggle_brief", "Brief / full", id="prep.brief"),
        Binding("t", "story_bank", "Story bank", id="prep.stories"),
    ]

    def __init__(self, opportunity_id: int | None = None, *, brief: bool = False):
        super().__init__()
        self.opportunity_id = opportunity_id
        """None: the soonest round anywhere."""
        self.brief = brief

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="prep-sheet")
        yield Footer()

    def refresh_record(self) -> None:
        body = self.query_one("#prep-sheet", VerticalScroll)
        body.remove_children()
        journal = self.app.journal
        sheet = prep_for(journal) if self.opportunity_id is None else prep_sheet(journal, self.opportunity_id)
        self.set_class(self.brief, "-brief")
        if sheet is None:
            gone = "This application no longer exists." if self.opportunity_id is not None else NOTHING_PLANNED
            body.mount_all(
                [Static("Prepare the next interview", classes="form-title"), Plain(gone, classes="prep-note")]
            )
            return
        body.mount_all(list(self._lines(sheet)))
        body.scroll_home(animate=False)

    def _lines(self, sheet: PrepSheet):
        yield Plain(sheet.title + ("  · brief" if self.brief else ""), classes="form-title")
        if not self.brief:
            for note in sheet.notes:
                yield Plain(note, classes="prep-note")
        for section in sheet.brief if self.brief else sheet.sections:
            yield Plain(f"{section.number}. {section.title}", classes="prep-heading")
            width = max((len(e.lead) for e in section.entries), default=0)
            for entry in section.entries:
                yield from self._brief_line(entry) if self.brief else self._entry(entry, width)
        if not self.brief:
            yield Static("b the 15-minute brief · t the story bank · esc back", classes="hint")

    def _entry(self, entry: Entry, lead_width: int):
        """One entry of the full sheet: its lead in a column of the section's widest, the text
        wrapping under itself, then its warning and the lines under it."""
        text = f"{entry.text}  ({entry.note})" if entry.note else entry.text
        if entry.lead:
            yield HangingLine(f"{entry.lead:<{lead_width}}  ", text, classes="prep-entry")
        else:
            yield Plain(text, classes="prep-entry")
        if entry.warning:
            yield Plain(f"! {entry.warning}", classes="prep-warning")
        for detail in entry.details:
            yield Plain(detail, classes="prep-detail")

    def _brief_line(self, entry: Entry):
        """One entry of the brief on one line, cut with "…": the brief fits an 80×24 screen."""
        yield Plain(entry_line(entry) + (f"  ! {entry.warning}" if entry.warning else ""), classes="prep-brief-line")

    def action_story_bank(self) -> None:
        """`t`: the story bank, to add the story a likely question calls for (the sheet follows)."""
        from .story_bank import open_story_bank

        open_story_bank(self.app)

    def action_toggle_brief(self) -> None:
        self.brief = not self.brief
        self.refresh_record()


def open_prep(app: FollowupApp, opportunity_id: int | None = None) -> None:
    """The sheet for this application's next round (None: the soonest round anywhere)."""
    app.push_screen(PrepScreen(opportunity_id))
