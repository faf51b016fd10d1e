"""A realistic sample job search, dated around today, to try the app without real data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from followup_tui.domain.dates import add_business_days
from followup_tui.domain.models import (
    Contact,
    Debrief,
    DebriefAnswer,
    Direction,
    Followup,
    FollowupStatus,
    Interview,
    Kind,
    Opportunity,
    Stage,
    Status,
)
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.store import Store

from .demo_data import APPLICATIONS, CONTACTS


class DemoRefused(Exception):
    """The journal already holds data; the demo only fills an empty one."""


DETAILS = ("pay_advertised", "pay_asked", "pay_offered", "notes", "job_description")
"""What some sample applications also hold, to show in the application view."""


def holds_the_demo(store: Store) -> bool:
    """Whether the journal is the sample search, as `fill_demo` left it (its companies, no others)."""
    return {listing.opportunity.company for listing in store.list_opportunities()} == {
        application["company"] for application in APPLICATIONS
    }


def fill_demo(store: Store) -> dict[str, int]:
    """Fill an empty journal with the sample search; returns how many of each it added."""
    if not store.is_empty():
        raise DemoRefused(
            f"{store.path} already holds a journal; demo data goes into an empty one "
            "(for example: followup demo --db /tmp/followup-demo.db)"
        )
    today = store.clock.today()
    zone = store.clock.now().tzinfo
    contacts = {card["name"]: store.add_contact(Contact(**card)) for card in CONTACTS}
    for application in APPLICATIONS:
        opportunity = store.add_opportunity(
            Opportunity(
                company=application["company"],
                role=application["role"],
                status=Status(application["status"]),
                source=application["source"],
                url=application["url"],
                applied_on=add_business_days(today, application["applied"]),
                **{name: application.get(name, "") for name in DETAILS},
            )
        )
        interviews: list[Interview] = []
        for round_ in application["interviews"]:
            day = add_business_days(today, round_["day"])
            hour, minute = round_["at"]
            promised = round_.get("decision")
            interview = store.add_interview(
                Interview(
                    opportunity_id=opportunity.id,
                    starts_at=datetime.combine(day, time(hour, minute), zone),
                    stage=Stage(round_["stage"]),
                    format=round_["format"],
                    location=round_["where"],
                    decision_expected_on=add_business_days(today, promised) if promised is not None else None,
                ),
                [contacts[name].id for name in round_["people"]],
            )
            store.save_debrief(
                Debrief(
                    interview_id=interview.id,
                    satisfaction=round_["satisfaction"],
                    answers=[
                        DebriefAnswer(q.key, q.prompt, round_["answers"].get(q.key, "")) for q in DEFAULT_QUESTIONS
                    ],
                )
            )
            interviews.append(interview)
        for step in application["followups"]:
            store.add_followup(_followup(step, opportunity, interviews, contacts, today, zone))
        store.rewrite_status_history(opportunity.id, _history(opportunity, interviews, store.clock.now()))
    return store.counts()


def _history(opportunity: Opportunity, interviews: list[Interview], now: datetime) -> list[tuple[Status, datetime]]:
    """How a sample application got where it is: applied, interviewing from the first round, and
    its last move a day after the last round."""
    zone = now.tzinfo
    steps = [(Status.APPLIED, datetime.combine(opportunity.applied_on, time(9, 0), zone))]
    rounds = sorted(interview.starts_at for interview in interviews)
    if rounds:
        steps.append((Status.INTERVIEWING, min(now, rounds[0])))
    if opportunity.status not in (Status.APPLIED, Status.INTERVIEWING):
        steps.append((opportunity.status, min(now, (rounds[-1] if rounds else steps[0][1]) + timedelta(days=1))))
    return steps


def _followup(
    step: dict,
    opportunity: Opportunity,
    interviews: list[Interview],
    contacts: dict[str, Contact],
    today: date,
    zone: tzinfo | None,
) -> Followup:
    due = add_business_days(today, step["due"])
    status = FollowupStatus(step.get("status", "planned"))
    done_at = None
    if status is not FollowupStatus.PLANNED:
        done_at = datetime.combine(due, time(16, 30), zone)
    person = step.get("person")
    return Followup(
        opportunity_id=opportunity.id,
        interview_id=interviews[step["interview"]].id if "interview" in step else None,
        contact_id=contacts[person].id if person else None,
        kind=Kind(step["kind"]),
        direction=Direction(step.get("direction", "outbound")),
        due_on=due,
        status=status,
        done_at=done_at,
        subject=step["subject"],
    )
