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
