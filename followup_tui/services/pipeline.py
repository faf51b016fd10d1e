"""The job search as a whole: applications, the nudge to keep it going, and what it teaches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup_tui.domain.insights import (
    Nudge,
    ThankYous,
    interviews_per_stage,
    median_days_to_reply,
    satisfaction_over_time,
    search_nudge,
    thank_yous_on_time,
)
from followup_tui.domain.models import Stage
from followup_tui.store import Store

from .public_holidays import holiday_calendar
from .settings import interview_stages, setting


def pipeline_nudge(store: Store) -> Nudge | None:
    """The keep-the-search-going nudge, with the user's own thresholds."""
    return search_nudge(
        store.search_pulse(),
        store.clock.today(),
        min_active=int(setting(store, "nudge_min_active")),
        stale_days=int(setting(store, "nudge_stale_days")),
    )


@dataclass(frozen=True)
class Insights:
    satisfaction: list[tuple[date, int]]
    per_stage: dict[Stage, int]
    median_reply_days: float | None
    thank_yous: ThankYous

    @property
    def is_empty(self) -> bool:
        return not (self.satisfaction or self.per_stage or self.thank_yous.due)


def insights(store: Store) -> Insights:
    interviews = store.list_interviews()
    followups = store.list_followups()
    return Insights(
        satisfaction=satisfaction_over_time(interviews),
        per_stage=interviews_per_stage(interviews, interview_stages(store)),
        median_reply_days=median_days_to_reply(followups),
        thank_yous=thank_yous_on_time(followups, interviews, store.clock.today(), holiday_calendar(store)),
    )


def do_differently(store: Store, matching: str = ""):
    """Every "what would you do differently" answer (those mentioning `matching`), newest first."""
    return store.do_differently(matching)
