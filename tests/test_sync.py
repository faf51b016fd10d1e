"""Two machines, one journal: `followup sync` through a folder both machines sync.

Each journal here stands in for a machine; each has its own view of the shared folder, and
`deliver` plays the part of Syncthing or Dropbox, so files can arrive late, twice or out of order.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from followup_tui.cli import cli
from followup_tui.domain.debrief_form import CheckedDebrief
from followup_tui.domain.kinds import Kind, Status
from followup_tui.domain.models import DebriefAnswer, Followup, Opportunity, Stage
from followup_tui.services import settings as settings_service
from followup_tui.services import sync as sharing
from followup_tui.services.applications import save_application
from followup_tui.services.debriefs import record_debrief, search_debriefs
from followup_tui.services.undo import undo
from followup_tui.store import Store
from followup_tui.store.schema import migrations
from followup_tui.store.sync_tables import STAMP_COLUMNS, device_range, synced_tables
from followup_tui.store.versions import MIGRATION_NAMES

from .sync_machines import Machine, deliver, settle_all


@pytest.fixture
def laptop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "laptop", clock)


@pytest.fixture
def desktop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "desktop", clock)


def _debrief(answer: str = "They asked about queues and caching") -> CheckedDebrief:
    return CheckedDebrief(
        company="Acme",
        role="Engineer",
        starts_at=datetime(2026, 11, 25, 14, tzinfo=timezone.utc),
        stage=Stage("panel"),
        format="video",
        interviewers=["Ada Lovelace"],
        decision_on=None,
        satisfaction=4,
        answers=[
            DebriefAnswer("asked", "What did they ask?", answer),
            DebriefAnswer("went_well", "What went well?", ""),
        ],
    )


def _shared(laptop: Machine, desktop: Machine) -> int:
    """An application both machines hold (made on the laptop, synced to the desktop)."""
    with laptop.store() as store:
        made = store.add_opportunity(Opportunity(company="Acme", role="Engineer", notes="first words"))
    settle_all([laptop, desktop])
    return made.id


# -- ids ----------------------------------------------------------------------------------------


def test_a_deleted_record_id_is_never_given_to_a_new_one(laptop: Machine):
    """Another machine may still hold the deleted record, and change it: a new one with its id
    would be mistaken for it there."""
    with laptop.store() as store:
        first = store.add_opportunity(Opportunity(company="Acme"))
        newest = store.add_opportunity(Opportunity(company="Globex"))
        store.delete_opportunity(newest.id)
        again = store.add_opportunity(Opportunity(company="Initech"))
    with laptop.store() as store:
        store.delete_opportunity(again.id)
        after_reopening = store.add_opportunity(Opportunity(company="Umbrella"))
    assert first.id < newest.id < again.id < after_reopening.id


def test_every_field_of_every_synced_table_is_stamped_when_it_changes(laptop: Machine):
    """A migration that adds a column to a synced table must make its stamp triggers again
    (`schema.stamp_table`): a field the trigger does not name would change with no version."""
    conn = sqlite3.connect(laptop.journal)
    try:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        for table in synced_tables(tables):
            (trigger,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [f"{table}_stamp_changed"]
            ).fetchone()
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
            unstamped = [c for c in columns if c not in STAMP_COLUMNS and f"'{c}' AS k" not in trigger]
            assert unstamped == [], f"{table} changes these with no version: {unstamped}"
    finally:
        conn.close()


def test_two_journals_adding_rows_at_once_never_share_an_id(laptop: Machine, desktop: Machine):
    ids = {}
    for machine in (laptop, desktop):
        with machine.store() as store:
            made = [store.add_opportunity(Opportunity(company=f"{machine.name} {n}")) for n in range(5)]
            followups = [
                store.add_followup(Followup(opportunity_id=o.id, kind=Kind.CHECK_IN, due_on=o.applied_on or _day()))
                for o in made
            ]
            low, high = device_range(store.sync_device())
            ids[machine.name] = {o.id for o in made} | {f.id for f in followups}
            assert all(low < i < high for i in ids[machine.name]), "every id lies in the journal's own range"
            assert all(i < 2**53 for i in ids[machine.name]), "and is exact as a JSON number"
    assert laptop.device != desktop.device
    assert not ids["laptop"] & ids["desktop"]
    settle_all([laptop, desktop])
    assert laptop.tables() == desktop.tables()
    assert len(laptop.tables()["opportunities"]) == 10


def _day():
    from datetime import date

    return date(2026, 11, 30)


def test_rows_from_before_sync_keep_their_ids_links_and_stamp_zero(tmp_path: Path, clock):
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m022_ids_across_devices")
    db.execute("INSERT INTO opportunities (id, company, created_at, updated_at) VALUES (3, 'Old Co', 'x', 'x')")
    db.execute(
        "INSERT INTO followups (id, opportunity_id, kind, due_on, created_at)"
        " VALUES (7, 3, 'check_in', '2026-12-01', 'x')"
    )
    db.conn.commit()
    db.close()
    store = Store.open(path, clock)
    try:
        row = store.conn.execute("SELECT id, last_changed_at, last_changed_on FROM opportunities").fetchone()
        assert row == (3, 0, 0)
        assert store.conn.execute("SELECT opportunity_id FROM followups WHERE id = 7").fetchone() == (3,)
        added = store.add_followup(Followup(opportunity_id=3, kind=Kind.NOTE, due_on=_day()))
        low, high = device_range(store.sync_device())
        assert low < added.id < high
        stamp = store.conn.execute("SELECT last_changed_at, last_changed_on FROM followups WHERE id = ?", [added.id])
        at, on = stamp.fetchone()
        assert at > 1_700_000_000_000 and on == store.sync_device()
    finally:
        store.close()


def test_every_change_moves_its_rows_stamp_forward_and_names_the_machine(laptop: Machine):
    with laptop.store() as store:
        made = store.add_opportunity(Opportunity(company="Acme"))
        (first,) = store.conn.execute("SELECT last_changed_at FROM opportunities WHERE id = ?", [made.id]).fetchone()
        for n in range(3):
            store.update_opportunity(replace(made, notes=f"note {n}"))
        at, on = store.conn.execute(
            "SELECT last_changed_at, last_changed_on FROM opportunities WHERE id = ?", [made.id]
        ).fetchone()
        assert at >= first + 3, "three changes in one millisecond still move it three times"
        assert on == store.sync_device()


# -- sending and applying -----------------------------------------------------------------------


def test_a_debrief_written_on_one_machine_is_found_by_search_on_the_other(laptop: Machine, desktop: Machine):
    with laptop.store() as store:
        record_debrief(store, _debrief("They asked about idempotent queues"))
    report = laptop.sync()
    assert report.sent > 0
    assert sorted(p.name for p in laptop.outbox().iterdir()) == ["00000001"]
    deliver(laptop, desktop)
    arrived = desktop.sync()
    assert arrived.arrived == report.sent
    with desktop.store() as store:
        hits = search_debriefs(store, "idempotent")
        assert [hit.listing.company for hit in hits] == ["Acme"]
    assert laptop.tables() == desktop.tables()


def test_a_change_file_says_its_schema_and_device_and_is_written_whole(laptop: Machine):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    (written,) = laptop.outbox().iterdir()
    header = json.loads(written.read_bytes().partition(b"\n")[0])
    assert header["format"] == "followup-tui changeset"
    assert header["device"] == laptop.device and header["seq"] == 1
    assert header["schema"][-1] == MIGRATION_NAMES[-1]
    assert not [p for p in laptop.outbox().iterdir() if p.name.startswith(".")], "no temporary file is left"


def test_the_base_is_private_beside_the_journal_and_never_in_the_sync_folder(laptop: Machine):
    laptop.sync()
    base = laptop.journal.with_name("journal.db.sync-base")
    assert base.exists() and base.stat().st_mode & 0o777 == 0o600
    assert not [p for p in laptop.folder.rglob("*") if p.is_file() and p.read_bytes().startswith(b"SQLite format 3")]


def test_nothing_changed_sends_nothing(laptop: Machine, desktop: Machine):
    _shared(laptop, desktop)
    assert laptop.sync().sent == 0 and desktop.sync().sent == 0


def test_a_file_delivered_twice_or_applied_again_changes_nothing(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), role="Staff Engineer"))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    before = desktop.tables()
    with sqlite3.connect(desktop.journal) as conn:  # as if it had never been applied
        conn.execute("DELETE FROM sync_applied")
    again = desktop.sync()
    assert again.arrived > 0 and again.conflicts == []
    assert desktop.tables() == before


def test_files_that_arrive_out_of_order_wait_for_the_one_before(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    for role in ("Lead", "Principal"):
        with laptop.store() as store:
            store.update_opportunity(replace(store.get_opportunity(opportunity), role=role))
        laptop.sync()
    *_, before_last, last = sorted(laptop.outbox().iterdir())
    target = desktop.folder / "outbox" / str(laptop.device) / last.name
    target.write_bytes(last.read_bytes())
    report = desktop.sync()
    assert report.arrived == 0
    assert report.waiting == [
        f"file {int(before_last.name)} from device {laptop.device} is not here yet"
        f" (outbox/{laptop.device}/{last.name} and later wait for it): wait for your sync program to bring it,"
        " or copy it from that machine's folder"
    ]
    deliver(laptop, desktop)
    desktop.sync()
    with desktop.store() as store:
        assert store.get_opportunity(opportunity).role == "Principal"


def test_a_file_from_a_newer_version_waits_and_says_so(laptop: Machine, desktop: Machine):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    (written,) = laptop.outbox().iterdir()
    header, _, body = written.read_bytes().partition(b"\n")
    newer = json.loads(header)
    newer["schema"].append("m099_from_the_future")
    target = desktop.folder / "outbox" / str(laptop.device) / written.name
    target.parent.mkdir(parents=True)
    target.write_bytes(json.dumps(newer).encode() + b"\n" + body)
    report = desktop.sync()
    assert report.arrived == 0
    assert report.waiting == [
        f"outbox/{laptop.device}/{written.name} was written by a newer followup-tui:"
        f" upgrade followup-tui on this machine (device {laptop.device}'s later files wait for it)"
    ]
    assert desktop.tables()["opportunities"] == []


def test_a_file_in_the_folder_that_is_not_ours_is_named_and_left_as_it_is(laptop: Machine, desktop: Machine):
    stranger = desktop.folder / "outbox" / "12345" / "00000001"
    stranger.parent.mkdir(parents=True)
    stranger.write_bytes(b"my shopping list\n")
    report = desktop.sync()
    assert report.waiting == [
        "outbox/12345/00000001 is not followup's: move it out of the folder (device 12345's later files wait for it)"
    ]
    assert stranger.read_bytes() == b"my shopping list\n"


def _two_files_delivered(laptop: Machine, desktop: Machine) -> tuple[Path, Path]:
    """The laptop's first two files, as they lie in the desktop's view of the folder."""
    for company in ("Acme", "Globex"):
        with laptop.store() as store:
            store.add_opportunity(Opportunity(company=company))
        laptop.sync()
    deliver(laptop, desktop)
    first, second = sorted((desktop.folder / "outbox" / str(laptop.device)).iterdir())
    return first, second


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda data: data[: len(data) // 2 + 40], id="its changes stop partway"),
        pytest.param(lambda data: data.partition(b"\n")[0] + b"\n", id="its header and nothing after"),
        pytest.param(lambda data: data[:20], id="its header stops partway"),
        pytest.param(lambda data: b"", id="empty: the copy has only begun"),
    ],
)
def test_a_file_cut_short_says_copy_it_again_or_wait_and_holds_that_devices_later_files(
    laptop: Machine, desktop: Machine, cut
):
    first, second = _two_files_delivered(laptop, desktop)
    whole = first.read_bytes()
    first.write_bytes(cut(whole))
    report = desktop.sync()
    assert report.arrived == 0 and desktop.tables()["opportunities"] == []
    assert report.waiting == [
        f"outbox/{laptop.device}/{first.name} is cut short: copy it again from that machine's folder,"
        f" or wait for your sync program to finish copying it (device {laptop.device}'s later files wait for it)"
    ]
    assert first.read_bytes() == cut(whole) and second.exists(), "nothing the journal did not write is touched"
    first.write_bytes(whole)  # the copy finished
    assert desktop.sync().waiting == [] and len(desktop.tables()["opportunities"]) == 2


def test_a_file_whose_header_names_another_place_says_to_copy_it_again(laptop: Machine, desktop: Machine):
    first, second = _two_files_delivered(laptop, desktop)
    whole = first.read_bytes()
    first.write_bytes(second.read_bytes())  # a file copied over another by hand
    report = desktop.sync()
    assert report.waiting == [
        f"outbox/{laptop.device}/{first.name} lies in the wrong place (its header names device {laptop.device}"
        " file 2): move it out of the folder, then copy this file again from that machine's folder"
        f" (device {laptop.device}'s later files wait for it)"
    ]
    assert report.arrived == 0 and first.read_bytes() == second.read_bytes()
    first.write_bytes(whole)
    assert desktop.sync().waiting == [] and len(desktop.tables()["opportunities"]) == 2


def test_followup_sync_gives_the_advice_for_a_bad_file_on_a_line_of_its_own(laptop: Machine, desktop: Machine):
    first, _second = _two_files_delivered(laptop, desktop)
    first.write_bytes(first.read_bytes()[:30])
    shown = CliRunner().invoke(cli, ["--db", str(desktop.journal), "sync", str(desktop.folder)])
    assert shown.exit_code == 0, shown.output
    assert (
        f"Waiting: outbox/{laptop.device}/{first.name} is cut short: copy it again from that machine's folder,"
        f" or wait for your sync program to finish copying it (device {laptop.device}'s later files wait for it)\n"
    ) in shown.output


def test_a_dry_run_lists_what_would_come_and_writes_nothing(laptop: Machine, desktop: Machine):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    deliver(laptop, desktop)
    before = desktop.journal.read_bytes()
    report = desktop.sync(dry_run=True)
    assert report.arrived == 2 and report.arrived_by_table == {"opportunities": 1, "status_changes": 1}
    assert f"From the other machine (device {laptop.device}, file 1):" in report.lines()
    assert "  adds application Acme" in report.lines()
    assert desktop.journal.read_bytes() == before
    assert not desktop.journal.with_name("journal.db.sync-base").exists()
    assert not (desktop.folder / "outbox" / str(desktop.device)).exists()


# -- the journal's rules for what both machines changed -----------------------------------------


def test_a_status_moves_forward_whichever_machine_moved_it_back(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), status=Status.OFFER))
    with desktop.store() as store:  # later, but back along the history
        store.update_opportunity(replace(store.get_opportunity(opportunity), status=Status.SAVED))
    settle_all([laptop, desktop])
    for machine in (laptop, desktop):
        with machine.store() as store:
            assert store.get_opportunity(opportunity).status is Status.OFFER
    assert laptop.tables() == desktop.tables()


def test_another_field_changed_on_both_takes_the_later_change(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), role="Lead"))
    with desktop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), role="Principal"))
    settle_all([laptop, desktop])
    with laptop.store() as store:
        assert store.get_opportunity(opportunity).role == "Principal"
        assert store.sync_conflicts() == [], "a short field is no conflict to show"
    assert laptop.tables() == desktop.tables()


def test_the_same_answer_edited_on_both_keeps_both_versions_and_shows_them_once(laptop: Machine, desktop: Machine):
    with laptop.store() as store:
        interview = record_debrief(store, _debrief("They asked about queues"))
    settle_all([laptop, desktop])
    with laptop.store() as store:
        record_debrief(store, _debrief("They asked about queues, then about caching"), interview.id)
    with desktop.store() as store:
        record_debrief(store, _debrief("They asked about queues and on-call"), interview.id)
    laptop.sync()
    deliver(laptop, desktop)
    shown = desktop.sync()
    assert len(shown.conflicts) == 1
    deliver(desktop, laptop)
    assert len(laptop.sync().conflicts) == 1
    assert laptop.tables() == desktop.tables()
    for machine in (laptop, desktop):
        with machine.store() as store:
            (conflict,) = store.sync_conflicts()
            assert conflict.line.startswith("two versions of this answer (Acme — What did they ask?)")
            assert {conflict.current, conflict.other} == {
                "They asked about queues, then about caching",
                "They asked about queues and on-call",
            }
    assert laptop.sync().conflicts == [] and desktop.sync().conflicts == [], "shown once"


def test_keeping_both_versions_on_one_machine_settles_it_on_both(laptop: Machine, desktop: Machine):
    test_the_same_answer_edited_on_both_keeps_both_versions_and_shows_them_once(laptop, desktop)
    with laptop.store() as store:
        (conflict,) = store.sync_conflicts()
        sharing.settle(store, conflict.id, "both")
        answer = store.get_debrief(store.list_interviews()[0].interview.id).answers[0].answer
    assert conflict.current in answer and conflict.other in answer
    settle_all([laptop, desktop])
    with desktop.store() as store:
        assert store.sync_conflicts() == []
        assert store.get_debrief(store.list_interviews()[0].interview.id).answers[0].answer == answer
    assert laptop.tables() == desktop.tables()


def test_a_change_that_arrives_before_the_record_it_changes_waits_for_it(tmp_path: Path, clock):
    """The desktop changes an application the laptop made; the phone gets the desktop's file
    first: it waits, says for what, and goes in once the laptop's arrives."""
    laptop, desktop, phone = (Machine.made(tmp_path, name, clock) for name in ("laptop", "desktop", "phone"))
    with laptop.store() as store:
        made = store.add_opportunity(Opportunity(company="Acme", notes="first words"))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    with desktop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(made.id), notes="they called back"))
    desktop.sync()
    (desktop_file,) = (desktop.folder / "outbox" / str(desktop.device)).iterdir()
    there = phone.folder / "outbox" / str(desktop.device) / desktop_file.name
    there.parent.mkdir(parents=True)
    there.write_bytes(desktop_file.read_bytes())
    early = phone.sync()
    assert early.arrived == 0
    assert early.waiting == [
        f"outbox/{desktop.device}/{there.name} waits for file 1 from device {laptop.device}, which it was written"
        " after: wait for your sync program to bring that file, or copy it from that machine's folder"
    ]
    deliver(laptop, phone)
    assert phone.sync().files_in == 2
    with phone.store() as store:
        assert store.get_opportunity(made.id).notes == "they called back"
        assert store.sync_conflicts() == []


@pytest.mark.parametrize("field", ["clock", "applied"])
def test_a_change_file_whose_header_is_out_of_range_waits_with_a_line(laptop: Machine, desktop: Machine, field):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    deliver(laptop, desktop)
    (there,) = (desktop.folder / "outbox" / str(laptop.device)).iterdir()
    line, _, body = there.read_bytes().partition(b"\n")
    header = json.loads(line)
    header[field] = 10**20 if field == "clock" else [[12345, 10**20]]
    there.write_bytes(json.dumps(header).encode() + b"\n" + body)
    report = desktop.sync()
    assert report.arrived == 0
    (line,) = report.waiting
    assert line.startswith(f"outbox/{laptop.device}/00000001 is not followup's: move it out of the folder"), line


def test_a_version_carried_in_a_file_is_checked_as_the_forms_check_a_field(laptop: Machine, desktop: Machine):
    """A value kept among a field's versions could one day be shown: one the forms would refuse
    makes the whole change refused, named, and the record is left as it was."""
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        with store.transaction():
            store.conn.execute("UPDATE sync_device SET applying = 1")
            (device,) = store.conn.execute("SELECT device FROM sync_device").fetchone()
            planted = json.dumps({"applied_on": [[2**40, device, [], "31 Febtember"]]})
            store.conn.execute(
                "UPDATE opportunities SET notes = 'planted', field_stamps = ?, last_changed_at = 2199023255552 WHERE id = ?",
                [planted, opportunity],
            )
            store.conn.execute("UPDATE sync_device SET applying = 0")
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    with desktop.store() as store:
        held = store.get_opportunity(opportunity)
        assert held.notes == "first words" and held.applied_on is None
        assert [c.kind for c in store.sync_conflicts()] == ["refused"]


def test_keeping_the_version_in_the_record_on_one_machine_settles_it_on_both(laptop: Machine, desktop: Machine):
    test_the_same_answer_edited_on_both_keeps_both_versions_and_shows_them_once(laptop, desktop)
    with laptop.store() as store:
        (conflict,) = store.sync_conflicts()
        sharing.settle(store, conflict.id, "this")
        assert store.sync_conflicts() == []
    settle_all([laptop, desktop])
    for machine in (laptop, desktop):
        with machine.store() as store:
            assert store.sync_conflicts() == [], f"settled on {machine.name} too"
            assert store.get_debrief(store.list_interviews()[0].interview.id).answers[0].answer == conflict.current
    assert laptop.tables() == desktop.tables()


def test_writing_over_two_versions_in_a_form_settles_them_on_both(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    for machine, text in ((laptop, "recruiter said two weeks"), (desktop, "recruiter said ten days")):
        with machine.store() as store:
            store.update_opportunity(replace(store.get_opportunity(opportunity), notes=text))
    settle_all([laptop, desktop])
    with desktop.store() as store:
        assert len(store.sync_conflicts()) == 1
        store.update_opportunity(replace(store.get_opportunity(opportunity), notes="recruiter: decision by Friday"))
        assert store.sync_conflicts() == [], "the text written over both is the one"
    settle_all([laptop, desktop])
    with laptop.store() as store:
        assert store.sync_conflicts() == []
        assert store.get_opportunity(opportunity).notes == "recruiter: decision by Friday"
    assert laptop.tables() == desktop.tables()


def test_an_undo_on_one_machine_reaches_the_other(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        _saved, way_back = save_application(store, replace(store.get_opportunity(opportunity), notes="typo'd note"))
    settle_all([laptop, desktop])
    with laptop.store() as store:
        undo(store, way_back)
        before = store.get_opportunity(opportunity).notes
    assert before != "typo'd note"
    settle_all([laptop, desktop])
    with desktop.store() as store:
        assert store.get_opportunity(opportunity).notes == before
    assert laptop.tables() == desktop.tables()


def test_a_text_changed_then_another_field_before_a_sync_meets_a_change_made_in_between(
    laptop: Machine, desktop: Machine
):
    """The laptop's notes are older than the desktop's, though its row changed last: the notes
    settle by their own moment, alike on both, with the laptop's set aside."""
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), notes="laptop's note"))
    laptop.sync()
    with desktop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), notes="desktop's note"))
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), role="Staff engineer"))
    laptop.sync()
    settle_all([laptop, desktop])
    for machine in (laptop, desktop):
        with machine.store() as store:
            held = store.get_opportunity(opportunity)
            assert (held.notes, held.role) == ("desktop's note", "Staff engineer")
            assert [c.other for c in store.sync_conflicts()] == ["laptop's note"]
    assert laptop.tables() == desktop.tables()


def test_a_record_deleted_on_one_machine_and_edited_on_the_other_is_kept_with_a_note(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.delete_opportunity(opportunity)
    with desktop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), notes="they called back"))
    settle_all([laptop, desktop])
    for machine in (laptop, desktop):
        with machine.store() as store:
            assert store.get_opportunity(opportunity).notes == "they called back"
            (note,) = store.sync_conflicts()
            assert note.kind == "kept" and "deleted on one machine and changed on another" in note.line
    assert laptop.tables() == desktop.tables()


def test_a_follow_up_added_to_an_application_deleted_elsewhere_brings_the_application_back(
    laptop: Machine, desktop: Machine
):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.delete_opportunity(opportunity)
    with desktop.store() as store:
        added = store.add_followup(Followup(opportunity_id=opportunity, kind=Kind.CHECK_IN, due_on=_day()))
    settle_all([laptop, desktop])
    for machine in (laptop, desktop):
        with machine.store() as store:
            assert store.get_followup(added.id) is not None
            assert store.get_opportunity(opportunity) is not None
            assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert laptop.tables() == desktop.tables()


def test_a_deletion_on_one_machine_reaches_the_other(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    with laptop.store() as store:
        store.delete_opportunity(opportunity)
    settle_all([laptop, desktop])
    with desktop.store() as store:
        assert store.get_opportunity(opportunity) is None
        assert store.sync_conflicts() == []


# -- where, and the command line -----------------------------------------------------------------


def test_a_journal_copied_over_the_other_machines_own_with_changes_not_yet_synced_takes_a_device_of_its_own(
    laptop: Machine, desktop: Machine
):
    """The desktop's own base is left beside the copy: it is not the copy's, so the copy is
    known for one, and the two never write one device's files."""
    _shared(laptop, desktop)
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Not synced yet"))
    desktop.journal.write_bytes(laptop.journal.read_bytes())
    report = desktop.sync()
    assert report.new_device and report.device != laptop.device
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Laptop after the copy"))
    with desktop.store() as store:
        store.add_opportunity(Opportunity(company="Desktop after the copy"))
    settle_all([laptop, desktop])
    assert laptop.tables() == desktop.tables()
    with desktop.store() as store:
        companies = {o.opportunity.company for o in store.list_opportunities()}
    assert {"Not synced yet", "Laptop after the copy", "Desktop after the copy"} <= companies


def test_a_stray_file_among_this_machines_own_is_named_and_nothing_is_sent(laptop: Machine):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    stray = laptop.outbox() / "00000002"
    stray.write_text("hello\n")
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Globex"))
    with pytest.raises(sharing.SyncFailed, match="not one it wrote; move it out of the folder"):
        laptop.sync()
    assert stray.read_text() == "hello\n" and sorted(p.name for p in laptop.outbox().iterdir()) == [
        "00000001",
        "00000002",
    ]
    stray.unlink()
    assert laptop.sync().sent_seq == 2, "its own file 2, once the stray is gone"


def test_a_journal_copied_to_another_machine_takes_a_device_of_its_own(laptop: Machine, tmp_path: Path, clock):
    with laptop.store() as store:
        store.add_opportunity(Opportunity(company="Acme"))
    laptop.sync()
    copy = Machine.made(tmp_path, "copy", clock)
    copy.journal.write_bytes(laptop.journal.read_bytes())
    deliver(laptop, copy)
    report = copy.sync()
    assert report.new_device and report.device != laptop.device
    assert "a copy of another machine's" in report.lines()[0]
    with copy.store() as store:
        made = store.add_opportunity(Opportunity(company="Second"))
        low, high = device_range(store.sync_device())
    assert low < made.id < high
    settle_all([laptop, copy])
    assert laptop.tables() == copy.tables()


def test_the_sync_folder_setting_refuses_the_folder_the_journal_is_in(store: Store, tmp_path: Path):
    with pytest.raises(ValueError, match="inside"):
        settings_service.change(store, "sync.folder", str(tmp_path))
    elsewhere = tmp_path.parent / f"{tmp_path.name}-sync"
    elsewhere.mkdir()
    assert settings_service.change(store, "sync.folder", str(elsewhere)) == str(elsewhere)
    with pytest.raises(ValueError, match="not a folder"):
        settings_service.change(store, "sync.folder", str(tmp_path / "nowhere"))


def test_a_journal_inside_a_syncthing_folder_is_warned_of_once(tmp_path: Path, clock):
    (tmp_path / "Sync").mkdir()
    (tmp_path / "Sync" / ".stfolder").mkdir()
    store = Store.open(tmp_path / "Sync" / "journal" / "journal.db", clock)
    try:
        warning = sharing.warning_once(store)
        assert warning is not None and "Syncthing" in warning and "followup sync" in warning
        assert sharing.warning_once(store) is None
    finally:
        store.close()
    plain = Store.open(tmp_path / "plain" / "journal.db", clock)
    try:
        assert sharing.warning_once(plain) is None
    finally:
        plain.close()


def test_followup_sync_sends_applies_and_shows_two_versions(laptop: Machine, desktop: Machine, tmp_path: Path):
    folder = tmp_path / "shared"
    folder.mkdir()
    runner = CliRunner()

    def run(machine: Machine, *args: str):
        return runner.invoke(cli, ["--db", str(machine.journal), "sync", *args])

    with laptop.store() as store:
        interview = record_debrief(store, _debrief("They asked about queues"))
    assert run(laptop, str(folder)).exit_code == 0
    assert run(desktop, str(folder)).output.startswith("Sent 0 changes; applied")
    with laptop.store() as store:
        record_debrief(store, _debrief("laptop's words"), interview.id)
    with desktop.store() as store:
        record_debrief(store, _debrief("desktop's words"), interview.id)
    assert run(laptop, str(folder)).exit_code == 0
    shown = run(desktop, str(folder))
    assert shown.exit_code == 0, shown.output
    assert "two versions of this answer" in shown.output and "--keep this|other|both" in shown.output
    listed = run(desktop, "--conflicts", str(folder))
    conflict_id = listed.output.split("[", 1)[1].split("]", 1)[0]
    settled = run(desktop, "--settle", conflict_id, "--keep", "other")
    assert settled.exit_code == 0 and "Settled" in settled.output
    assert "Nothing set aside" in run(desktop, "--conflicts").output


def test_followup_sync_with_no_folder_says_how_to_give_one(laptop: Machine):
    result = CliRunner().invoke(cli, ["--db", str(laptop.journal), "sync"])
    assert result.exit_code == 1
    assert "no sync folder" in result.output and "followup settings sync.folder" in result.output


def test_after_an_upgrade_the_first_sync_sends_only_what_changed(laptop: Machine, desktop: Machine):
    opportunity = _shared(laptop, desktop)
    base = laptop.journal.with_name("journal.db.sync-base")
    with sqlite3.connect(base) as conn:  # the base as an older release left it: one column fewer
        conn.execute("ALTER TABLE opportunities DROP COLUMN pay_offered")
    with laptop.store() as store:
        store.update_opportunity(replace(store.get_opportunity(opportunity), role="Lead"))
    report = laptop.sync()
    assert report.sent == 1
    deliver(laptop, desktop)
    assert desktop.sync().conflicts == []
    assert laptop.tables() == desktop.tables()


def test_sync_install_timer_writes_a_timer_beside_notifys(laptop: Machine, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "shared"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["--db", str(laptop.journal), "sync", str(folder), "--install-timer", "--yes"])
    assert result.exit_code == 0, result.output
    units = tmp_path / "config" / "systemd" / "user"
    service = (units / "followup-sync.service").read_text()
    assert "sync" in service and str(folder) in service and str(laptop.journal) in service
    assert "OnCalendar=*:0/15" in (units / "followup-sync.timer").read_text()
    assert "systemctl --user enable --now followup-sync.timer" in result.output


def test_a_file_this_user_cannot_read_says_so_and_what_to_do(laptop: Machine, desktop: Machine, monkeypatch):
    first, _second = _two_files_delivered(laptop, desktop)
    read = Path.read_bytes

    def refused(path: Path) -> bytes:  # as for a file another user owns (the tests may run as root)
        if path == first:
            raise PermissionError(13, "Permission denied", str(path))
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    report = desktop.sync()
    assert report.waiting == [
        f"outbox/{laptop.device}/{first.name} cannot be read (Permission denied): let this user read it,"
        f" or copy it again from that machine's folder (device {laptop.device}'s later files wait for it)"
    ]
    assert report.arrived == 0
