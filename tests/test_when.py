"""Dates people type: read strictly, previewed plainly, never silently "today"."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.domain.when import When, WhenError, read_when

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("today", date(2026, 11, 26), None),
        ("Tomorrow", date(2026, 11, 27), None),
        ("yesterday at 3:15pm", date(2026, 11, 25), time(15, 15)),
        ("now", date(2026, 11, 26), time(9, 30)),
        ("14:30", date(2026, 11, 26), time(14, 30)),
        ("at 9", date(2026, 11, 26), time(9, 0)),
        ("fri", date(2026, 11, 27), None),
        ("thu", date(2026, 11, 26), None),
        ("this fri", date(2026, 11, 27), None),
        ("next fri", date(2026, 12, 4), None),
        ("last friday 2pm", date(2026, 11, 20), time(14, 0)),
        ("in 3 days", date(2026, 11, 29), None),
        ("in 2 weeks", date(2026, 12, 10), None),
        ("in 2 business days", date(2026, 11, 30), None),
        ("2 days ago", date(2026, 11, 24), None),
        ("+3d", date(2026, 11, 29), None),
        ("+2w", date(2026, 12, 10), None),
        ("-1d", date(2026, 11, 25), None),
        ("2026-12-03", date(2026, 12, 3), None),
        ("Dec 3", date(2026, 12, 3), None),
        ("3 Dec 2026", date(2026, 12, 3), None),
        ("December 3, 2026 10am", date(2026, 12, 3), time(10, 0)),
        ("3 dec at 10", date(2026, 12, 3), time(10, 0)),
        ("3/12", date(2026, 12, 3), None),
        ("3.12.26", date(2026, 12, 3), None),
    ],
)
def test_dates_people_type(text, day, at):
    assert read_when(text, NOW) == When(day, at)


def test_numeric_dates_follow_the_day_month_setting():
    assert read_when("3/12/2026", NOW, day_first=True).day == date(2026, 12, 3)
    assert read_when("3/12/2026", NOW, day_first=False).day == date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "enter a date"),
        ("   ", "enter a date"),
        ("13NOV2017", "not a date I can read"),
        ("1A2B", "not a date I can read"),
        ("31/02", "day is out of range"),
        ("year 99999999", "not a date I can read"),
        ("0000-01-01", "year 0 is out of range"),
        ("9999-01-01", "too far"),
        ("in 9999 weeks", "too far"),
        ("25pm", "not a time of day"),
        ("today 24:00", "not a time of day"),
        ("next", "not a date I can read"),
        ("sometime soon", "not a date I can read"),
    ],
)
def test_text_that_is_not_a_date_is_an_error_that_says_why(text, reason):
    with pytest.raises(WhenError, match=reason):
        read_when(text, NOW)


def test_the_preview_says_how_the_text_was_read():
    assert read_when("next fri 2pm", NOW).describe() == "Fri 4 Dec 2026, 14:00"
    assert read_when("3 Dec", NOW).describe() == "Thu 3 Dec 2026"


@given(st.text(max_size=40))
def test_any_text_is_either_a_date_or_a_clear_error(text):
    try:
        when = read_when(text, NOW)
    except WhenError as error:
        assert str(error)
    else:
        assert isinstance(when.day, date)


@given(st.text(alphabet="0123456789/.-+: adefhimnorstuwxy", max_size=20))
def test_date_like_noise_never_crashes(text):
    try:
        read_when(text, NOW)
    except WhenError:
        pass


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("next week", date(2026, 11, 30)),  # its Monday
        ("after the weekend", date(2026, 11, 30)),
        ("end of week", date(2026, 11, 27)),
        ("eow", date(2026, 11, 27)),
        ("end of the week", date(2026, 11, 27)),
        ("end of next week", date(2026, 12, 4)),
        ("end of month", date(2026, 11, 30)),
        ("eom", date(2026, 11, 30)),
        ("in a week", date(2026, 12, 3)),
        ("in a fortnight", date(2026, 12, 10)),
        ("in a month", date(2026, 12, 26)),
        ("in 2 months", date(2027, 1, 26)),
        ("3 Dec '27", date(2027, 12, 3)),
        ("20 Nov", date(2027, 11, 20)),  # a future field: the next 20 Nov
        ("mon", date(2026, 11, 30)),
    ],
)
def test_phrases_for_the_weeks_and_months_ahead(text, day):
    assert read_when(text, NOW).day == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("monday", date(2026, 11, 23)),  # applied on monday, said on a Thursday: the one just gone
        ("thu", date(2026, 11, 26)),  # today counts
        ("3 Dec", date(2025, 12, 3)),  # no year, in a field about the past: the latest 3 Dec
        ("20 Nov", date(2026, 11, 20)),
        ("3/12", date(2025, 12, 3)),
        ("yesterday", date(2026, 11, 25)),
        ("next fri", date(2026, 12, 4)),  # said outright, it still means what it says
    ],
)
def test_a_field_about_the_past_reads_the_most_recent_day(text, day):
    assert read_when(text, NOW, past=True).day == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Dec 40", "there is no 40 December; a day of the month is 1 to 31"),
        ("31 Feb", "there is no 31 February"),
        ("29 Feb 2027", "there is no 29 February in 2027"),
        ("3 Dec 27", "not a date I can read"),  # a year has four digits or an apostrophe
    ],
)
def test_a_day_that_cannot_exist_is_an_error_naming_it(text, reason):
    with pytest.raises(WhenError, match=reason):
        read_when(text, NOW)


@pytest.mark.parametrize("text", ["9999-01-01", "3/12/9999", "3 Dec 1850", "in 9999 weeks", "in 500 months", "+9999d"])
def test_a_day_too_far_away_is_refused_in_the_same_words_however_it_is_written(text):
    with pytest.raises(WhenError) as refused:
        read_when(text, NOW)
    assert str(refused.value) == f"{text!r} is too far from today; give a day within ten years of it"


def test_29_february_without_a_year_is_the_nearest_leap_day():
    assert read_when("29 Feb", NOW).day == date(2028, 2, 29)
    assert read_when("29 Feb", NOW, past=True).day == date(2024, 2, 29)
