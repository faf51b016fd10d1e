"""The follow-up plan after an interview, and the pushiness guard it never breaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.domain.cadence import Cadence, guard_warnings, next_check_in, plan_followups
from followup_tui.domain.dates import add_business_days, is_business_day
from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind
from followup_tui.domain.when import read_when

THURSDAY = date(2026, 11, 26)
PEOPLE = [(1, "Kenji Watanabe"), (2, "Ruth Abernathy")]


def as_followups(steps) -> list[Followup]:
    return [
        Followup(1, s.kind, s.due_on, contact_id=s.contact_id, subject=s.subject, id=n) for n, s in enumerate(steps)
    ]


def test_a_thank_you_each_by_the_next_business_day_then_two_spaced_check_ins():
    steps = plan_followups(THURSDAY, PEOPLE, None, "Lumen Health")
    assert [(s.kind, s.due_on, s.contact_id) for s in steps] == [
        (Kind.THANK_YOU, date(2026, 11, 27), 1),
        (Kind.THANK_YOU, date(2026, 11, 27), 2),
        (Kind.CHECK_IN, date(2026, 12, 4), 1),  # seven days after the interview, at least 5 business days on
        (Kind.CHECK_IN, date(2026, 12, 11), 1),  # seven days after the first
    ]
    assert steps[0].subject == "Thank you, Kenji"


def test_with_a_promised_decision_the_first_check_in_comes_two_business_days_after_it():
    steps = plan_followups(THURSDAY, PEOPLE, date(2026, 12, 9), "Lumen Health")
    assert steps[2].due_on == date(2026, 12, 11)


def test_a_decision_promised_for_tomorrow_does_not_make_the_check_in_pushy():
    steps = plan_followups(THURSDAY, PEOPLE, date(2026, 11, 27), "Lumen Health")
    assert steps[2].due_on == date(2026, 12, 4)  # five business days after the thank-yous, not two


def test_every_number_is_a_setting():
    steps = plan_followups(THURSDAY, PEOPLE[:1], None, "Acme", Cadence(most_unanswered_check_ins=1))
    assert [s.kind for s in steps] == [Kind.THANK_YOU, Kind.CHECK_IN]


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(0, 4),
    st.one_of(st.none(), st.integers(-3, 40)),
)
def test_a_plan_lands_on_business_days_and_never_trips_the_guard(day, people, decision_offset):
    decision = day + timedelta(days=decision_offset) if decision_offset is not None else None
    interviewers = [(n, f"Person {n}") for n in range(people)]
    steps = as_followups(plan_followups(day, interviewers, decision, "Acme"))
    for step in steps:
        assert is_business_day(step.due_on)
        others = [other for other in steps if other is not step]
        assert guard_warnings(step, others, decision) == [], (step, steps)


def done(kind: Kind, day: date, direction=Direction.OUTBOUND, id=None) -> Followup:
    moment = datetime.combine(day, datetime.min.time(), timezone.utc)
    return Followup(1, kind, day, direction, FollowupStatus.DONE, done_at=moment, id=id)


def test_a_check_in_too_soon_after_the_last_message_is_explained():
    history = [done(Kind.THANK_YOU, date(2026, 11, 20), id=1)]
    step = Followup(1, Kind.CHECK_IN, date(2026, 11, 24), id=2)
    [warning] = guard_warnings(step, history)
    assert warning == "2 business days after your thank-you of Fri 20 Nov — leave at least 5: Fri 27 Nov or later"


def test_a_message_before_one_already_planned_says_before_and_the_day_that_would_do():
    planned = Followup(1, Kind.CHECK_IN, date(2026, 12, 16), id=1)
    step = Followup(1, Kind.CHECK_IN, date(2026, 12, 11), id=2)
    [warning, *_] = guard_warnings(step, [planned])
    assert warning == (
        "3 business days before your check-in planned for Wed 16 Dec — leave at least 5: Wed 9 Dec or earlier,"
        " or move that check-in to Fri 18 Dec or later"
    ), "when Wed 9 Dec has passed (a message sent today), moving the other is the advice that can be taken"


def test_two_messages_on_one_day_are_the_same_day_not_zero_days_after():
    history = [done(Kind.QUESTION, date(2026, 11, 24), id=1)]
    step = Followup(1, Kind.CHECK_IN, date(2026, 11, 24), id=2)
    [warning] = guard_warnings(step, history)
    assert warning == "the same day as your question of Tue 24 Nov — leave at least 5: Tue 1 Dec or later"


def test_thank_yous_are_never_held_back_by_spacing():
    history = [done(Kind.THANK_YOU, THURSDAY, id=1)]
    assert guard_warnings(Followup(1, Kind.THANK_YOU, THURSDAY, id=2), history) == []


def test_no_check_in_before_the_promised_decision():
    step = Followup(1, Kind.CHECK_IN, date(2026, 12, 1), id=1)
    [warning] = guard_warnings(step, [], decision_on=date(2026, 12, 4))
    assert warning == "before the decision they promised for Fri 4 Dec"


def test_a_third_unanswered_check_in_suggests_moving_on_and_a_reply_resets_the_count():
    history = [done(Kind.CHECK_IN, date(2026, 11, 2), id=1), done(Kind.CHECK_IN, date(2026, 11, 9), id=2)]
    third = Followup(1, Kind.CHECK_IN, date(2026, 11, 23), id=3)
    assert any("consider moving on" in w for w in guard_warnings(third, history))
    replied = [*history, done(Kind.REPLY_RECEIVED, date(2026, 11, 12), Direction.INBOUND, id=4)]
    assert guard_warnings(third, replied) == []


def test_notes_and_inbound_steps_are_never_pushy():
    history = [done(Kind.CHECK_IN, THURSDAY, id=1)]
    assert guard_warnings(Followup(1, Kind.NOTE, THURSDAY, id=2), history) == []
    assert guard_warnings(Followup(1, Kind.REPLY_RECEIVED, THURSDAY, Direction.INBOUND, id=3), history) == []


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 800))
def test_counting_business_days_between_two_dates_agrees_with_walking_them(start, span):
    from followup_tui.domain.cadence import business_days_between

    end = start + timedelta(days=span)
    walked = sum(is_business_day(start + timedelta(days=n)) for n in range(1, span + 1))
    assert business_days_between(start, end) == walked == business_days_between(end, start)


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.lists(st.tuples(st.sampled_from([Kind.THANK_YOU, Kind.CHECK_IN, Kind.REPLY_RECEIVED]), st.integers(0, 30))),
    st.one_of(st.none(), st.integers(-10, 40)),
)
def test_the_check_in_planned_after_a_sent_message_never_trips_the_guard(today, history, decision_offset):
    decision = today + timedelta(days=decision_offset) if decision_offset is not None else None
    others = [
        done(
            kind,
            today - timedelta(days=ago),
            Direction.INBOUND if kind is Kind.REPLY_RECEIVED else Direction.OUTBOUND,
            n,
        )
        for n, (kind, ago) in enumerate(history, start=1)
    ]
    step = next_check_in(today, others, decision, "Acme")
    if step is None:
        assert guard_warnings(done(Kind.CHECK_IN, today + timedelta(days=60)), others) != []
        return
    planned = Followup(1, step.kind, step.due_on, id=999)
    assert is_business_day(step.due_on) and step.due_on > today
    assert guard_warnings(planned, others, decision) == [], (step, others)


# -- public holidays ---------------------------------------------------------------------------


def test_us_thanksgiving_is_no_business_day_for_the_planner_or_a_snooze(store):
    from followup_tui.services.followups import cadence
    from followup_tui.services.settings import change

    change(store, "holidays", "us")
    rules = cadence(store)
    thanksgiving = date(2026, 11, 26)
    assert thanksgiving in rules.holidays
    # an interview on Wednesday: the thank-you is due the next business day, Friday, not Thursday
    steps = plan_followups(date(2026, 11, 25), [(1, "Ann Lee")], None, "Acme", rules)
    assert steps[0].due_on == date(2026, 11, 27)
    assert read_when(
        "in 1 business day", datetime(2026, 11, 25, 9, tzinfo=timezone.utc), holidays=rules.holidays
    ).day == (date(2026, 11, 27))


def test_a_region_has_its_own_holidays_and_an_unknown_one_is_refused(store):
    from followup_tui.services.followups import cadence
    from followup_tui.services.settings import change

    change(store, "holidays", "DE-BY")
    epiphany = date(2027, 1, 6)  # a holiday in Bavaria, not in Berlin
    assert epiphany in cadence(store).holidays
    assert add_business_days(date(2027, 1, 5), 1, cadence(store).holidays) == date(2027, 1, 7)
    change(store, "holidays", "DE-BE")
    assert epiphany not in cadence(store).holidays
    with pytest.raises(ValueError, match="no public holidays are known for 'XX'"):
        change(store, "holidays", "XX")
    change(store, "holidays", "")
    assert cadence(store).holidays == frozenset(), "empty: weekends only"


@given(
    interview=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    decision=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2028, 6, 30))),
    holidays=st.frozensets(st.dates(date(2026, 1, 1), date(2028, 12, 31)), max_size=120),
    people=st.integers(0, 3),
)
def test_every_planned_date_is_a_business_day_under_any_holidays(interview, decision, holidays, people):
    rules = Cadence(holidays=holidays)
    steps = plan_followups(interview, [(n, f"Person {n}") for n in range(people)], decision, "Acme", rules)
    for step in steps:
        assert step.due_on.weekday() < 5 and step.due_on not in holidays, step
