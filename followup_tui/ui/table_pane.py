"""A pane whose list is a table: columns of plain text, one row per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from .cells import one_line
from .pane import JournalPane


class RowTable(DataTable):
    """A table of records, one per row: home and end go to the first and last row."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class TablePane(JournalPane):
    COLUMNS: ClassVar[Sequence[tuple[str, int | None]]] = ()
    """Column labels and widths (None: as wide as the content)."""

    def make_list(self) -> DataTable:
        table = RowTable(cursor_type="row", zebra_stripes=True, classes="rows")
        for label, width in self.COLUMNS:
            table.add_column(label, width=width, key=label)
        return table

    PAGE: ClassVar[int] = 100
    """Rows read at a time; more are read as the cursor nears the end of what is loaded."""

    exhausted: bool = False

    def rows_of_store(self, offset: int, limit: int) -> Iterable[tuple[str, Sequence[str]]]:
        """(row key, cell texts) for up to `limit` records from `offset`, in display order."""
        raise NotImplementedError

    def fill(self) -> int:
        table = self.query_one(".rows", DataTable)
        kept = table.cursor_row
        table.clear()
        self.exhausted = False
        self.load_more(table)
        while kept >= table.row_count and not self.exhausted:
            self.load_more(table)
        if table.row_count:
            table.move_cursor(row=min(kept, table.row_count - 1))
        return table.row_count

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
