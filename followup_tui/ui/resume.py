"""The offer to pick up a debrief that was left unsaved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from followup_tui.services.drafts import Draft

from .confirm import ConfirmDialog
from .dialog import Dialog
from .plain import Plain


class ResumeDraftDialog(Dialog[str | None]):
    """Resume the draft, discard it (after asking), or go back: "resume", "discard" or None."""

    BINDINGS = [
        Binding("r", "resume", "Resume", id="resume.resume"),
        Binding("d", "discard", "Discard", id="resume.discard"),
        Binding("escape", "dismiss(None)", "Cancel", id="resume.cancel"),
    ]

    def __init__(self, draft: Draft):
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        payload = self.draft.payload
        company = str(payload.get("company") or "").strip() or "an interview"
        typed = sum(len(str(v)) for v in (payload.get("answers") or {}).values() if isinstance(v, str))
        with Vertical(id="confirm-dialog"):
            yield Plain(f"You have an unsaved debrief for {company}.", id="confirm-question")
            yield Static(
                f"Last typed {self.draft.updated_at.astimezone():%A %H:%M}; {typed} characters of answers.",
                id="confirm-detail",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button("Resume (r)", variant="primary", id="resume")
                yield Button("Discard… (d)", variant="error", id="discard")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "resume":
            self.action_resume()
        else:
            self.action_discard()

    def action_resume(self) -> None:
        self.dismiss("resume")

    def action_discard(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss("discard")

        self.app.push_screen(
            ConfirmDialog("Discard the unsaved debrief? What you typed will be gone.", yes="Discard", no="Keep it"),
            answered,
        )
