"""A screen that shows one record in full over the panes, redrawn after every change to the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from .screen_styles import SCREEN_STYLES

if TYPE_CHECKING:
    from .app import FollowupApp


class RecordScreen(Screen[None]):
    """One application or contact card opened from a pane; `refresh_record` reads it again."""

    CSS_PATH = SCREEN_STYLES

    app: FollowupApp

    def on_mount(self) -> None:
        self.refresh_record()

    def refresh_record(self) -> None:
        raise NotImplementedError
