"""Handing a text to the user's editor: the app steps aside, and takes the text back."""

from __future__ import annotations

from textual.app import App, SuspendNotSupported

from followup_tui.services.editor import EditorError, edit_text, editor_command


def edit_outside(app: App, text: str, name: str) -> str | None:
    """The text as edited in $EDITOR, or None (with a notice) when the editor could not be used.
    The editor setting is read before the terminal is handed over: one that cannot be used is
    said in one line and the app stays as it was."""
    try:
        command = editor_command()
        try:
            with app.suspend():
                return edit_text(text, name=name, command=command)
        except SuspendNotSupported:  # no terminal to hand over (a test, a web terminal): run it as is
            return edit_text(text, name=name, command=command)
    except EditorError as error:
        app.notify(f"Not edited: {error}.", severity="error", timeout=8)
        return None
