"""A reply came: what they said, when they expect to decide, and what to do with the check-ins
it makes premature — all in one step."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from followup_tui.domain.dates import long_day
from followup_tui.services.another_copy import RecordGone
from followup_tui.services.debriefs import day_first
from followup_tui.services.replies import Premature, answers_a_planned_message, record_reply, reply_preview

from .cells import one_line
from .dialog import Dialog
from .fields import labelled_field, preview_date, show_field_errors
from .plain import Plain
from .suggest import SuggestingInput, SuggestNames
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp

CHOICES = [
    ("Move to the day it fits", Premature.MOVE.value),
    ("Skip", Premature.SKIP.value),
    ("Leave as planned", Premature.KEEP.value),
]


class ReplyDialog(Dialog["Undo | None"]):
    """Dismisses with how to undo the reply it recorded, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="reply.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="reply.cancel"),
    ]

    app: FollowupApp

    def __init__(self, followup_id: int, filled: dict[str, str] | None = None):
        super().__init__()
        self.followup_id = followup_id
        self.filled = filled or {}
        """Fields filled in before it opens (from a message in your mailbox), by id."""

    def compose(self) -> ComposeResult:
        preview = reply_preview(self.app.journal, self.followup_id)
        with Vertical(id="confirm-dialog"):
            about = preview.about.subject or preview.about.kind.label
            yield Plain(f"A reply from {preview.company}, to “{one_line(about)}”", id="confirm-question")
            who = SuggestingInput(
                self.filled.get("person") or preview.person,
                placeholder="Who replied (tab takes a name)",
                id="person",
                compact=True,
                suggester=SuggestNames(preview.people),
            )
            yield from labelled_field("person", "From", who)
            when = Input(self.filled.get("on", "today"), placeholder="today, yesterday, mon", id="on", compact=True)
            yield from labelled_field("on", "When", when, preview=True)
            said = Input(
                self.filled.get("said", ""), placeholder="Optional: what they said, in a line", id="said", compact=True
            )
            yield from labelled_field("said", "They said", said)
            decide = Input(
                self.filled.get("decide_by", ""),
                placeholder="Optional: next fri, 4 Dec, in 2 weeks",
                id="decide_by",
                compact=True,
            )
            yield from labelled_field("decide_by", "Decide by", decide, preview=True)
            if answers_a_planned_message(preview.about):
                sent = Checkbox(
                    f"It answers my {preview.about.kind.label}: mark it sent", id="sent-first", compact=True
                )
                yield sent
            yield Plain("", id="reply-moves", classes="warning")
            premature = Select(CHOICES, value=Premature.MOVE.value, allow_blank=False, id="premature", compact=True)
            yield from labelled_field("premature", "Then", premature)
            yield Static("enter or ctrl+s saves · esc cancels", id="confirm-detail")

    def on_mount(self) -> None:
        self._update()
        self.query_one("#said", Input).focus()

    def _decide_by(self) -> tuple[date | None, bool]:
        """The day typed (None if empty), and whether the text was readable."""
        text = self.query_one("#decide_by", Input).value
        label = self.query_one("#decide_by-preview", Label)
        when = preview_date(label, text, self.app.clock.now(), day_first(self.app.journal), optional=True)
        return (when.day if when else None), when is not None or not text.strip()

    def _on(self) -> tuple[date | None, bool]:
        """The day the reply came (None if empty: today), and whether the text was readable."""
        text = self.query_one("#on", Input).value
        label = self.query_one("#on-preview", Label)
        when = preview_date(label, text, self.app.clock.now(), day_first(self.app.journal), optional=True, past=True)
        return (when.day if when else None), when is not None or not text.strip()

    def _update(self) -> None:
        """Say which check-ins the reply moves, and to when: later when it makes them premature,
        earlier too when it brings the decision forward."""
        day, _ = self._decide_by()
        on, _ = self._on()
        try:
            moves = reply_preview(self.app.journal, self.followup_id, day, on, sent_first=self._sent_first()).moves
        except RecordGone as error:  # removed in another copy while the dialog was open
            self.dismiss(None)
            self.app.tell_changed_elsewhere(error)
            return
        today = self.app.clock.today()
        lines = [
            f"“{one_line(check_in.subject)}” on {long_day(check_in.due_on, today)} "
            + ("comes too soon now;" if fits > check_in.due_on else "can come sooner now:")
            + f" it fits {long_day(fits, today)}."
            for check_in, fits in moves
        ]
        self.query_one("#reply-moves", Static).update("\n".join(lines))
        self.query_one("#reply-moves").display = bool(moves)
        self.query_one("#premature").parent.parent.display = bool(moves)

    def _sent_first(self) -> bool:
        boxes = self.query("#sent-first")
        return bool(boxes) and boxes.first(Checkbox).value

    def on_checkbox_changed(self) -> None:
        self._update()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id in ("decide_by", "on"):
            self._update()

    def on_input_submitted(self) -> None:
        self.action_save()

    @writes
    def action_save(self) -> None:
        day, readable = self._decide_by()
        on, on_readable = self._on()
        errors = {}
        if not readable:
            errors["decide_by"] = "Give a date this app can read, or leave it empty."
        if not on_readable:
            errors["on"] = "When did it come? today, yesterday, mon, 3 Dec"
        if errors:
            show_field_errors(self, errors)
            return
        premature = Premature(str(self.query_one("#premature", Select).value))
        said = self.query_one("#said", Input).value
        person = self.query_one("#person", Input).value
        undo = record_reply(
            self.app.journal,
            self.followup_id,
            said,
            day,
            premature,
            person=person,
            on=on,
            sent_first=self._sent_first(),
        )
        self.dismiss(undo)
