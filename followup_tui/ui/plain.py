"""Text from people and files, shown as text: never markup, never terminal control.

Two layers. `Plain` and `PlainLabel` are the widgets for anything a person typed or a file
brought in: no markup is read (`[bold]` and `[/]` show as typed) and control characters
show as pictures of themselves (ESC as ␛), so the user sees something odd is there. Under
every widget, the app adds `NoTerminalControl` to its line filters, so whatever a future
screen forgets, no control character in a rendered line reaches the terminal.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal
from textual.filter import LineFilter
from textual.widgets import Label, Static

from followup_tui.domain.text import CONTROLS, visible

_DROPPED = {code: None for code in CONTROLS}


class Plain(Static):
    """A block of user text: shown exactly as typed, line breaks kept, controls as pictures."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(visible(text), markup=False, **kwargs)

    def update(self, text: str = "", *, layout: bool = True) -> None:
        super().update(visible(text), layout=layout)


class PlainLabel(Label):
    """A short piece of user text beside a field, with the same rule as `Plain`."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(visible(text), markup=False, **kwargs)

    def update(self, text: str = "", *, layout: bool = True) -> None:
        super().update(visible(text), layout=layout)


class HangingLine(Horizontal):
    """A line of user text after a fixed lead (a date, a kind, a name): when it wraps, it wraps
    under itself, so the lead's column stays clear and the next line is plainly the next one.
    Where the lead would leave the text too little room, the text goes under it, indented."""

    LEAST_TEXT = 24
    """Cells the text keeps beside the lead; with fewer, it goes on the lines below."""

    DEFAULT_CSS = """
    HangingLine { height: auto; }
    HangingLine > Plain { height: auto; }
    HangingLine > .hanging-text { width: 1fr; }
    HangingLine.-stacked { layout: vertical; }
    HangingLine.-stacked > .hanging-text { padding: 0 0 0 4; }
    """

    def __init__(self, lead: str, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lead, self.text = visible(lead), text

    def compose(self) -> ComposeResult:
        yield Plain(self.lead, classes="hanging-lead")
        yield Plain(self.text, classes="hanging-text")

    def on_resize(self) -> None:
        lead_width = cell_len(self.lead)
        stacked = self.content_size.width - lead_width < self.LEAST_TEXT
        self.set_class(stacked, "-stacked")
        self.query_one(".hanging-lead").styles.width = "1fr" if stacked else lead_width


class NoTerminalControl(LineFilter):
    """Drops control characters from every rendered line (they take no cells, so the layout
    stays as it is). Textual passes ESC and C1 straight to the terminal otherwise."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(segment.text.translate(_DROPPED), segment.style)
            for segment in segments
        ]


NO_TERMINAL_CONTROL = NoTerminalControl()
