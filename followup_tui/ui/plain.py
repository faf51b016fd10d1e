"""Text from people and files, shown as text: never markup, never terminal control.

Two layers. `Plain` and `PlainLabel` are the widgets for anything a person typed or a file
brought in: no markup is read (`[bold]` and `[/]` show as typed) and control characters
show as pictures of themselves (ESC as ␛), so the user sees something odd is there. Under
every widget, the app adds `NoTerminalControl` to its line filters, so whatever a future
screen forgets, no control character in a rendered line reaches the terminal.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
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
