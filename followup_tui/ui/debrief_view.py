"""Reading one debrief, whole: the interview's facts, then every answer as written."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.models import Contact
from followup_tui.domain.ratings import RATED_KEY, ratings_said
from followup_tui.domain.text import sentence
from followup_tui.services.debriefs import ClearUp, clear_ups, plan_clear_ups
from followup_tui.services.interviews import debrief_record

from . import debrief_flows
from .cells import satisfaction_dots
from .choose_person import ChoosePerson
from .messages import JournalChanged
from .plain import Plain
from .screen_styles import SCREEN_STYLES

if TYPE_CHECKING:
    from .app import FollowupApp


def details_to_swap(people: list[Contact]) -> str:
    """Who from the room you cannot write to yet, or who cannot write to you."""
    gaps = []
    for person in people:
        lacking = [
            text
            for text, gap in (("no email", not person.email), ("doesn't have yours", not person.has_my_details))
            if gap
        ]
        if lacking:
            gaps.append(f"{person.name} ({', '.join(lacking)})")
    return "; ".join(gaps)


class DebriefView(Screen[None]):
    """A read-only page for one interview; `e` edits it, `delete` removes it after asking."""

    CSS_PATH = SCREEN_STYLES

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="view.back"),
        Binding("e", "edit", "Edit", id="view.edit"),
        Binding("delete", "delete", "Delete", id="view.delete"),
        Binding("f", "plan_clear_ups", "Follow-ups from “to clear up”", id="view.clear-ups"),
    ]

    app: FollowupApp

    def __init__(self, interview_id: int):
        super().__init__()
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        record = debrief_record(self.app.journal, self.interview_id)
        with VerticalScroll(id="debrief-view"):
            if record is None:
                yield Static("This interview no longer exists.", classes="form-title")
                return
            listing, people, debrief = record.listing, record.people, record.debrief
            interview = listing.interview
            starts = interview.starts_at.astimezone()
            title = " — ".join(part for part in (listing.company, listing.role) if part)
            yield Plain(title, classes="form-title")
            facts = [
                interview.stage.label.capitalize(),
                f"{long_day(local_day(starts), self.app.clock.today())}, {starts:%H:%M}",
            ]
            if interview.format:
                facts.append(interview.format)
            yield Plain(" · ".join(facts), classes="facts")
            if people:
                yield Plain(f"With {', '.join(c.name for c in people)}", classes="facts")
            if missing := details_to_swap(people):
                yield Plain(f"Still to swap details: {missing}", classes="warning")
            if record.decision:
                yield Plain(f"Decision expected {record.decision.told(self.app.clock.today())}", classes="facts")
            if debrief is None:
                yield Static("Not debriefed yet — press e to write it down.", classes="hint")
                return
            score = satisfaction_dots(debrief.satisfaction) if debrief.satisfaction else "not rated"
            yield Static(f"Satisfaction {score}", classes="facts")
            for answer in debrief.answers:
                yield Plain(answer.prompt, classes="prompt")
                yield Plain(answer.answer.strip() or "—", classes="answer")
                if answer.question_key == RATED_KEY and (rated := ratings_said(answer.answer, debrief.ratings)):
                    yield Plain(rated, classes="facts")
        yield Footer()

    def action_edit(self) -> None:
        debrief_flows.edit_debrief(self.app, self.interview_id)

    def action_plan_clear_ups(self) -> None:
        """`f`: a follow-up for each "to clear up" line, to the person it names — asking when it names nobody."""
        found = clear_ups(self.app.journal, self.interview_id)
        riding = "; ".join(f"“{line}” goes in your thank-you to {person}" for line, person in found.riding)
        if not found.lines:
            self.notify(f"Nothing new to plan: {riding or 'each line under “to clear up” already has a follow-up'}.")
            return
        if riding:
            self.notify(f"{sentence(riding)}.")
        chosen: list[ClearUp] = []

        def next_line(lines: list[ClearUp]) -> None:
            if not lines:
                self._plan(chosen)
                return
            line, rest = lines[0], lines[1:]
            if line.contact_id is not None or not found.people:
                chosen.append(line)
                next_line(rest)
                return

            def answered(contact_id: int | None) -> None:
                chosen.append(replace(line, contact_id=contact_id))
                next_line(rest)

            self.app.push_screen(ChoosePerson(line.text, found.people), answered)

        next_line(found.lines)

    def _plan(self, lines: list[ClearUp]) -> None:
        added = plan_clear_ups(self.app.journal, self.interview_id, lines)
        self.post_message(JournalChanged())
        due = long_day(added[0].due_on, self.app.clock.today())
        self.notify(f"{len(added)} follow-up{'s' * (len(added) > 1)} planned for {due}, on the Timeline.")

    def action_delete(self) -> None:
        debrief_flows.delete_interview(self.app, self.interview_id)


def open_debrief(app: FollowupApp, record_id: int) -> None:
    """Open the record over whatever is showing (from its pane, or a card that names it)."""
    app.push_screen(DebriefView(record_id))
