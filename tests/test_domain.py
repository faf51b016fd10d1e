"""Pure rules the rest of the app leans on: business days, the clock, timeline groups."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.domain.clock import ClockSettingError, clock_from_setting
from followup_tui.domain.dates import add_business_days, describe_due, describe_since, is_business_day, long_day
from followup_tui.domain.models import Followup, FollowupListing, FollowupStatus, Kind
from followup_tui.domain.timeline import Group, group_of, planned_spans

THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (THURSDAY, 1, FRIDAY),
        (FRIDAY, 1, MONDAY),
        (SATURDAY, 1, MONDAY),
        (SATURDAY, 0, MONDAY),
        (THURSDAY, 0, THURSDAY),
        (MONDAY, -1, FRIDAY),
        (THURSDAY, 5, date(2026, 12, 3)),
    ],
)
def test_business_days_skip_weekends(start, count, expected):
    assert add_business_days(start, count) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-60, 60))
def test_business_day_arithmetic_never_lands_on_a_weekend(start, count):
    result = add_business_days(start, count)
    assert is_business_day(result)
    if count > 0:
        # exactly `count` business days lie after `start`, up to and including the result
        days = [start + timedelta(days=n) for n in range(1, (result - start).days + 1)]
        assert sum(map(is_business_day, days)) == count


def test_a_fixed_day_reads_as_nine_in_the_morning():
    clock = clock_from_setting("2026-11-26")
    assert clock.today() == THURSDAY
    assert clock.now().hour == 9
    assert clock.now().tzinfo is not None


def test_a_fixed_datetime_keeps_its_time_and_zone():
    clock = clock_from_setting("2026-11-26T17:45:00+01:00")
    assert clock.now() == datetime.fromisoformat("2026-11-26T17:45:00+01:00")


def test_no_setting_means_the_real_clock():
    before = datetime.now().astimezone()
    assert clock_from_setting(None).now() >= before
    assert clock_from_setting("  ").now() >= before


@pytest.mark.parametrize("text", ["tomorrow", "26/11/2026", "2026-13-01", "0000-01-01", "garbage"])
def test_an_unreadable_fixed_day_is_an_error_not_today(text):
    with pytest.raises(ClockSettingError, match="FOLLOWUP_TODAY"):
        clock_from_setting(text)


def _listing(due: date, status=FollowupStatus.PLANNED, id=1) -> FollowupListing:
    followup = Followup(opportunity_id=1, kind=Kind.CHECK_IN, due_on=due, status=status, id=id)
    return FollowupListing(followup, "Acme", "Engineer", "Ada")


def test_timeline_groups_follow_ups_by_when_they_are_due():
    listings = [
        _listing(THURSDAY + timedelta(days=30), id=1),
        _listing(THURSDAY - timedelta(days=2), id=2),
        _listing(THURSDAY, id=3),
        _listing(THURSDAY + timedelta(days=3), id=4),  # Sunday: the last day of this week
        _listing(THURSDAY + timedelta(days=4), id=5),  # Monday: next week's, so later
        _listing(THURSDAY - timedelta(days=9), FollowupStatus.DONE, id=6),
        _listing(THURSDAY + timedelta(days=3), FollowupStatus.SKIPPED, id=7),
    ]
    assert {listing.followup.id: group_of(listing, THURSDAY) for listing in listings} == {
        1: Group.LATER,
        2: Group.OVERDUE,
        3: Group.TODAY,
        4: Group.THIS_WEEK,
        5: Group.LATER,
        6: Group.DONE,
        7: Group.DONE,
    }


@pytest.mark.parametrize(
    ("due", "said"),
    [
        (THURSDAY, "today"),
        (FRIDAY, "tomorrow"),
        (THURSDAY - timedelta(days=1), "1 day late"),
        (THURSDAY - timedelta(days=3), "3 days late"),
        (MONDAY, "Mon · in 4 days"),
        (date(2026, 12, 14), "Mon 14 Dec"),
    ],
)
def test_due_dates_read_the_way_people_say_them(due, said):
    assert describe_due(due, THURSDAY) == said


def test_past_days_read_as_days_ago():
    assert describe_since(THURSDAY, THURSDAY) == "today"
    assert describe_since(THURSDAY - timedelta(days=1), THURSDAY) == "yesterday"
    assert describe_since(THURSDAY - timedelta(days=12), THURSDAY) == "12 days ago"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-400, 400))
def test_each_planned_step_falls_in_exactly_the_span_of_its_group(today: date, offset: int):
    due = today + timedelta(days=offset)
    listing = FollowupListing(Followup(1, Kind.CHECK_IN, due), "Initech", "", None)
    for week_starts in (0, 5, 6):
        containing = [
            group
            for group, first, last in planned_spans(today, week_starts)
            if (first is None or first <= due) and (last is None or due <= last)
        ]
        assert containing == [group_of(listing, today, week_starts)]


@pytest.mark.parametrize(("week_starts", "last"), [(0, "Sun 29 Nov"), (6, "Sat 28 Nov"), (5, "Fri 27 Nov")])
def test_this_week_is_the_calendar_week_from_the_day_it_starts(week_starts: int, last: str):
    this_week = [span for span in planned_spans(THURSDAY, week_starts) if span[0] is Group.THIS_WEEK]
    [(_, first, end)] = this_week
    assert (long_day(first, THURSDAY), long_day(end, THURSDAY)) == ("Fri 27 Nov", last)


def test_on_the_weeks_last_day_this_week_holds_nothing():
    sunday = date(2026, 11, 29)
    tomorrow = FollowupListing(Followup(1, Kind.CHECK_IN, sunday + timedelta(days=1)), "Initech", "", None)
    assert group_of(tomorrow, sunday) is Group.LATER
