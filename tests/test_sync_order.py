"""The people of an interview come back in the order the user gave them, on every machine."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from followup_tui.domain.models import Contact, Interview, Opportunity
from followup_tui.services.activity import activity_report, report_text
from followup_tui.store import Store
from followup_tui.store.schema import migrations

from .sync_machines import Machine, settle_all

STARTS = datetime(2026, 11, 25, 14, tzinfo=timezone.utc)
# Named so that neither alphabetical order nor the order of ids is the order they were given.
PEOPLE = ("Zoe Quinn", "Ada Lovelace", "Mo Farah")


@pytest.fixture
def laptop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "laptop", clock)


@pytest.fixture
def desktop(tmp_path: Path, clock) -> Machine:
    return Machine.made(tmp_path, "desktop", clock)


def _names(machine: Machine, interview_id: int) -> list[str]:
    with machine.store() as store:
        return [contact.name for contact in store.interview_contacts(interview_id)]


def _interview_with(machine: Machine, order: tuple[int, ...]) -> tuple[int, list[int]]:
    """An interview with the three people, given in `order` (indexes into their cards, made in PEOPLE's order)."""
    with machine.store() as store:
        opportunity = store.add_opportunity(Opportunity(company="Acme", role="Engineer"))
        ids = [store.add_contact(Contact(name=name, company="Acme")).id for name in PEOPLE]
        interview = store.add_interview(Interview(opportunity.id, STARTS), [ids[i] for i in order])
    return interview.id, ids


def test_interviewers_synced_to_another_machine_keep_the_order_they_were_given(laptop: Machine, desktop: Machine):
    interview, _ids = _interview_with(laptop, (2, 0, 1))
    settle_all([laptop, desktop])
    given = [PEOPLE[2], PEOPLE[0], PEOPLE[1]]
    assert _names(laptop, interview) == given
    assert _names(desktop, interview) == given


def test_a_new_order_given_on_one_machine_is_the_order_on_both(laptop: Machine, desktop: Machine):
    interview, ids = _interview_with(laptop, (0, 1, 2))
    settle_all([laptop, desktop])
    with desktop.store() as store:
        store.update_interview(store.get_interview(interview).interview, [ids[1], ids[2], ids[0]])
    settle_all([laptop, desktop])
    reordered = [PEOPLE[1], PEOPLE[2], PEOPLE[0]]
    assert _names(desktop, interview) == reordered
    assert _names(laptop, interview) == reordered
    assert laptop.tables() == desktop.tables()


def test_the_activity_record_names_the_people_in_the_order_given(laptop: Machine):
    _interview_with(laptop, (1, 2, 0))
    with laptop.store() as store:
        text = report_text(activity_report(store, STARTS.date(), STARTS.date()))
    assert text.index(PEOPLE[1]) < text.index(PEOPLE[2]) < text.index(PEOPLE[0])


def test_an_upgraded_journal_keeps_the_order_its_people_were_added_in_as_its_own_change(tmp_path: Path, clock):
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m024_interviewers_in_order")
    db.execute("INSERT INTO opportunities (id, company, created_at, updated_at) VALUES (3, 'Old Co', 'x', 'x')")
    db.execute(
        "INSERT INTO interviews (id, opportunity_id, starts_at, created_at)"
        " VALUES (5, 3, '2026-11-25T14:00:00+00:00', '2026-11-20T09:00:00+00:00')"
    )
    for contact_id, name in ((30, "Zoe"), (10, "Ada"), (20, "Mo")):
        db.execute(
            "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (?, ?, 'x', 'x')", [contact_id, name]
        )
        db.execute("INSERT INTO interview_contacts (interview_id, contact_id) VALUES (5, ?)", [contact_id])
    db.conn.commit()
    db.execute("DELETE FROM sync_touched")
    db.conn.commit()
    stamps = db.execute("SELECT contact_id, last_changed_at, last_changed_on FROM interview_contacts").fetchall()
    db.close()
    store = Store.open(path, clock)
    try:
        assert [c.name for c in store.interview_contacts(5)] == ["Zoe", "Ada", "Mo"]
        after = store.conn.execute("SELECT contact_id, last_changed_at, last_changed_on FROM interview_contacts")
        assert [row[0] for row in after.fetchall()] == [row[0] for row in stamps]
        (changed,) = store.conn.execute("SELECT count(*) FROM interview_contacts WHERE last_changed_at > 0").fetchone()
        assert changed == 3, "the journal it began in sends its order to the others, as its own change"
        store.update_interview(store.get_interview(5).interview, [20, 30, 10])
        assert [c.name for c in store.interview_contacts(5)] == ["Mo", "Zoe", "Ada"]
        (trigger,) = store.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'interview_contacts_stamp_changed'"
        ).fetchone()
        assert "NEW.[position]" in trigger, "a change of the order is versioned field by field, as every field"
    finally:
        store.close()


def test_a_new_order_on_one_machine_meets_the_same_people_saved_again_on_the_other(laptop: Machine, desktop: Machine):
    """Saving an interview with the same people leaves their rows as they were: the new order
    given on the other machine meanwhile is the order on both."""
    interview, ids = _interview_with(laptop, (0, 1, 2))
    settle_all([laptop, desktop])
    with laptop.store() as store:
        store.update_interview(store.get_interview(interview).interview, [ids[2], ids[0], ids[1]])
    with desktop.store() as store:
        store.update_interview(store.get_interview(interview).interview, [ids[0], ids[1], ids[2]])
    settle_all([laptop, desktop])
    assert _names(laptop, interview) == _names(desktop, interview) == [PEOPLE[2], PEOPLE[0], PEOPLE[1]]
    assert laptop.tables() == desktop.tables()
