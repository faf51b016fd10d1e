"""Recording, finding and exporting debriefs — the journal's second habit."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup_tui.domain.dates import add_business_days
from followup_tui.domain.debrief_form import CheckedDebrief, DebriefForm
from followup_tui.domain.models import (
    Contact,
    Debrief,
    Followup,
    Interview,
    InterviewListing,
    Kind,
    Opportunity,
    Status,
)
from followup_tui.domain.people import name_key
from followup_tui.domain.questions import DEFAULT_QUESTIONS, Question
from followup_tui.store import AnswerMatch, Store

from . import story
from .names import NewNames
from .public_holidays import holiday_calendar
from .settings import setting

NEW_DRAFT = "debrief:new"
"""The draft key of a debrief for an interview not recorded yet."""

MATCH_START, MATCH_END = "\x02", "\x03"
"""Around the matched words in a search hit's excerpt."""


def edit_draft_key(interview_id: int) -> str:
    return f"debrief:{interview_id}"


def day_first(store: Store) -> bool:
    """The date-order setting: is 3/12 the 3rd of December (the default) or March 12th?"""
    return setting(store, "date_order") != "month/day"


def record_debrief(store: Store, checked: CheckedDebrief, interview_id: int | None = None) -> Interview:
    """Save an interview and its debrief in one transaction, and drop the draft it came from.

    The application is found by company and role or created; each interviewer
    becomes a contact, or links the existing card with that name at that company.
    Editing (`interview_id` given) rewrites the interview and its debrief in place.
    """
    with store.transaction():
        opportunity = store.find_opportunity(checked.company, checked.role) or store.add_opportunity(
            Opportunity(company=checked.company, role=checked.role, status=Status.INTERVIEWING)
        )
        if opportunity.status is Status.APPLIED:
            store.set_status(opportunity.id, Status.INTERVIEWING)
        contact_ids = [_contact_for(store, name, checked.company).id for name in checked.interviewers]
        interview = Interview(
            opportunity_id=opportunity.id,
            starts_at=checked.starts_at,
            stage=checked.stage,
            format=checked.format,
            decision_expected_on=checked.decision_on,
            id=interview_id,
        )
        if interview_id is None:
            interview = store.add_interview(interview, contact_ids)
            store.delete_draft(NEW_DRAFT)
        else:
            store.update_interview(interview, contact_ids)
            store.delete_draft(edit_draft_key(interview_id))
        store.save_debrief(Debrief(interview.id, checked.satisfaction, checked.answers, ratings=checked.ratings))
    return interview


def _contact_for(store: Store, name: str, company: str) -> Contact:
    return _card_of(store, name, company) or store.add_contact(Contact(name=name, company=company))


def _card_of(store: Store, name: str, company: str) -> Contact | None:
    """The card an interviewer's name links to: that name, at that company or at none."""
    return next((c for c in store.find_contacts(name) if name_key(c.company) in ("", name_key(company))), None)


def new_names(store: Store, checked: CheckedDebrief) -> NewNames:
    """What saving this debrief would add: an application for a company the journal does not know
    yet, a card for each interviewer it has none for."""
    known_company = store.latest_opportunity_at(checked.company) is not None
    people = tuple(name for name in checked.interviewers if _card_of(store, name, checked.company) is None)
    return NewNames(None if known_company else checked.company, people)


def form_for(store: Store, interview_id: int) -> tuple[DebriefForm, tuple[Question, ...]]:
    """The form for editing a recorded debrief, with its questions as they were asked."""
    listing = store.get_interview(interview_id)
    if listing is None:
        raise LookupError(f"interview {interview_id} no longer exists")
    interview = listing.interview
    debrief = store.get_debrief(interview_id)
    answers = debrief.answers if debrief else []
    questions = tuple(Question(a.question_key, a.prompt) for a in answers) or DEFAULT_QUESTIONS
    form = DebriefForm(
        company=listing.company,
        role=listing.role,
        when=f"{interview.starts_at.astimezone():%Y-%m-%d %H:%M}",
        stage=interview.stage.value,
        format=interview.format,
        interviewers=", ".join(c.name for c in store.interview_contacts(interview_id)),
        decision=interview.decision_expected_on.isoformat() if interview.decision_expected_on else "",
        satisfaction=debrief.satisfaction if debrief else None,
        answers={a.question_key: a.answer for a in answers},
        ratings=dict(debrief.ratings) if debrief else {},
    )
    return form, questions


@dataclass(frozen=True)
class ClearUp:
    """A line of "anything to clear up or send them" with no follow-up yet, and the person it
    names (None when it names nobody, or several, and there is a choice to make)."""

    text: str
    contact_id: int | None


@dataclass(frozen=True)
class ClearUps:
    lines: list[ClearUp]
    people: list[Contact]
    """Who was in the room, to choose from for a line that names nobody."""
    riding: list[tuple[str, str]] = field(default_factory=list)
    """The lines that go in a thank-you still to send, each with whom it is to."""


def clear_ups(store: Store, interview_id: int) -> ClearUps:
    """The "to clear up" lines still to plan as steps of their own — not kept, not planned, and not
    going with a thank-you still to send (the story says which) —, each with the interviewer it
    names, or the only one."""
    listing = store.get_interview(interview_id)
    told = story.application_story(store, listing.interview.opportunity_id) if listing else None
    if told is None:
        return ClearUps([], [])
    people = list(next(r.people for r in told.rounds if r.interview.id == interview_id))
    lines: list[ClearUp] = []
    seen: set[str] = set()
    for promise in told.to_plan(interview_id):
        line = promise.clear_up
        if line.line.casefold() in seen:
            continue
        seen.add(line.line.casefold())
        named = line.person if line.person is not None else (0 if len(people) == 1 else None)
        lines.append(ClearUp(line.line, people[named].id if named is not None else None))
    riding = [(p.clear_up.line, p.to.name) for p in told.riding(interview_id)]
    return ClearUps(lines, people, riding)


def plan_clear_ups(store: Store, interview_id: int, lines: list[ClearUp]) -> list[Followup]:
    """A question follow-up for each line, due the next business day, to the person chosen for it."""
    opportunity_id = store.get_interview(interview_id).interview.opportunity_id
    due = add_business_days(store.clock.today(), 1, holiday_calendar(store))
    with store.transaction():
        return [
            store.add_followup(
                Followup(
                    opportunity_id=opportunity_id,
                    kind=Kind.QUESTION,
                    due_on=due,
                    contact_id=line.contact_id,
                    interview_id=interview_id,
                    subject=line.text,
                )
            )
            for line in lines
        ]


@dataclass(frozen=True)
class DebriefHit:
    """A debrief a search found, and where it matched."""

    listing: InterviewListing
    prompt: str
    excerpt: str

    @property
    def plain_excerpt(self) -> str:
        return self.excerpt.replace(MATCH_START, "").replace(MATCH_END, "")


def search_debriefs(store: Store, text: str, limit: int = 50) -> list[DebriefHit]:
    """Debriefs whose answers mention `text`, taken literally, best match first."""
    matches: list[AnswerMatch] = store.search_answers(text, limit)
    hits = []
    for match in matches:
        listing = store.get_interview(match.interview_id)
        if listing is not None:
            hits.append(DebriefHit(listing, match.prompt, match.excerpt))
    return hits
