"""A pane whose list is a table: columns of plain text, one row per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from .cells import one_line
from .pane import JournalPane


class RowTable(DataTable):
    """A table of records, one per row: home and end go to the first and last row."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class TablePane(JournalPane):
    COLUMNS: ClassVar[Sequence[tuple[str, int, int]]] = ()
    """Each column's label, its width, and the least it can be squeezed to on a narrow terminal."""

    ROW_PREFIX: ClassVar[str] = ""
    """Row keys are this and the record's id: `contact-12`."""

    FILTER: ClassVar[str] = ""
    """What `/` filters by, as the filter box's placeholder; empty for a pane without one. A pane
    with one binds `/` to `filter` and `escape` to `clear_filter`, and yields `filter_box()`."""

    NO_MATCH: ClassVar[str] = "Nothing matches {!r}. esc clears the filter."

    def filter_box(self) -> Input:
        return Input(placeholder=self.FILTER, id=f"{self.ROW_PREFIX}-filter", classes="row-filter", compact=True)

    @property
    def filter_text(self) -> str:
        return self.query_one(".row-filter", Input).value if self.FILTER else ""

    def reload(self) -> None:
        super().reload()
        if not self.FILTER:
            return
        filtering = bool(self.filter_text.strip())
        self.query_one(".row-filter").display = filtering or not self.journal_is_empty or self.rows.display
        if filtering and not self.rows.display:
            self.query_one(".empty-state", Static).update(self.NO_MATCH.format(self.filter_text))

    def action_filter(self) -> None:
        self.query_one(".row-filter").display = True
        self.query_one(".row-filter").focus()

    def action_clear_filter(self) -> None:
        self.query_one(".row-filter", Input).value = ""
        self.focus_rows()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_text)
        return super().check_action(action, parameters)

    @on(Input.Changed, ".row-filter")
    def _filter(self) -> None:
        self.reload()

    @on(Input.Submitted, ".row-filter")
    def _to_list(self) -> None:
        self.focus_rows()

    def selected_id(self) -> int | None:
        """The id of the record under the cursor, or None when the list shows none."""
        table = self.query_one(".rows", DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key.removeprefix(f"{self.ROW_PREFIX}-"))

    widths: tuple[int, ...] = ()

    def make_list(self) -> DataTable:
        return RowTable(cursor_type="row", zebra_stripes=True, classes="rows")

    def fitted_widths(self) -> tuple[int, ...]:
        """The columns' widths, squeezed alike when the terminal is narrower than they need, so
        every column stays in view at 80 columns — or as many as fit."""
        wanted = [width for _, width, _ in self.COLUMNS]
        least = [low for _, _, low in self.COLUMNS]
        room = (self.size.width or self.app.size.width) - 4 - 2 * len(wanted)  # scrollbar, cell padding
        if sum(wanted) <= room:
            return tuple(wanted)
        slack = sum(wanted) - sum(least)
        if room <= sum(least) or not slack:
            return tuple(least)  # as narrow as each can be; the table scrolls sideways for the rest
        keep = (room - sum(least)) / slack  # each gives up the same share of what it could spare
        return tuple(low + int((width - low) * keep) for width, low in zip(wanted, least, strict=True))

    def on_resize(self) -> None:
        if self.loaded and self.fitted_widths() != self.widths:
            self.reload()

    PAGE: ClassVar[int] = 100
    """Rows read at a time; more are read as the cursor nears the end of what is loaded."""

    exhausted: bool = False

    def rows_of_store(self, offset: int, limit: int) -> Iterable[tuple[str, Sequence[str]]]:
        """(row key, cell texts) for up to `limit` records from `offset`, in display order."""
        raise NotImplementedError

    def fill(self) -> int:
        table = self.query_one(".rows", DataTable)
        kept = table.cursor_row
        if (widths := self.fitted_widths()) != self.widths:
            self.widths = widths
            table.clear(columns=True)
            for (label, _, _), width in zip(self.COLUMNS, widths, strict=True):
                table.add_column(label, width=width, key=label)
        table.clear()
        self.exhausted = False
        self.load_more(table)
        while kept >= table.row_count and not self.exhausted:
            self.load_more(table)
        if table.row_count:
            table.move_cursor(row=min(kept, table.row_count - 1))
        return table.row_count

    def highlighted_state(self) -> object:
        table = self.query_one(".rows", DataTable)
        if not table.row_count or not table.display:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return row_key.value, tuple(str(cell) for cell in table.get_row(row_key))

    def select_row(self, key: str) -> None:
        """Put the cursor on the row with this key, if it is loaded."""
        table = self.query_one(".rows", DataTable)
        try:
            table.move_cursor(row=table.get_row_index(key))
        except Exception:  # not loaded, or gone: leave the cursor where it is
            pass

    def load_more(self, table: DataTable) -> None:
        page = list(self.rows_of_store(table.row_count, self.PAGE))
        for key, cells in page:
            table.add_row(*(Text(one_line(value), no_wrap=True, overflow="ellipsis") for value in cells), key=key)
        self.exhausted = len(page) < self.PAGE

    @on(DataTable.RowHighlighted, ".rows")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if not self.exhausted and event.cursor_row >= event.data_table.row_count - 20:
            self.load_more(event.data_table)
