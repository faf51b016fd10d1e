"""The journal file: created private, upgraded by migrations, and refused when it is not ours."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from followup_tui.domain.models import (
    Contact,
    Debrief,
    DebriefAnswer,
    Followup,
    Interview,
    Kind,
    Opportunity,
    Stage,
)
from followup_tui.store import Store, StoreError
from followup_tui.store.schema import KNOWN_MIGRATIONS
from tests.keys import raw_connection

pytestmark = pytest.mark.both_journals  # every door of the journal, plain and private (tests/conftest.py)

TABLES = {
    "opportunities",
    "interviews",
    "debriefs",
    "debrief_answers",
    "contacts",
    "interview_contacts",
    "followups",
    "settings",
}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def applied_migrations(path: Path) -> list[str]:
    with raw_connection(path) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]


def test_a_new_journal_gets_every_table_of_the_design(store: Store):
    assert TABLES <= set(store.db.table_names())
    assert applied_migrations(store.path) == KNOWN_MIGRATIONS


def test_debrief_answers_and_contacts_are_full_text_indexed(store: Store):
    assert store.db["debrief_answers"].detect_fts() == "debrief_answers_fts"
    assert store.db["contacts"].detect_fts() == "contacts_fts"


def test_the_journal_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(store: Store):
    assert store.db.journal_mode == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000  # each try waits a second,
    assert store.patience >= 60  # and a write keeps trying for minutes (tests/test_hostile_files.py)


def test_due_dates_and_status_are_indexed_for_the_timeline(store: Store):
    indexed = [tuple(index.columns) for index in store.db["followups"].indexes]
    assert ("status", "due_on") in indexed


def test_reopening_applies_no_migration_twice_and_keeps_every_record(db_path: Path, clock):
    first = Store.open(db_path, clock)
    first.add_contact(Contact(name="Ada Lovelace"))
    first.close()
    for _ in range(2):
        again = Store.open(db_path, clock)
        assert [c.name for c in again.list_contacts()] == ["Ada Lovelace"]
        again.close()
    assert applied_migrations(db_path) == KNOWN_MIGRATIONS


def test_a_new_journal_is_private_to_its_user(tmp_path: Path, clock):
    path = tmp_path / "new-folder" / "journal.db"
    Store.open(path, clock).close()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_an_existing_journal_is_made_private(db_path: Path, clock):
    Store.open(db_path, clock).close()
    db_path.chmod(0o644)
    Store.open(db_path, clock).close()
    assert mode(db_path) == 0o600


def test_a_folder_the_user_named_keeps_its_permissions(tmp_path: Path, clock):
    tmp_path.chmod(0o755)
    Store.open(tmp_path / "journal.db", clock).close()
    assert mode(tmp_path) == 0o755


def test_the_app_makes_its_own_default_folder_private(tmp_path: Path, clock):
    folder = tmp_path / "followup-tui"
    folder.mkdir(mode=0o755)
    Store.open(folder / "journal.db", clock, private_folder=True).close()
    assert mode(folder) == 0o700


# -- files that are not a journal this version can open ------------------------------


def test_a_folder_is_refused(tmp_path: Path, clock):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path, clock)


def test_a_path_that_cannot_be_created_is_refused(tmp_path: Path, clock):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create a journal"):
        Store.open(blocker / "journal.db", clock)
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 20, bytes(range(256)) * 64, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["text", "binary", "damaged-header"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path, clock, content: bytes):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a followup-tui journal|damaged"):
        Store.open(path, clock)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path, clock):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a followup-tui journal"):
        Store.open(path, clock)
    assert path.read_bytes() == before


def test_a_journal_from_a_newer_version_is_refused_and_left_untouched(db_path: Path, clock):
    Store.open(db_path, clock).close()
    with raw_connection(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["followup_tui", "m999_from_the_future", "2030-01-01"],
        )
        conn.execute("PRAGMA journal_mode = delete")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version of followup-tui"):
        Store.open(db_path, clock)
    assert db_path.read_bytes() == before


def test_an_empty_file_becomes_a_new_journal(tmp_path: Path, clock):
    path = tmp_path / "empty.db"
    path.touch()
    store = Store.open(path, clock)
    assert TABLES <= set(store.db.table_names())
    store.close()


# -- records in and out -----------------------------------------------------------------


def _interview(store: Store) -> Interview:
    opportunity = store.add_opportunity(Opportunity(company="Acme", role="Engineer"))
    ada = store.add_contact(Contact(name="Ada", company="Acme"))
    return store.add_interview(
        Interview(
            opportunity_id=opportunity.id,
            starts_at=datetime(2026, 11, 25, 14, 0, tzinfo=timezone.utc),
            stage=Stage.TECHNICAL,
            decision_expected_on=date(2026, 12, 2),
        ),
        [ada.id],
    )


def test_an_interview_comes_back_as_it_went_in(store: Store):
    interview = _interview(store)
    [listing] = store.list_interviews()
    assert listing.interview == interview
    assert (listing.company, listing.role, listing.has_debrief) == ("Acme", "Engineer", False)


def test_a_debrief_keeps_each_prompt_as_asked_and_is_found_by_search(store: Store):
    interview = _interview(store)
    answers = [DebriefAnswer("went_well", "What went well?", "The whiteboard exercise on queues")]
    store.save_debrief(Debrief(interview_id=interview.id, satisfaction=4, answers=answers))
    saved = store.get_debrief(interview.id)
    assert saved.answers == answers and saved.satisfaction == 4
    assert [row["answer"] for row in store.db["debrief_answers"].search("whiteboard")] == [answers[0].answer]


def test_saving_a_debrief_again_replaces_it_whole(store: Store):
    interview = _interview(store)
    store.save_debrief(Debrief(interview.id, 2, [DebriefAnswer("overall", "How?", "first draft")]))
    store.save_debrief(Debrief(interview.id, 5, [DebriefAnswer("overall", "How?", "second thoughts")]))
    saved = store.get_debrief(interview.id)
    assert (saved.satisfaction, [a.answer for a in saved.answers]) == (5, ["second thoughts"])
    assert store.db["debrief_answers"].count == 1


def test_a_write_that_fails_half_way_leaves_nothing_behind(store: Store):
    interview = _interview(store)
    store.save_debrief(Debrief(interview.id, 3, [DebriefAnswer("overall", "How?", "kept")]))
    with pytest.raises(StoreError, match="satisfaction BETWEEN 1 AND 5.*nothing was written"):
        # the answers are written after the debrief row; the bad score fails the whole save
        store.save_debrief(Debrief(interview.id, 9, [DebriefAnswer("overall", "How?", "lost")]))
    saved = store.get_debrief(interview.id)
    assert (saved.satisfaction, saved.answers[0].answer) == (3, "kept")


def test_follow_ups_are_listed_with_their_company_and_person(store: Store):
    interview = _interview(store)
    ada = store.list_contacts()[0]
    store.add_followup(
        Followup(interview.opportunity_id, Kind.THANK_YOU, date(2026, 11, 26), contact_id=ada.id, subject="Thanks!")
    )
    [listing] = store.list_followups()
    assert (listing.company, listing.contact_name, listing.followup.subject) == ("Acme", "Ada", "Thanks!")


def test_an_application_shows_its_last_contact_and_next_step(store: Store):
    interview = _interview(store)
    store.add_followup(Followup(interview.opportunity_id, Kind.CHECK_IN, date(2026, 12, 3)))
    [listing] = store.list_opportunities()
    assert listing.last_contact_on == date(2026, 11, 25)
    assert listing.next_followup_on == date(2026, 12, 3)


def test_a_write_waits_for_another_copy_of_the_app_instead_of_failing(db_path: Path, clock):
    import threading
    import time

    mine = Store.open(db_path, clock)
    other = raw_connection(db_path, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another copy of the app, mid-save
    other.execute("INSERT INTO settings (key, value) VALUES ('theme', '\"nord\"')")
    released = threading.Timer(0.5, other.commit)
    released.start()
    started = time.monotonic()
    mine.add_contact(Contact(name="Waited for my turn"))
    assert time.monotonic() - started >= 0.3
    assert [c.name for c in mine.list_contacts()] == ["Waited for my turn"]
    assert mine.db["settings"].count == 1
    released.join()
    other.close()
    mine.close()


def test_an_old_journal_is_copied_whole_before_it_is_upgraded(db_path: Path, clock):
    import sqlite3 as sqlite

    from sqlite_utils import Database

    from followup_tui.store.schema import migrations

    old = Database(sqlite.connect(db_path))
    migrations.apply(old, stop_before=KNOWN_MIGRATIONS[-1])  # as the previous release left it
    old["contacts"].insert({"name": "Kept", "created_at": "2026-01-01", "updated_at": "2026-01-01"})
    old.close()

    store = Store.open(db_path, clock)
    assert applied_migrations(db_path) == KNOWN_MIGRATIONS
    [backup] = [p for p in db_path.parent.iterdir() if p.name.endswith(".backup")]
    assert backup.name == f"journal.db.before-{KNOWN_MIGRATIONS[-1]}.backup"
    assert mode(backup) == 0o600
    assert applied_migrations(backup) == KNOWN_MIGRATIONS[:-1]
    with sqlite.connect(backup) as conn:
        assert conn.execute("SELECT name FROM contacts").fetchall() == [("Kept",)]
    store.close()


def test_a_new_journal_needs_no_backup(db_path: Path, clock):
    Store.open(db_path, clock).close()
    assert not [p for p in db_path.parent.iterdir() if "backup" in p.name]
