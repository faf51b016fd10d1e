"""Days are the user's own: the planner, the guard, Insights, the Timeline and `followup due`
count the day a moment falls on where the user is, never the stored UTC day. Each test runs in
three zones whose days differ from UTC's at the moments chosen: Los Angeles (behind UTC, evening
moments fall on UTC's next day), Kolkata (half an hour off the hour) and the Chatham Islands
(UTC+13:45, early moments fall on UTC's day before)."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.cadence import guard_warnings
from followup_tui.domain.clock import Clock, local_day
from followup_tui.domain.insights import thank_yous_on_time
from followup_tui.domain.models import (
    Contact,
    Followup,
    FollowupListing,
    FollowupStatus,
    Interview,
    InterviewListing,
    Kind,
    Opportunity,
    Stage,
)
from followup_tui.services import followups
from followup_tui.store import Store

ZONES = ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"]


@pytest.fixture(params=ZONES)
def zone(request) -> ZoneInfo:
    """The process's own zone is this one while the test runs (as the user's system would be)."""
    os.environ["TZ"] = request.param
    time.tzset()
    yield ZoneInfo(request.param)
    os.environ["TZ"] = "UTC"
    time.tzset()


def off_the_utc_day(day: date, zone: ZoneInfo) -> datetime:
    """A moment on `day` where the user is whose UTC day is another: late in the evening west of
    Greenwich, just after midnight east of it."""
    hour, minute = (23, 30) if zone.key.startswith("America") else (0, 30)
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    assert moment.astimezone(ZoneInfo("UTC")).date() != day, "the moment must sit on another UTC day"
    return moment


THURSDAY = date(2026, 11, 26)


def test_the_day_of_a_moment_is_the_users_day(zone):
    moment = off_the_utc_day(THURSDAY, zone)
    assert local_day(moment.astimezone(ZoneInfo("UTC"))) == THURSDAY
    assert Clock.fixed(moment.astimezone(ZoneInfo("UTC"))).today() == THURSDAY


def test_a_thank_you_sent_on_the_interviews_next_day_counts_as_on_time(zone):
    interview = Interview(1, off_the_utc_day(date(2026, 11, 25), zone), Stage.ONSITE, id=7)
    sent = Followup(
        1,
        Kind.THANK_YOU,
        THURSDAY,
        status=FollowupStatus.DONE,
        interview_id=7,
        done_at=off_the_utc_day(THURSDAY, zone).astimezone(ZoneInfo("UTC")),
        id=3,
    )
    counted = thank_yous_on_time(
        [FollowupListing(sent, "Globex", "", "Rosa", True)],
        [InterviewListing(interview, "Globex", "", 4, True)],
        date(2026, 12, 1),
    )
    assert (counted.on_time, counted.late) == (1, 0)


def test_the_guard_names_the_day_a_check_in_went_out_where_the_user_is(zone):
    monday = date(2026, 11, 23)
    sent = Followup(
        1,
        Kind.CHECK_IN,
        monday,
        status=FollowupStatus.DONE,
        done_at=off_the_utc_day(monday, zone).astimezone(ZoneInfo("UTC")),
        id=1,
    )
    planned = Followup(1, Kind.CHECK_IN, date(2026, 11, 25), id=2)
    warnings = guard_warnings(planned, [sent, planned])
    assert any("check-in of Mon 23 Nov" in warning for warning in warnings), warnings


def test_the_plan_after_an_evening_interview_thanks_them_the_next_business_day(zone, tmp_path: Path):
    evening = off_the_utc_day(date(2026, 11, 26), zone)
    store = Store.open(tmp_path / "journal.db", Clock.fixed(evening))
    try:
        opportunity = store.add_opportunity(Opportunity(company="Globex"))
        rosa = store.add_contact(Contact(name="Rosa Díaz", company="Globex"))
        interview = store.add_interview(Interview(opportunity.id, evening, Stage.ONSITE), [rosa.id])
        plan = followups.propose_plan(store, interview.id)
    finally:
        store.close()
    thank_you = next(step for step in plan if step.kind is Kind.THANK_YOU)
    assert thank_you.due_on == date(2026, 11, 27)  # Friday, the next business day where the user is


def test_followup_due_counts_today_where_the_user_is(zone, tmp_path: Path):
    db = str(tmp_path / "journal.db")
    late_evening = off_the_utc_day(THURSDAY, zone).isoformat()
    env = {"FOLLOWUP_TODAY": late_evening}
    runner = CliRunner()
    added = runner.invoke(
        cli, ["--db", db, "add", "Send the deck", "--due", "today", "--company", "Globex", "--new-company"], env=env
    )
    assert added.exit_code == 0, added.output
    assert "Thu 26 Nov" in added.output
    due = runner.invoke(cli, ["--db", db, "due", "--json"], env=env)
    assert '"due": "2026-11-26"' in due.output and '"overdue": false' in due.output
