"""Folders address books and calendars sync: `export vcard --vdir` and `export ics --vdir` keep one
file per card or event, named by UID, that khard, khal and vdirsyncer read — updated in place,
removed with the record, and never touching a file the app did not write."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from followup_tui.cli import cli
from followup_tui.domain.content_lines import first_value, unescape
from followup_tui.services.contacts import delete_contact
from followup_tui.services.followups import complete, skip
from followup_tui.services.vdir import file_name, sync_vdir
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


def test_a_calendar_folder_holds_one_event_a_file_keeps_a_done_one_and_loses_a_skipped_one(
    journal: Path, tmp_path: Path, clock
):
    events = tmp_path / "calendar"
    assert export(journal, "ics", events).exit_code == 0
    files = sorted(events.glob("*.ics"))
    for path in files:
        [event] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert path.name == file_name(str(event["UID"]), ".ics")
        assert event.get("STATUS") != "CANCELLED"
    store = Store.open(journal, clock)
    first, second = (entry.followup for entry in store.planned_followups_due(None, None, 2))
    complete(store, first.id)
    skip(store, second.id)
    store.close()
    again = export(journal, "ics", events)
    assert again.stdout == f"{events}: 1 written, {len(files) - 2} unchanged, 1 removed.\n"
    walked = [e for path in events.glob("*.ics") for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    [done] = [e for e in walked if str(e["UID"]).startswith(f"followup-{first.id}-")]
    assert (done["STATUS"], done["DTSTART"].dt) == ("CONFIRMED", first.due_on) and not done.walk("VALARM")
    assert not any(f"followup-{second.id}-" in p.read_text() for p in events.glob("*.ics")), "the skipped one goes"


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
        cli,
        [
            "add",
            "Call Ann",
            "--due",
            "mon",
            "--company",
            "Initech",
            "--new-company",
            "--contact",
            "Ann Lee",
            "--db",
            str(other),
        ],
    )
    assert export(journal, "vcard", cards).exit_code == 0
    theirs = export(other, "vcard", cards)
    assert theirs.stdout == f"{cards}: 1 written, 0 unchanged, 0 removed.\n", "the first journal's cards stay"
    again = export(journal, "vcard", cards)
    assert again.stdout == f"{cards}: 0 written, {DEMO_CONTACTS} unchanged, 0 removed.\n", "and Ann's card stays"
    assert len(list(cards.glob("*.vcf"))) == DEMO_CONTACTS + 1


# -- files that are not ours ---------------------------------------------------------------------

ROSA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//PYVOBJECT//NONSGML Version 1//EN\r\nUID:abc-123\r\n"
    "FN:Rosa Díaz\r\nN:Díaz;Rosa;;;\r\nORG:Nine-Nine\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
    "END:VCARD\r\n"
)
"""A card as khard (through vobject) writes it: its own PRODID, a photo, named after its UID."""


def test_another_programs_card_with_an_imported_uid_is_never_rewritten_or_removed(db_path: Path, tmp_path: Path, clock):
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "abc-123.vcf").write_bytes(ROSA.encode())
    (tmp_path / "rosa.vcf").write_bytes(ROSA.encode())
    assert CliRunner().invoke(cli, ["import", "vcard", str(tmp_path / "rosa.vcf"), "--db", str(db_path)]).exit_code == 0
    first = export(db_path, "vcard", cards)
    assert first.exit_code == 0
    assert first.stdout == f"{cards}: 0 written, 0 unchanged, 0 removed, 1 left alone.\n"
    assert first.stderr == (
        "Note: another program (PYVOBJECT) already has Rosa Díaz in abc-123.vcf; left as it is.\n"
    ), "one line names the card, the file and why"
    assert (cards / "abc-123.vcf").read_bytes() == ROSA.encode(), "not a byte changed"
    assert sorted(p.name for p in cards.iterdir()) == ["abc-123.vcf"], "and no second copy of the UID"

    store = Store.open(db_path, clock)
    [rosa] = store.list_contacts()
    delete_contact(store, rosa.id)
    store.close()
    after = export(db_path, "vcard", cards)
    assert after.stdout == f"{cards}: 0 written, 0 unchanged, 0 removed.\n"
    assert (cards / "abc-123.vcf").read_bytes() == ROSA.encode(), "deleting the contact here leaves khard's card"


def test_another_journals_card_with_the_same_uid_stays_theirs(db_path: Path, tmp_path: Path):
    cards, other = tmp_path / "cards", tmp_path / "other.db"
    (tmp_path / "rosa.vcf").write_bytes(ROSA.encode())
    for journal in (db_path, other):
        CliRunner().invoke(cli, ["import", "vcard", str(tmp_path / "rosa.vcf"), "--db", str(journal)])
    assert export(other, "vcard", cards).stdout == f"{cards}: 1 written, 0 unchanged, 0 removed.\n"
    theirs = (cards / "abc-123.vcf").read_bytes()
    mine = export(db_path, "vcard", cards)
    assert mine.stdout == f"{cards}: 0 written, 0 unchanged, 0 removed, 1 left alone.\n"
    assert "another journal already has Rosa Díaz in abc-123.vcf" in mine.stderr
    assert (cards / "abc-123.vcf").read_bytes() == theirs


JOURNAL = "-//followup-tui//contacts 0123456789abcdef0123456789abcdef//EN"


def card(uid: str, name: str = "Ann Lee") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:{JOURNAL}\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_a_uid_whose_name_another_file_has_gets_a_lasting_name_of_its_own(tmp_path: Path):
    (tmp_path / "ann.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:not-ann\r\nFN:Someone Else\r\nEND:VCARD\r\n")
    first = sync_vdir(tmp_path, {"ann": card("ann")}, ".vcf", JOURNAL)
    assert (first.written, first.left_alone) == (1, ())
    [own] = [p for p in tmp_path.iterdir() if p.name != "ann.vcf"]
    assert own.name.startswith("ann-") and "UID:ann\r" in own.read_bytes().decode()
    assert "Someone Else" in (tmp_path / "ann.vcf").read_bytes().decode()
    again = sync_vdir(tmp_path, {"ann": card("ann")}, ".vcf", JOURNAL)
    assert (again.written, again.unchanged) == (0, 1), "the same name next time: nothing to sync"
    (tmp_path / "ann.vcf").unlink()
    moved = sync_vdir(tmp_path, {"ann": card("ann")}, ".vcf", JOURNAL)
    assert (moved.unchanged, own.exists()) == (1, True), "kept where it is, even once the name is free"


@pytest.mark.parametrize(
    "uids",
    [
        ["Ann", "ann", "ANN"],  # one file on a case-insensitive file system (macOS, Windows, a synced drive)
        ["x" * 130 + "a", "x" * 130 + "b"],  # the same once cut to a file name's length
        ["a/b", "a_b", "a_b-" + file_name("a/b", "").rsplit("-", 1)[1]],  # the same once made safe
    ],
    ids=["case", "long", "unsafe"],
)
def test_no_two_uids_of_one_export_share_a_file_name_case_aside(tmp_path: Path, uids: list[str]):
    report = sync_vdir(tmp_path, {uid: card(uid) for uid in uids}, ".vcf", JOURNAL)
    names = [p.name.casefold() for p in tmp_path.iterdir()]
    assert report.written == len(uids) == len(set(names))
    assert sorted(unescape(first_value(p.read_bytes().decode(), "UID")) for p in tmp_path.iterdir()) == sorted(uids)


def test_a_pipe_or_a_link_in_the_folder_is_never_opened_or_replaced(tmp_path: Path):
    folder, kept = tmp_path / "cards", tmp_path / "kept.vcf"
    folder.mkdir()
    os.mkfifo(folder / "ann.vcf")  # reading it would wait for ever
    kept.write_bytes(card("bob", "Bob").encode())  # ours by its text, but reached through a link
    (folder / "bob.vcf").symlink_to(kept)
    report = sync_vdir(folder, {"ann": card("ann"), "bob": card("bob", "Bob Brown")}, ".vcf", JOURNAL)
    assert report.written == 2 and report.removed == 0
    assert stat.S_ISFIFO((folder / "ann.vcf").lstat().st_mode) and (folder / "bob.vcf").is_symlink()
    assert kept.read_bytes().decode() == card("bob", "Bob"), "a link's target is never written"
    assert len(list(folder.iterdir())) == 4


def test_an_export_cut_short_leaves_nothing_behind_the_next_one(tmp_path: Path):
    ours = tmp_path / ".ann.vcf.k2j4x9q0.tmp"
    ours.write_bytes(card("ann")[:-20].encode())  # killed halfway through writing
    theirs = tmp_path / ".bob.vcf.abcdefgh.tmp"
    theirs.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\n")  # the same pattern, not ours
    under_way = tmp_path / ".cy.vcf.m3n4p5q6.tmp"
    under_way.write_bytes(card("cy")[:-20].encode())  # another copy's export, still writing
    an_hour_ago = time.time() - 3600
    for left in (ours, theirs):
        os.utime(left, (an_hour_ago, an_hour_ago))
    report = sync_vdir(tmp_path, {"ann": card("ann")}, ".vcf", JOURNAL)
    assert report.cleared == 1 and "1 unfinished file of an earlier export cleared" in report.summary()
    assert not ours.exists() and theirs.exists() and under_way.exists()


def test_a_new_vdir_folder_is_private(tmp_path: Path):
    old = os.umask(0o022)  # the usual umask, which would make a folder 0755
    try:
        sync_vdir(tmp_path / "cards", {"ann": card("ann")}, ".vcf", JOURNAL)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "cards").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "cards" / "ann.vcf").stat().st_mode) == 0o600


def test_ownership_is_read_from_the_prodid_line_not_a_mention_of_it(tmp_path: Path):
    mention = f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:zed\r\nFN:Zed\r\nNOTE:copied PRODID:{JOURNAL}\r\nEND:VCARD\r\n"
    (tmp_path / "zed.vcf").write_bytes(mention.encode())
    folded = card("old").replace(f"PRODID:{JOURNAL}", f"PRODID:{JOURNAL[:30]}\r\n {JOURNAL[30:]}")
    (tmp_path / "old.vcf").write_bytes(folded.encode())
    report = sync_vdir(tmp_path, {}, ".vcf", JOURNAL)
    assert (
        report.removed == 1
        and (tmp_path / "zed.vcf").read_bytes().decode() == mention
        and not (tmp_path / "old.vcf").exists()
    )


@pytest.mark.slow
def test_a_card_khard_wrote_and_the_journal_imported_stays_khards(journal: Path, tmp_path: Path):
    cards = tmp_path / "cards"
    cards.mkdir()
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[journal]]\npath = {cards}\n")
    (tmp_path / "rosa.yaml").write_text("First name : Rosa\nLast name : Díaz\nOrganisation : Nine-Nine\n")
    khard = Path(sys.executable).with_name("khard")
    new = [str(khard), "-c", str(config), "new", "-a", "journal", "-i", str(tmp_path / "rosa.yaml")]
    subprocess.run(new, capture_output=True, check=True)
    [khards] = cards.iterdir()
    written = khards.read_bytes()
    imported = CliRunner().invoke(cli, ["import", "vcard", str(khards), "--db", str(journal)])
    assert imported.exit_code == 0 and "added" in imported.stdout

    exported = export(journal, "vcard", cards)
    assert f"already has Rosa Díaz in {khards.name}; left as it is" in exported.stderr
    assert khards.read_bytes() == written
    assert khard_names(cards, tmp_path).count("Rosa Díaz") == 1, "khard sees one Rosa, its own"
    assert len(khard_names(cards, tmp_path)) == DEMO_CONTACTS + 1
