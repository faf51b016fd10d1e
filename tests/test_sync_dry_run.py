"""`followup sync --dry-run`: each file that would be applied, and what this machine would send,
record by record, named as the user knows them; nothing written."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.debrief_form import CheckedDebrief
from followup_tui.domain.kinds import Kind
from followup_tui.domain.models import Contact, DebriefAnswer, Followup, Opportunity, Stage
from followup_tui.domain.sync_news import RowChange, describe, describe_all
from followup_tui.services.debriefs import record_debrief

from .sync_machines import Machine, deliver, settle_all

DUE = date(2026, 12, 3)  # a Thursday, in the tests' year (conftest's day is in November 2026)


@pytest.fixture
def laptop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "laptop", clock)


@pytest.fixture
def desktop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "desktop", clock)


def _debrief(answer: str) -> CheckedDebrief:
    return CheckedDebrief(
        company="Initech",
        role="Engineer",
        starts_at=datetime(2026, 11, 25, 14, tzinfo=timezone.utc),
        stage=Stage("panel"),
        format="video",
        interviewers=["Ada Lovelace"],
        decision_on=None,
        satisfaction=4,
        answers=[DebriefAnswer("asked", "What did they ask?", answer)],
    )


def _everything_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _dry_run(machine: Machine, *options: str):
    env = {"FOLLOWUP_TODAY": "2026-11-26"}
    args = ["--db", str(machine.journal), "sync", str(machine.folder), "--dry-run", *options]
    return CliRunner().invoke(cli, args, env=env)


@pytest.fixture
def news(laptop: Machine, desktop: Machine) -> tuple[Machine, Machine]:
    """Both machines share Globex (with a check-in) and a debrief at Initech; then the laptop adds,
    changes and deletes, and the desktop adds a card, none of it synced yet."""
    with laptop.store() as store:
        globex = store.add_opportunity(Opportunity(company="Globex", role="SRE", notes="first words"))
        check_in = store.add_followup(Followup(opportunity_id=globex.id, kind=Kind.CHECK_IN, due_on=DUE))
        interview = record_debrief(store, _debrief("queues"))
    settle_all([laptop, desktop])
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme", role="Backend engineer"))
        store.update_opportunity(replace(store.get_opportunity(globex.id), notes="second round booked"))
        store.delete_followup(check_in.id)
        record_debrief(store, _debrief("queues and caching"), interview.id)
    laptop.sync()
    deliver(laptop, desktop)
    with desktop.store() as store:
        store.add_contact(Contact(name="Grace Hopper", company="Hooli"))
    return laptop, desktop


def test_a_dry_run_names_each_record_it_would_apply_and_send(news):
    laptop, desktop = news
    shown = _dry_run(desktop)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    start = lines.index(f"From the other machine (device {laptop.device}, file 2):")
    assert lines[start + 1 : start + 5] == [
        "  deletes follow-up check-in due Thu 3 Dec for Globex",
        "  changes the notes of application Globex — SRE",
        "  changes the answer to “What did they ask?”",
        "  adds application Acme — Backend engineer",
    ]
    assert lines[-2:] == [f"This machine would send (device {desktop.device}, file 1):", "  adds contact Grace Hopper"]


def test_a_dry_run_writes_nothing_to_the_journal_or_the_folder(news):
    _laptop, desktop = news
    journal, base = desktop.journal.read_bytes(), desktop.journal.with_name("journal.db.sync-base").read_bytes()
    folder = _everything_in(desktop.folder)
    assert _dry_run(desktop).exit_code == 0
    assert desktop.journal.read_bytes() == journal
    assert desktop.journal.with_name("journal.db.sync-base").read_bytes() == base
    assert _everything_in(desktop.folder) == folder
    after = desktop.sync()  # and the real sync still does it all
    assert after.arrived > 0 and after.sent == 1


def test_a_long_list_is_cut_to_a_screenful_at_80_columns_and_verbose_lists_it_all(laptop: Machine, desktop: Machine):
    settle_all([laptop, desktop])
    with laptop.store() as store:
        for number in range(40):
            store.add_contact(Contact(name=f"Recruiter {number} " + "with a very long name " * 4, company="Initech"))
    laptop.sync()
    deliver(laptop, desktop)
    short = _dry_run(desktop).output.splitlines()
    assert max(len(line) for line in short) <= 80
    assert short[-1] == "  and 32 more changes (--verbose lists them all)"
    assert sum(line.startswith("  adds contact Recruiter") for line in short) == 8
    every = _dry_run(desktop, "--verbose").output.splitlines()
    assert sum(line.startswith("  adds contact Recruiter") for line in every) == 40


def test_text_from_the_file_is_shown_as_text(laptop: Machine, desktop: Machine):
    settle_all([laptop, desktop])
    with laptop.store() as store:
        store.add_contact(Contact(name="Eve \x1b]0;owned\x07 \x9b31m [bold]Mallory[/]"))
    laptop.sync()
    deliver(laptop, desktop)
    output = _dry_run(desktop).output
    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "  adds contact Eve ␛]0;owned␇" in output and "[bold]Mallory[/]" in output


def test_a_first_sync_says_it_would_send_everything_by_kind_of_record(laptop: Machine):
    with laptop.store() as store:
        for company in ("Acme", "Globex"):
            store.add_opportunity(Opportunity(company=company))
    shown = _dry_run(laptop)
    assert "This machine would send everything in its journal (its first sync):" in shown.output
    assert "  adds 2 applications\n" in shown.output and "  adds 2 status changes\n" in shown.output
    assert not laptop.journal.with_name("journal.db.sync-base").exists()


def test_the_json_of_a_dry_run_carries_the_records(news):
    laptop, desktop = news
    said = json.loads(_dry_run(desktop, "--json").output)
    (file,) = said["would_apply"]
    assert file["device"] == laptop.device and file["file"] == 2
    assert "adds application Acme — Backend engineer" in file["records"]
    assert said["would_send"]["records"] == ["adds contact Grace Hopper"]


def test_each_kind_of_record_is_named_as_the_user_knows_it():
    rows = {
        ("opportunities", 1): {"id": 1, "company": "Acme", "role": "SRE"},
        ("contacts", 2): {"id": 2, "name": "Ada Lovelace"},
        ("interviews", 3): {"id": 3, "opportunity_id": 1, "starts_at": "2026-11-25T14:00:00+00:00"},
        ("stories", 4): {"id": 4, "title": "The outage"},
    }

    def lookup(table, id_):
        return rows.get((table, id_))

    def said(table: str, op: str, row: dict, changed: tuple[str, ...] = ()) -> str | None:
        return describe(RowChange(table, op, row, changed), lookup, today=date(2026, 11, 26))

    assert said("interview_contacts", "add", {"interview_id": 3, "contact_id": 2}) == (
        "adds Ada Lovelace to the people of interview at Acme on Wed 25 Nov"
    )
    assert said("interview_contacts", "change", {"interview_id": 3, "contact_id": 2}, ("position",)) == (
        "changes the order of the people of interview at Acme on Wed 25 Nov"
    )
    assert said("status_changes", "add", {"opportunity_id": 1, "status": "offer"}) == (
        "moves application Acme — SRE to offer"
    )
    assert said("story_questions", "delete", {"story_id": 4, "question": "A time you failed?"}) == (
        "deletes question “A time you failed?” of story The outage"
    )
    assert said("documents_sent", "add", {"opportunity_id": 1, "role": "cv", "name": "CV 2026"}) == (
        "adds CV CV 2026 sent with application Acme — SRE"
    )
    assert said("followups", "change", {"kind": "thank_you", "due_on": "2026-11-26"}, ("status", "done_at")) == (
        "changes the status and done time of follow-up thank-you due Thu 26 Nov"
    )
    assert said("contacts", "change", {"name": "Ada"}, ("last_changed_at", "last_changed_on")) is None
    assert said("opportunities", "delete", {"id": 9, "company": "Gone\nCo", "role": ""}) == (
        "deletes application Gone Co"
    )


def test_rows_that_go_with_a_record_added_or_deleted_are_not_listed_on_their_own():
    said = describe_all(
        [
            RowChange("status_changes", "add", {"id": 11, "opportunity_id": 1, "status": "applied"}),
            RowChange("opportunities", "add", {"id": 1, "company": "Acme", "role": ""}),
            RowChange("status_changes", "add", {"id": 12, "opportunity_id": 5, "status": "offer"}),
        ],
        lambda table, id_: None,
    )
    assert said == ["adds application Acme", "moves an application to offer"]
