"""The week in review, as the Week pane shows it: this week against the one before, the weekly
goal and its streak, and the stalled applications with the one thing to do about each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from followup_tui.domain.insights import QUIET_AFTER_DAYS
from followup_tui.domain.models import Followup, Kind
from followup_tui.domain.stay_in_touch import LosingTouch
from followup_tui.domain.week import NextAction, Stalled, Week, WeekCounts, goal_told, stalled, streak, week_of
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from .followups import week_starts
from .settings import GHOST_SETTING, GOAL_SETTING, setting
from .stay_in_touch import losing_touch
from .story import application_story, decisions
from .undo import Undo

STALLED_SHOWN = 8
"""Stalled applications the pane lists (the longest silent first); the rest are counted."""


@dataclass(frozen=True)
class WeekReview:
    """One week of the search, and where it stands now."""

    week: Week
    counts: WeekCounts
    before: WeekCounts
    """The week before it, to compare."""
    goal: int
    goal_line: str
    """ "3 of 5 applications — 2 to go by Sunday"."""
    streak: int
    stalled: list[Stalled]
    more_stalled: int
    """Stalled applications past the ones listed."""
    today: date
    losing_touch: list[LosingTouch] = field(default_factory=list)
    """People of ended processes whose keeping-in-touch note is due, or out of touch past their cadence."""
    more_losing_touch: int = 0

    @property
    def is_this_week(self) -> bool:
        return self.week.holds(self.today)


def week_review(store: Store, weeks_back: int = 0) -> WeekReview:
    """The week `weeks_back` weeks before this one (0: this week), by the user's calendar week and
    local day. Each count is one indexed window; the stalled ones read their stories, a few."""
    today = store.clock.today()
    week = week_of(today, week_starts(store)).before(max(weeks_back, 0))
    counts = store.week_counts(week.first, week.last)
    before = week.before()
    goal = int(setting(store, GOAL_SETTING))
    listed, more = stalled_now(store, today)
    people, more_people = losing_touch(store)
    return WeekReview(
        week,
        counts,
        store.week_counts(before.first, before.last),
        goal,
        goal_told(week, counts.applications, goal, today),
        streak(lambda w: store.applications_added(w.first, w.last), week, goal, today),
        listed,
        more,
        today,
        people,
        more_people,
    )


def stalled_now(store: Store, today: date) -> tuple[list[Stalled], int]:
    """The stalled applications, the longest silent first, up to STALLED_SHOWN; and how many more.
    Each is judged on its story (what was sent, the decision in force); a decision date still
    ahead is waited for."""
    ghost_after = int(setting(store, GHOST_SETTING))
    quiet = min(QUIET_AFTER_DAYS, ghost_after)
    silent = store.silent_applications(today, quiet)
    ahead = {i for i, d in decisions(store, [s.opportunity_id for s in silent]).items() if d.day >= today}
    silent = [s for s in silent if s.opportunity_id not in ahead]
    accepted = store.accepted_anywhere()
    most = int(setting(store, "cadence.most_unanswered_check_ins"))  # the planner's own number
    listed = []
    for candidate in silent[:STALLED_SHOWN]:
        story = application_story(store, candidate.opportunity_id)
        found = story and stalled(
            story,
            candidate.added_on,
            today,
            ghost_after_days=ghost_after,
            most_unanswered=most,
            accepted_elsewhere=accepted,
            quiet_days=quiet,
        )
        if found:
            listed.append(found)
    return listed, max(len(silent) - STALLED_SHOWN, 0)


PLANNED_AS = {NextAction.CHECK_IN: Kind.CHECK_IN, NextAction.CLOSE_THE_LOOP: Kind.CLOSING_LOOP}
"""The next actions that are a message to plan, and the kind of follow-up each becomes."""


def plan_next_step(store: Store, stalled_one: Stalled) -> Undo | None:
    """Put a stalled application's next message on the Timeline, due today, to the person last
    written to (else the first person in the process): one write, one undo. None when its next
    action is no message (mark ghosted, withdraw) or it is gone."""
    kind = PLANNED_AS.get(stalled_one.action)
    story = application_story(store, stalled_one.opportunity_id)
    if kind is None or story is None:
        return None
    sent = [f.contact_id for f in story.sent if f.contact_id]
    contact_id = sent[-1] if sent else (story.people[0].id if story.people else None)
    words = "Checking in with" if kind is Kind.CHECK_IN else "Closing the loop with"
    with store.transaction():
        made = store.add_followup(
            Followup(
                stalled_one.opportunity_id,
                kind,
                store.clock.today(),
                kind.direction,
                contact_id=contact_id,
                subject=f"{words} {story.opportunity.company}",
            )
        )
        taken = store.settle(Snapshot(created={"followups": [made.id]}))
    return Undo(f"{kind.label} planned for today", snapshot=taken, select=f"followup-{made.id}")
