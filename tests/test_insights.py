"""Keep the search going, and what the debriefs teach — pinned on a hand-built history."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from followup_tui.domain.application_form import ApplicationForm, check_application
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.insights import (
    SearchPulse,
    describe_quiet,
    interviews_per_stage,
    median_days_to_reply,
    quiet_for,
    satisfaction_over_time,
    search_nudge,
    thank_yous_on_time,
)
from followup_tui.domain.models import (
    Direction,
    Followup,
    FollowupListing,
    FollowupStatus,
    Interview,
    InterviewListing,
    Kind,
    Opportunity,
    OpportunityListing,
    Stage,
    Status,
)

TODAY = date(2026, 11, 26)  # a Thursday


def moment(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 15, 0, tzinfo=timezone.utc)


def application(status: Status, added: date, last_contact: date | None = None) -> OpportunityListing:
    return OpportunityListing(Opportunity("Acme", status=status), last_contact, None, added)


def interview(id: int, day: int, stage: Stage, satisfaction: int | None) -> InterviewListing:
    return InterviewListing(Interview(1, moment(day), stage, id=id), "Acme", "Engineer", satisfaction, True)


def step(opportunity: int, kind: Kind, direction: Direction, done_day: int | None, interview_id=None):
    done = moment(done_day) if done_day else None
    status = FollowupStatus.DONE if done else FollowupStatus.PLANNED
    followup = Followup(opportunity, kind, date(2026, 11, done_day or 30), direction, status, None, interview_id, done)
    return FollowupListing(followup, "Acme", "Engineer", None)


# -- keep the search going ---------------------------------------------------------------------


def test_fewer_than_three_open_applications_nudges():
    nudge = search_nudge(SearchPulse(applications=2, still_open=1, last_added=TODAY), TODAY)
    assert nudge and nudge.text == "Only 1 application is still open: time to add one."


def test_no_new_application_for_a_week_nudges():
    assert "No new application in 7 days" in search_nudge(SearchPulse(3, 3, date(2026, 11, 19)), TODAY).text
    assert search_nudge(SearchPulse(4, 4, date(2026, 11, 20)), TODAY) is None


def test_both_thresholds_are_settings():
    pulse = SearchPulse(3, 3, TODAY)
    assert search_nudge(pulse, TODAY, min_active=4) is not None
    assert search_nudge(pulse, TODAY, min_active=3) is None


def test_an_empty_journal_gets_no_nudge():
    assert search_nudge(SearchPulse(0, 0, None), TODAY) is None


def test_an_open_application_goes_quiet_after_two_weeks_and_suggests_closing_after_thirty_days():
    assert quiet_for(application(Status.APPLIED, TODAY, date(2026, 11, 13)), TODAY) is None
    assert quiet_for(application(Status.APPLIED, TODAY, date(2026, 11, 12)), TODAY) == 14
    assert describe_quiet(14) == "quiet 14 days"
    assert describe_quiet(31) == "quiet 31 days — close it?"
    assert quiet_for(application(Status.REJECTED, TODAY, date(2026, 10, 1)), TODAY) is None


# -- what the debriefs teach ---------------------------------------------------------------------


def test_satisfaction_over_time_is_oldest_first_and_skips_unrated():
    interviews = [
        interview(1, 20, Stage.TECHNICAL, 4),
        interview(2, 5, Stage.PHONE_SCREEN, 2),
        interview(3, 12, Stage.ONSITE, None),
    ]
    assert satisfaction_over_time(interviews) == [(date(2026, 11, 5), 2), (date(2026, 11, 20), 4)]
    assert interviews_per_stage(interviews) == {Stage.PHONE_SCREEN: 1, Stage.TECHNICAL: 1, Stage.ONSITE: 1}


def test_median_days_to_reply_counts_from_the_latest_message_before_the_reply():
    history = [
        step(1, Kind.THANK_YOU, Direction.OUTBOUND, 2),
        step(1, Kind.CHECK_IN, Direction.OUTBOUND, 9),
        step(1, Kind.REPLY_RECEIVED, Direction.INBOUND, 12),  # 3 days after the check-in
        step(2, Kind.THANK_YOU, Direction.OUTBOUND, 16),
        step(2, Kind.REPLY_RECEIVED, Direction.INBOUND, 18),  # 2 days
        step(3, Kind.THANK_YOU, Direction.OUTBOUND, 20),
        step(3, Kind.REPLY_RECEIVED, Direction.INBOUND, 24),  # 4 days
        step(3, Kind.CHECK_IN, Direction.OUTBOUND, None),  # planned: not a message yet
    ]
    assert median_days_to_reply(history) == 3
    assert median_days_to_reply(history[:2]) is None


def test_thank_yous_on_time_means_marked_sent_by_the_next_business_day():
    interviews = [interview(1, 20, Stage.TECHNICAL, 4), interview(2, 24, Stage.ONSITE, 5)]  # Fri 20, Tue 24
    history = [
        step(1, Kind.THANK_YOU, Direction.OUTBOUND, 23, interview_id=1),  # Monday: on time
        step(1, Kind.THANK_YOU, Direction.OUTBOUND, 24, interview_id=1),  # Tuesday: late
        step(1, Kind.THANK_YOU, Direction.OUTBOUND, 25, interview_id=2),  # next day: on time
        step(1, Kind.THANK_YOU, Direction.OUTBOUND, None, interview_id=2),  # due Wed 25, not sent
    ]
    result = thank_yous_on_time(history, interviews, TODAY)
    assert (result.on_time, result.late, result.unsent) == (2, 1, 1)
    assert result.describe() == "2 of 4 went out by the next business day · 1 late · 1 not sent yet."
    assert thank_yous_on_time(history, interviews, date(2026, 11, 25)).unsent == 0, "not late until the day is out"


# -- a new application ----------------------------------------------------------------------


def test_a_new_application_needs_a_company_a_real_link_and_a_readable_date():
    now = datetime(2026, 11, 26, 9, tzinfo=timezone.utc)
    with pytest.raises(FormErrors) as raised:
        check_application(ApplicationForm(company=" ", url="jobs page", applied="someday"), now)
    assert set(raised.value.errors) == {"company", "url", "applied"}
    made = check_application(
        ApplicationForm(
            company="Initech", role="Engineer", source="referral", url="https://initech.example", applied="2 days ago"
        ),
        now,
    )
    assert (made.company, made.status, made.applied_on) == ("Initech", Status.APPLIED, date(2026, 11, 24))


def test_a_thank_you_after_a_holiday_is_still_on_time():
    wednesday = [interview(1, 25, Stage.TECHNICAL, 4)]  # the day before Thanksgiving
    friday = [step(1, Kind.THANK_YOU, Direction.OUTBOUND, 27, interview_id=1)]
    assert thank_yous_on_time(friday, wednesday, TODAY).late == 1, "weekends only: Thursday was the day"
    thanksgiving = frozenset({date(2026, 11, 26)})
    assert thank_yous_on_time(friday, wednesday, date(2026, 11, 30), thanksgiving).on_time == 1
