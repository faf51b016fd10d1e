"""Every kind of follow-up goes through every door: added from the command line by any name it
has, stored, flagged by the guard, drafted, listed and exported. What a kind is for is said once
(`domain/kinds.py`); a new kind that is missing anywhere fails here, in the fast tier."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.kinds import KIND_FACTS, Direction, Kind
from followup_tui.domain.models import Followup, Opportunity
from followup_tui.domain.templates import DEFAULT_TEMPLATES
from followup_tui.services import compose
from followup_tui.services import followups as actions
from followup_tui.store import Store

# Each kind named as a person might type it: the label in capitals, or the stored name mixed.
TYPED = {
    Kind.THANK_YOU: "THANK-YOU",
    Kind.CHECK_IN: "Check_In",
    Kind.QUESTION: "question",
    Kind.REPLY_RECEIVED: "Reply",
    Kind.NEXT_INTERVIEW: "Next Interview",
    Kind.NOTE: "NOTE",
    Kind.CLOSING_LOOP: "Closing the loop",
    Kind.OFFER_DEADLINE: "ANOTHER OFFER",
    Kind.STAY_IN_TOUCH: "Keeping In Touch",
}


def test_the_table_speaks_for_every_kind():
    assert set(KIND_FACTS) == set(Kind) == set(TYPED)


@pytest.mark.parametrize("kind", list(Kind))
def test_a_kind_is_found_by_any_of_its_names_in_any_case(kind: Kind):
    assert Kind.named(kind.value.upper()) is kind
    assert Kind.named(kind.label.title()) is kind
    assert Kind.named(TYPED[kind]) is kind


def test_an_unknown_kind_is_named_with_the_kinds_there_are():
    with pytest.raises(ValueError, match="'call' is not a kind of follow-up; one of thank-you, check-in"):
        Kind.named("call")


def test_every_kind_with_a_draft_has_a_default_template_and_only_those():
    drafted = {template.kind for template in DEFAULT_TEMPLATES}
    assert drafted == {kind for kind in Kind if kind.has_draft}


def test_the_journal_takes_every_kind_the_table_names(store: Store):
    """The kinds are the domain's alone: the followups table lists none of its own, so a new kind
    needs no migration."""
    sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'followups'").fetchone()[0]
    assert re.search(r"kind IN", sql) is None
    opportunity = store.add_opportunity(Opportunity(company="Globex"))
    for kind in Kind:
        added = store.add_followup(Followup(opportunity.id, kind, date(2026, 12, 1), kind.direction))
        assert store.get_followup(added.id).kind is kind


def run(db: Path, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_one_follow_up_of_every_kind_goes_through_every_door(db_path: Path, clock):
    for kind, typed in TYPED.items():
        company = [] if not kind.needs_application else ["--company", "Globex", "--new-company"]
        added = run(
            db_path, "add", f"A {kind.label} step", "--due", "tue", "--contact", "Rosa Díaz", *company, "--kind", typed
        )
        assert f"Added {kind.label} due Tue 1 Dec" in added

    listed = json.loads(run(db_path, "list", "followups", "--json"))
    by_kind = {Kind.named(row["kind"]): row for row in listed}
    assert set(by_kind) == set(Kind)
    assert all(Direction(row["direction"]) is kind.direction for kind, row in by_kind.items())

    store = Store.open(db_path, clock)
    try:
        page = actions.timeline_page(store, show_done=True)
        assert {entry.followup.kind for entry in page.entries} == set(Kind)
        flags = actions.pushy_flags(store, page.entries)  # the guard reads every kind
        flagged = {entry.followup.kind for entry in page.entries if entry.followup.id in flags}
        assert flagged <= {kind for kind in Kind if kind.is_message} - {Kind.THANK_YOU}, "only messages are spaced"
        for entry in page.entries:
            followup = entry.followup
            warnings = actions.warnings_for(store, followup)
            if not followup.kind.is_message:
                assert warnings == [], f"a {followup.kind.label} is no message to space"
            elif followup.kind is Kind.CHECK_IN:
                assert any("the same day as your" in warning for warning in warnings), warnings
            if followup.kind.has_draft:
                drafted = compose.compose(store, followup.id)
                assert drafted.values["company"] == "Globex"
    finally:
        store.close()

    for export in (["export", "ics"], ["export", "json"], ["export", "markdown"], ["export", "csv", "followups"]):
        run(db_path, *export)
    csv = run(db_path, "export", "csv", "followups")
    assert all(f"A {kind.label} step" in csv for kind in Kind)
    ics = run(db_path, "export", "ics")
    assert all(f"A {kind.label} step" in ics for kind in Kind)
