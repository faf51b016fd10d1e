"""Nothing locked in: the whole journal out as JSON, and back into a new file exactly."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.domain.dates import MOST_DAYS_AWAY, reach
from followup_tui.services import followups as actions
from followup_tui.services.compose import save_draft
from followup_tui.services.debriefs import search_debriefs
from followup_tui.services.followups import FollowupRefused
from followup_tui.services.portable import JournalFileError, export_json, import_json
from followup_tui.store import Store


def without_moment(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


def test_export_import_export_gives_the_same_journal(demo_store: Store, tmp_path: Path, clock: Clock):
    demo_store.set_setting("me.signature", "Alex\n— sent from a terminal «ok» 😀")
    demo_store.save_draft("contact:new", {"name": "Half typed"})
    first = demo_store.list_followups()[0].followup
    save_draft(demo_store, first.id, "Subject [b]", "Body with {0.__class__} and שלום")
    exported = export_json(demo_store)

    restored = Store.open(tmp_path / "restored.db", clock)
    report = import_json(restored, exported)
    assert report.counts["followups"] == 29 and report.counts["drafts"] == 1
    assert without_moment(export_json(restored)) == without_moment(exported)
    assert [hit.listing.company for hit in search_debriefs(restored, "queue")], "search works on what came back"
    assert {hit.prompt for hit in search_debriefs(restored, "Oyelaran")} == {"Interviewers"}, "names too"
    restored.close()


def test_the_cli_writes_a_private_file_and_restores_it(db_path: Path, tmp_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    out = tmp_path / "journal.json"
    assert runner.invoke(cli, ["export", "json", "--db", str(db_path), "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600
    result = runner.invoke(cli, ["import", "json", str(out), "--db", str(tmp_path / "new.db")])
    assert result.exit_code == 0 and "Restored" in result.output and "29 followups" in result.output
    again = runner.invoke(cli, ["import", "json", str(out), "--db", str(tmp_path / "new.db")])
    assert again.exit_code == 1 and "not empty" in again.output and "Traceback" not in again.output


def _broken(good: dict, how: str) -> str:
    document = json.loads(json.dumps(good))
    tables = document["tables"]
    if how == "not json":
        return "{ not json"
    if how == "a vCard":
        return "BEGIN:VCARD\nFN:Ann\nEND:VCARD\n"
    if how == "another format":
        document["format"] = "something else"
    elif how == "newer format":
        document["format_version"] = 2
    elif how == "newer schema":
        document["schema"].append("m999_from_the_future")
    elif how == "unknown table":
        tables["secrets"] = []
    elif how == "unknown column":
        tables["contacts"][0]["shoe_size"] = 44
    elif how == "nested value":
        tables["contacts"][0]["notes"] = {"x": 1}
    elif how == "dangling link":
        tables["interviews"][-1]["opportunity_id"] = 9999
    elif how == "bad status":
        tables["followups"][-1]["status"] = "maybe"
    elif how == "card details of the wrong shape":
        tables["contacts"][0]["details"] = json.dumps({"nickname": 3, "extra_lines": ["X-A:1"]})
    elif how == "check-in for no application":
        tables["followups"][-1].update(opportunity_id=None, kind="check_in")
    elif how == "duplicate id":
        tables["followups"].append(dict(tables["followups"][0]))
    return json.dumps(document)


@pytest.mark.parametrize(
    "how",
    [
        "not json",
        "a vCard",
        "another format",
        "newer format",
        "newer schema",
        "unknown table",
        "unknown column",
        "nested value",
        "dangling link",
        "bad status",
        "check-in for no application",
        "card details of the wrong shape",
        "duplicate id",
    ],
)
def test_a_bad_export_is_refused_with_one_line_and_nothing_is_written(demo_store: Store, tmp_path: Path, how: str):
    good = json.loads(export_json(demo_store))
    bad = tmp_path / "bad.json"
    bad.write_text(_broken(good, how), encoding="utf-8")
    target = tmp_path / "target.db"
    result = CliRunner().invoke(cli, ["import", "json", str(bad), "--db", str(target)])
    assert result.exit_code == 1 and "nothing was imported" in result.output, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    store = Store.open(target, Clock.fixed(demo_store.clock.now()))
    assert not store.holds_anything()
    store.close()


def _with(good: dict, table: str, field: str, value) -> str:
    document = json.loads(json.dumps(good))
    document["tables"][table][-1][field] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("table", "field", "value", "said"),
    [
        ("followups", "due_on", "9999-12-31", "9999-12-31 is more than ten years from today"),
        ("followups", "done_at", "1000-01-01T10:00:00+00:00", "1000-01-01 is before 1970"),
        ("interviews", "starts_at", "0001-01-01T12:00:00+05:00", "is before 1970"),
        ("interviews", "decision_expected_on", "2037-01-01", "2037-01-01 is more than ten years from today"),
        ("interviews", "stage", "", "should name the round"),
        ("interviews", "stage", "two\nlines", "should be on one line"),
        ("interviews", "starts_at", "2026-11-20T10:00:00", "has no time zone"),
        ("debriefs", "satisfaction", -1, "should be a number from 1 to 5, not -1"),
        ("followups", "kind", "telegram", "should be one of"),
        ("opportunities", "applied_on", "1900-01-01", "1900-01-01 is before 1970"),
        ("opportunities", "url", "javascript:alert(1)", "is not a web link"),
        ("opportunities", "pay_asked", "lots", "Can't read 'lots' as pay"),
        ("contacts", "profile_url", "ftp://example.com/me", "is not a web link"),
        ("drafts", "updated_at", "9999-12-31T23:59:59+00:00", "9999-12-31 is more than ten years from today"),
    ],
)
def test_a_restore_takes_only_what_a_form_would_and_names_the_table_row_and_field(
    demo_store: Store, tmp_path: Path, clock: Clock, table: str, field: str, value, said: str
):
    demo_store.save_draft("contact:new", {"name": "Half typed"})
    good = json.loads(export_json(demo_store))
    row = len(good["tables"][table])
    target = Store.open(tmp_path / "target.db", clock)
    try:
        with pytest.raises(JournalFileError) as refused:
            import_json(target, _with(good, table, field, value))
        assert str(refused.value).startswith(f"{table} row {row}") and f": {field} " in str(refused.value)
        assert said in str(refused.value)
        assert not target.holds_anything()
    finally:
        target.close()


def test_a_restore_keeps_a_long_kept_journals_old_records(demo_store: Store, tmp_path: Path, clock: Clock):
    """Records age: a journal kept for years, or an old backup restored today, holds days further
    back than a form would take for a new one."""
    good = json.loads(export_json(demo_store))
    old = good["tables"]["followups"][-1]
    old.update(
        done_at="2011-03-01T10:00:00+00:00", due_on="2011-03-01", status="done", created_at="2011-02-20T09:00:00+00:00"
    )
    target = Store.open(tmp_path / "target.db", clock)
    try:
        import_json(target, json.dumps(good))
        assert target.get_followup(old["id"]).due_on.year == 2011
    finally:
        target.close()


def test_a_restore_takes_the_first_and_last_day_a_form_takes(demo_store: Store, tmp_path: Path, clock: Clock):
    first, last = reach(clock.today())
    good = json.loads(export_json(demo_store))
    good["tables"]["followups"][-1]["due_on"] = last.isoformat()
    good["tables"]["followups"][-2]["due_on"] = first.isoformat()
    target = Store.open(tmp_path / "target.db", clock)
    try:
        assert import_json(target, json.dumps(good)).counts["followups"] == 29
    finally:
        target.close()


def test_the_furthest_days_a_restore_takes_are_written_out_by_every_writer(
    demo_store: Store, tmp_path: Path, clock: Clock
):
    """What went in is handled everywhere after: the calendar (export and feed), snooze and
    reschedule, and the due report — on the first and last day the journal takes."""
    first, last = reach(clock.today())
    good = json.loads(export_json(demo_store))
    followups = good["tables"]["followups"]
    planned = [row for row in followups if row["status"] == "planned"]
    planned[0]["due_on"], planned[1]["due_on"] = last.isoformat(), first.isoformat()
    good["tables"]["interviews"][-1]["starts_at"] = (
        f"{last.isoformat()}T09:00:00+00:00"  # the last day where the user is
    )
    db = tmp_path / "restored.db"
    restored = Store.open(db, clock)
    import_json(restored, json.dumps(good))
    restored.close()

    runner = CliRunner()
    ics = runner.invoke(cli, ["export", "ics", "--db", str(db)])
    assert ics.exit_code == 0, ics.output
    assert f"DTSTART;VALUE=DATE:{last:%Y%m%d}" in ics.stdout and f"DTSTART;VALUE=DATE:{first:%Y%m%d}" in ics.stdout
    feed = tmp_path / "followup.ics"
    assert runner.invoke(cli, ["settings", "calendar.feed", str(feed), "--db", str(db)]).exit_code == 0
    assert runner.invoke(cli, ["export", "ics", "--feed", "--db", str(db)]).exit_code == 0
    assert f"DTSTART;VALUE=DATE:{last:%Y%m%d}" in feed.read_text()
    due = runner.invoke(cli, ["due", "--within", str(MOST_DAYS_AWAY), "--json", "--db", str(db)])
    assert due.exit_code == 0 and {last.isoformat(), first.isoformat()} <= {i["due"] for i in json.loads(due.stdout)}
    assert runner.invoke(cli, ["list", "followups", "--db", str(db)]).exit_code == 0

    store = Store.open(db, clock)
    try:
        with pytest.raises(FollowupRefused, match="more than ten years from today"):
            actions.snooze(store, planned[0]["id"])  # the next business day is one too far
        assert store.get_followup(planned[0]["id"]).due_on == last, "left where it was"
        actions.snooze(store, planned[1]["id"])  # late by ten years: snoozed from today
        assert store.get_followup(planned[1]["id"]).due_on > clock.today()
        actions.reschedule(store, planned[1]["id"], last)
        with pytest.raises(FollowupRefused, match="more than ten years from today"):
            actions.reschedule(store, planned[1]["id"], last + timedelta(days=1))
        assert store.get_followup(planned[1]["id"]).due_on == last
        furthest = good["tables"]["interviews"][-1]["id"]
        assert all(step.due_on <= last for step in actions.propose_plan(store, furthest)), "no step past the range"
    finally:
        store.close()


def test_an_export_from_before_interviewers_kept_their_order_restores_them_in_the_order_listed(
    demo_store: Store, tmp_path: Path, clock: Clock
):
    older = json.loads(export_json(demo_store))
    links = older["tables"]["interview_contacts"]
    for link in links:
        del link["position"]
    interview = max({link["interview_id"] for link in links}, key=lambda i: sum(x["interview_id"] == i for x in links))
    listed = [link["contact_id"] for link in links if link["interview_id"] == interview]
    assert len(listed) > 1, "the demo has an interview with more than one person"
    ours = [link for link in links if link["interview_id"] == interview]
    others = [link for link in links if link["interview_id"] != interview]
    older["tables"]["interview_contacts"] = others + ours[::-1]  # listed against the order of their ids
    target = Store.open(tmp_path / "target.db", clock)
    try:
        import_json(target, json.dumps(older))
        assert [c.id for c in target.interview_contacts(interview)] == listed[::-1]
    finally:
        target.close()
