"""A yes/no question before anything is thrown away."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from followup_tui.services.names import NewNames

from .dialog import Dialog
from .plain import Plain


class ConfirmDialog(Dialog[bool]):
    """Asks `question`; dismisses with True only when the user says yes. A question whose yes
    throws something away wears red; a harmless one (`variant="primary"`) does not."""

    DEFAULT_CSS = """
    ConfirmDialog #confirm-dialog {
        border: round $error;
    }
    ConfirmDialog #confirm-dialog.harmless {
        border: round $primary;
    }
    """

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Cancel", detail: str = "", variant: str = "error"):
        super().__init__()
        self.question, self.yes, self.no, self.detail, self.variant = question, yes, no, detail, variant

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="harmless" if self.variant == "primary" else ""):
            yield Plain(self.question, id="confirm-question")
            if self.detail:
                yield Plain(self.detail, id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant=self.variant, id="confirm-yes")
                yield Button(f"{self.no} (n)", id="confirm-no")

    def on_mount(self) -> None:
        # A harmless question starts on yes; one that throws something away starts on no.
        self.query_one("#confirm-yes" if self.variant == "primary" else "#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def ask_about_new_names(app: App, names: NewNames, then: Callable[[], None]) -> None:
    """Go on with `then` — after asking, when it would add a company or person the journal does
    not know yet (a half-typed name, say)."""
    if not names:
        then()
        return
    app.push_screen(
        ConfirmDialog(
            names.question(),
            yes="Add",
            no="Go back",
            detail=f"The journal does not know {'these names' if len(names) > 1 else 'this name'} yet. Cut short? "
            "Go back: tab takes the grey suggestion as you type.",
            variant="primary",
        ),
        lambda yes: then() if yes else None,
    )
