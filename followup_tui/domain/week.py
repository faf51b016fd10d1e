"""The week in review: which days a week holds, what it counts, the weekly goal and its streak,
and the applications that have stalled, each with the one thing to do next.

Pure arithmetic over what the store counts and what an application's story says (`Story`), so
every figure can be pinned by a test on a hand-built week.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .clock import local_day
from .dates import WEEKDAYS, last_day_of_week, long_day
from .insights import QUIET_AFTER_DAYS
from .kinds import FollowupStatus, Kind, Status
from .story import Story

GOAL_DEFAULT = 5
"""Applications a week, as the `goal.applications_per_week` setting ships."""

GHOST_AFTER_DEFAULT = 21
"""Days of silence after your last message before an application is going quiet."""


# -- which days -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """One calendar week of the user's: its first and last day (the `week_starts` setting's)."""

    first: date
    last: date

    def before(self, weeks: int = 1) -> Week:
        gone = timedelta(days=7 * weeks)
        return Week(self.first - gone, self.last - gone)

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last

    def told(self, today: date) -> str:
        """ "Mon 23 Nov – Sun 29 Nov", with "this week" or "last week" when it is one of those."""
        span = f"{long_day(self.first, today)} – {long_day(self.last, today)}"
        now = week_of(today, self.first.weekday())
        if self == now:
            return f"This week · {span}"
        if self == now.before():
            return f"Last week · {span}"
        return span

    @property
    def last_day_name(self) -> str:
        """ "Sunday", for "2 to go by Sunday"."""
        return WEEKDAYS[self.last.weekday()].capitalize()


def week_of(day: date, week_starts: int = 0) -> Week:
    """The calendar week `day` is in, for a week that starts on `week_starts` (0 Monday … 6 Sunday)."""
    last = last_day_of_week(day, week_starts)
    return Week(last - timedelta(days=6), last)


# -- what it counts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCounts:
    """What one week holds: applications added (the day applied, else the day recorded), messages
    you sent, replies you logged, interviews, and applications that reached an offer."""

    applications: int = 0
    messages: int = 0
    replies: int = 0
    interviews: int = 0
    offers: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.applications or self.messages or self.replies or self.interviews or self.offers)


COUNTED = (
    ("applications", "Applications added"),
    ("messages", "Messages sent"),
    ("replies", "Replies"),
    ("interviews", "Interviews"),
    ("offers", "Offers"),
)
"""Each count the Week pane shows, in its order, with its line's words."""

NOTHING_COUNTED = (
    "Nothing counted in this week yet. The Week pane counts the applications you add (n on the "
    "Pipeline; the day applied counts), the messages you mark sent (d on the Timeline), the replies "
    "you log, the interviews you debrief (ctrl+n) and the applications that reach an offer."
)


def change_told(now: int, before: int) -> str:
    """How a count moved since the week before: "+2", "−1", or "same"."""
    if now == before:
        return "same"
    return f"+{now - before}" if now > before else f"−{before - now}"


# -- the goal ---------------------------------------------------------------------------------


def goal_told(week: Week, added: int, goal: int, today: date) -> str:
    """Where the week stands against the goal: "3 of 5 applications — 2 to go by Sunday"."""
    noun = "application" if goal == 1 else "applications"
    head = f"{added} of {goal} {noun}"
    if added >= goal:
        return f"{head} — goal met"
    short = goal - added
    if week.last < today:
        return f"{head} — {short} short"
    return f"{head} — {short} to go by {week.last_day_name}"


def streak(added_in: Callable[[Week], int], week: Week, goal: int, today: date, most: int = 520) -> int:
    """Weeks in a row that met the goal, up to `week` (`added_in` counts a week's applications):
    counted back from `week` when it met the goal, else from the week before it while `week` is
    still under way (it has not failed yet). Read a week at a time, back to the first that fell
    short, at most `most` weeks."""
    start = week if week.last < today or added_in(week) >= goal else week.before()
    count = 0
    while count < most and added_in(start.before(count)) >= goal:
        count += 1
    return count


def streak_told(weeks: int, this_week: bool = True) -> str:
    """The streak in words: up to now on this week, up to the week shown on one gone by."""
    if weeks == 0:
        return "No streak yet: meet the goal this week to start one." if this_week else "No streak that week."
    run = f"{weeks} week{'s' * (weeks != 1)} in a row"
    return f"Goal met {run}." if this_week else f"Goal met {run} up to that week."


# -- stalled applications ---------------------------------------------------------------------


class NextAction(StrEnum):
    """The one thing to do about a stalled application."""

    CHECK_IN = "check in"
    CLOSE_THE_LOOP = "close the loop"
    MARK_GHOSTED = "mark ghosted"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Stalled:
    """An open application with nothing planned that has gone silent, and what to do about it."""

    opportunity_id: int
    company: str
    role: str
    silent_days: int
    """Days since anything happened: an application, an interview, a message, a reply."""
    going_quiet: bool
    """Silent past the `ghost.after_days` setting since your last message."""
    action: NextAction
    why: str

    @property
    def headline(self) -> str:
        """ "Globex · SRE — silent 23 days, going quiet"."""
        name = f"{self.company} · {self.role}" if self.role else self.company
        quiet = ", going quiet" if self.going_quiet else ""
        return f"{name} — silent {self.silent_days} days{quiet}"

    @property
    def advice(self) -> str:
        """ "close the loop: 2 check-ins unanswered"."""
        return f"{self.action.value}: {self.why}"

    def told(self) -> str:
        return f"{self.headline} — {self.advice}"


def stalled(
    story: Story,
    added_on: date | None,
    today: date,
    *,
    ghost_after_days: int = GHOST_AFTER_DEFAULT,
    most_unanswered: int = 2,
    accepted_elsewhere: bool = False,
    quiet_days: int = QUIET_AFTER_DAYS,
) -> Stalled | None:
    """The application as stalled, or None when it is not: open, nothing planned, no decision
    date still ahead (the one in force, from the story), and nothing done, met or added for
    `quiet_days`. What was sent is the story's; the next action follows the planner's rule (at
    most `most_unanswered` check-ins, then close the loop, then let it go)."""
    opportunity = story.opportunity
    if not opportunity.status.is_active or opportunity.id is None:
        return None
    if any(f.status is FollowupStatus.PLANNED for f in story.followups):
        return None
    if story.decision is not None and story.decision.day >= today:
        return None
    sent = story.sent
    replies = [
        local_day(f.done_at)
        for f in story.followups
        if f.kind is Kind.REPLY_RECEIVED and f.status is FollowupStatus.DONE and f.done_at
    ]
    last_reply = max(replies, default=None)
    sent_days = [(local_day(f.done_at), f) for f in sent if f.done_at]
    last_sent = max((day for day, _ in sent_days), default=None)
    if any(r.day > today for r in story.rounds):
        return None  # an interview still to come
    done = [local_day(f.done_at) for f in story.followups if f.status is FollowupStatus.DONE and f.done_at]
    days = [d for d in (added_on, *done, *(r.day for r in story.rounds)) if d]
    if not days:
        return None
    silent = (today - max(days)).days
    if silent < quiet_days:
        return None
    unanswered = [f for day, f in sent_days if last_reply is None or day > last_reply]
    going_quiet = last_sent is not None and bool(unanswered) and (today - last_sent).days >= ghost_after_days
    check_ins = sum(f.kind is Kind.CHECK_IN for f in unanswered)
    closed = any(f.kind is Kind.CLOSING_LOOP for f in unanswered)
    if accepted_elsewhere:
        action, why = NextAction.WITHDRAW, "you accepted an offer elsewhere; let them know"
    elif closed:
        action, why = NextAction.MARK_GHOSTED, "you closed the loop and heard nothing"
    elif check_ins >= most_unanswered:
        action, why = NextAction.CLOSE_THE_LOOP, f"{check_ins} check-ins unanswered; one short last note"
    elif not sent:
        action, why = NextAction.CHECK_IN, "nothing sent yet; ask where things stand"
    elif unanswered:
        action, why = NextAction.CHECK_IN, f"no answer since {long_day(last_sent, today)}"
    else:
        action, why = NextAction.CHECK_IN, f"their last reply was {long_day(last_reply, today)}"
    return Stalled(opportunity.id, opportunity.company, opportunity.role, silent, going_quiet, action, why)


def revived(had_interviews: bool) -> Status:
    """Where a ghosted application goes when they reply after all: interviewing when it had an
    interview, else applied."""
    return Status.INTERVIEWING if had_interviews else Status.APPLIED
