"""The `followup` command: version, demo data, and one clear line for every bad journal."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui import __version__
from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.domain.timeline import Group, group_of
from followup_tui.services.journal import default_journal_path
from followup_tui.store import Store

pytestmark = pytest.mark.both_journals  # every door of the journal, plain and private (tests/conftest.py)


def run(*args: str, **env: str):
    return CliRunner().invoke(cli, list(args), env=env or None, catch_exceptions=False)


def test_version_prints_the_version():
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_names_the_commands_and_the_db_option():
    result = run("--help")
    assert result.exit_code == 0
    assert "demo" in result.output and "--db PATH" in result.output


def test_demo_fills_a_journal_with_a_realistic_search(db_path: Path, clock: Clock):
    result = run("demo", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert f"followup --db {db_path}" in result.output
    store = Store.open(db_path, clock)
    counts = store.counts()
    assert len({listing.opportunity.company for listing in store.list_opportunities()}) >= 5
    assert counts["interviews"] >= 8 and counts["debriefs"] == counts["interviews"]
    assert counts["contacts"] >= 15
    assert counts["followups"] >= 25
    for listing in store.list_interviews():
        debrief = store.get_debrief(listing.interview.id)
        assert len(debrief.answers) == len(DEFAULT_QUESTIONS) and debrief.satisfaction in range(1, 6)
    groups = {group_of(listing, clock.today()) for listing in store.list_followups()}
    assert groups == set(Group), "the demo has something in every timeline group"
    store.close()


def test_demo_never_mixes_sample_data_into_a_real_journal(db_path: Path):
    assert run("demo", "--db", str(db_path)).exit_code == 0
    assert (
        run(
            "add", "Hello", "--due", "tomorrow", "--company", "Initech", "--new-company", "--db", str(db_path)
        ).exit_code
        == 0
    )
    before = db_path.read_bytes()
    result = CliRunner().invoke(cli, ["demo", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "already holds a journal" in result.output
    assert db_path.read_bytes() == before


def test_db_can_be_given_before_the_command_or_in_the_environment(tmp_path: Path):
    assert run("--db", str(tmp_path / "a.db"), "demo").exit_code == 0
    assert (tmp_path / "a.db").exists()
    assert run("demo", FOLLOWUP_DB=str(tmp_path / "b.db")).exit_code == 0
    assert (tmp_path / "b.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "", "demo"],
        ["demo", "--db", ""],
        ["due", "--db="],
        ["search", "x", "--db", ""],
        ["--db", ""],
        ["new", "--db", ""],
    ],
)
def test_an_empty_db_is_refused_naming_the_option_and_never_means_the_usual_journal(args: list[str]):
    refused = CliRunner().invoke(cli, args)
    assert (refused.exit_code, refused.output) == (2, "Error: --db: give a file name\n")
    assert not default_journal_path().exists()


@pytest.mark.parametrize("args", [["demo"], ["due"], []])
def test_followup_db_set_to_nothing_is_refused_too(args: list[str]):
    refused = CliRunner().invoke(cli, args, env={"FOLLOWUP_DB": ""})
    assert refused.exit_code == 2 and refused.output == (
        "Error: FOLLOWUP_DB is set to nothing: give it a file name, or unset it\n"
    )
    assert not default_journal_path().exists()


def test_without_db_the_journal_lives_in_the_user_data_folder():
    assert run("demo").exit_code == 0
    path = default_journal_path()
    assert path.exists() and path.parent.name == "followup-tui"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"


def _journal_from_the_future(path: Path) -> None:
    run("demo", "--db", str(path))
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('followup_tui', 'm999', '')"
        )


BAD_JOURNALS = {
    "folder": (lambda p: p.mkdir(), "is a folder"),
    "not-sqlite": (lambda p: p.write_text("meeting notes\n"), "not a followup-tui journal"),
    "newer": (_journal_from_the_future, "newer version of followup-tui"),
    "uncreatable": (lambda p: p.parent.joinpath("file").write_text("x"), "cannot create a journal"),
}


@pytest.mark.parametrize("case", BAD_JOURNALS)
@pytest.mark.parametrize("command", [[], ["demo"]], ids=["tui", "demo"])
def test_a_bad_journal_gets_one_line_and_a_non_zero_exit(tmp_path: Path, case: str, command: list[str]):
    path = tmp_path / "journal.db"
    make, message = BAD_JOURNALS[case]
    make(path)
    if case == "uncreatable":
        path = tmp_path / "file" / "journal.db"
    before = path.read_bytes() if path.is_file() else None
    result = CliRunner().invoke(cli, ["--db", str(path), *command])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    if before is not None:
        assert path.read_bytes() == before


def test_an_unreadable_fixed_day_is_one_line_too(db_path: Path):
    result = CliRunner().invoke(cli, ["demo", "--db", str(db_path)], env={"FOLLOWUP_TODAY": "next tuesday"})
    assert result.exit_code == 1
    assert "FOLLOWUP_TODAY" in result.output


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_commands_other_than_the_tui_never_import_textual(db_path: Path):
    code = (
        "import sys\n"
        "from followup_tui.cli import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:], prog_name='followup')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded', file=sys.stderr)\n"
    )
    commands = (
        ["demo", "--db", str(db_path)],
        ["search", "--db", str(db_path), "queue"],
        ["export", "markdown", "--db", str(db_path)],
        ["--version"],
        ["--help"],
    )
    for args in commands:
        result = _python(code, *args)
        assert "textual not loaded" in result.stderr, (args, result.stderr)


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.slow
def test_a_bad_journal_from_the_real_command_shows_no_traceback(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    result = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(notes)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a followup-tui journal" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_settings_are_listed_set_and_checked(db_path: Path, clock: Clock):
    runner = CliRunner()
    listing = runner.invoke(cli, ["settings", "--db", str(db_path)]).output
    assert "nudge_min_active" in listing and "cadence.spacing_business_days" in listing
    assert (
        runner.invoke(cli, ["settings", "nudge_min_active", "8", "--db", str(db_path)]).output
        == "nudge_min_active = 8\n"
    )
    for bad in (["nudge_min_active", "lots"], ["date_order", "sideways"], ["no_such_thing", "1"]):
        result = runner.invoke(cli, ["settings", *bad, "--db", str(db_path)])
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    from followup_tui.services.pipeline import pipeline_nudge

    store = Store.open(db_path, clock)
    assert "Only 6 applications are still open" in pipeline_nudge(store).text  # 6 < 8
    store.close()


def test_backup_writes_a_private_consistent_copy_and_never_overwrites(db_path: Path, tmp_path: Path, clock: Clock):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    target = tmp_path / "safe.db"
    first = runner.invoke(cli, ["backup", "--db", str(db_path), "-o", str(target)])
    assert first.exit_code == 0 and f"Backed up the journal to {target}" in first.output
    second = runner.invoke(cli, ["backup", "--db", str(db_path), "-o", str(target)])
    assert f"to {tmp_path / 'safe-2.db'}" in second.output
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    copy = Store.open(target, clock)
    assert copy.counts() == {"opportunities": 7, "interviews": 9, "debriefs": 9, "contacts": 15, "followups": 29}
    assert copy.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    dated = runner.invoke(cli, ["backup", "--db", str(db_path)])
    assert "journal-2026-11-26T0900.backup.db" in dated.output


BROKEN = (
    "import sys\n"
    "import followup_tui.services.export as export\n"
    "def broken(store):\n"
    "    raise RuntimeError('a bug')\n"
    "export.markdown_pieces = broken\n"
    "from followup_tui.cli import main\n"
    "main()\n"
)


@pytest.mark.slow
def test_an_unexpected_error_is_one_line_unless_debug_asks_for_the_traceback(db_path: Path):
    quiet = _python(BROKEN, "export", "markdown", "--db", str(db_path))
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    assert quiet.stderr == "Error: unexpected RuntimeError: a bug (run with --debug for details)\n"
    loud = _python(BROKEN, "--debug", "export", "markdown", "--db", str(db_path))
    assert loud.returncode == 1 and "Traceback" in loud.stderr and "RuntimeError: a bug" in loud.stderr


def test_the_readme_demo_line_works_every_time(db_path: Path):
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--db", str(db_path)]).exit_code == 0
    again = runner.invoke(cli, ["demo", "--db", str(db_path)])
    assert again.exit_code == 0 and "already holds the sample job search" in again.output


def test_kinds_are_taken_as_the_screens_say_them_and_as_stored(db_path: Path):
    runner = CliRunner()
    for kind in ("check-in", "Thank-you", "next interview"):
        result = runner.invoke(
            cli,
            [
                "add",
                kind,
                "--due",
                "tomorrow",
                "--company",
                "Acme",
                "--new-company",
                "--kind",
                kind,
                "--db",
                str(db_path),
            ],
        )
        assert result.exit_code == 0, result.output
    store = Store.open(db_path, Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
    assert [f.followup.kind.value for f in store.list_followups()] == ["check_in", "thank_you", "next_interview"]
    store.close()


def test_settings_print_aligned_one_line_each_and_as_json(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["settings", "me.signature", "Alex\nPlatform engineer\nalex.example", "--db", str(db_path)])
    lines = runner.invoke(cli, ["settings", "--db", str(db_path)]).output.splitlines()
    signature = next(line for line in lines if line.startswith("me.signature"))
    assert signature.split(None, 1)[1] == "Alex … (+2 more lines)"
    assert len({line.index(line.split()[1]) for line in lines if not line.startswith(" ")}) == 1, "one column"
    assert "(default )" not in "\n".join(lines)
    shown = json.loads(runner.invoke(cli, ["settings", "--json", "--db", str(db_path)]).stdout)
    assert shown["me.signature"] == "Alex\nPlatform engineer\nalex.example" and shown["holidays"] == ""


@pytest.mark.slow  # click asks bash for its version
def test_completion_scripts_for_three_shells():
    for shell, marker in (("bash", "complete -o"), ("zsh", "#compdef followup"), ("fish", "complete --no-files")):
        result = CliRunner().invoke(cli, ["completion", shell])
        assert result.exit_code == 0 and marker in result.output and "_FOLLOWUP_COMPLETE" in result.output


def test_list_and_csv_give_every_record_one_row_to_read_back(db_path: Path):
    import csv
    import io

    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    listed = json.loads(runner.invoke(cli, ["list", "applications", "--json", "--db", str(db_path)]).stdout)
    assert len(listed) == 7 and listed[0]["status"] == "applied"
    interviewing = runner.invoke(cli, ["list", "applications", "--status", "interviewing", "--db", str(db_path)])
    lines = interviewing.stdout.splitlines()
    assert lines[0].split("\t") == ["status", "company", "role", "next followup on"] and len(lines) == 4
    assert all(line.startswith("interviewing\t") for line in lines[1:])
    lumen = json.loads(
        runner.invoke(cli, ["list", "followups", "--company", "lumen health", "--json", "--db", str(db_path)]).stdout
    )
    assert {row["company"] for row in lumen} == {"Lumen Health"} and len(lumen) == 6
    refused = runner.invoke(cli, ["list", "contacts", "--status", "done", "--db", str(db_path)])
    assert refused.exit_code == 2 and "contacts have no status" in refused.output

    for kind, count in (("applications", 7), ("followups", 29), ("contacts", 15)):
        text = runner.invoke(cli, ["export", "csv", kind, "--db", str(db_path)]).stdout
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == count
    followups = list(
        csv.DictReader(io.StringIO(runner.invoke(cli, ["export", "csv", "followups", "--db", str(db_path)]).stdout))
    )
    assert followups[0]["due_on"] == "2026-10-16" and followups[0]["kind"] == "thank-you"


def test_add_finds_the_company_from_the_contacts_card_and_says_when_a_day_is_no_business_day(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    added = runner.invoke(cli, ["add", "Coffee?", "--due", "sat", "--contact", "Sam Ito", "--db", str(db_path)])
    assert added.exit_code == 0, added.output
    assert "Note: that is a Saturday; the next business day is Mon 30 Nov." in added.stderr
    assert "new to your journal" not in added.stderr, "Sam's card says Fernleaf Systems: no new application"
    nobody = runner.invoke(cli, ["add", "Coffee?", "--due", "mon", "--db", str(db_path)])
    assert nobody.exit_code == 2 and "--company: which company is it for?" in nobody.stderr


def test_a_note_needs_no_company_and_is_about_the_whole_search(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    added = runner.invoke(cli, ["add", "Update the CV", "--due", "mon", "--kind", "note", "--db", str(db_path)])
    assert added.exit_code == 0, added.output
    assert "Added note due Mon 30 Nov" in added.stdout and "new to your journal" not in added.stderr
    listed = json.loads(runner.invoke(cli, ["list", "followups", "--json", "--db", str(db_path)]).stdout)
    [note] = [row for row in listed if row["subject"] == "Update the CV"]
    assert (note["company"], note["kind"]) == ("", "note")
    due = runner.invoke(cli, ["due", "--db", str(db_path)]).stdout
    assert any(
        line.startswith("2026-11-30") and line.split()[-4:] == ["—", "Update", "the", "CV"] for line in due.splitlines()
    )
    applications = runner.invoke(cli, ["list", "applications", "--json", "--db", str(db_path)]).stdout
    assert len(json.loads(applications)) == 7, "no application was made for it"


@pytest.mark.parametrize("kind", ["applications", "followups", "contacts"])
def test_json_and_csv_carry_every_stored_field_of_the_record(db_path: Path, clock: Clock, kind: str):
    import csv
    import io

    from followup_tui.services.records_table import DERIVED, NOT_LISTED, TABLES

    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    store = Store.open(db_path, clock)
    columns = store.table_columns()[TABLES[kind]]
    store.close()
    expected = [column for column in columns if column not in NOT_LISTED] + list(DERIVED[kind])
    assert not {"created_at", "updated_at"} & set(expected), "only when a record was typed is left out"
    listed = json.loads(runner.invoke(cli, ["list", kind, "--json", "--db", str(db_path)]).stdout)
    assert listed and all(list(row) == expected for row in listed)
    header = next(csv.reader(io.StringIO(runner.invoke(cli, ["export", "csv", kind, "--db", str(db_path)]).stdout)))
    assert header == expected


def test_list_and_csv_say_booleans_dates_and_moments_in_one_form(db_path: Path, clock: Clock):
    import csv
    import io

    from followup_tui.domain.models import Contact

    store = Store.open(db_path, clock)
    store.add_contact(
        Contact(
            name="Ann Lee",
            company="Initech",
            profile_url="https://example.com/in/annlee",
            notes="Met at the onsite; likes cycling",
            has_my_details=True,
            other_emails=["ann@home.example"],
        )
    )
    store.close()
    runner = CliRunner()
    assert runner.invoke(cli, ["add", "Call Ann", "--due", "mon", "--new-company", "--company", "Initech",
                               "--db", str(db_path)]).exit_code == 0  # fmt: skip
    [ann] = json.loads(runner.invoke(cli, ["list", "contacts", "--json", "--db", str(db_path)]).stdout)
    assert ann["profile_url"] == "https://example.com/in/annlee" and ann["notes"] == "Met at the onsite; likes cycling"
    assert ann["has_my_details"] is True and ann["other_emails"] == ["ann@home.example"]
    [row] = csv.DictReader(io.StringIO(runner.invoke(cli, ["export", "csv", "contacts", "--db", str(db_path)]).stdout))
    assert row["has_my_details"] == "yes" and row["other_emails"] == "ann@home.example"

    [call] = json.loads(runner.invoke(cli, ["list", "followups", "--json", "--db", str(db_path)]).stdout)
    assert call["due_on"] == "2026-11-30" and call["done_at"] is None and call["decide_by"] is None
    store = Store.open(db_path, clock)
    from followup_tui.services.followups import complete

    complete(store, call["id"])
    store.close()
    [call] = json.loads(runner.invoke(cli, ["list", "followups", "--json", "--db", str(db_path)]).stdout)
    assert call["done_at"] == "2026-11-26T09:00:00+00:00", "a moment is ISO with its offset"
    [application] = json.loads(runner.invoke(cli, ["list", "applications", "--json", "--db", str(db_path)]).stdout)
    assert application["applied_on"] is None and application["last_contact_on"] == "2026-11-26"
    [row] = csv.DictReader(
        io.StringIO(runner.invoke(cli, ["export", "csv", "applications", "--db", str(db_path)]).stdout)
    )
    assert row["applied_on"] == "" and row["last_contact_on"] == "2026-11-26"


def test_list_piped_prints_every_cell_whole_and_a_terminal_gets_them_cut(db_path: Path):
    from followup_tui.services.records_table import as_text

    long_subject = "Send the portfolio link and the two case studies we talked about at the end"
    runner = CliRunner()
    runner.invoke(
        cli, ["add", long_subject, "--due", "mon", "--new-company", "--company", "Initech", "--db", str(db_path)]
    )
    piped = runner.invoke(cli, ["list", "followups", "--db", str(db_path)]).stdout.splitlines()
    assert piped[1].split("\t") == ["2026-11-30", "planned", "check-in", "", "Initech", long_subject]
    rows = [{"due_on": "2026-11-30", "status": "planned", "kind": "check-in", "person": "", "company": "Initech",
             "subject": long_subject}]  # fmt: skip
    on_terminal = as_text(rows, "followups", terminal=True).splitlines()[1]
    assert long_subject not in on_terminal and on_terminal.endswith("…")


def test_counts_agree_in_number(db_path: Path, clock: Clock, tmp_path: Path):
    from followup_tui.domain.counts import counted
    from followup_tui.domain.models import Interview, Opportunity

    assert [counted(1, "upcoming interview"), counted(2, "upcoming interview"), counted(0, "contact")] == [
        "1 upcoming interview", "2 upcoming interviews", "0 contacts"]  # fmt: skip
    store = Store.open(db_path, clock)
    initech = store.add_opportunity(Opportunity(company="Initech"))
    store.add_interview(Interview(initech.id, datetime(2026, 12, 2, 10, tzinfo=timezone.utc)))
    store.close()
    runner = CliRunner()
    runner.invoke(cli, ["add", "Call Ann", "--due", "mon", "--company", "Initech", "--db", str(db_path)])
    ics = runner.invoke(cli, ["export", "ics", "-o", str(tmp_path / "a.ics"), "--db", str(db_path)])
    assert "Wrote 1 planned follow-up, 1 upcoming interview to" in ics.stdout
    csv_out = runner.invoke(cli, ["export", "csv", "followups", "-o", str(tmp_path / "a.csv"), "--db", str(db_path)])
    assert "Wrote 1 follow-up to" in csv_out.stdout
    nothing = runner.invoke(cli, ["due", "--within", "1", "--db", str(tmp_path / "empty.db")])
    assert "Nothing due in the next 1 day." in nothing.output


def test_add_in_a_script_refuses_a_company_it_has_no_application_at(db_path: Path, clock: Clock):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    before = db_path.read_bytes()
    typo = runner.invoke(cli, ["add", "Call Ann", "--due", "mon", "--company", "Fernlef Systems", "--db", str(db_path)])
    assert typo.exit_code == 2 and typo.stdout == ""
    assert typo.stderr.splitlines() == [
        "Error: --company: no application at Fernlef Systems yet (did you mean Fernleaf Systems?);"
        " add --new-company to start one"
    ]
    assert db_path.read_bytes() == before, "nothing was written"
    new = runner.invoke(
        cli, ["add", "Call Ann", "--due", "mon", "--company", "Globex", "--new-company", "--db", str(db_path)]
    )
    assert new.exit_code == 0 and "a new application at Globex" in new.stderr
    again = runner.invoke(cli, ["add", "Call Bo", "--due", "mon", "--company", "globex", "--db", str(db_path)])
    assert again.exit_code == 0, "once it is there, it is found by the name rule"
    store = Store.open(db_path, clock)
    assert sum(listing.opportunity.company == "Globex" for listing in store.list_opportunities()) == 1
    store.close()


@pytest.mark.parametrize(("answer", "status", "made"), [("y\n", 0, 1), ("\n", 1, 0), ("n\n", 1, 0)])
def test_add_on_a_terminal_asks_about_a_company_it_has_no_application_at(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, answer: str, status: int, made: int
):
    import followup_tui.cli as command_line

    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    monkeypatch.setattr(command_line, "_can_ask", lambda: True)
    asked = runner.invoke(
        cli, ["add", "Call Ann", "--due", "mon", "--company", "Fernlef Systems", "--db", str(db_path)], input=answer
    )
    assert asked.exit_code == status
    assert "Did you mean Fernleaf Systems?" in asked.stderr
    assert "No application at Fernlef Systems yet — add one? [y/N]" in asked.stderr
    store = Store.open(db_path, clock)
    assert sum(listing.opportunity.company == "Fernlef Systems" for listing in store.list_opportunities()) == made
    store.close()


def test_a_company_with_no_application_can_be_refused_by_the_service_itself(store: Store):
    from datetime import date

    from followup_tui.services.followups import FollowupRefused, add_by_names

    with pytest.raises(FollowupRefused, match="no application at Globx yet"):
        add_by_names(store, "Call", date(2026, 11, 30), "Globx", "Ann Lee", new_company=False)
    assert store.list_opportunities() == [] and store.list_contacts() == [], "no card or application half made"


def test_a_company_typed_as_the_start_of_its_name_is_suggested_not_made(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    refused = runner.invoke(cli, ["add", "Call Ann", "--due", "mon", "--company", "lumen", "--db", str(db_path)])
    assert refused.exit_code == 2 and "did you mean Lumen Health?" in refused.stderr
