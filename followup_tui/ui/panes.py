"""The five panes, in the order of their number keys."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .pane import JournalPane


class PaneInfo(NamedTuple):
    id: str
    title: str
    widget_path: str
    """module:class of the pane's widget, loaded when the pane is first shown."""
    purpose: str

    def widget(self) -> type[JournalPane]:
        module, _, name = self.widget_path.partition(":")
        return getattr(import_module(module, __package__), name)


PANES: list[PaneInfo] = [
    PaneInfo(
        "timeline", "Timeline", ".timeline_pane:TimelinePane", "what to send and what to expect, the next action first"
    ),
    PaneInfo("debriefs", "Debriefs", ".debriefs_pane:DebriefsPane", "your notes on every interview, newest first"),
    PaneInfo("contacts", "Contacts", ".contacts_pane:ContactsPane", "a card for everyone you met"),
    PaneInfo("pipeline", "Pipeline", ".pipeline_pane:PipelinePane", "every application and where it stands"),
    PaneInfo("week", "Week", ".week_pane:WeekPane", "this week against last, your goal, what has stalled"),
]
PANE_BY_ID = {pane.id: pane for pane in PANES}

ON_THE_PANES = ("show_pane", "help", "new_debrief", "load_sample_data", "leave")
"""The app's keys that work on every pane (and in help), but not in a form or on a card, where
a letter is a letter: the number keys, `?`, `q`, ctrl+n. Help says so beside each."""
