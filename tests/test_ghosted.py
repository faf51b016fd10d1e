"""Ghosted: an application they went silent on can be marked so, like any status with its history;
the planner stops planning for it, and a reply logged later brings it back."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind, Opportunity, Status
from followup_tui.services.applications import STATUS_ORDER, change_status, status_change
from followup_tui.services.debriefs import search_debriefs
from followup_tui.services.followups import propose_plan
from followup_tui.services.portable import export_json, import_json
from followup_tui.services.replies import record_reply
from followup_tui.services.undo import undo
from followup_tui.store import Store


def _ghost(store: Store, opportunity_id: int) -> None:
    change_status(store, status_change(store, opportunity_id, Status.GHOSTED))


def test_marking_an_application_ghosted_joins_its_history_and_it_no_longer_counts_as_open(store: Store):
    globex = store.add_opportunity(Opportunity("Globex", "SRE", Status.APPLIED, applied_on=date(2026, 10, 1)))
    open_before = store.search_pulse().still_open
    _ghost(store, globex.id)
    assert store.get_opportunity(globex.id).status is Status.GHOSTED
    assert [step.status for step in store.status_history(globex.id)] == [Status.APPLIED, Status.GHOSTED]
    assert store.search_pulse().still_open == open_before - 1, "a ghosted application is not one still open"
    assert STATUS_ORDER.index(Status.GHOSTED) > STATUS_ORDER.index(Status.WITHDRAWN), "listed with the ended ones"


def test_the_pipeline_and_the_card_mark_ghosted_with_g():
    from followup_tui.ui.application_view import STATUS_HINT, STATUS_KEYS

    assert STATUS_KEYS["g"] is Status.GHOSTED
    assert "(g)hosted" in STATUS_HINT


def test_a_journal_from_before_ghosted_upgrades_keeping_applications_history_and_search_names(db_path: Path, clock):
    from sqlite_utils import Database

    from followup_tui.store.schema import migrations

    old = Database(sqlite3.connect(db_path))
    migrations.apply(old, stop_before="m015_statuses_of_the_domain")  # as the release before left it
    stamp = "2026-10-20T10:00:00+00:00"
    old.execute(
        "INSERT INTO opportunities (id, company, role, status, created_at, updated_at, pay_asked)"
        " VALUES (1, 'Larkspur', 'SRE', 'interviewing', ?, ?, '120k')",
        [stamp, stamp],
    )
    old.execute(
        "INSERT INTO status_changes (opportunity_id, status, changed_at) VALUES (1, 'interviewing', ?)", [stamp]
    )
    old.execute(
        "INSERT INTO interviews (id, opportunity_id, starts_at, created_at) VALUES (1, 1, ?, ?)", [stamp, stamp]
    )
    old.execute("INSERT INTO debriefs (id, interview_id, created_at, updated_at) VALUES (1, 1, ?, ?)", [stamp, stamp])
    old.conn.commit()
    old.close()

    store = Store.open(db_path, clock)
    kept = store.get_opportunity(1)
    assert (kept.company, kept.status, kept.pay_asked) == ("Larkspur", Status.INTERVIEWING, "120k")
    _ghost(store, 1)
    assert [step.status for step in store.status_history(1)] == [Status.INTERVIEWING, Status.GHOSTED]
    store.update_opportunity(Opportunity("Larkspur Health", "SRE", Status.GHOSTED, id=1))
    found = search_debriefs(store, "Health")
    assert [hit.listing.company for hit in found] == ["Larkspur Health"], "renaming still reaches the search"
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store.close()


def test_a_ghosted_application_survives_an_export_and_restore(store: Store, tmp_path: Path, clock):
    globex = store.add_opportunity(Opportunity("Globex", "SRE"))
    _ghost(store, globex.id)
    other = Store.open(tmp_path / "other.db", clock)
    import_json(other, export_json(store))
    assert [o.opportunity.status for o in other.list_opportunities()] == [Status.GHOSTED]
    other.close()


def test_the_planner_plans_nothing_for_a_ghosted_application(demo_store: Store):
    interview = next(i.interview for i in demo_store.list_interviews())
    assert propose_plan(demo_store, interview.id), "an open application gets a plan after its interview"
    _ghost(demo_store, interview.opportunity_id)
    assert propose_plan(demo_store, interview.id) == []


def _silent_application(store: Store, company: str, *, interviewed: bool) -> tuple[int, int]:
    """An application with one check-in sent long ago: (its id, the check-in's)."""
    added = store.add_opportunity(Opportunity(company, "SRE", Status.APPLIED, applied_on=date(2026, 9, 1)))
    if interviewed:
        from followup_tui.domain.models import Interview

        store.add_interview(Interview(added.id, datetime(2026, 9, 10, 14, tzinfo=timezone.utc)))
    sent = store.add_followup(
        Followup(
            added.id,
            Kind.CHECK_IN,
            date(2026, 10, 1),
            Direction.OUTBOUND,
            FollowupStatus.DONE,
            done_at=datetime(2026, 10, 1, 9, tzinfo=timezone.utc),
            subject="Checking in",
        )
    )
    return added.id, sent.id


def test_a_reply_logged_later_brings_a_ghosted_application_back(store: Store):
    met, met_check_in = _silent_application(store, "Globex", interviewed=True)
    unmet, unmet_check_in = _silent_application(store, "Initech", interviewed=False)
    for opportunity_id in (met, unmet):
        _ghost(store, opportunity_id)

    way_back = record_reply(store, met_check_in, "Sorry for the silence")
    record_reply(store, unmet_check_in, "Still reviewing")

    assert store.get_opportunity(met).status is Status.INTERVIEWING, "it had an interview"
    assert store.get_opportunity(unmet).status is Status.APPLIED, "it never got to an interview"
    assert [s.status for s in store.status_history(met)][-2:] == [Status.GHOSTED, Status.INTERVIEWING]
    assert "back to interviewing" in way_back.label

    undo(store, way_back)
    assert store.get_opportunity(met).status is Status.GHOSTED, "one undo takes back the reply and the revival"
    assert [s.status for s in store.status_history(met)][-1] is Status.GHOSTED


def test_a_reply_leaves_an_open_application_where_it_was(store: Store):
    met, check_in = _silent_application(store, "Globex", interviewed=False)
    change_status(store, status_change(store, met, Status.INTERVIEWING))
    record_reply(store, check_in, "Next week")
    assert store.get_opportunity(met).status is Status.INTERVIEWING
    assert [s.status for s in store.status_history(met)] == [Status.APPLIED, Status.INTERVIEWING], "no move of its own"
