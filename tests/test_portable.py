"""Nothing locked in: the whole journal out as JSON, and back into a new file exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.services.compose import save_draft
from followup_tui.services.debriefs import search_debriefs
from followup_tui.services.portable import export_json, import_json
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
