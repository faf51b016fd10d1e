"""Recording, finding and exporting debriefs — the journal's second habit."""

from __future__ import annotations

from dataclasses import dataclass

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
from followup_tui.domain.questions import DEFAULT_QUESTIONS, Question
from followup_tui.store import AnswerMatch, Store

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
        store.save_debrief(Debrief(interview.id, checked.satisfaction, checked.answers))
    return interview


def _contact_for(store: Store, name: str, company: str) -> Contact:
    for contact in store.find_contacts(name):
        if contact.company.casefold() in ("", company.casefold()):
            return contact
    return store.add_contact(Contact(name=name, company=company))


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
    )
    return form, questions


CLEAR_UP_KEY = "to_clear_up"


def clear_up_followups(store: Store, interview_id: int) -> list[Followup]:
    """Plan a follow-up for each line of "anything to clear up or send them" not planned yet.

    Each is due the next business day, addressed to the first interviewer.
    """
    debrief = store.get_debrief(interview_id)
    answer = next((a.answer for a in debrief.answers if a.question_key == CLEAR_UP_KEY), "") if debrief else ""
    items = [line.strip(" \t-•*") for line in answer.splitlines()]
    planned = {followup.subject.casefold() for followup in store.followups_of_interview(interview_id)}
    listing = store.get_interview(interview_id)
    people = store.interview_contacts(interview_id)
    due = add_business_days(store.clock.today(), 1)
    added = []
    with store.transaction():
        for item in items:
            if item and item.casefold() not in planned:
                planned.add(item.casefold())
                added.append(
                    store.add_followup(
                        Followup(
                            opportunity_id=listing.interview.opportunity_id,
                            kind=Kind.QUESTION,
                            due_on=due,
                            contact_id=people[0].id if people else None,
                            interview_id=interview_id,
                            subject=item,
                        )
                    )
                )
    return added


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
