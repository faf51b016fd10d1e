"""A pane whose list is a table: columns of plain text, one row per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from .cells import one_line
from .pane import JournalPane


class Column(NamedTuple):
    """A table column: its label, the width it wants, and the least it can be squeezed to on a
    narrow terminal; `short` is the label to show once the column is narrower than `label`."""

    label: str
    width: int
    least: int
    short: str = ""

    def header(self, width: int) -> Text:
        """The label for a column `width` cells wide: the short one if the full one does not fit,
        and an ellipsis (never a cut) if even that is too long."""
        label = self.short if self.short and cell_len(self.label) > width else self.label
        return Text(label, no_wrap=True, overflow="ellipsis", end="")


CELL_PADDING = 2
"""Cells a DataTable puts around each column's text (one either side)."""


def fit_columns(columns: Sequence[Column], width: int, gives_way: Sequence[str] = ()) -> list[tuple[int, int]]:
    """(column index, width) of the columns shown in a table `width` cells wide.

    Every column gets what it wants when there is room; otherwise each gives up the same share
    of what it can spare. When even the least widths do not fit, the columns named in
    `gives_way` drop out, in that order, until the rest do; only then does the table scroll
    sideways. A cell or header wider than its column ends in an ellipsis.
    """
    shown = list(range(len(columns)))
    for label in gives_way:
        if sum(columns[i].least for i in shown) <= width - CELL_PADDING * len(shown):
            break
        shown = [i for i in shown if columns[i].label != label]
    room = width - CELL_PADDING * len(shown)
    wanted = [columns[i].width for i in shown]
    least = [columns[i].least for i in shown]
    if sum(wanted) <= room:
        widths = wanted
    elif room <= sum(least) or sum(wanted) == sum(least):
        widths = least  # as narrow as each can be; the table scrolls sideways for the rest
    else:
        keep = (room - sum(least)) / (sum(wanted) - sum(least))  # the same share of what each can spare
        widths = [low + int((want - low) * keep) for want, low in zip(wanted, least, strict=True)]
        spare = room - sum(widths)  # what rounding down left over, to the first that want more
        for n, want in enumerate(wanted):
            more = min(spare, want - widths[n])
            widths[n] += more
            spare -= more
    return list(zip(shown, widths, strict=True))


class RowTable(DataTable):
    """A table of records, one per row: home and end go to the first and last row."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class TablePane(JournalPane):
    COLUMNS: ClassVar[Sequence[Column]] = ()
    """The table's columns, in order (see `Column`)."""

    GIVES_WAY: ClassVar[Sequence[str]] = ()
    """Labels of the columns that drop out, in this order, on a terminal too narrow for all."""

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

    fitted: tuple[tuple[int, int], ...] = ()
    """(column index, width) of the columns on show, as last fitted to the pane."""

    def make_list(self) -> DataTable:
        return RowTable(cursor_type="row", zebra_stripes=True, classes="rows")

    def fitted_columns(self, columns: Sequence[Column] | None = None) -> tuple[tuple[int, int], ...]:
        """The columns (the pane's, unless others are given) that fit its width, and their widths
        (see `fit_columns`)."""
        width = (self.size.width or self.app.size.width) - 4  # the scrollbar, and a margin
        if columns is None:
            return tuple(fit_columns(self.COLUMNS, width, self.GIVES_WAY))
        return tuple(fit_columns(columns, width))

    def on_resize(self) -> None:
        if self.loaded and self.fitted_columns() != self.fitted:
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
        if (fitted := self.fitted_columns()) != self.fitted:
            self.fitted = fitted
            table.clear(columns=True)
            for index, width in fitted:
                column = self.COLUMNS[index]
                table.add_column(column.header(width), width=width, key=column.label or f"column-{index}")
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
            shown = (cells[index] for index, _ in self.fitted)
            table.add_row(*(Text(one_line(value), no_wrap=True, overflow="ellipsis") for value in shown), key=key)
        self.exhausted = len(page) < self.PAGE

    @on(DataTable.RowHighlighted, ".rows")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if not self.exhausted and event.cursor_row >= event.data_table.row_count - 20:
            self.load_more(event.data_table)
