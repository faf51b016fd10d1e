"""The activity record a job centre asks for (`followup report activity`): one row per thing
done — an application sent, a message sent, an interview, a reply — with date, employer, the
person contacted, method, position and result; each week against the weekly goal; the fields
and wording of the form the `report` setting names; and CSV a spreadsheet opens as those fields."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.activity import Activity, ActivityFacts, Method, method_of
from followup_tui.domain.models import Contact, Direction, Followup, FollowupStatus, Interview, Kind, Opportunity
from followup_tui.domain.models import Stage, Status
from followup_tui.services.activity import activity_report, report_csv, report_markdown, report_text
from followup_tui.services.settings import change
from followup_tui.store import Store

THURSDAY = date(2026, 11, 26)  # the tests' day (conftest)
MONDAY = date(2026, 11, 23)


def _at(day: date, hour: int = 10, zone=timezone.utc) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def _journal(store: Store) -> dict[str, int]:
    """One application of each sort of week: Globex applied on Monday through its careers page,
    then a video interview with Dana on Tuesday, a thank-you to her on Tuesday evening and her
    reply on Wednesday; Initech emailed on Wednesday and rejected since."""
    globex = store.add_opportunity(
        Opportunity("Globex", "SRE", Status.INTERVIEWING, source="Careers page", applied_on=MONDAY)
    ).id
    initech = store.add_opportunity(
        Opportunity(
            "Initech", "Data Engineer", Status.REJECTED, source="emailed the CTO", applied_on=MONDAY + timedelta(2)
        )
    ).id
    dana = store.add_contact(Contact("Dana Whitfield", company="Globex", email="dana@globex.example")).id
    store.add_interview(Interview(globex, _at(MONDAY + timedelta(1), 9), Stage.PHONE_SCREEN, format="video"), [dana])
    for kind, day, hour in [
        (Kind.THANK_YOU, MONDAY + timedelta(1), 18),
        (Kind.REPLY_RECEIVED, MONDAY + timedelta(2), 11),
    ]:
        store.add_followup(
            Followup(
                globex,
                kind,
                day,
                kind.direction,
                FollowupStatus.DONE,
                contact_id=dana,
                done_at=_at(day, hour),
                subject=kind.label,
            )
        )
    store.add_followup(Followup(globex, Kind.CHECK_IN, THURSDAY + timedelta(7), contact_id=dana, subject="planned"))
    return {"globex": globex, "initech": initech, "dana": dana}


def _report(*args: str, db: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", "activity", "--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


# -- one row per activity ----------------------------------------------------------------------


def test_each_activity_is_a_row_with_date_employer_contact_method_position_and_result(store: Store):
    _journal(store)
    report = activity_report(store, MONDAY, THURSDAY)
    rows = [report.form.row(facts) for facts in report.rows]
    assert rows == [
        {"Date": "2026-11-23", "Activity": "application sent", "Employer": "Globex", "Contact": "",
         "Method": "portal", "Position": "SRE", "Result": "interviewing"},
        {"Date": "2026-11-24", "Activity": "interview (phone screen)", "Employer": "Globex",
         "Contact": "Dana Whitfield", "Method": "video", "Position": "SRE", "Result": "interviewing"},
        {"Date": "2026-11-24", "Activity": "message sent", "Employer": "Globex", "Contact": "Dana Whitfield",
         "Method": "email", "Position": "SRE", "Result": "interviewing"},
        {"Date": "2026-11-25", "Activity": "reply", "Employer": "Globex", "Contact": "Dana Whitfield",
         "Method": "email", "Position": "SRE", "Result": "interviewing"},
        {"Date": "2026-11-25", "Activity": "application sent", "Employer": "Initech", "Contact": "",
         "Method": "email", "Position": "Data Engineer", "Result": "rejected"},
    ]  # fmt: skip


def test_only_the_days_asked_for_count_and_nothing_planned_or_saved_does(store: Store):
    ids = _journal(store)
    store.add_opportunity(Opportunity("A lead", status=Status.SAVED, applied_on=MONDAY))
    store.add_followup(Followup(ids["globex"], Kind.NOTE, MONDAY, Direction.OUTBOUND, FollowupStatus.DONE,
                                done_at=_at(MONDAY), subject="a note to myself"))  # fmt: skip
    assert [facts.activity for facts in activity_report(store, MONDAY + timedelta(1), MONDAY + timedelta(1)).rows] == [
        Activity.INTERVIEW,
        Activity.MESSAGE,
    ]
    assert len(activity_report(store, MONDAY, THURSDAY).rows) == 5, "no saved lead, no note, nothing planned"


def test_an_interview_still_to_come_says_it_is_scheduled(store: Store):
    globex = store.add_opportunity(Opportunity("Globex", status=Status.INTERVIEWING, applied_on=MONDAY)).id
    store.add_interview(Interview(globex, _at(THURSDAY + timedelta(1), 14), Stage.ONSITE, format="onsite"))
    [interview] = [f for f in activity_report(store, THURSDAY, THURSDAY + timedelta(3)).rows if f.upcoming]
    assert activity_report(store, THURSDAY, THURSDAY + timedelta(3)).form.row(interview)["Result"] == (
        "interview scheduled"
    )


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_a_message_counts_on_the_users_own_day_not_the_utc_one(store: Store, zone: str):
    os.environ["TZ"] = zone
    time.tzset()
    try:
        here = ZoneInfo(zone)
        hour = 23 if zone.startswith("America") else 0
        sent = datetime(2026, 11, 24, hour, 30, tzinfo=here)
        assert sent.astimezone(timezone.utc).date() != date(2026, 11, 24)
        globex = store.add_opportunity(Opportunity("Globex", applied_on=date(2026, 11, 2))).id
        store.add_followup(
            Followup(globex, Kind.CHECK_IN, date(2026, 11, 24), status=FollowupStatus.DONE, done_at=sent)
        )
        [row] = activity_report(store, date(2026, 11, 24), date(2026, 11, 24)).rows
        assert row.day == date(2026, 11, 24)
        assert activity_report(store, date(2026, 11, 25), date(2026, 11, 25)).rows == []
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


# -- how the method is decided -------------------------------------------------------------------


def _facts(activity: Activity, **said) -> ActivityFacts:
    return ActivityFacts(MONDAY, activity, "Globex", "SRE", Status.APPLIED, **said)


@pytest.mark.parametrize(
    "facts, method",
    [
        (_facts(Activity.APPLICATION, source="LinkedIn"), Method.PORTAL),
        (_facts(Activity.APPLICATION, source=""), Method.PORTAL),
        (_facts(Activity.APPLICATION, source="Emailed the hiring manager"), Method.EMAIL),
        (_facts(Activity.APPLICATION, source="Phone call from a recruiter"), Method.PHONE),
        (_facts(Activity.APPLICATION, source="Careers fair"), Method.IN_PERSON),
        (_facts(Activity.MESSAGE), Method.EMAIL),
        (_facts(Activity.INTERVIEW, format="phone"), Method.PHONE),
        (_facts(Activity.INTERVIEW, format="Zoom"), Method.VIDEO),
        (_facts(Activity.INTERVIEW, format="in person"), Method.IN_PERSON),
        (_facts(Activity.INTERVIEW, format=""), Method.IN_PERSON),
        (_facts(Activity.REPLY, subject="Re: next steps"), Method.EMAIL),
        (_facts(Activity.REPLY, subject="Call from Dana: they want a second round"), Method.PHONE),
    ],
)
def test_the_method_comes_from_what_the_journal_knows(facts: ActivityFacts, method: Method):
    assert method_of(facts) is method


# -- the weeks against the goal ------------------------------------------------------------------


def test_each_week_is_totalled_against_the_weekly_goal(store: Store):
    _journal(store)
    store.add_opportunity(Opportunity("Hooli", applied_on=date(2026, 11, 17)))
    change(store, "goal.applications_per_week", "2")
    report = activity_report(store, date(2026, 11, 16), THURSDAY)
    assert report.weeks == [
        "Mon 16 Nov – Sun 22 Nov 2026: 1 of 2 applications — 1 short · 1 activity",
        "Mon 23 Nov – Thu 26 Nov 2026: 2 of 2 applications — goal met · 5 activities",
    ]
    assert "Weeks, against your goal:\n  Mon 16 Nov" in report_text(report)


def test_a_week_under_way_says_what_is_still_to_go_by_its_last_day(store: Store):
    store.add_opportunity(Opportunity("Globex", applied_on=MONDAY))
    [week] = activity_report(store, MONDAY, THURSDAY).weeks
    assert "1 of 5 applications — 4 to go by Sunday" in week


def test_part_of_a_past_week_is_counted_without_a_verdict_and_weeks_to_come_are_left_out(store: Store):
    """A job centre reads "short" as a week that fell short: for days the report leaves out it
    would not be true, and a week that has not begun has nothing to measure yet."""
    store.add_opportunity(Opportunity("Globex", applied_on=date(2026, 11, 17)))
    report = activity_report(store, date(2026, 11, 17), date(2026, 12, 20))
    assert report.weeks == [
        "Tue 17 Nov – Sun 22 Nov 2026 (part of a week): 1 application · 1 activity",
        "Mon 23 Nov – Sun 29 Nov 2026: 0 of 5 applications — 5 to go by Sunday · 0 activities",
    ]
    change(store, "report", "bewerbungsnachweis")
    german = activity_report(store, date(2026, 11, 17), THURSDAY)
    assert german.weeks[0] == "Teilwoche 17.11.–22.11.2026: 1 Bewerbung · 1 Aktivität"


def test_days_with_nothing_in_them_say_what_the_record_lists(store: Store):
    text = report_text(activity_report(store, MONDAY, THURSDAY))
    assert "Nothing in these days: the record lists the applications you add" in text
    assert "0 of 5 applications" in text


# -- the forms: fields and wording ---------------------------------------------------------------


def test_a_us_state_form_has_date_employer_contact_method_position_and_result(store: Store):
    _journal(store)
    change(store, "report", "us-state")
    report = activity_report(store, MONDAY, THURSDAY)
    assert report.form.header == ["Date", "Employer", "Contact", "Method", "Position", "Result"]
    interview = report.form.row(report.rows[1])
    assert interview == {
        "Date": "11/24/2026",
        "Employer": "Globex",
        "Contact": "Dana Whitfield",
        "Method": "video call",
        "Position": "SRE",
        "Result": "Interview (phone screen) · interviewing",
    }
    assert report.form.row(report.rows[0])["Method"] == "online"


def test_the_bewerbungsnachweis_has_german_headings_and_each_stages_date(store: Store):
    _journal(store)
    change(store, "report", "bewerbungsnachweis")
    report = activity_report(store, MONDAY, THURSDAY)
    assert report.form.header == ["Datum", "Arbeitgeber", "Ansprechpartner", "Art der Bewerbung", "Stelle", "Ergebnis"]
    globex = [report.form.row(facts) for facts in report.rows if facts.employer == "Globex"]
    assert [(row["Datum"], row["Art der Bewerbung"]) for row in globex] == [
        ("23.11.2026", "Bewerbung · online (Portal)"),
        ("24.11.2026", "Vorstellungsgespräch (phone screen) · per Video"),
        ("24.11.2026", "Nachfrage · per E-Mail"),
        ("25.11.2026", "Antwort des Arbeitgebers · per E-Mail"),
    ]
    initech = next(report.form.row(facts) for facts in report.rows if facts.employer == "Initech")
    assert initech["Ergebnis"] == "Absage"
    assert report.weeks == ["Woche 23.11.–26.11.2026: 2 von 5 Bewerbungen, 3 fehlen · 5 Aktivitäten"]


def test_the_setting_can_choose_the_fields_and_their_order(store: Store):
    _journal(store)
    assert change(store, "report", "Plain:  date, result,employer") == "plain: date, result, employer"
    report = activity_report(store, MONDAY, THURSDAY)
    assert report.form.row(report.rows[0]) == {"Date": "2026-11-23", "Result": "interviewing", "Employer": "Globex"}


@pytest.mark.parametrize(
    "value, said",
    [
        ("ohio", "report takes one of plain, us-state, bewerbungsnachweis"),
        ("plain: date, salary", "'salary' is not a field; the fields are date, activity, employer"),
        ("plain: date, date", "name each field once"),
    ],
)
def test_a_form_or_field_it_does_not_know_is_refused_in_words(store: Store, value: str, said: str):
    with pytest.raises(ValueError, match=said):
        change(store, "report", value)
    assert activity_report(store, MONDAY, THURSDAY).form.name == "plain", "nothing was kept"


# -- the command line --------------------------------------------------------------------------


def test_days_are_read_like_every_date_here(store: Store, db_path: Path):
    _journal(store)
    code, out, _ = _report("--from", "23 Nov", "--to", "2026-11-24", db=db_path)
    assert code == 0
    assert "Mon 23 Nov 2026 – Tue 24 Nov 2026" in out
    assert [line.split()[0] for line in out.splitlines()[4:7]] == ["2026-11-23", "2026-11-24", "2026-11-24"]
    code, out, _ = _report("--from", "last monday", db=db_path)
    assert code == 0 and "Initech" in out, "--to is today unless given"


@pytest.mark.parametrize(
    "args, said",
    [
        (["--from", "the day after payday"], "Error: --from 'the day after payday': not a date I can read"),
        (["--from", "26 Nov", "--to", "23 Nov"], "Error: --from (2026-11-26) is after --to (2026-11-23)"),
        (["--csv", "--markdown"], "Error: choose one of --csv and --markdown"),
        (["--excel"], "Error: --excel goes with --csv"),
    ],
)
def test_bad_options_get_one_line_and_exit_2(db_path: Path, args: list[str], said: str):
    code, out, err = _report(*args, db=db_path)
    assert code == 2
    assert err.strip() == said.strip() or err.strip().startswith(said), err
    assert len(err.strip().splitlines()) == 1 and out == ""


def test_markdown_is_a_table_whose_cells_read_as_typed(store: Store):
    store.add_opportunity(Opportunity("Pipe | and *stars*", "SRE", applied_on=MONDAY))
    markdown = report_markdown(activity_report(store, MONDAY, THURSDAY))
    assert "| Date | Activity | Employer | Contact | Method | Position | Result |" in markdown
    assert r"| 2026-11-23 | application sent | Pipe \| and \*stars\* |   | portal | SRE | awaiting answer |" in markdown
    assert "## Weeks, against your goal" in markdown


def test_text_from_a_person_never_reaches_the_terminal_as_control(store: Store, db_path: Path):
    store.add_opportunity(Opportunity("Evil\x1b[2J Corp\nLine two", "SRE", applied_on=MONDAY))
    for args in ([], ["--csv"], ["--markdown"]):
        code, out, _ = _report("--from", "23 Nov", *args, db=db_path)
        assert code == 0 and "\x1b" not in out and "Evil␛" in out and "Corp Line two" in out, args


def test_the_csv_is_the_forms_fields_with_formulas_made_text(store: Store, db_path: Path):
    store.add_opportunity(Opportunity('=HYPERLINK("http://x")', "+1 role", applied_on=MONDAY))
    change(store, "report", "bewerbungsnachweis")
    code, out, _ = _report("--from", "23 Nov", "--csv", db=db_path)
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row == {
        "Datum": "2026-11-23",
        "Arbeitgeber": '\'=HYPERLINK("http://x")',
        "Ansprechpartner": "",
        "Art der Bewerbung": "Bewerbung · online (Portal)",
        "Stelle": "'+1 role",
        "Ergebnis": "offen",
    }


def test_a_report_written_to_a_file_says_how_many_rows(store: Store, db_path: Path, tmp_path: Path):
    _journal(store)
    target = tmp_path / "record.csv"
    code, out, _ = _report("--from", "23 Nov", "--csv", "-o", str(target), db=db_path)
    assert code == 0 and f"Wrote 5 activities to {target}" in out
    assert target.read_text(encoding="utf-8").startswith('"Date","Activity","Employer"')


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("ssconvert") is None,
    reason="Gnumeric's ssconvert, the real spreadsheet this test opens the report in, is not installed"
    " (Debian: apt-get install gnumeric)",
)
@pytest.mark.parametrize("form", ["plain", "us-state", "bewerbungsnachweis"])
def test_a_real_spreadsheet_opens_the_csv_as_the_fields_it_names(store: Store, tmp_path: Path, form: str):
    import zipfile

    _journal(store)
    store.add_opportunity(Opportunity("=1+2", "-3", applied_on=MONDAY))
    change(store, "report", form)
    report = activity_report(store, MONDAY, THURSDAY)
    exported = tmp_path / "activity.csv"
    exported.write_text("".join(report_csv(report)), encoding="utf-8")
    for target in ("values.csv", "book.xlsx"):
        done = subprocess.run(
            ["ssconvert", "--recalc", str(exported), str(tmp_path / target)], capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "book.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no cell is a formula"
    with open(tmp_path / "values.csv", newline="", encoding="utf-8") as values:
        opened = list(csv.reader(values))
    assert opened[0] == report.form.header, "the columns are the fields the form names"
    assert len(opened) == 1 + len(report.rows)
    wanted = [list(report.form.row(facts, iso=True).values()) for facts in report.rows]
    cells = {(i, j): cell for i, line in enumerate(opened[1:]) for j, cell in enumerate(line)}
    for i, line in enumerate(wanted):
        assert date.fromisoformat(cells[(i, 0)].replace("/", "-")) == date.fromisoformat(line[0]), "a day, read as one"
        for j, cell in enumerate(line[1:], 1):
            assert cells.get((i, j), "") == cell.removeprefix("'"), (i, j)
