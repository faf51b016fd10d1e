"""The four panes, in the order of their number keys."""

from __future__ import annotations

from typing import NamedTuple

from .contacts_pane import ContactsPane
from .debriefs_pane import DebriefsPane
from .pane import JournalPane
from .pipeline_pane import PipelinePane
from .timeline_pane import TimelinePane


class PaneInfo(NamedTuple):
    id: str
    title: str
    widget: type[JournalPane]
    purpose: str


PANES: list[PaneInfo] = [
    PaneInfo("timeline", "Timeline", TimelinePane, "what to send and what to expect, the next action first"),
    PaneInfo("debriefs", "Debriefs", DebriefsPane, "your notes on every interview, newest first"),
    PaneInfo("contacts", "Contacts", ContactsPane, "a card for everyone you met"),
    PaneInfo("pipeline", "Pipeline", PipelinePane, "every application and where it stands"),
]
