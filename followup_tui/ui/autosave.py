"""The one autosave: what a form holds reaches the journal half a second after each change and on
quit, so a crash or a killed terminal loses at most the last keystrokes.

Every form that keeps a draft (debrief, contact, application, composer) is an `AutosavingForm`.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.timer import Timer

from followup_tui.services.drafts import draft, drop_draft, keep_draft
from followup_tui.services.journal import JournalBusy

from .screen_styles import SCREEN_STYLES

if TYPE_CHECKING:
    from .app import FollowupApp

AUTOSAVE_DELAY = 0.5
"""Seconds between a keystroke and the draft reaching the disk, at most."""

BUSY_RETRY_DELAY = AUTOSAVE_DELAY * 4
"""Seconds before trying again when another copy of followup was writing."""


class AutosavingForm(Screen):
    """A form whose text is saved as a draft while it is typed.

    Subclasses call `schedule_autosave()` on each change. The default draft is the form
    dataclass `read_form()` returns, under `draft_key`, dropped while it equals `blank`; a form
    that keeps its draft elsewhere (the composer keeps it on the follow-up) overrides `write_draft`.
    """

    CSS_PATH = SCREEN_STYLES

    app: FollowupApp
    draft_key: str = ""
    blank: Any = None
    _autosave_timer: Timer | None = None

    def read_form(self) -> Any:
        raise NotImplementedError

    def restored(self, form_class, fallback):
        """The form from this key's draft, if one was left, else `fallback`."""
        kept = draft(self.app.journal, self.draft_key)
        if kept is None:
            return fallback
        names = {f.name for f in fields(form_class)}
        values = {k: v for k, v in kept.payload.items() if k in names and isinstance(v, type(getattr(fallback, k)))}
        self.notify(f"Picked up what you typed {kept.updated_at.astimezone():%a %H:%M}.")
        if dropped := sorted(k for k in kept.payload if k in names and k not in values):
            left_out = ", ".join(name.replace("_", " ") for name in dropped)
            self.notify(f"Left out of your draft: {left_out} (not text this form can hold).", severity="warning")
        return form_class(**{**asdict(fallback), **values})

    def schedule_autosave(self) -> None:
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self.save_draft)

    def drop_timer(self) -> None:
        """No autosave pending: the form is about to be saved or dropped whole."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def save_draft(self) -> None:
        """Write the draft now: after each pause in typing, before saving, and on quit."""
        self.drop_timer()
        if not self.is_mounted:
            return
        try:
            self.write_draft()
        except JournalBusy:  # another copy is writing: the form still holds it all; try again later
            self.draft_waiting()
            self._autosave_timer = self.set_timer(BUSY_RETRY_DELAY, self.save_draft)

    def write_draft(self) -> None:
        form = self.read_form()
        if form == self.blank:
            drop_draft(self.app.journal, self.draft_key)
        else:
            keep_draft(self.app.journal, self.draft_key, asdict(form))

    def draft_waiting(self) -> None:
        """Said when the journal was busy and the draft waits for the next try."""

    def close_asking(self, question: str) -> None:
        """Close the form; if it holds changes, ask `question` first and drop the draft on yes."""
        from .confirm import ConfirmDialog

        if self.read_form() == self.blank:
            self.drop_draft()
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.drop_draft()
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(question, yes="Discard", no="Keep editing"), answered)

    def drop_draft(self) -> None:
        self.drop_timer()
        drop_draft(self.app.journal, self.draft_key)
