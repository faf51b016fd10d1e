"""The line across the top: the app's name and today's date."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON_WIDTH = 8
RIGHT_MARGIN = 10


class TitleBar(Widget):
    """What Textual's Header shows — an icon that opens the command palette, and the title with
    its subtitle centred — drawn as one line by one widget, so the first frame builds one node
    for it rather than four."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.icon = icon

    def on_mount(self) -> None:
        self.watch(self.app, "title", self.refresh, init=False)
        self.watch(self.app, "sub_title", self.refresh, init=False)

    def render(self) -> Content:
        title = self.app.format_title(self.app.title, self.app.sub_title)
        room = max(self.size.width - ICON_WIDTH - RIGHT_MARGIN, 0)
        return Content.assemble(
            Content(f" {self.icon}").pad_right(ICON_WIDTH - 1 - len(self.icon)),
            title.truncate(room, ellipsis=True).center(room),
        )

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            self.app.action_command_palette()
