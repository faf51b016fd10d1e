"""What is working: the funnel applied → replied → interviewed → offer, for the whole search and
by source, by CV and by the week applied, with counts, rates and the median days to a first
response.

How far an application got is worked out here, once, from the journal's facts as the store reads
them (`ApplicationFacts`): a reply logged (a done reply-received follow-up), an interview row, and
the status history reaching offer or accepted. The stages are steps: an application that reached
an interview counts as replied too (they answered, whether or not the reply was logged), and an
offer as interviewed. Rates are shares of the applications in the group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median

from .clock import local_day
from .people import name_key
from .week import Week, week_of

STAGES = ("applied", "replied", "interviewed", "offer")
"""The funnel's steps, in order."""

TOO_FEW_TO_SAY = 5
"""Applications a group needs before its rates are shown. Under five, one reply more or less
moves a rate by twenty points or more, so a rate would say more about luck than about the source
or the CV; the counts are still shown."""

NO_SOURCE = "no source noted"
NO_CV = "no CV noted"


@dataclass(frozen=True)
class ApplicationFacts:
    """What the journal holds about one application, as the funnel reads it (the store's rows)."""

    opportunity_id: int
    added_on: date
    """The day applied, else the day it was recorded."""
    source: str = ""
    cv: str = ""
    """The name of the CV sent with it, or empty."""
    first_reply_at: datetime | None = None
    """The first reply logged (done reply-received), or None."""
    interviewed: bool = False
    """Whether it has any interview."""
    offered: bool = False
    """Whether its status history reached offer or accepted."""


def stage_reached(facts: ApplicationFacts) -> int:
    """How far the application got, as an index into STAGES: 3 offer, 2 interviewed, 1 replied,
    0 applied. The one place a stage is decided."""
    if facts.offered:
        return 3
    if facts.interviewed:
        return 2
    if facts.first_reply_at is not None:
        return 1
    return 0


def days_to_first_response(facts: ApplicationFacts) -> int | None:
    """Days from applying to the first reply logged, on the user's calendar (never below 0: a
    reply logged before the day applied was typed means a late-typed day, so the same day)."""
    if facts.first_reply_at is None:
        return None
    return max((local_day(facts.first_reply_at) - facts.added_on).days, 0)


@dataclass(frozen=True)
class Funnel:
    """One group's funnel: how many applications reached each stage."""

    label: str
    counts: tuple[int, int, int, int]
    """Applications that reached applied, replied, interviewed, offer (each within the one before)."""
    median_days: float | None = None
    """The median days to a first response, over those that had one."""

    @property
    def applied(self) -> int:
        return self.counts[0]

    @property
    def too_few(self) -> bool:
        """Under TOO_FEW_TO_SAY applications: its rates are not worth saying."""
        return self.applied < TOO_FEW_TO_SAY

    def rate(self, stage: int) -> float | None:
        """The share of its applications that reached `stage` (1 replied … 3 offer), 0 to 1;
        None when there are too few to say."""
        if self.too_few:
            return None
        return self.counts[stage] / self.applied

    def step_rate(self, stage: int) -> float | None:
        """The share of those that reached the stage before that went on to `stage`; None with
        too few applications, or none at the stage before."""
        if self.too_few or not self.counts[stage - 1]:
            return None
        return self.counts[stage] / self.counts[stage - 1]

    def percent(self, stage: int) -> str:
        """ "33%", or "" when too few to say."""
        rate = self.rate(stage)
        return "" if rate is None else f"{round(100 * rate)}%"


@dataclass(frozen=True)
class _Scored:
    """An application with how far it got and its days to a first response, worked out once
    however many groups count it."""

    facts: ApplicationFacts
    stage: int
    days: int | None


def _scored(facts: Iterable[ApplicationFacts]) -> list[_Scored]:
    return [_Scored(one, stage_reached(one), days_to_first_response(one)) for one in facts]


def funnel_of(label: str, facts: Iterable[ApplicationFacts]) -> Funnel:
    """The funnel of these applications."""
    return _funnel(label, _scored(facts))


def _funnel(label: str, scored: list[_Scored]) -> Funnel:
    furthest = [0, 0, 0, 0]
    for one in scored:
        furthest[one.stage] += 1
    reached = [sum(furthest[stage:]) for stage in range(4)]  # one that got further got this far
    waits = [one.days for one in scored if one.days is not None]
    return Funnel(label, (reached[0], reached[1], reached[2], reached[3]), median(waits) if waits else None)


def _grouped(scored: list[_Scored], key: Callable[[ApplicationFacts], str], empty: str) -> list[Funnel]:
    """A funnel per value of `key`, compared as names are (`name_key`: "LinkedIn" and "linkedin "
    are one), labelled by the spelling used most; the most applications first."""
    groups: dict[str, list[_Scored]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for one in scored:
        text = " ".join(key(one.facts).split())
        folded = name_key(text)
        groups.setdefault(folded, []).append(one)
        spelled = spellings.setdefault(folded, {})
        spelled[text] = spelled.get(text, 0) + 1
    funnels = [
        _funnel(max(spellings[folded], key=spellings[folded].get) if folded else empty, members)
        for folded, members in groups.items()
    ]
    return sorted(funnels, key=lambda f: (-f.applied, name_key(f.label)))


def by_source(facts: Iterable[ApplicationFacts]) -> list[Funnel]:
    return _grouped(_scored(facts), lambda one: one.source, NO_SOURCE)


def by_cv(facts: Iterable[ApplicationFacts]) -> list[Funnel]:
    return _grouped(_scored(facts), lambda one: one.cv, NO_CV)


@dataclass(frozen=True)
class WeekFunnel:
    """The funnel of the applications added in one week."""

    week: Week
    funnel: Funnel


def by_week(facts: Iterable[ApplicationFacts], last: Week, weeks: int, week_starts: int = 0) -> list[WeekFunnel]:
    """The funnel of each of the `weeks` weeks up to `last`, oldest first, empty weeks included
    (so the weeks read as a calendar). A recent week's replies may still be on their way."""
    return _by_week(_scored(facts), last, weeks, week_starts)


def _by_week(scored: list[_Scored], last: Week, weeks: int, week_starts: int) -> list[WeekFunnel]:
    shown = [last.before(n) for n in reversed(range(weeks))]
    members: dict[Week, list[_Scored]] = {week: [] for week in shown}
    first = shown[0].first if shown else last.first
    for one in scored:
        if first <= one.facts.added_on <= last.last:
            members[week_of(one.facts.added_on, week_starts)].append(one)
    return [WeekFunnel(week, _funnel(week.first.isoformat(), members[week])) for week in shown]


@dataclass(frozen=True)
class FunnelReport:
    """What is working, as Insights and `followup report funnel` show it."""

    overall: Funnel
    sources: list[Funnel]
    cvs: list[Funnel]
    weeks: list[WeekFunnel]

    @property
    def is_empty(self) -> bool:
        return self.overall.applied == 0


def funnel_report(facts: list[ApplicationFacts], today: date, *, weeks: int = 8, week_starts: int = 0) -> FunnelReport:
    """The whole search's funnel, then by source, by CV, and for the last `weeks` weeks; how far
    each application got is worked out once for all four."""
    scored = _scored(facts)
    return FunnelReport(
        _funnel("all applications", scored),
        _grouped(scored, lambda one: one.source, NO_SOURCE),
        _grouped(scored, lambda one: one.cv, NO_CV),
        _by_week(scored, week_of(today, week_starts), weeks, week_starts),
    )
