"""One follow-up in full, with what the guard thinks of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.kinds import Kind
from followup_tui.services.followups import followup_details

from .dialog import Dialog
from .followup_keys import FOLLOWUP_KEYS
from .plain import Plain

if TYPE_CHECKING:
    from .app import FollowupApp


class FollowupDetails(Dialog[str | None]):
    """Dismisses with the key of the action chosen (one of `keys`, for the Timeline to run on
    this follow-up), or None when closed."""

    BINDINGS = [
        Binding("escape,enter", "dismiss(None)", "Close", id="details.close"),
        *(Binding(key, f"dismiss('{key}')", label, id=f"details.{name}") for key, _, label, name in FOLLOWUP_KEYS),
        Binding("p", "dismiss('prepare')", "Prepare", id="details.prepare"),
    ]

    app: FollowupApp

    def __init__(self, followup_id: int):
        super().__init__()
        self.followup_id = followup_id
        self.next_interview = False

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "dismiss" and parameters == ("prepare",):
            return self.next_interview  # `p` prepares for a next interview only
        return True

    def compose(self) -> ComposeResult:
        details = followup_details(self.app.journal, self.followup_id)
        followup, opportunity, person = details.followup, details.opportunity, details.person
        with Vertical(id="confirm-dialog"):
            yield Plain(followup.subject or followup.kind.label, id="confirm-question")
            facts = [
                f"{followup.kind.label.capitalize()} ({followup.direction.value}), {followup.status.value}",
                f"Due {long_day(followup.due_on, self.app.clock.today())}",
                " — ".join(part for part in (opportunity.company, opportunity.role) if part)
                if opportunity
                else "About the whole search",
            ]
            if person:
                facts.append(f"{person.name}" + (f" <{person.email}>" if person.email else " (no email yet)"))
            if followup.done_at:
                facts.append(f"Closed {long_day(local_day(followup.done_at), self.app.clock.today())}")
            if followup.decide_by:
                facts.append(f"They expect to decide by {long_day(followup.decide_by, self.app.clock.today())}")
            yield Plain("\n".join(facts), id="confirm-detail")
            if followup.notes:
                yield Plain(followup.notes, classes="answer")
            if details.message:
                if followup.draft_subject:
                    yield Plain(f"Subject: {followup.draft_subject}", classes="answer")
                yield Plain(details.message, classes="answer")
            for warning in details.warnings:
                yield Plain(f"! {warning}", classes="warning")
            keys = " · ".join(f"{key} {label.lower()}" for key, _, label, _ in FOLLOWUP_KEYS)
            self.next_interview = followup.kind is Kind.NEXT_INTERVIEW and opportunity is not None
            if self.next_interview:
                keys += " · p prepare (the prep sheet)"
            yield Static(f"{keys} — esc closes", classes="hint")
