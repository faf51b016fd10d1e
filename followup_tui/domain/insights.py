"""What the journal teaches: keep the search going, notice quiet companies, learn from debriefs.

Everything here is arithmetic over records the store already returns, so each figure can
be pinned by a test on a hand-built history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from .clock import local_day
from .dates import NO_HOLIDAYS, add_business_days
from .kinds import DEFAULT_STAGES
from .models import (
    Direction,
    FollowupListing,
    FollowupStatus,
    InterviewListing,
    Kind,
    OpportunityListing,
    Stage,
)

QUIET_AFTER_DAYS = 14
CLOSE_AFTER_DAYS = 30


def quiet_for(listing: OpportunityListing, today: date) -> int | None:
    """Days an active application has gone without contact, once that is QUIET_AFTER_DAYS or more."""
    if not listing.opportunity.status.is_active or listing.last_contact_on is None:
        return None
    days = (today - listing.last_contact_on).days
    return days if days >= QUIET_AFTER_DAYS else None


def describe_quiet(days: int | None) -> str:
    if days is None:
        return ""
    if days >= CLOSE_AFTER_DAYS:
        return f"quiet {days} days — close it?"
    return f"quiet {days} days"


@dataclass(frozen=True)
class Nudge:
    """Why the search needs another application, and what to press."""

    text: str


@dataclass(frozen=True)
class SearchPulse:
    """The search at a glance, all the nudge needs: how many applications, how many still
    open, and the latest day one was added (applied, else first recorded)."""

    applications: int
    still_open: int
    last_added: date | None


def search_nudge(pulse: SearchPulse, today: date, *, min_active: int = 3, stale_days: int = 7) -> Nudge | None:
    """A nudge when fewer than `min_active` applications are open, or none was added lately —
    short enough for one line at 80 columns with the key of the pane showing it."""
    if not pulse.applications:
        return None  # an empty journal has its own welcome
    active = pulse.still_open
    if active < min_active:
        noun = "application is" if active == 1 else "applications are"
        return Nudge(f"Only {active} {noun} still open: time to add one.")
    if pulse.last_added and (today - pulse.last_added).days >= stale_days:
        days = (today - pulse.last_added).days
        return Nudge(f"No new application in {days} days: back on the hunt?")
    return None


def satisfaction_over_time(interviews: list[InterviewListing]) -> list[tuple[date, int]]:
    """Each rated interview's day and satisfaction, oldest first."""
    rated = sorted((i for i in interviews if i.satisfaction is not None), key=lambda i: i.interview.starts_at)
    return [(local_day(i.interview.starts_at), i.satisfaction) for i in rated]


def interviews_per_stage(
    interviews: list[InterviewListing], order: tuple[str, ...] = DEFAULT_STAGES
) -> dict[Stage, int]:
    """How many interviews each round had, in the order of `order` (the `interview.stages`
    setting's), then any other round stored, in the order first met; a round in any case is one."""
    counts = Counter(i.interview.stage.casefold() for i in interviews)
    named: dict[str, Stage] = {}
    for stage in [*map(Stage, order), *(i.interview.stage for i in interviews)]:
        named.setdefault(stage.casefold(), stage)
    return {stage: counts[key] for key, stage in named.items() if counts[key]}


def median_days_to_reply(followups: list[FollowupListing]) -> float | None:
    """Median days from your latest message to a company until its reply."""
    done = [f.followup for f in followups if f.followup.status is FollowupStatus.DONE and f.followup.done_at]
    done.sort(key=lambda f: f.done_at)
    waits: list[int] = []
    last_sent: dict[int, date] = {}
    for followup in done:
        day = local_day(followup.done_at)
        if followup.direction is Direction.OUTBOUND:
            last_sent[followup.opportunity_id] = day
        elif followup.opportunity_id in last_sent:
            waits.append((day - last_sent.pop(followup.opportunity_id)).days)
    from statistics import median  # loaded with Insights, not with the first frame

    return median(waits) if waits else None


@dataclass(frozen=True)
class ThankYous:
    """The thank-yous due so far: sent by the next business day, sent later, and not sent yet."""

    on_time: int
    late: int
    unsent: int

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.unsent

    @property
    def sent(self) -> int:
        return self.on_time + self.late

    def describe(self) -> str:
        text = f"{self.on_time} of {self.due} went out by the next business day"
        extra = [f"{self.late} late" if self.late else "", f"{self.unsent} not sent yet" if self.unsent else ""]
        return " · ".join([text, *(part for part in extra if part)]) + "."


def thank_yous_on_time(
    followups: list[FollowupListing],
    interviews: list[InterviewListing],
    today: date,
    holidays: Container[date] = NO_HOLIDAYS,
) -> ThankYous:
    """Each thank-you due by `today` (skipped ones aside): on time only when marked sent by the
    next business day after its interview (or its own due day, without one)."""
    interview_day = {i.interview.id: local_day(i.interview.starts_at) for i in interviews}
    on_time = late = unsent = 0
    for listing in followups:
        followup = listing.followup
        if followup.kind is not Kind.THANK_YOU or followup.status is FollowupStatus.SKIPPED:
            continue
        day = interview_day.get(followup.interview_id)
        due = add_business_days(day, 1, holidays) if day is not None else followup.due_on
        if followup.status is FollowupStatus.PLANNED:
            unsent += due < today
        elif followup.done_at and local_day(followup.done_at) <= due:
            on_time += 1
        else:
            late += 1
    return ThankYous(on_time, late, unsent)
