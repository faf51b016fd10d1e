"""Asking for a date, showing how the text is read before it is used."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from followup_tui.domain.dates import long_day, next_business_day, typed_day
from followup_tui.services.debriefs import day_first
from followup_tui.services.public_holidays import holiday_calendar

from .dialog import Dialog
from .fields import preview_date
from .plain import Plain, PlainLabel

if TYPE_CHECKING:
    from .app import FollowupApp


class DatePrompt(Dialog[date | None]):
    """Dismisses with the date read (enter), or None (escape). Unreadable text is never today."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="date.cancel"),
        Binding("ctrl+b", "business_day", "Next business day", show=False, id="date.business-day"),
    ]

    app: FollowupApp
    past_said: date | None = None
    """A day in the past already said once: the next enter takes it."""

    def __init__(self, question: str, default: str = ""):
        super().__init__()
        self.question, self.default = question, default

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Plain(self.question, id="confirm-question")
            yield Input(
                self.default, placeholder="tomorrow, next fri, in 3 business days, 3 Dec", id="path", compact=True
            )
            yield PlainLabel("", id="date-preview", classes="preview")

    def read(self) -> date | None:
        label = self.query_one("#date-preview", Label)
        text = self.query_one(Input).value
        when = preview_date(
            label,
            text,
            self.app.clock.now(),
            day_first(self.app.journal),
            optional=True,
            due=True,
            holidays=holiday_calendar(self.app.journal),
        )
        return when.day if when else None

    def on_input_changed(self) -> None:
        self.past_said = None
        self.read()

    def on_input_submitted(self) -> None:
        """enter takes the day; a day already past is said first, and taken on a second enter."""
        if (day := self.read()) is None:
            return
        if day < self.app.clock.today() and self.past_said != day:
            self.past_said = day
            self.query_one("#date-preview", Label).update(
                f"→ {long_day(day, self.app.clock.today())} is in the past — enter again to use it"
            )
            return
        self.dismiss(day)

    def action_business_day(self) -> None:
        if (day := self.read()) is not None:
            moved = next_business_day(day, holiday_calendar(self.app.journal))
            self.query_one(Input).value = typed_day(moved)
