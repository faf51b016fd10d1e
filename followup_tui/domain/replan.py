"""Re-planning that follows the facts: when the decision date moves, when a reply comes, when a
step is snoozed or moved. Each function only proposes (a step and the day it fits now); the
services show the moves before they are made, and one undo puts them all back."""

from __future__ import annotations

from datetime import date, timedelta

from .cadence import THE_RULES, Cadence, business_days_between, day_of, first_check_in, is_message, spaced
from .dates import add_business_days
from .kinds import Direction, FollowupStatus, Kind
from .models import Followup

Move = tuple[Followup, date]


def _planned_check_ins(others: list[Followup]) -> list[Followup]:
    return sorted(
        (
            f
            for f in others
            if f.kind is Kind.CHECK_IN and f.status is FollowupStatus.PLANNED and f.direction is Direction.OUTBOUND
        ),
        key=lambda f: (f.due_on, f.id or 0),
    )


def check_ins_replanned(
    heard_on: date,
    decision_on: date | None,
    others: list[Followup],
    cadence: Cadence = THE_RULES,
    *,
    exact: bool,
    last_message_on: date | None = None,
    today: date | None = None,
) -> list[Move]:
    """The planned check-ins to move after the last word from them (`heard_on`: a reply, or the
    interview), each with the day it fits now.

    The first waits as it would after an interview — past the decision they named, if they named
    one — and the others keep the usual spacing after it. With `exact` (the decision date itself
    changed) each goes where the rule now puts it, earlier or later; otherwise only those the word
    made premature move, and only later. None lands before `today`.
    """
    messages = [
        day_of(f)
        for f in others
        if is_message(f)
        and f.status is not FollowupStatus.SKIPPED
        and not (f.kind is Kind.CHECK_IN and f.status is FollowupStatus.PLANNED)
    ]
    after = max([heard_on, *messages, *([last_message_on] if last_message_on else [])])
    earliest = spaced(first_check_in(heard_on, decision_on, cadence), after, cadence)
    if today is not None:
        earliest = max(earliest, add_business_days(today, 0, cadence.holidays))
    moved = []
    for check_in in _planned_check_ins(others):
        fits = earliest if exact else max(check_in.due_on, earliest)
        if fits != check_in.due_on:
            moved.append((check_in, fits))
        earliest = spaced(fits + timedelta(days=cadence.second_check_in_days), fits, cadence)
    return moved


def carried_along(moved: Followup, to: date, others: list[Followup], cadence: Cadence = THE_RULES) -> list[Move]:
    """The planned check-ins after `moved` that go with it when it moves later, each with its new day.

    Check-ins planned from a check-in keep their spacing from it, in business days; a check-in
    after any other message moves only as far as the guard's spacing asks. Moving a step earlier
    moves nothing: the room after it only grows.
    """
    if to <= moved.due_on or not is_message(moved):
        return []
    after = [f for f in _planned_check_ins(others) if f.id != moved.id and f.due_on >= moved.due_on]
    moves = []
    last_old, last_new, last_kind = moved.due_on, to, moved.kind
    for check_in in after:
        if last_kind is Kind.CHECK_IN:
            gap = business_days_between(last_old, check_in.due_on, cadence.holidays)
            fits = add_business_days(last_new, gap, cadence.holidays)
        else:
            fits = max(check_in.due_on, add_business_days(last_new, cadence.spacing_business_days, cadence.holidays))
        if fits == check_in.due_on:
            break
        moves.append((check_in, fits))
        last_old, last_new, last_kind = check_in.due_on, fits, check_in.kind
    return moves
