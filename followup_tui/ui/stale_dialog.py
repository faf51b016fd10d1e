"""The offer made before writing a thank-you too late to send as one: fold it into the next
check-in, skip it, or write it anyway."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from followup_tui.domain.story import Stale

from .dialog import Dialog
from .plain import Plain


class StaleThankYouDialog(Dialog[str | None]):
    """Dismisses with "fold", "skip", "write", or None (esc: nothing done)."""

    BINDINGS = [
        Binding("f", "choose('fold')", "Fold in", id="stale.fold"),
        Binding("x", "choose('skip')", "Skip it", id="stale.skip"),
        Binding("w", "choose('write')", "Write it", id="stale.write"),
        Binding("escape", "choose(None)", "Cancel", id="stale.cancel"),
    ]

    def __init__(self, stale: Stale, today, person: str, check_in_to: str = ""):
        super().__init__()
        self.stale, self.today, self.person, self.check_in_to = stale, today, person, check_in_to

    def compose(self) -> ComposeResult:
        to = f" to {self.person}" if self.person else ""
        with Vertical(id="confirm-dialog", classes="harmless"):
            yield Plain(f"This thank-you{to} is {self.stale.days_late} days late.", id="confirm-question")
            if self.stale.check_in:
                to = f" to {self.check_in_to}" if self.check_in_to and self.check_in_to != self.person else ""
                late = (self.today - self.stale.check_in.due_on).days
                itself = f", itself {late} day{'s' * (late != 1)} late" if late > 0 else ""
                along = "" if to else ", and take along what you promised them"
                detail = (
                    f"A thank-you this late reads as an afterthought. Fold it into your check-in{to} of "
                    f"{self._day()}{itself}: that message will thank them too{along}. Or skip it."
                )
            else:
                detail = "A thank-you this late reads as an afterthought: skip it, or keep it short, with no apology."
            yield Plain(detail, id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                if self.stale.check_in:
                    yield Button("Fold in (f)", variant="primary", id="fold")
                yield Button("Skip it (x)", id="skip")
                yield Button("Write it (w)", id="write")

    def _day(self) -> str:
        from followup_tui.domain.dates import long_day

        return long_day(self.stale.check_in.due_on, self.today)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        if choice == "fold" and not self.stale.check_in:
            return
        self.dismiss(choice)
