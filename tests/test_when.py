"""Dates people type: read strictly, previewed plainly, never silently "today"."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.domain.when import JUST_PAST_DAYS, AmbiguousDay, When, WhenError, read_when

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
        ("20 Oct", date(2027, 10, 20)),  # a future field: the next 20 Oct (over a month gone)
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


@pytest.mark.parametrize(
    "text",
    ["in two weeks", "fortnight", "in a fortnight", "2 weeks from now", "two weeks from today", "in 2 weeks"],
)
def test_two_weeks_said_every_way_people_say_it(text):
    assert read_when(text, NOW).day == date(2026, 12, 10)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("monday week", date(2026, 12, 7)),  # a week after the coming Monday (30 Nov)
        ("thursday week", date(2026, 12, 3)),  # said on a Thursday: a week today
        ("a week from today", date(2026, 12, 3)),
        ("three days from now", date(2026, 11, 29)),
        ("five business days from today", date(2026, 12, 3)),
        ("two weeks ago", date(2026, 11, 12)),
        ("a fortnight ago", date(2026, 11, 12)),
        ("in twelve months", date(2027, 11, 26)),
        ("monday week 10am", date(2026, 12, 7)),
    ],
)
def test_counts_in_words_and_weeks_after_a_weekday(text, day):
    assert read_when(text, NOW).day == day


DEC_2 = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["1 Dec", "Dec 1", "1/12", "1.12", "1st December", "1 Dec 3pm"])
def test_a_day_just_past_without_a_year_is_asked_about_not_taken_as_next_year(text):
    with pytest.raises(AmbiguousDay) as asked:
        read_when(text, DEC_2)
    assert str(asked.value) == "1 Dec was yesterday — add the year: 1 Dec 2026 or 1 Dec 2027"
    assert asked.value.choices == (date(2026, 12, 1), date(2027, 12, 1))


def test_just_past_means_within_the_last_thirty_days():
    assert JUST_PAST_DAYS == 30
    with pytest.raises(AmbiguousDay, match="2 Nov was 30 days ago — add the year: 2 Nov 2026 or 2 Nov 2027"):
        read_when("2 Nov", DEC_2)
    assert read_when("1 Nov", DEC_2).day == date(2027, 11, 1), "31 days back: next year is what is meant"
    assert read_when("2 Dec", DEC_2).day == date(2026, 12, 2), "today is today"
    assert read_when("1 Dec 2027", DEC_2).day == date(2027, 12, 1), "with its year it is read as said"
    assert read_when("1/12", DEC_2, day_first=False).day == date(2027, 1, 12), "12 Jan is ahead: no question"


def test_a_day_just_past_across_new_year_offers_both_years():
    with pytest.raises(AmbiguousDay, match="28 Dec was 5 days ago — add the year: 28 Dec 2026 or 28 Dec 2027"):
        read_when("28 Dec", datetime(2027, 1, 2, 9, 0, tzinfo=timezone.utc))


def test_a_field_about_the_past_reads_a_day_just_past_as_it_is():
    assert read_when("1 Dec", DEC_2, past=True).day == date(2026, 12, 1)
    assert read_when("1/12", DEC_2, past=True).day == date(2026, 12, 1)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_just_past_is_counted_from_the_users_own_day(zone, monkeypatch: pytest.MonkeyPatch):
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        early_utc = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)  # still 1 Dec in Los Angeles
        late_utc = datetime(2026, 12, 1, 22, 0, tzinfo=timezone.utc)  # already 2 Dec in Kolkata and Chatham
        if zone == "America/Los_Angeles":
            assert read_when("1 Dec", early_utc).day == date(2026, 12, 1), "it is still 1 Dec there"
        else:
            with pytest.raises(AmbiguousDay, match="1 Dec was yesterday"):
                read_when("1 Dec", late_utc)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_the_forms_preview_asks_for_the_year_of_a_day_just_past():
    from followup_tui.ui.fields import preview_date
    from followup_tui.ui.plain import PlainLabel

    label = PlainLabel("")
    assert preview_date(label, "1 Dec", DEC_2, True, due=True) is None, "nothing is taken until the year is said"
    assert str(label.content) == "? 1 Dec was yesterday — add the year: 1 Dec 2026 or 1 Dec 2027"
    assert preview_date(label, "1 Dec 2027", DEC_2, True, due=True).day == date(2027, 12, 1)


def test_the_debrief_forms_decision_date_asks_the_same(clock):
    from followup_tui.domain.debrief_form import DebriefForm, check_debrief
    from followup_tui.domain.forms import FormErrors

    form = DebriefForm(company="Initech", when="yesterday", stage="onsite", decision="1 Dec")
    with pytest.raises(FormErrors) as refused:
        check_debrief(form, DEC_2)
    assert refused.value.errors["decision"] == "1 Dec was yesterday — add the year: 1 Dec 2026 or 1 Dec 2027"


def test_followup_add_refuses_a_day_just_past_in_a_script_and_asks_on_a_terminal(db_path, monkeypatch):
    from click.testing import CliRunner

    import followup_tui.cli as command_line
    from followup_tui.cli import cli

    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-02")
    runner = CliRunner()
    args = ["add", "Call Ann", "--due", "1/12", "--company", "Initech", "--new-company", "--db", str(db_path)]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr == "Error: --due '1/12': 1 Dec was yesterday — add the year: 1 Dec 2026 or 1 Dec 2027\n"
    assert (
        not db_path.exists() or "Call Ann" not in runner.invoke(cli, ["list", "followups", "--db", str(db_path)]).stdout
    )
    monkeypatch.setattr(command_line, "_can_ask", lambda: True)
    asked = runner.invoke(cli, args, input="2027\n")
    assert asked.exit_code == 0, asked.output
    assert "1 Dec was yesterday — add the year: 1 Dec 2026 or 1 Dec 2027" in asked.stderr
    assert "Added check-in due Wed 1 Dec 2027" in asked.stdout
