"""What is working: the funnel applied → replied → interviewed → offer, by source, by CV and by the
week applied, each rate checked against a count by hand on a small journal."""

from __future__ import annotations

import json
import os
import time
from datetime import date, datetime, timezone

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.documents import DocumentSent
from followup_tui.domain.funnel import (
    NO_CV,
    TOO_FEW_TO_SAY,
    ApplicationFacts,
    days_to_first_response,
    funnel_of,
    stage_reached,
)
from followup_tui.domain.kinds import DocumentRole
from followup_tui.domain.models import Direction, Followup, FollowupStatus, Interview, Kind, Opportunity, Status
from followup_tui.services.funnel import funnel, funnel_json, funnel_text
from followup_tui.services.settings import change
from followup_tui.store import Store


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def _apply(store: Store, company: str, source: str, applied_on: date, cv: str = "", status=Status.APPLIED) -> int:
    added = store.add_opportunity(Opportunity(company, "SRE", status, source=source, applied_on=applied_on)).id
    if cv:
        store.set_documents(added, [DocumentSent(added, DocumentRole.CV, cv)])
    return added


def _reply(store: Store, opportunity_id: int, day: date, status=FollowupStatus.DONE) -> None:
    done_at = _at(day) if status is FollowupStatus.DONE else None
    store.add_followup(
        Followup(opportunity_id, Kind.REPLY_RECEIVED, day, Direction.INBOUND, status, done_at=done_at, subject="Re:")
    )


def _interview(store: Store, opportunity_id: int, day: date) -> None:
    store.add_interview(Interview(opportunity_id, _at(day, 14)))


@pytest.fixture
def journal(store: Store) -> Store:
    """Eight applications and a saved lead; on Thursday 26 November 2026, by hand:

    | application | source       | CV   | applied | first reply   | interview | status history       | stage       |
    | Globex      | LinkedIn     | cv-a | 2 Nov   | 5 Nov (3 d)   | yes       | offer                | offer       |
    | Initech     | linkedin     | cv-a | 3 Nov   | 13 Nov (10 d) |           | applied              | replied     |
    | Hooli       | Referral     | cv-b | 4 Nov   |               | yes       | offer, then withdrawn| offer       |
    | Acme        | LinkedIn     | cv-b | 10 Nov  | (planned only)|           | applied              | applied     |
    | Umbrella    | LinkedIn     |      | 11 Nov  | 12 Nov (1 d)  |           | rejected             | replied     |
    | Stark       | Referral     | cv-a | 24 Nov  |               |           | applied              | applied     |
    | Cyberdyne   | Careers page | cv-a | 20 Oct  | 22 Oct (2 d)  | yes       | … offer → accepted   | offer       |
    | Soylent     | "LinkedIn "  | cv-a | 17 Nov  | 19 Nov (2 d)  |           | applied              | replied     |
    | Wayne       | (a saved lead: not applied to, not counted)                                          |
    """
    globex = _apply(store, "Globex", "LinkedIn", date(2026, 11, 2), "cv-a", Status.OFFER)
    _reply(store, globex, date(2026, 11, 5))
    _interview(store, globex, date(2026, 11, 10))
    initech = _apply(store, "Initech", "linkedin", date(2026, 11, 3), "cv-a")
    _reply(store, initech, date(2026, 11, 13))
    _reply(store, initech, date(2026, 11, 20))  # a second reply: the first one counts
    hooli = _apply(store, "Hooli", "Referral", date(2026, 11, 4), "cv-b")
    _interview(store, hooli, date(2026, 11, 12))
    store.change_status(hooli, Status.OFFER)
    store.change_status(hooli, Status.WITHDRAWN)
    acme = _apply(store, "Acme", "LinkedIn", date(2026, 11, 10), "cv-b")
    _reply(store, acme, date(2026, 11, 30), FollowupStatus.PLANNED)
    umbrella = _apply(store, "Umbrella", "LinkedIn", date(2026, 11, 11), status=Status.REJECTED)
    _reply(store, umbrella, date(2026, 11, 12))
    _apply(store, "Stark", "Referral", date(2026, 11, 24), "cv-a")
    cyberdyne = _apply(store, "Cyberdyne", "Careers page", date(2026, 10, 20), "cv-a")
    _reply(store, cyberdyne, date(2026, 10, 22))
    _interview(store, cyberdyne, date(2026, 10, 28))
    for status in (Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED):
        store.change_status(cyberdyne, status)
    soylent = _apply(store, "Soylent", "LinkedIn ", date(2026, 11, 17), "cv-a")
    _reply(store, soylent, date(2026, 11, 19))
    wayne = _apply(store, "Wayne", "LinkedIn", date(2026, 11, 20), "cv-a", Status.SAVED)
    _reply(store, wayne, date(2026, 11, 21))
    return store


def test_the_whole_search_reached_each_stage_as_counted_by_hand(journal: Store):
    overall = funnel(journal).overall
    assert overall.counts == (8, 6, 3, 3)
    assert [overall.rate(s) for s in (1, 2, 3)] == [6 / 8, 3 / 8, 3 / 8]
    assert [overall.step_rate(s) for s in (1, 2, 3)] == [6 / 8, 3 / 6, 3 / 3]
    assert overall.percent(1) == "75%"


def test_the_median_days_to_a_first_response_counts_each_applications_first_reply(journal: Store):
    # waits 3 (Globex), 10 (Initech's first), 1 (Umbrella), 2 (Cyberdyne), 2 (Soylent): 1 2 2 3 10
    assert funnel(journal).overall.median_days == 2


def test_by_source_names_written_differently_are_one_source_spelled_as_most_write_it(journal: Store):
    sources = funnel(journal).sources
    assert [(s.label, s.counts) for s in sources] == [
        ("LinkedIn", (5, 4, 1, 1)),
        ("Referral", (2, 1, 1, 1)),
        ("Careers page", (1, 1, 1, 1)),
    ]
    linkedin = sources[0]
    assert [linkedin.rate(s) for s in (1, 2, 3)] == [4 / 5, 1 / 5, 1 / 5]
    assert linkedin.median_days == 2.5  # 3, 10, 1, 2


def test_under_the_threshold_the_counts_are_shown_and_the_rates_are_too_few_to_say(journal: Store):
    referral = funnel(journal).sources[1]
    assert referral.applied < TOO_FEW_TO_SAY
    assert referral.too_few and [referral.rate(s) for s in (1, 2, 3)] == [None, None, None]
    assert referral.percent(1) == ""
    assert "Referral                  2   1        1        1       too few to say" in funnel_text(
        funnel(journal), journal.clock.today()
    )


def test_by_cv_counts_the_cv_sent_with_each_application(journal: Store):
    cvs = funnel(journal).cvs
    assert [(c.label, c.counts) for c in cvs] == [("cv-a", (5, 4, 2, 2)), ("cv-b", (2, 1, 1, 1)), (NO_CV, (1, 1, 0, 0))]
    assert [cvs[0].rate(s) for s in (1, 2, 3)] == [4 / 5, 2 / 5, 2 / 5]


def test_by_week_counts_each_application_in_the_week_it_was_applied_empty_weeks_kept(journal: Store):
    weeks = funnel(journal).weeks
    assert [(w.week.first, w.funnel.counts) for w in weeks] == [
        (date(2026, 10, 5), (0, 0, 0, 0)),
        (date(2026, 10, 12), (0, 0, 0, 0)),
        (date(2026, 10, 19), (1, 1, 1, 1)),
        (date(2026, 10, 26), (0, 0, 0, 0)),
        (date(2026, 11, 2), (3, 3, 2, 2)),
        (date(2026, 11, 9), (2, 1, 0, 0)),
        (date(2026, 11, 16), (1, 1, 0, 0)),
        (date(2026, 11, 23), (1, 0, 0, 0)),
    ]


def test_the_weeks_follow_the_week_starts_setting(journal: Store):
    change(journal, "week_starts", "sunday")
    weeks = funnel(journal, weeks=2).weeks
    assert [(w.week.first, w.funnel.applied) for w in weeks] == [(date(2026, 11, 15), 1), (date(2026, 11, 22), 1)]


# -- the rule, once ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facts, stage",
    [
        (ApplicationFacts(1, date(2026, 11, 2)), 0),
        (ApplicationFacts(1, date(2026, 11, 2), first_reply_at=_at(date(2026, 11, 3))), 1),
        (ApplicationFacts(1, date(2026, 11, 2), interviewed=True), 2),
        (ApplicationFacts(1, date(2026, 11, 2), offered=True), 3),
    ],
)
def test_an_interview_counts_as_a_reply_and_an_offer_as_an_interview(facts: ApplicationFacts, stage: int):
    assert stage_reached(facts) == stage
    assert funnel_of("one", [facts]).counts == tuple(int(s <= stage) for s in range(4))


def test_a_first_response_is_counted_on_the_users_own_day():
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    try:  # 07:30 UTC on the 5th is the evening of the 4th in Los Angeles
        facts = ApplicationFacts(1, date(2026, 11, 2), first_reply_at=datetime(2026, 11, 5, 7, 30, tzinfo=timezone.utc))
        assert days_to_first_response(facts) == 2
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


def test_a_reply_logged_before_the_day_applied_counts_as_the_same_day():
    facts = ApplicationFacts(1, date(2026, 11, 10), first_reply_at=_at(date(2026, 11, 8)))
    assert days_to_first_response(facts) == 0


# -- the command line ------------------------------------------------------------------------


def test_report_funnel_json_gives_every_count_rate_and_median(journal: Store, db_path):
    result = CliRunner().invoke(cli, ["report", "funnel", "--json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["stages"] == ["applied", "replied", "interviewed", "offer"]
    overall = report["overall"]
    assert (overall["applied"], overall["replied"], overall["interviewed"], overall["offer"]) == (8, 6, 3, 3)
    assert overall["rates"] == {"replied": 0.75, "interviewed": 0.375, "offer": 0.375}
    assert overall["median_days_to_first_response"] == 2
    referral = report["by_source"][1]
    assert (referral["label"], referral["too_few_to_say"], referral["rates"]["replied"]) == ("Referral", True, None)
    assert [w["week_first"] for w in report["by_week"]][-1] == "2026-11-23"
    assert report == funnel_json(funnel(journal))


def test_report_funnel_prints_tables_a_person_reads(journal: Store, db_path):
    result = CliRunner().invoke(cli, ["report", "funnel", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "all applications          8   6  75%   3  38%   3  38%" in result.output
    assert "A first response came a median 2 days after applying." in result.output
    assert "cv-a                      5   4  80%   2  40%   2  40%" in result.output


def test_a_source_with_terminal_controls_is_printed_as_text(store: Store, db_path):
    _apply(store, "Globex", "evil\x1b]0;owned\x07", date(2026, 11, 2))
    result = CliRunner().invoke(cli, ["report", "funnel", "--db", str(db_path)])
    assert "\x1b" not in result.output and "evil␛]0;owned␇" in result.output


def test_an_empty_journal_says_how_to_fill_the_funnel(store: Store, db_path):
    result = CliRunner().invoke(cli, ["report", "funnel", "--db", str(db_path)])
    assert result.exit_code == 0 and result.output.startswith("No applications yet.")


# -- in Insights -----------------------------------------------------------------------------


async def test_insights_draw_the_funnel_with_the_counts_of_the_journal(journal: Store):
    from textual.widgets import Sparkline, Static

    from followup_tui.ui.app import FollowupApp

    from .helpers import SIZE

    app = FollowupApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        app.action_insights()
        await pilot.pause()
        shown = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "What is working" in shown
        assert "replied       ███████████████ 6  75%" in shown
        assert "A first response came a median 2 days after applying." in shown
        assert "LinkedIn                  5   4  80%   1  20%   1  20%" in shown
        assert "Referral                  2   1        1        1       too few to say" in shown
        assert app.screen.query_one("#funnel-weeks", Sparkline).data == [0, 0, 1, 0, 3, 2, 1, 1]


async def test_insights_on_an_empty_journal_say_how_the_funnel_fills(store: Store):
    from textual.widgets import Static

    from followup_tui.ui.app import FollowupApp

    from .helpers import SIZE

    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_insights()
        await pilot.pause()
        shown = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "No applications yet. Add them on the Pipeline" in shown
