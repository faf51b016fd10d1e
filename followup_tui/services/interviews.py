"""Interviews as the screens see them: the Debriefs list, one debrief to read or edit, deleting
one, and the plan offered after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup_tui.domain.cadence import Step
from followup_tui.domain.clear_ups import Shape
from followup_tui.domain.debrief_form import DebriefForm
from followup_tui.domain.models import Contact, Debrief, InterviewListing
from followup_tui.domain.questions import DEFAULT_QUESTIONS, Question
from followup_tui.domain.story import Decision
from followup_tui.store import Store

from .debriefs import NEW_DRAFT, edit_draft_key, form_for
from .followups import Replan, accept_plan, propose_plan, replan_for_decision
from .followups import move_check_ins as move_check_ins  # the debrief screens move them from here
from .story import decision_of


def interviews_page(store: Store, offset: int, limit: int) -> list[InterviewListing]:
    return store.list_interviews(limit=limit, offset=offset)


def interview(store: Store, interview_id: int) -> InterviewListing | None:
    return store.get_interview(interview_id)


@dataclass(frozen=True)
class DebriefRecord:
    """One interview opened to read: when and with whom, and what was written after it."""

    listing: InterviewListing
    people: list[Contact]
    debrief: Debrief | None
    decision: Decision | None = None
    """The decision date in force for the application, and who gave it."""


def debrief_record(store: Store, interview_id: int) -> DebriefRecord | None:
    listing = store.get_interview(interview_id)
    if listing is None:
        return None
    decision = decision_of(store, listing.interview.opportunity_id)
    return DebriefRecord(listing, store.interview_contacts(interview_id), store.get_debrief(interview_id), decision)


def delete_interview(store: Store, interview_id: int) -> None:
    """Delete the interview and its debrief; the application, people and follow-ups stay."""
    store.delete_interview(interview_id)


@dataclass(frozen=True)
class DebriefStart:
    """A debrief form ready to open: what it holds, its questions, where its draft is kept."""

    form: DebriefForm
    questions: tuple[Question, ...]
    draft_key: str
    interview_id: int | None = None
    title: str = "New debrief"
    picked_up_at: datetime | None = None
    """When the unsaved changes it was filled from were typed, if it was."""
    dropped: tuple[str, ...] = ()
    """What the draft held that the form cannot (a stage it does not know...), left out."""


def new_debrief(store: Store, *, resume: bool) -> DebriefStart:
    """A blank debrief, or the one left unsaved when `resume`."""
    draft = store.get_draft(NEW_DRAFT) if resume else None
    form, dropped = DebriefForm.from_draft(draft.payload) if draft else (DebriefForm(), [])
    return DebriefStart(form, DEFAULT_QUESTIONS, NEW_DRAFT, dropped=tuple(dropped))


def edit_debrief(store: Store, interview_id: int) -> DebriefStart | None:
    """The recorded debrief as a form, or the unsaved changes to it if some were left."""
    listing = store.get_interview(interview_id)
    if listing is None:
        return None
    key = edit_draft_key(interview_id)
    form, questions = form_for(store, interview_id)
    draft = store.get_draft(key)
    dropped: list[str] = []
    if draft:
        form, dropped = DebriefForm.from_draft(draft.payload)
    title = f"Edit debrief — {listing.company}"
    picked_up_at = draft.updated_at if draft else None
    return DebriefStart(form, questions, key, interview_id, title, picked_up_at, tuple(dropped))


@dataclass(frozen=True)
class PlannedStep:
    step: Step
    person: str
    """The name of whom it is to, or "" when it is to the company."""

    @property
    def carries(self) -> list[str]:
        """What the step takes along from "to clear up", as the offer says it."""
        return [
            f"as promised: {line.thing}" if line.shape is Shape.PROMISE else f"asks {line.thing}"
            for line in self.step.carries
        ]


def plan_offer(store: Store, interview_id: int) -> list[PlannedStep]:
    """The planner's thank-yous, clear-ups and check-ins for a new debrief, with the names they go to."""
    names = {c.id: c.name for c in store.interview_contacts(interview_id)}
    return [PlannedStep(step, names.get(step.contact_id, "")) for step in propose_plan(store, interview_id)]


def decision_day(store: Store, interview_id: int) -> date | None:
    """The decision date in force for the interview's application, as it is now (to tell, after
    an edit, whether it moved)."""
    listing = store.get_interview(interview_id)
    decision = decision_of(store, listing.interview.opportunity_id) if listing else None
    return decision.day if decision else None


def replan_after_edit(store: Store, interview_id: int, was: date | None) -> Replan | None:
    """The check-ins to move now that the debrief gives another decision date (None: none to move)."""
    listing = store.get_interview(interview_id)
    return replan_for_decision(store, listing.interview.opportunity_id, was) if listing else None


def accept_offer(store: Store, interview_id: int, offer: list[PlannedStep]) -> None:
    accept_plan(store, interview_id, [planned.step for planned in offer])
