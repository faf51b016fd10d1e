"""A labelled form field with room beside it for a preview and an error message."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label


def labelled_field(name: str, label: str, control: Widget, preview: bool = False) -> ComposeResult:
    """Label | control, with `#{name}-preview` (if asked for) and a hidden `#{name}-error` under it."""
    with Horizontal(classes="field"):
        yield Label(label, classes="field-label")
        with Vertical(classes="field-control"):
            yield control
            if preview:
                yield Label("", id=f"{name}-preview", classes="preview", markup=False)
            error = Label("", id=f"{name}-error", classes="field-error", markup=False)
            error.display = False
            yield error
