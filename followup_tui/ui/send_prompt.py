"""The ways out of the composer: copy, save as .eml, hand to the mail app — then mark it sent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .dialog import Dialog
from .plain import Plain

WAYS = [
    ("copy", "c", "Copy the whole message: To, Subject and body"),
    ("copy_body", "b", "Copy the body only"),
    ("eml", "e", "Save as an .eml file"),
    ("mailto", "m", "Open in your mail app"),
    ("sent", "s", "Mark it sent, plan the next step"),
]


class SendPrompt(Dialog[str | None]):
    """Dismisses with the way chosen (one of WAYS), or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back to the message", id="send.cancel"),
        *(Binding(key, f"dismiss('{way}')", show=False) for way, key, _ in WAYS),
    ]

    def __init__(self, status: str = ""):
        super().__init__()
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static("Send this message", id="confirm-question")
            yield OptionList(
                *(Option(f"{label}  ({key})", id=way) for way, key, label in WAYS),
                id="send-ways",
            )
            status = Plain(self.status, id="send-status")
            status.display = bool(self.status)
            yield status
            yield Static("enter or the letter chooses · esc goes back to the message", id="confirm-detail")

    def on_mount(self) -> None:
        ways = self.query_one(OptionList)
        ways.highlighted = len(WAYS) - 1 if self.status else 0
        ways.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
