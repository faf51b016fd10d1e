"""What widgets and screens tell the app, bubbling up, instead of calling it."""

from __future__ import annotations

from textual.message import Message


class JournalChanged(Message):
    """Something was written: every pane shown, and any card open, redraws from the journal."""
