"""Debriefs: every interview, newest first, with how it felt; `/` searches every answer."""

from __future__ import annotations

import asyncio
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import DataTable, Input, Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.models import InterviewListing
from followup_tui.services.debriefs import (
    MATCH_END,
    MATCH_START,
    NEW_DRAFT,
    DebriefHit,
    search_debriefs,
)
from followup_tui.services.drafts import draft
from followup_tui.services.interviews import interviews_page
from followup_tui.services.story_bank import search_stories, story_excerpt

from . import debrief_flows
from .cells import one_line, satisfaction_dots
from .plain import Plain
from .table_pane import Column, RowTable, TablePane

SEARCH_PAUSE = 0.12
"""Seconds of quiet after a keystroke before the search runs."""


SEARCH_COLUMNS = (Column("Date", 17, 15), Column("Company", 20, 10), Column("Where it matched", 72, 24))
"""The search results: when and where, then the words found in their sentence."""


class DebriefsPane(TablePane):
    EMPTY = (
        "No interviews recorded yet.\n\n"
        "Right after an interview, press n (or ctrl+n from anywhere) and debrief while it is "
        "fresh: what went well, what you would do differently, what they asked."
    )
    COLUMNS = (
        Column("Date", 17, 15),
        Column("Company", 22, 12),
        Column("Role", 32, 10),
        Column("Stage", 13, 12),
        Column("Satisfaction", 13, 10, short="Felt"),
    )
    GIVES_WAY = ("Stage",)
    search_fitted: tuple[tuple[int, int], ...] = ()
    """The search results' columns as last fitted to the pane (see `fit_columns`)."""
    BINDINGS = [
        Binding("e", "edit", "Edit", id="debriefs.edit"),
        Binding("delete", "delete", "Delete", id="debriefs.delete"),
        Binding("slash", "search", "Search", key_display="/", id="debriefs.search"),
        Binding("escape", "close_search", "Close search", show=False, id="debriefs.close-search"),
    ]

    def compose(self) -> ComposeResult:
        yield Plain(id="draft-banner")
        search = Input(
            placeholder="Search every answer — words, names, anything you wrote", id="debrief-search", compact=True
        )
        search.display = False
        yield search
        results = RowTable(cursor_type="row", zebra_stripes=True, id="search-results")
        results.display = False
        yield results
        yield from super().compose()

    def rows_of_store(self, offset: int, limit: int):
        for listing in interviews_page(self.app.journal, offset, limit):
            yield f"interview-{listing.interview.id}", _cells(listing, self.app.clock.today())

    def reload(self) -> None:
        super().reload()
        left = draft(self.app.journal, NEW_DRAFT)
        banner = self.query_one("#draft-banner", Static)
        if left:
            company = str(left.payload.get("company") or "").strip() or "an interview"
            banner.update(
                f"Unsaved debrief for {company}, last typed {left.updated_at.astimezone():%a %H:%M} "
                "— press n to resume it."
            )
        banner.display = left is not None
        if self.query_one("#debrief-search", Input).display:
            self._show_hits(self.query_one("#debrief-search", Input).value)

    # -- which interview is selected -------------------------------------------------

    def selected_interview(self) -> int | None:
        table = self._active_table()
        if not table.row_count:
            return None
        return _interview_id(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _active_table(self) -> DataTable:
        results = self.query_one("#search-results", DataTable)
        return results if results.display else self.query_one(".rows", DataTable)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (interview_id := _interview_id(event.row_key.value)) is not None:
            from .debrief_view import open_debrief

            open_debrief(self.app, interview_id)
        elif (key := event.row_key.value or "").startswith("story-"):
            from .story_bank import open_story_bank

            open_story_bank(self.app, int(key.removeprefix("story-")))

    ADDS = "a debrief"

    def add(self) -> None:
        debrief_flows.new_debrief(self.app)

    def action_edit(self) -> None:
        if (interview_id := self.selected_interview()) is not None:
            debrief_flows.edit_debrief(self.app, interview_id)

    def action_delete(self) -> None:
        if (interview_id := self.selected_interview()) is not None:
            debrief_flows.delete_interview(self.app, interview_id)

    # -- search ------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#debrief-search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#debrief-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search_soon(event.value)

    @work(exclusive=True, group="debrief-search")
    async def _search_soon(self, text: str) -> None:
        """Search once typing pauses: the next keystroke cancels this worker before it reads."""
        await asyncio.sleep(SEARCH_PAUSE)
        try:
            self._show_hits(text)
        except NoMatches:  # the pane is being taken down (the app closing) while this waited
            pass

    @on(Input.Submitted, "#debrief-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.workers.cancel_group(self, "debrief-search")  # enter does not wait for the pause
        self._show_hits(event.value)
        self._active_table().focus()

    def _show_hits(self, text: str) -> None:
        results = self.query_one("#search-results", DataTable)
        searching = bool(text.strip())
        results.display = searching
        self.query_one(".rows").display = not searching and self.query_one(".rows", DataTable).row_count > 0
        if not searching:
            return
        if (fitted := self.fitted_columns(SEARCH_COLUMNS)) != self.search_fitted:
            self.search_fitted = fitted
            results.clear(columns=True)
            for index, width in fitted:
                results.add_column(SEARCH_COLUMNS[index].header(width), width=width, key=SEARCH_COLUMNS[index].label)
        results.clear()
        hits = search_debriefs(self.app.journal, text)
        for hit in hits:
            results.add_row(*_hit_cells(hit, self.app.clock.today()), key=f"interview-{hit.listing.interview.id}")
        told = search_stories(self.app.journal, text)
        for found in told:  # the story bank is searched with the debriefs; enter opens the story
            where = Text(one_line(story_excerpt(found, text)), no_wrap=True, overflow="ellipsis")
            where.append("  · story", style="dim")
            cells = [Text("Story bank"), Text(one_line(found.title), no_wrap=True, overflow="ellipsis"), where]
            results.add_row(*cells, key=f"story-{found.id}")
        if not hits and not told:
            results.add_row(Text(""), Text(""), Text(f"Nothing matches {text!r}", style="italic"), key="none")

    def action_close_search(self) -> None:
        search = self.query_one("#debrief-search", Input)
        search.value = ""
        search.display = False
        self._show_hits("")
        self.focus_rows()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "close_search":
            return self.query_one("#debrief-search", Input).display
        return True


def _interview_id(row_key: str | None) -> int | None:
    """The interview a row shows; None for a row that is only a message."""
    if row_key and row_key.startswith("interview-"):
        return int(row_key.removeprefix("interview-"))
    return None


def _cells(listing: InterviewListing, today: date) -> list[str]:
    interview = listing.interview
    if not listing.has_debrief:
        satisfaction = "not debriefed"
    else:
        satisfaction = satisfaction_dots(listing.satisfaction) if listing.satisfaction else "not rated"
    day = long_day(local_day(interview.starts_at), today)
    return [day, listing.company, listing.role, interview.stage.label, satisfaction]


def _hit_cells(hit: DebriefHit, today: date) -> list[Text]:
    """Date, company, and the matched words in their sentence, then the question they answer."""
    day = long_day(local_day(hit.listing.interview.starts_at), today)
    where = Text(no_wrap=True, overflow="ellipsis")
    excerpt = hit.excerpt
    position = 0
    while (start := excerpt.find(MATCH_START, position)) >= 0:
        end = excerpt.find(MATCH_END, start)
        end = len(excerpt) if end < 0 else end
        where.append(one_line(excerpt[position:start]))
        where.append(one_line(excerpt[start + 1 : end]), style="bold reverse")
        position = end + 1
    where.append(one_line(excerpt[position:]))
    where.append(f"  · {one_line(hit.prompt)}", style="dim")
    return [Text(day), Text(one_line(hit.listing.company), no_wrap=True, overflow="ellipsis"), where]
