"""Planning follow-ups after an interview, and the guard that keeps them from being pushy.

The planner and the guard share one set of numbers (`Cadence`), and the planner only ever
proposes steps the guard accepts, so a plan never needs a warning of its own.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .clear_ups import ClearUp, Shape
from .clock import local_day
from .dates import NO_HOLIDAYS, add_business_days, is_business_day, long_day
from .models import Direction, Followup, FollowupStatus, Kind


@dataclass(frozen=True)
class Cadence:
    """Every number of the follow-up rules; each is a setting with this default."""

    thank_you_business_days: int = 1
    check_in_after_decision_business_days: int = 2
    check_in_without_decision_days: int = 7
    second_check_in_days: int = 7
    most_unanswered_check_ins: int = 2
    spacing_business_days: int = 5
    holidays: Container[date] = field(default=NO_HOLIDAYS, compare=False, hash=False)
    """The public holidays business days skip, besides weekends (the `holidays` setting)."""

    @classmethod
    def numbers(cls) -> list[str]:
        """The rules that are numbers, each a setting of its own."""
        return [f.name for f in fields(cls) if f.name != "holidays"]


SPACING_EXEMPT = frozenset({Kind.THANK_YOU, Kind.OFFER_DEADLINE})
"""Messages the spacing rule never holds back: a thank-you goes the day after, whatever else;
and news of another offer with a deadline cannot wait for the spacing — telling them is a
courtesy to them, not pressure (the documented exception)."""

THE_RULES = Cadence()
"""The follow-up rules as they ship: what a function given no rules of the user's own uses."""


@dataclass(frozen=True)
class Step:
    """One proposed follow-up: what, to whom, by when."""

    kind: Kind
    due_on: date
    subject: str
    contact_id: int | None = None
    carries: tuple[ClearUp, ...] = ()
    """What a thank-you takes along from the debrief's "to clear up": promises and questions."""


def prepare_step(round_day: date, stage: str, company: str, cadence: Cadence = THE_RULES) -> Step:
    """A note to yourself a business day before the next round: time to open its prep sheet."""
    before = add_business_days(round_day, -1, cadence.holidays)
    what = f"the {stage}" if stage.strip() else "next interview"
    return Step(Kind.NOTE, before, f"Prepare for {what} with {company}")


def plan_followups(
    interview_day: date,
    interviewers: list[tuple[int | None, str]],
    decision_on: date | None,
    company: str,
    cadence: Cadence = Cadence(),
    clear_ups: Sequence[ClearUp] = (),
) -> list[Step]:
    """A thank-you to each interviewer — carrying what was promised them and what to ask them —,
    then each other "to clear up" line as a message of its own, then at most the allowed check-ins,
    all spaced by the guard's rules (a promise kept is never too soon)."""
    thank_by = add_business_days(interview_day, cadence.thank_you_business_days, cadence.holidays)
    carried: dict[int, list[ClearUp]] = {}
    own = []
    for line in clear_ups:
        index = line.to(len(interviewers))
        if line.rides_with_thank_you and index is not None:
            carried.setdefault(index, []).append(line)
        else:
            own.append((line, interviewers[index][0] if index is not None else None))
    steps = [
        Step(Kind.THANK_YOU, thank_by, f"Thank you, {name.split()[0]}", contact, tuple(carried.get(i, ())))
        for i, (contact, name) in enumerate(interviewers)
    ]
    last = thank_by
    for line, contact in own:  # a promise with nobody to thank goes at once; a task after the thanks
        day = thank_by if line.shape is not Shape.TASK or not interviewers else spaced(last, last, cadence)
        steps.append(Step(Kind.QUESTION, day, line.line, contact))
        last = max(last, day)
    first = spaced(first_check_in(interview_day, decision_on, cadence), last, cadence)
    lead = interviewers[0][0] if interviewers else None
    steps.append(Step(Kind.CHECK_IN, first, f"Checking in with {company}", lead))
    if cadence.most_unanswered_check_ins >= 2:
        second = spaced(first + timedelta(days=cadence.second_check_in_days), first, cadence)
        steps.append(Step(Kind.CHECK_IN, second, f"A last check-in with {company}", lead))
    return steps


def first_check_in(day: date, decision_on: date | None, cadence: Cadence) -> date:
    """Business days after the decision they promised, else a number of days after `day`."""
    if decision_on:
        return add_business_days(decision_on, cadence.check_in_after_decision_business_days, cadence.holidays)
    return add_business_days(day + timedelta(days=cadence.check_in_without_decision_days), 0, cadence.holidays)


def spaced(due: date, last_message_on: date, cadence: Cadence) -> date:
    """`due`, or later: a business day at least the guard's spacing after the last message."""
    return max(
        add_business_days(due, 0, cadence.holidays),
        add_business_days(last_message_on, cadence.spacing_business_days, cadence.holidays),
    )


def next_check_in(
    sent_on: date,
    others: list[Followup],
    decision_on: date | None,
    company: str,
    contact_id: int | None = None,
    cadence: Cadence = Cadence(),
) -> Step | None:
    """The check-in to plan after a message sent on `sent_on`, when nothing outbound is planned yet.

    Once as many check-ins as the rules allow went unanswered, the step is closing the loop
    instead (thanks, still interested, the door open) — once; after it, nothing: None, and the
    guard's advice is to move on. None too when a step is already planned. The date follows the
    same rules as `plan_followups`.
    """
    live = [o for o in others if o.status is not FollowupStatus.SKIPPED]
    if any(is_message(o) and o.status is FollowupStatus.PLANNED for o in live):
        return None
    unanswered = _unanswered_check_ins_before(sent_on, live)
    if unanswered >= cadence.most_unanswered_check_ins:
        if any(o.kind is Kind.CLOSING_LOOP for o in live if day_of(o) >= _last_reply(live)):
            return None
        due = spaced(sent_on + timedelta(days=cadence.second_check_in_days), sent_on, cadence)
        return Step(Kind.CLOSING_LOOP, due, f"Closing the loop with {company}", contact_id)
    if unanswered == 0:
        due = first_check_in(sent_on, decision_on, cadence)
    else:
        due = sent_on + timedelta(days=cadence.second_check_in_days)
        if decision_on:  # never before the decision they promised
            due = max(due, first_check_in(sent_on, decision_on, cadence))
    due = spaced(due, sent_on, cadence)
    label = "Checking in with" if unanswered == 0 else "A last check-in with"
    return Step(Kind.CHECK_IN, due, f"{label} {company}", contact_id)


def stay_in_touch_step(
    last_in_touch: date,
    months: int,
    name: str,
    others: list[Followup],
    contact_id: int | None = None,
    cadence: Cadence = THE_RULES,
) -> Step | None:
    """The next note to someone from a process that ended: `months` after the last time you
    were in touch (the end of the process, a message to them, a reply from them), on a business
    day, spaced by the guard's rule from every other message of that application (`others`,
    planned or sent). None when their cadence is none (0)."""
    if months <= 0:
        return None
    due = last_in_touch + relativedelta(months=months)
    messages = [day_of(o) for o in others if is_message(o) and o.status is not FollowupStatus.SKIPPED]
    due = spaced(due, max(messages), cadence) if messages else add_business_days(due, 0, cadence.holidays)
    while any(business_days_between(day, due, cadence.holidays) < cadence.spacing_business_days for day in messages):
        due = add_business_days(due, 1, cadence.holidays)  # clear of a message planned after it, too
    first = name.split()[0] if name.split() else name
    return Step(Kind.STAY_IN_TOUCH, due, f"Keeping in touch with {first}".strip(), contact_id)


def _last_reply(others: list[Followup]) -> date:
    replies = [day_of(o) for o in others if o.direction is Direction.INBOUND and o.status is FollowupStatus.DONE]
    return max(replies, default=date.min)


def is_message(followup: Followup) -> bool:
    """A message the user sends them (a thank-you, check-in, answer), as the guard counts them."""
    return followup.direction is Direction.OUTBOUND and followup.kind.is_message


def day_of(followup: Followup) -> date:
    return local_day(followup.done_at) if followup.done_at else followup.due_on


def guard_warnings(
    step: Followup,
    others: list[Followup],
    decision_on: date | None = None,
    cadence: Cadence = Cadence(),
    promised: Container[int] = (),
) -> list[str]:
    """Why `step` would be pushy next to the opportunity's other follow-ups; empty when it is fine.

    `decision_on` is the decision date in force (`story.decision_in_force`); a step in `promised`
    keeps a promise, and sending what you promised soon is never too soon. The guard warns and
    explains; it never stops the user.
    """
    if not is_message(step) or step.status is FollowupStatus.SKIPPED:
        return []
    warnings = []
    day = day_of(step)
    live = [o for o in others if o.id != step.id and o.status is not FollowupStatus.SKIPPED]
    if step.kind not in SPACING_EXEMPT and step.id not in promised:
        for other in live:
            if is_message(other):
                gap = business_days_between(day_of(other), day, cadence.holidays)
                if gap < cadence.spacing_business_days:
                    warnings.append(_too_close(day, other, gap, cadence))
                    break
    if step.kind is Kind.CHECK_IN and decision_on and day < decision_on:
        warnings.append(f"before the decision they promised for {long_day(decision_on, day)}")
    if step.kind is Kind.CHECK_IN:
        unanswered = _unanswered_check_ins_before(day, live)
        if unanswered >= cadence.most_unanswered_check_ins:
            warnings.append(
                f"{unanswered} check-ins unanswered — consider moving on and putting the time into new applications"
            )
    return warnings


def _too_close(day: date, other: Followup, gap: int, cadence: Cadence) -> str:
    """The spacing rule in true words: before or after the message it is compared with (sent,
    or planned), and the nearest day on that side that would leave enough room."""
    spacing, theirs = cadence.spacing_business_days, day_of(other)
    sent = "of" if other.status is FollowupStatus.DONE else "planned for"
    about = f"your {other.kind.label} {sent} {long_day(theirs, day)}"
    if gap == 0:
        where, fits, side = f"the same day as {about}", add_business_days(theirs, spacing, cadence.holidays), "later"
    elif day > theirs:
        where = f"{gap} business day{'s' * (gap != 1)} after {about}"
        fits, side = add_business_days(theirs, spacing, cadence.holidays), "later"
    else:
        where = f"{gap} business day{'s' * (gap != 1)} before {about}"
        fits = add_business_days(theirs, -spacing, cadence.holidays)
        later = add_business_days(day, spacing, cadence.holidays)
        if other.status is FollowupStatus.PLANNED:  # the one after can move instead, and may have to
            move = f"or move that {other.kind.label} to {long_day(later, day)} or later"
            return f"{where} — leave at least {spacing}: {long_day(fits, day)} or earlier, {move}"
        side = "earlier"
    return f"{where} — leave at least {spacing}: {long_day(fits, day)} or {side}"


def _unanswered_check_ins_before(day: date, others: list[Followup]) -> int:
    """Outbound check-ins on or before `day` since the last reply (a reply resets the count)."""
    count = 0
    for other in sorted(others, key=day_of):
        if day_of(other) > day:
            break
        if other.direction is Direction.INBOUND and other.status is FollowupStatus.DONE:
            count = 0
        elif other.kind is Kind.CHECK_IN and other.direction is Direction.OUTBOUND:
            count += 1
    return count


def business_days_between(a: date, b: date, holidays: Container[date] = NO_HOLIDAYS) -> int:
    """Business days from the earlier of `a` and `b` to the later (0 when the same day)."""
    start, end = sorted((a, b))
    weeks, extra = divmod((end - start).days, 7)
    if holidays is NO_HOLIDAYS or weeks > 52:  # weekends only; or so far apart that holidays cannot matter
        return weeks * 5 + sum((start + timedelta(days=offset)).weekday() < 5 for offset in range(1, extra + 1))
    return sum(is_business_day(start + timedelta(days=offset), holidays) for offset in range(1, (end - start).days + 1))
