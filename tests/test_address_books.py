"""Folders address books and calendars sync: `export vcard --vdir` and `export ics --vdir` keep one
file per card or event, named by UID, that khard, khal and vdirsyncer read — updated in place,
removed with the record, and never touching a file the app did not write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from followup_tui.cli import cli
from followup_tui.services.contacts import delete_contact
from followup_tui.services.timeline import complete
from followup_tui.services.vdir import file_name
from followup_tui.store import Store

DEMO_CONTACTS = 15


def export(db: Path, what: str, folder: Path):
    return CliRunner().invoke(cli, ["export", what, "--vdir", str(folder), "--db", str(db)])


@pytest.fixture
def journal(db_path: Path) -> Path:
    assert CliRunner().invoke(cli, ["demo", "--db", str(db_path)]).exit_code == 0
    return db_path


def khard_names(folder: Path, tmp_path: Path) -> list[str]:
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[journal]]\npath = {folder}\n")
    khard = Path(sys.executable).with_name("khard")
    listed = subprocess.run(
        [str(khard), "-c", str(config), "list", "--parsable"], capture_output=True, text=True, check=True
    )
    assert "has no UID" not in listed.stderr, listed.stderr
    return sorted(line.split("\t")[1] for line in listed.stdout.splitlines())


@pytest.mark.slow
def test_khard_finds_every_contact_and_a_deleted_one_goes(journal: Path, tmp_path: Path, clock):
    cards = tmp_path / "cards"
    assert export(journal, "vcard", cards).stdout == f"{cards}: {DEMO_CONTACTS} written, 0 unchanged, 0 removed.\n"
    store = Store.open(journal, clock)
    names = sorted(contact.name for contact in store.list_contacts())
    assert khard_names(cards, tmp_path) == names

    mine = cards / "mine.vcf"
    mine.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:mine\r\nFN:Not From The Journal\r\nEND:VCARD\r\n")
    gone = store.list_contacts()[0]
    delete_contact(store, gone.id)
    store.close()
    again = export(journal, "vcard", cards)
    assert again.stdout == f"{cards}: 0 written, {DEMO_CONTACTS - 1} unchanged, 1 removed.\n"
    assert not (cards / file_name(gone.uid, ".vcf")).exists() and mine.exists(), "only its own files go"
    assert khard_names(cards, tmp_path) == sorted([n for n in names if n != gone.name] + ["Not From The Journal"])


def test_a_calendar_folder_holds_one_event_a_file_and_loses_a_done_one(journal: Path, tmp_path: Path, clock):
    events = tmp_path / "calendar"
    assert export(journal, "ics", events).exit_code == 0
    files = sorted(events.glob("*.ics"))
    for path in files:
        [event] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert path.name == file_name(str(event["UID"]), ".ics")
        assert event.get("STATUS") != "CANCELLED"
    store = Store.open(journal, clock)
    first = store.planned_followups_due(None, None, 1)[0].followup
    complete(store, first.id)
    store.close()
    again = export(journal, "ics", events)
    assert again.stdout == f"{events}: 0 written, {len(files) - 1} unchanged, 1 removed.\n"


def test_a_vdir_that_cannot_be_made_is_one_line(journal: Path, tmp_path: Path):
    (tmp_path / "a-file").write_text("x")
    refused = export(journal, "vcard", tmp_path / "a-file")
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    missing = export(journal, "vcard", tmp_path / "no" / "such" / "folder")
    assert missing.exit_code == 1 and "does not exist" in missing.output
    both = CliRunner().invoke(cli, ["export", "vcard", "--vdir", str(tmp_path), "-o", str(tmp_path / "x.vcf")])
    assert both.exit_code == 2 and "not both" in both.output


def test_file_names_are_safe_and_distinct():
    assert file_name("6a1b0c2d-3e4f", ".vcf") == "6a1b0c2d-3e4f.vcf"
    odd = file_name("../../etc/passwd", ".vcf")
    assert "/" not in odd and not odd.startswith(".")
    assert file_name("a/b", ".vcf") != file_name("a_b", ".vcf")


def test_two_journals_share_a_folder_without_taking_each_others_cards(journal: Path, tmp_path: Path, clock):
    cards = tmp_path / "cards"
    other = tmp_path / "other.db"
    CliRunner().invoke(
        cli, ["add", "Call Ann", "--due", "mon", "--company", "Initech", "--contact", "Ann Lee", "--db", str(other)]
    )
    assert export(journal, "vcard", cards).exit_code == 0
    theirs = export(other, "vcard", cards)
    assert theirs.stdout == f"{cards}: 1 written, 0 unchanged, 0 removed.\n", "the first journal's cards stay"
    again = export(journal, "vcard", cards)
    assert again.stdout == f"{cards}: 0 written, {DEMO_CONTACTS} unchanged, 0 removed.\n", "and Ann's card stays"
    assert len(list(cards.glob("*.vcf"))) == DEMO_CONTACTS + 1
