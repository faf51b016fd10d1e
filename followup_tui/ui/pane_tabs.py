"""The row of pane names under the header: which pane is on show, and a click away from the others."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class PaneTabs(Widget):
    """The panes' names, numbered as their keys, over a bar that marks the one on show.

    Drawn as two lines of text by one widget, looking as Textual's tabs do: the journal's first
    frame need not build (and style) a tab widget per pane. The number keys are the keyboard's way
    between panes, so the row itself takes no focus; a click on a name asks for that pane.
    """

    DEFAULT_CSS = """
    PaneTabs {
        height: 2;
        pointer: pointer;
        & > .pane-tabs--tab { color: $foreground 50%; }
        & > .pane-tabs--hover { color: $foreground; }
        & > .pane-tabs--active { color: $foreground; text-style: bold; }
        & > .pane-tabs--bar { color: $foreground 10%; }
        & > .pane-tabs--bar-active { color: $block-cursor-background; }
        &:ansi {
            & > .pane-tabs--tab { text-style: dim; }
            & > .pane-tabs--active { text-style: not dim bold; }
            & > .pane-tabs--bar { color: $border-blurred; }
        }
    }
    """
    COMPONENT_CLASSES = {
        "pane-tabs--tab",
        "pane-tabs--hover",
        "pane-tabs--active",
        "pane-tabs--bar",
        "pane-tabs--bar-active",
    }

    active: reactive[str] = reactive("")
    """The id of the pane on show."""
    hovered: reactive[str] = reactive("")

    class Chosen(Message):
        """A pane's name was clicked."""

        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, names: list[tuple[str, str]], *, active: str, id: str | None = None) -> None:
        """`names`: each pane's id and the label its tab shows, in order."""
        super().__init__(id=id)
        self.names = names
        self.set_reactive(PaneTabs.active, active)
        self.spans: dict[str, tuple[int, int]] = {}
        """Each pane's tab, as the columns [start, end) it takes."""
        start = 0
        for pane_id, label in names:
            self.spans[pane_id] = (start, start + len(label) + 2)
            start += len(label) + 2

    def render(self) -> Content:
        tab, hover, on_show = (self.get_visual_style(f"pane-tabs--{name}") for name in ("tab", "hover", "active"))
        labels = Content.assemble(
            *(
                (f" {label} ", on_show if pane_id == self.active else hover if pane_id == self.hovered else tab)
                for pane_id, label in self.names
            )
        )
        width = max(self.size.width, labels.cell_length)
        start, end = self.spans.get(self.active, (0, 0))
        bar = Content.assemble(
            ("━" * start, self.get_visual_style("pane-tabs--bar")),
            ("━" * (end - start), self.get_visual_style("pane-tabs--bar-active")),
            ("━" * (width - end), self.get_visual_style("pane-tabs--bar")),
        )
        return Content("\n").join([labels, bar])

    def pane_at(self, x: int) -> str | None:
        """The pane whose name is at column `x`, if any."""
        return next((pane_id for pane_id, (start, end) in self.spans.items() if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        if (pane_id := self.pane_at(event.x)) is not None:
            event.stop()
            self.post_message(self.Chosen(pane_id))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.pane_at(event.x) or ""

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = ""
