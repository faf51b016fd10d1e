"""One follow-up in full, with what the guard thinks of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from followup_tui.domain.dates import long_day
from followup_tui.services.timeline import followup_details

from .dialog import Dialog
from .plain import Plain

if TYPE_CHECKING:
    from .app import FollowupApp


class FollowupDetails(Dialog[None]):
    BINDINGS = [Binding("escape,enter", "dismiss(None)", "Close", id="details.close")]

    app: FollowupApp

    def __init__(self, followup_id: int):
        super().__init__()
        self.followup_id = followup_id

    def compose(self) -> ComposeResult:
        details = followup_details(self.app.journal, self.followup_id)
        followup, opportunity, person = details.followup, details.opportunity, details.person
        with Vertical(id="confirm-dialog"):
            yield Plain(followup.subject or followup.kind.label, id="confirm-question")
            facts = [
                f"{followup.kind.label.capitalize()} ({followup.direction.value}), {followup.status.value}",
                f"Due {long_day(followup.due_on)}",
                " — ".join(part for part in (opportunity.company, opportunity.role) if part),
            ]
            if person:
                facts.append(f"{person.name}" + (f" <{person.email}>" if person.email else " (no email yet)"))
            if followup.done_at:
                facts.append(f"Closed {long_day(followup.done_at.astimezone().date())}")
            yield Plain("\n".join(facts), id="confirm-detail")
            if followup.body:
                yield Plain(followup.body, classes="answer")
            for warning in details.warnings:
                yield Plain(f"! {warning}", classes="warning")
            yield Static(
                "c compose · d done · s snooze · r reschedule · x skip · i reply came — esc closes", classes="hint"
            )
