"""A pane whose list is a table: columns of plain text, one row per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.widgets import DataTable

from .cells import one_line
from .pane import JournalPane


class TablePane(JournalPane):
    COLUMNS: ClassVar[Sequence[tuple[str, int | None]]] = ()
    """Column labels and widths (None: as wide as the content)."""

    def make_list(self) -> DataTable:
        table = DataTable(cursor_type="row", zebra_stripes=True, classes="rows")
        for label, width in self.COLUMNS:
            table.add_column(label, width=width, key=label)
        return table

    def rows_of_store(self) -> Iterable[tuple[str, Sequence[str]]]:
        """(row key, cell texts) for every record, in display order."""
        raise NotImplementedError

    def fill(self) -> int:
        table = self.query_one(".rows", DataTable)
        kept = table.cursor_row
        table.clear()
        for key, cells in self.rows_of_store():
            table.add_row(*(Text(one_line(value), no_wrap=True, overflow="ellipsis") for value in cells), key=key)
        if table.row_count:
            table.move_cursor(row=min(kept, table.row_count - 1))
        return table.row_count
