"""Autosaving a form as a draft: half a second after each change, and on quit.

Used by the contact and application forms (the debrief form keeps its own, with the resume
offer); a crash or a killed terminal loses at most the last keystrokes.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from textual.timer import Timer

from followup_tui.services.journal import JournalBusy

AUTOSAVE_DELAY = 0.5
"""Seconds between a keystroke and the draft reaching the disk, at most."""


class Autosave:
    """Mix into a form Screen that has `draft_key`, `blank` and `read_form()`."""

    draft_key: str
    blank: Any
    _autosave_timer: Timer | None = None

    def restored(self, form_class, fallback):
        """The form from this key's draft, if one was left, else `fallback`."""
        draft = self.app.store.get_draft(self.draft_key)
        if draft is None:
            return fallback
        names = {f.name for f in fields(form_class)}
        values = {k: v for k, v in draft.payload.items() if k in names and isinstance(v, type(getattr(fallback, k)))}
        self.notify(f"Picked up what you typed {draft.updated_at.astimezone():%a %H:%M}.")
        return form_class(**{**asdict(fallback), **values})

    def schedule_autosave(self) -> None:
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self.save_draft)

    def save_draft(self) -> None:
        self._autosave_timer = None
        if not self.is_mounted:
            return
        form = self.read_form()
        try:
            if form == self.blank:
                self.drop_draft()
            else:
                self.app.store.save_draft(self.draft_key, asdict(form))
        except JournalBusy:
            self.schedule_autosave()  # the form still holds it all: try again after the next pause

    def close_asking(self, question: str) -> None:
        """Close the form; if it holds changes, ask `question` first and drop the draft on yes."""
        from .confirm import ConfirmScreen

        if self.read_form() == self.blank:
            self.drop_draft()
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.drop_draft()
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep editing"), answered)

    def drop_draft(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        self.app.store.delete_draft(self.draft_key)
