"""The week in review: what a week counts, by the user's calendar week and local day; the weekly
goal and its streak; and the stalled applications, each with one next action."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from followup_tui.domain.clock import Clock, local_day
from followup_tui.domain.models import Direction, Followup, FollowupStatus, Interview, Kind, Opportunity, Status
from followup_tui.domain.week import NOTHING_COUNTED, NextAction, Week, goal_told, streak, week_of
from followup_tui.services.applications import change_status, status_change
from followup_tui.services.settings import change
from followup_tui.services.week import STALLED_SHOWN, week_review
from followup_tui.store import Store

THURSDAY = date(2026, 11, 26)  # the tests' day (conftest): Mon 23 – Sun 29 Nov is this week
THIS_WEEK = Week(date(2026, 11, 23), date(2026, 11, 29))


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def _sent(store: Store, opportunity_id: int, day: date, kind: Kind = Kind.CHECK_IN, *, hour: int = 10) -> Followup:
    return store.add_followup(
        Followup(
            opportunity_id, kind, day, kind.direction, FollowupStatus.DONE, done_at=_at(day, hour), subject=kind.label
        )
    )


def _reply(store: Store, opportunity_id: int, day: date) -> Followup:
    return _sent(store, opportunity_id, day, Kind.REPLY_RECEIVED)


def _application(store: Store, company: str, applied_on: date | None, status: Status = Status.APPLIED) -> int:
    return store.add_opportunity(Opportunity(company, "SRE", status, applied_on=applied_on)).id


# -- which week --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "starts, first, last",
    [("monday", date(2026, 11, 23), date(2026, 11, 29)), ("sunday", date(2026, 11, 22), date(2026, 11, 28))],
)
def test_the_week_is_the_users_calendar_week(store: Store, starts: str, first: date, last: date):
    change(store, "week_starts", starts)
    assert week_review(store).week == Week(first, last)


def test_brackets_step_back_a_week_at_a_time(store: Store):
    assert week_review(store, 1).week == THIS_WEEK.before()
    assert week_review(store, 2).week == Week(date(2026, 11, 9), date(2026, 11, 15))
    assert week_review(store, 1).week.told(THURSDAY) == "Last week · Mon 16 Nov – Sun 22 Nov"
    assert week_review(store).week.told(THURSDAY) == "This week · Mon 23 Nov – Sun 29 Nov"


# -- what it counts, one test per count ---------------------------------------------------------


def test_applications_count_on_the_day_applied_else_the_day_recorded_and_saved_leads_do_not(store: Store):
    _application(store, "Applied this week", date(2026, 11, 23))
    _application(store, "Applied on Sunday", date(2026, 11, 29))
    _application(store, "Applied last week", date(2026, 11, 22))
    _application(store, "Recorded today, no day applied", None)
    _application(store, "A lead", date(2026, 11, 24), Status.SAVED)
    review = week_review(store)
    assert review.counts.applications == 3
    assert review.before.applications == 1


def test_messages_count_what_you_sent_this_week_and_nothing_planned_or_inbound(store: Store):
    globex = _application(store, "Globex", date(2026, 11, 1))
    for day, kind in [(date(2026, 11, 23), Kind.THANK_YOU), (date(2026, 11, 25), Kind.CHECK_IN)]:
        _sent(store, globex, day, kind)
    _sent(store, globex, date(2026, 11, 24), Kind.CLOSING_LOOP)
    _sent(store, globex, date(2026, 11, 24), Kind.NOTE)  # a note to yourself is not a message
    _reply(store, globex, date(2026, 11, 24))
    store.add_followup(Followup(globex, Kind.CHECK_IN, date(2026, 11, 27), subject="still planned"))
    _sent(store, globex, date(2026, 11, 20))
    review = week_review(store)
    assert review.counts.messages == 3
    assert review.before.messages == 1


def test_replies_count_the_replies_logged_this_week(store: Store):
    globex = _application(store, "Globex", date(2026, 11, 1))
    _reply(store, globex, date(2026, 11, 23))
    _reply(store, globex, date(2026, 11, 26))
    _reply(store, globex, date(2026, 11, 16))
    review = week_review(store)
    assert (review.counts.replies, review.before.replies) == (2, 1)


def test_interviews_count_the_rounds_this_week_including_those_still_to_come(store: Store):
    globex = _application(store, "Globex", date(2026, 11, 1))
    for day in (date(2026, 11, 24), date(2026, 11, 28), date(2026, 11, 30)):
        store.add_interview(Interview(globex, _at(day, 14)))
    assert week_review(store).counts.interviews == 2


def test_offers_count_the_applications_that_reached_an_offer_this_week(store: Store):
    globex = _application(store, "Globex", date(2026, 11, 1), Status.INTERVIEWING)
    initech = _application(store, "Initech", date(2026, 11, 1), Status.INTERVIEWING)
    for opportunity_id in (globex, initech):
        change_status(store, status_change(store, opportunity_id, Status.OFFER))
    change_status(store, status_change(store, initech, Status.INTERVIEWING))
    change_status(store, status_change(store, initech, Status.OFFER))  # the same offer, moved twice
    assert week_review(store).counts.offers == 2


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_a_moment_counts_on_the_users_day_not_the_utc_day(db_path, zone: str, monkeypatch):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        now = datetime(2026, 11, 26, 9).astimezone()  # Thursday morning where the user is
        store = Store.open(db_path, Clock.fixed(now))
        globex = _application(store, "Globex", date(2026, 11, 1))
        sunday_night = datetime(2026, 11, 22, 23, 30).astimezone()  # last week, late
        monday_early = datetime(2026, 11, 23, 0, 30).astimezone()  # this week, just begun
        for moment in (sunday_night, monday_early):
            store.add_followup(
                Followup(globex, Kind.CHECK_IN, local_day(moment), status=FollowupStatus.DONE, done_at=moment)
            )
        review = week_review(store)
        assert (review.counts.messages, review.before.messages) == (1, 1)
        store.close()
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        assert os.environ["TZ"] == "UTC"


def test_an_empty_week_says_what_it_counts_and_how_to_add_to_it(store: Store):
    review = week_review(store)
    assert review.counts.is_empty
    for what in ("applications you add", "n on the Pipeline", "messages you mark sent", "replies", "interviews"):
        assert what in NOTHING_COUNTED


def _held_in(store: Store, week: Week, count: str) -> int:
    """What the sample journal holds in `week` for one count, read another way: every record's own
    day, from the lists the other panes show."""
    followups = [f.followup for f in store.list_followups()]
    done = [f for f in followups if f.status is FollowupStatus.DONE and week.holds(local_day(f.done_at))]
    listings = store.list_opportunities()
    if count == "applications":
        return sum(week.holds(o.added_on) for o in listings if o.opportunity.status is not Status.SAVED)
    if count == "messages":
        return sum(f.kind.is_message and f.direction is Direction.OUTBOUND for f in done)
    if count == "replies":
        return sum(f.kind is Kind.REPLY_RECEIVED for f in done)
    if count == "interviews":
        return sum(week.holds(local_day(i.interview.starts_at)) for i in store.list_interviews())
    return len(
        {
            o.opportunity.id
            for o in listings
            for step in store.status_history(o.opportunity.id)
            if step.status is Status.OFFER and week.holds(local_day(step.at))
        }
    )


@pytest.mark.parametrize("count", ["applications", "messages", "replies", "interviews", "offers"])
def test_each_count_of_the_sample_search_matches_its_journal_this_week_and_the_weeks_before(
    demo_store: Store, count: str
):
    seen = 0
    for weeks_back in range(6):
        review = week_review(demo_store, weeks_back)
        assert getattr(review.counts, count) == _held_in(demo_store, review.week, count), review.week
        assert getattr(review.before, count) == _held_in(demo_store, review.week.before(), count)
        seen += getattr(review.counts, count)
    assert seen, f"the sample search has {count} to count in its last six weeks"


# -- the goal -----------------------------------------------------------------------------------


def test_the_goal_says_where_the_week_stands():
    assert goal_told(THIS_WEEK, 3, 5, THURSDAY) == "3 of 5 applications — 2 to go by Sunday"
    assert goal_told(Week(date(2026, 11, 22), date(2026, 11, 28)), 0, 1, THURSDAY) == (
        "0 of 1 application — 1 to go by Saturday"
    )
    assert goal_told(THIS_WEEK, 6, 5, THURSDAY) == "6 of 5 applications — goal met"
    assert goal_told(THIS_WEEK.before(), 2, 5, THURSDAY) == "2 of 5 applications — 3 short", "a week gone by is short"


def test_the_goal_is_a_setting_of_five_that_refuses_zero_or_less(store: Store):
    assert week_review(store).goal == 5
    for typed in ("0", "-3"):
        with pytest.raises(ValueError, match="goal.applications_per_week takes a number from 1 to 365"):
            change(store, "goal.applications_per_week", typed)
    change(store, "goal.applications_per_week", "2")
    _application(store, "Globex", THURSDAY)
    assert week_review(store).goal_line == "1 of 2 applications — 1 to go by Sunday"


def _counted(days: list[date]):
    return lambda week: sum(week.holds(day) for day in days)


def test_the_streak_counts_weeks_met_in_a_row_and_a_week_under_way_does_not_break_it():
    met = [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 9), date(2026, 11, 14), date(2026, 11, 2)]
    assert streak(_counted(met), THIS_WEEK, 2, THURSDAY) == 2, "the week of 2 Nov had one: the run starts after it"
    assert streak(_counted([*met, THURSDAY, THURSDAY]), THIS_WEEK, 2, THURSDAY) == 3, "met this week: it counts"
    assert streak(_counted(met), THIS_WEEK.before(3), 2, THURSDAY) == 0, "a week gone by that fell short has none"
    assert streak(_counted([]), THIS_WEEK, 1, THURSDAY) == 0
    every_week = [THURSDAY - timedelta(days=7 * n) for n in range(1, 40)]
    assert streak(_counted(every_week), THIS_WEEK, 1, THURSDAY, most=12) == 12, "read no further back than asked"


def test_the_week_pane_reads_the_streak_from_the_journal(store: Store):
    change(store, "goal.applications_per_week", "1")
    for monday in (date(2026, 11, 16), date(2026, 11, 9), date(2026, 10, 26)):
        _application(store, f"Applied {monday}", monday)
    assert week_review(store).streak == 2


def test_the_streak_is_said_up_to_now_or_up_to_the_week_shown():
    from followup_tui.domain.week import streak_told

    assert streak_told(0) == "No streak yet: meet the goal this week to start one."
    assert streak_told(1) == "Goal met 1 week in a row."
    assert streak_told(3, this_week=False) == "Goal met 3 weeks in a row up to that week."
    assert streak_told(0, this_week=False) == "No streak that week."


def test_week_of_every_start_day_holds_seven_days_around_the_day():
    for starts in range(7):
        week = week_of(THURSDAY, starts)
        assert week.holds(THURSDAY) and (week.last - week.first).days == 6 and week.first.weekday() == starts


# -- stalled applications -----------------------------------------------------------------------


def _stalled(store: Store) -> dict[str, object]:
    return {s.company: s for s in week_review(store).stalled}


def test_an_application_with_nothing_sent_and_nothing_for_two_weeks_is_to_check_in_on(store: Store):
    _application(store, "Quiet", THURSDAY - timedelta(days=15))
    _application(store, "Recent", THURSDAY - timedelta(days=5))
    stalled = _stalled(store)
    assert list(stalled) == ["Quiet"]
    assert stalled["Quiet"].action is NextAction.CHECK_IN
    assert stalled["Quiet"].silent_days == 15
    assert not stalled["Quiet"].going_quiet, "nothing was sent: there is no silence to them yet"


def test_the_next_action_follows_the_planner_check_ins_then_closing_the_loop_then_ghosted(store: Store):
    once = _application(store, "Once", date(2026, 9, 1))
    _sent(store, once, date(2026, 10, 20))
    twice = _application(store, "Twice", date(2026, 9, 1))
    _sent(store, twice, date(2026, 10, 1))
    _sent(store, twice, date(2026, 10, 20))
    closed = _application(store, "Closed", date(2026, 9, 1))
    _sent(store, closed, date(2026, 10, 20), Kind.CLOSING_LOOP)
    answered = _application(store, "Answered", date(2026, 9, 1))
    _sent(store, answered, date(2026, 10, 1))
    _sent(store, answered, date(2026, 10, 2))
    _reply(store, answered, date(2026, 10, 20))

    stalled = _stalled(store)
    assert stalled["Once"].action is NextAction.CHECK_IN
    assert stalled["Twice"].action is NextAction.CLOSE_THE_LOOP, "two check-ins unanswered: the planner's most"
    assert stalled["Closed"].action is NextAction.MARK_GHOSTED
    assert stalled["Answered"].action is NextAction.CHECK_IN, "a reply answers the check-ins before it"
    assert all(stalled[name].going_quiet for name in ("Once", "Twice", "Closed"))
    assert not stalled["Answered"].going_quiet, "they answered your last message"


def test_going_quiet_waits_for_the_setting_after_your_last_message(store: Store):
    globex = _application(store, "Globex", date(2026, 9, 1))
    _sent(store, globex, THURSDAY - timedelta(days=16))
    assert _stalled(store)["Globex"].going_quiet is False, "21 days by default"
    change(store, "ghost.after_days", "14")
    assert _stalled(store)["Globex"].going_quiet is True
    with pytest.raises(ValueError, match="from 1 to 365"):
        change(store, "ghost.after_days", "0")


def test_an_offer_taken_elsewhere_makes_every_stalled_one_a_withdrawal(store: Store):
    _application(store, "Waiting", date(2026, 9, 1))
    _application(store, "Taken", date(2026, 9, 1), Status.ACCEPTED)
    assert _stalled(store)["Waiting"].action is NextAction.WITHDRAW


def test_nothing_planned_no_decision_ahead_and_open_or_it_is_not_stalled(store: Store):
    planned = _application(store, "Planned", date(2026, 9, 1))
    store.add_followup(Followup(planned, Kind.CHECK_IN, THURSDAY + timedelta(days=2), subject="planned"))
    deciding = _application(store, "Deciding", date(2026, 9, 1), Status.INTERVIEWING)
    store.add_interview(Interview(deciding, _at(date(2026, 10, 1)), decision_expected_on=THURSDAY + timedelta(days=3)))
    upcoming = _application(store, "Upcoming", date(2026, 9, 1), Status.INTERVIEWING)
    store.add_interview(Interview(upcoming, _at(THURSDAY + timedelta(days=1))))
    _application(store, "Rejected", date(2026, 9, 1), Status.REJECTED)
    _application(store, "Ghosted", date(2026, 9, 1), Status.GHOSTED)
    _application(store, "A lead", date(2026, 9, 1), Status.SAVED)
    passed = _application(store, "Passed", date(2026, 9, 1), Status.INTERVIEWING)
    store.add_interview(Interview(passed, _at(date(2026, 10, 1)), decision_expected_on=date(2026, 10, 8)))
    assert list(_stalled(store)) == ["Passed"], "a decision date gone by is no reason to wait"


def test_the_longest_silent_come_first_and_the_rest_are_counted(store: Store):
    for n in range(STALLED_SHOWN + 3):
        _application(store, f"Company {n:02}", date(2026, 9, 1) + timedelta(days=n))
    review = week_review(store)
    assert [s.company for s in review.stalled] == [f"Company {n:02}" for n in range(STALLED_SHOWN)]
    assert review.more_stalled == 3


def test_a_stalled_line_says_what_to_do_and_why():
    from followup_tui.domain.week import Stalled

    line = Stalled(1, "Globex", "SRE", 23, True, NextAction.CLOSE_THE_LOOP, "2 check-ins unanswered").told()
    assert line == "Globex · SRE — silent 23 days, going quiet — close the loop: 2 check-ins unanswered"


def test_two_weeks_of_silence_is_the_edge_counted_by_the_users_day(store: Store):
    for days in (13, 14):
        _application(store, f"Applied {days} days ago", THURSDAY - timedelta(days=days))
        written = _application(store, f"Written to {days} days ago", date(2026, 9, 1))
        _sent(store, written, THURSDAY - timedelta(days=days), hour=23)
        met = _application(store, f"Met {days} days ago", date(2026, 9, 1), Status.INTERVIEWING)
        store.add_interview(Interview(met, _at(THURSDAY - timedelta(days=days), 8)))
    assert sorted(_stalled(store)) == ["Applied 14 days ago", "Met 14 days ago", "Written to 14 days ago"]


def test_planning_the_next_step_puts_the_message_on_the_timeline_to_the_person_last_written_to(store: Store):
    from followup_tui.domain.models import Contact
    from followup_tui.services.undo import undo
    from followup_tui.services.week import plan_next_step

    twice = _application(store, "Twice", date(2026, 9, 1))
    sam = store.add_contact(Contact("Sam Ito", company="Twice"))
    for day in (date(2026, 10, 1), date(2026, 10, 20)):
        store.add_followup(
            Followup(twice, Kind.CHECK_IN, day, status=FollowupStatus.DONE, done_at=_at(day), contact_id=sam.id)
        )
    once = _application(store, "Once", date(2026, 9, 1))
    [check_in, closing] = week_review(store).stalled  # the longest silent first
    assert (check_in.company, closing.company) == ("Once", "Twice")

    way_back = plan_next_step(store, closing)
    [planned] = store.planned_followups_of_opportunity(twice)
    assert (planned.kind, planned.due_on, planned.contact_id) == (Kind.CLOSING_LOOP, THURSDAY, sam.id)
    assert planned.subject == "Closing the loop with Twice"
    assert [s.company for s in week_review(store).stalled] == ["Once"], "with a step planned it is no longer stalled"
    plan_next_step(store, check_in)
    [planned] = store.planned_followups_of_opportunity(once)
    assert (planned.kind, planned.contact_id) == (Kind.CHECK_IN, None), "nobody known yet: to the company"

    undo(store, way_back)
    assert store.planned_followups_of_opportunity(twice) == []


def test_marking_ghosted_or_withdrawing_is_no_message_to_plan(store: Store):
    from followup_tui.services.week import plan_next_step

    _application(store, "Waiting", date(2026, 9, 1))
    _application(store, "Taken", date(2026, 9, 1), Status.ACCEPTED)
    [withdraw] = week_review(store).stalled
    assert withdraw.action is NextAction.WITHDRAW
    assert plan_next_step(store, withdraw) is None


def test_closing_the_loop_comes_after_as_many_check_ins_as_the_cadence_allows(store: Store):
    thrice = _application(store, "Thrice", date(2026, 9, 1))
    for day in (date(2026, 10, 1), date(2026, 10, 10), date(2026, 10, 20)):
        _sent(store, thrice, day)
    change(store, "cadence.most_unanswered_check_ins", "4")
    assert _stalled(store)["Thrice"].action is NextAction.CHECK_IN, "three of four: one more check-in"
    change(store, "cadence.most_unanswered_check_ins", "3")
    assert _stalled(store)["Thrice"].action is NextAction.CLOSE_THE_LOOP
