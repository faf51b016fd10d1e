"""The one base of every pop-up: a box centred over the journal, its question in bold."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from .screen_styles import SCREEN_STYLES

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer]):
    """A pop-up that asks one thing (or shows one record) and is answered or closed.

    Its content sits in `#confirm-dialog`, its question in `#confirm-question`, the small print
    in `#confirm-detail`. Confirmations of what cannot be undone (`ConfirmDialog`) wear a red frame.
    """

    CSS_PATH = SCREEN_STYLES

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog #confirm-dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    Dialog #confirm-question {
        text-style: bold;
    }
    Dialog #confirm-detail {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    """
