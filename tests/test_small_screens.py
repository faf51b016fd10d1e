"""On a small terminal (80×24, 60×20) nothing is cut short without saying so: a column too
narrow for its header or a cell ends in an ellipsis, a column that cannot fit at all drops out
rather than half-showing, a long line wraps under itself rather than under the date column,
and a setting's description stays indented under its name."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, OptionList

from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.contacts_pane import ContactsPane
from followup_tui.ui.debriefs_pane import DebriefsPane
from followup_tui.ui.pipeline_pane import PipelinePane
from followup_tui.ui.plain import HangingLine
from followup_tui.ui.table_pane import Column, fit_columns

SMALL = {"80x24": (80, 24), "60x20": (60, 20)}

# -- the columns of a table, fitted to its width (fast) ---------------------------------------

COLUMNS = (Column("Name", 18, 14), Column("Title", 22, 8), Column("Email", 34, 16), Column("Has my details", 14, 8))


def test_every_column_gets_what_it_wants_when_there_is_room():
    assert fit_columns(COLUMNS, 200) == [(0, 18), (1, 22), (2, 34), (3, 14)]


def test_a_narrow_table_squeezes_every_column_alike_and_uses_all_its_width():
    fitted = fit_columns(COLUMNS, 70)
    widths = [width for _, width in fitted]
    assert [index for index, _ in fitted] == [0, 1, 2, 3]
    assert sum(widths) + 2 * len(widths) == 70, "rounding leaves no cell unused"
    assert all(low <= width <= want for (_, want, low, _), width in zip(COLUMNS, widths, strict=True))


def test_when_even_the_least_widths_do_not_fit_the_named_columns_drop_out_in_order():
    assert [index for index, _ in fit_columns(COLUMNS, 50, gives_way=("Title", "Email"))] == [0, 2, 3]
    assert [index for index, _ in fit_columns(COLUMNS, 30, gives_way=("Title", "Email"))] == [0, 3]


def test_a_header_too_long_for_its_column_takes_its_short_label_or_an_ellipsis():
    details = Column("Has my details", 14, 8, short="Has mine")
    assert details.header(14).plain == "Has my details"
    assert details.header(8).plain == "Has mine"
    name = Column("Company", 20, 5).header(5)
    assert name.overflow == "ellipsis" and name.no_wrap


# -- the panes' tables, as drawn (slow) ---------------------------------------------------------


def drawn_cells(table: DataTable, y: int) -> list[str]:
    """The text of each column on line `y` of the table as drawn (0 is the header)."""
    text = table.render_line(y).text
    cells, x = [], 0
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        cells.append(text[x : x + width].strip())
        x += width
    return cells


def shown_whole_or_with_an_ellipsis(drawn: str, full: str) -> bool:
    return drawn == full or (drawn.endswith("…") and full.startswith(drawn[:-1].rstrip()))


@pytest.mark.parametrize("pane", [DebriefsPane, ContactsPane, PipelinePane], ids=["debriefs", "contacts", "pipeline"])
@pytest.mark.parametrize("size", SMALL.values(), ids=SMALL.keys())
async def test_headers_and_cells_are_whole_or_end_in_an_ellipsis(demo_store: Store, pane, size):
    key = {DebriefsPane: "2", ContactsPane: "3", PipelinePane: "4"}[pane]
    app = FollowupApp(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        shown = app.screen.query_one(pane)
        table = shown.query_one(".rows", DataTable)
        assert table.max_scroll_x == 0, "every column on show is wholly in view"
        for (index, _), drawn in zip(shown.fitted, drawn_cells(table, 0), strict=True):
            spec = pane.COLUMNS[index]
            assert shown_whole_or_with_an_ellipsis(drawn, spec.label) or shown_whole_or_with_an_ellipsis(
                drawn, spec.short
            ), f"header {spec.label!r} drawn as {drawn!r}"
        cut = 0
        for row in range(table.row_count):
            full = [str(cell) for cell in table.get_row_at(row)]
            for drawn, whole in zip(drawn_cells(table, row + 1), full, strict=True):
                assert shown_whole_or_with_an_ellipsis(drawn, whole), f"{whole!r} drawn as {drawn!r}"
                cut += drawn != whole
        assert cut, "the test would pass without squeezing anything: some cell must be long"


@pytest.mark.parametrize("size", SMALL.values(), ids=SMALL.keys())
async def test_debrief_search_results_fit_the_width_and_say_where_they_are_cut(demo_store: Store, size):
    app = FollowupApp(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "slash", *"on-call", "enter")
        await pilot.pause()
        results = app.screen.query_one("#search-results", DataTable)
        assert results.row_count and results.max_scroll_x == 0
        assert drawn_cells(results, 0) == ["Date", "Company", "Where it matched"]
        for row in range(results.row_count):
            full = [str(cell) for cell in results.get_row_at(row)]
            for drawn, whole in zip(drawn_cells(results, row + 1), full, strict=True):
                assert shown_whole_or_with_an_ellipsis(drawn, whole), f"{whole!r} drawn as {drawn!r}"


async def test_the_pipelines_status_keys_are_all_on_screen_at_60_columns(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        hint = app.screen.query_one("#status-keys")
        drawn = " ".join(hint.render_line(y).text.strip() for y in range(hint.size.height))
        assert drawn.endswith("(c)losed") and "(r)ejected" in drawn and hint.size.height > 1


# -- a long line on a card wraps under itself (slow) -----------------------------------------------

LONG_REPLY = (
    "Sabine wrote back: the panel liked the system design answer, legal is drafting the contract, "
    "and the start date can move to January if notice needs it"
)


def add_a_long_reply(store: Store) -> None:
    brightwater = next(o.opportunity for o in store.list_opportunities() if o.opportunity.company == "Brightwater Labs")
    store.add_followup(
        Followup(
            brightwater.id,
            Kind.REPLY_RECEIVED,
            date(2026, 11, 25),
            direction=Direction.INBOUND,
            status=FollowupStatus.DONE,
            done_at=datetime(2026, 11, 25, 12, tzinfo=timezone.utc),
            subject=LONG_REPLY,
        )
    )


async def open_brightwater(pilot) -> HangingLine:
    await pilot.press("4")
    await pilot.pause()
    table = pilot.app.screen.query_one("#pipeline-pane .rows", DataTable)
    table.move_cursor(row=next(r for r in range(table.row_count) if str(table.get_row_at(r)[1]) == "Brightwater Labs"))
    await pilot.press("enter")
    await pilot.pause()
    return next(line for line in pilot.app.screen.query(HangingLine) if line.text.startswith("Sabine wrote back"))


async def test_a_long_reply_on_the_application_wraps_under_its_own_first_word(demo_store: Store):
    add_a_long_reply(demo_store)
    app = FollowupApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        line = await open_brightwater(pilot)
        lead, text = line.query_one(".hanging-lead"), line.query_one(".hanging-text")
        assert text.region.height > 1, "long enough to wrap"
        assert text.region.x == lead.region.right, "every wrapped line starts where the first did"
        assert text.region.y == lead.region.y


async def test_where_the_date_columns_leave_too_little_room_the_reply_goes_under_them_indented(demo_store: Store):
    add_a_long_reply(demo_store)
    app = FollowupApp(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        line = await open_brightwater(pilot)
        lead, text = line.query_one(".hanging-lead"), line.query_one(".hanging-text")
        assert text.region.y == lead.region.bottom and text.content_region.x > lead.content_region.x
        assert text.region.right <= app.size.width


# -- Settings on a small terminal (slow) -----------------------------------------------------------


@pytest.mark.parametrize("size", SMALL.values(), ids=SMALL.keys())
async def test_settings_descriptions_stay_indented_under_their_names_when_they_wrap(demo_store: Store, size):
    app = FollowupApp(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.pause()
        rows = app.screen.query_one(OptionList)
        width = rows.scrollable_content_region.width
        holidays = rows.get_option("setting:holidays").prompt.plain.split("\n")
        assert holidays[0].startswith("Public holidays")
        assert len(holidays) > 2, "the description wraps at this width"
        for description in holidays[1:]:
            assert description.startswith("  ") and description[2] != " "
            assert cell_len(description) <= width
        for option in rows.options:
            first = option.prompt.plain.split("\n")[0] if hasattr(option.prompt, "plain") else str(option.prompt)
            assert cell_len(first.rstrip()) <= width, f"{first!r} is wider than the list"
