"""Records you can correct: applications with their history, pay and posting; every change with a
way back; replies that move what they make premature; names asked about before they become records."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from followup_tui.domain.application_form import ApplicationForm, check_application, web_link
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.insights import SearchPulse
from followup_tui.domain.models import Followup, FollowupStatus, Kind, Opportunity, Status
from followup_tui.domain.pay import PayError, read_pay
from followup_tui.domain.people import named_in
from followup_tui.domain.replan import check_ins_replanned
from followup_tui.services import applications, contacts
from followup_tui.services.followups import add_by_names, edit_followup, new_names
from followup_tui.services.names import NewNames
from followup_tui.services.pipeline import pipeline_nudge
from followup_tui.services.replies import Premature, record_reply, reply_preview
from followup_tui.services.undo import undo
from followup_tui.store import Store
from followup_tui.store.sync_tables import STAMP_COLUMNS

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def everything(store: Store) -> dict[str, list[dict]]:
    """Every row of the journal, to compare before and after an undo: all but the stamps, since an
    undo is a write like any other for the other machines a journal syncs with."""
    return {
        table: sorted(repr({k: v for k, v in row.items() if k not in STAMP_COLUMNS}) for row in rows)
        for table, rows in store.dump_tables().items()
        if table != "drafts"
    }


def company(store: Store, name: str) -> Opportunity:
    return next(o.opportunity for o in store.list_opportunities() if o.opportunity.company == name)


# -- pay and links as people type them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("85k", "85,000"),
        ("85,000", "85,000"),
        ("€85 000", "€85,000"),
        ("85-95k", "85,000–95,000"),
        ("85k–95k EUR", "€85,000–95,000"),
        ("USD 120k a year", "$120,000 a year"),
        ("£40/hour", "£40 an hour"),
        ("CHF 100,000 - 120,000 per year", "CHF 100,000–120,000 a year"),
        ("85.000 €", "€85,000"),
        ("", ""),
    ],
)
def test_pay_is_read_as_people_write_it_and_kept_in_one_form(typed: str, kept: str):
    assert read_pay(typed) == kept
    assert read_pay(kept) == kept, "what is kept reads back the same"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("competitive", "Can't read 'competitive' as pay; try 85k"),
        ("95-85k", "runs from more to less"),
        ("$85k-€95k", "names two currencies"),
        ("85k per fortnight", "per what?"),
    ],
)
def test_pay_that_cannot_be_read_says_what_would_work(typed: str, says: str):
    with pytest.raises(PayError, match=says):
        read_pay(typed)


def test_a_bare_link_gets_https_and_text_that_is_not_a_link_is_refused():
    assert web_link("example.com/jobs/1") == "https://example.com/jobs/1"
    assert web_link(" http://jobs.example/42 ") == "http://jobs.example/42"
    for bad in ("jobs page", "localhost", "ftp://example.com/x", "https://"):
        with pytest.raises(ValueError, match="is not a web link"):
            web_link(bad)


def test_the_application_form_checks_every_field_and_keeps_the_posting():
    form = ApplicationForm(
        company=" Globex ",
        status="saved",
        url="globex.example/jobs/7",
        applied="",
        pay_advertised="85-95k",
        pay_offered="lots",
        job_description="Platform team.\n\nYou will own the scheduler.",
    )
    with pytest.raises(FormErrors) as refused:
        check_application(form, NOW)
    assert set(refused.value.errors) == {"pay_offered"}
    form.pay_offered = "92k"
    made = check_application(form, NOW, opportunity_id=7)
    assert (made.company, made.status, made.url, made.applied_on, made.id) == (
        "Globex",
        Status.SAVED,
        "https://globex.example/jobs/7",
        None,
        7,
    )
    assert (made.pay_advertised, made.pay_offered) == ("85,000–95,000", "92,000")
    assert made.job_description == "Platform team.\n\nYou will own the scheduler."


# -- applications: open, edit, delete, move — each undone --------------------------------------


def test_an_application_opens_with_its_history_interviews_follow_ups_and_people(demo_store: Store):
    lumen = company(demo_store, "Lumen Health")
    record = applications.application_record(demo_store, lumen.id)
    assert [step.status for step in record.history] == [Status.APPLIED, Status.INTERVIEWING]
    assert len(record.interviews) == 2 and len(record.followups) == 6
    assert {c.name for c in record.contacts} == {"Ana Beltrán", "Kenji Watanabe", "Ruth Abernathy"}


def test_editing_an_application_writes_every_field_and_a_new_status_joins_its_history(demo_store: Store):
    lumen = company(demo_store, "Lumen Health")
    before = everything(demo_store)
    edited = Opportunity(**{**vars(lumen), "status": Status.OFFER, "pay_offered": "€90,000", "notes": "Call Ana"})
    _, way_back = applications.save_application(demo_store, edited)
    assert demo_store.get_opportunity(lumen.id) == edited
    assert demo_store.status_history(lumen.id)[-1].status is Status.OFFER
    undo(demo_store, way_back)
    assert everything(demo_store) == before


def test_deleting_an_application_says_what_goes_and_undo_brings_all_of_it_back(demo_store: Store):
    lumen = company(demo_store, "Lumen Health")
    deletion = applications.deletion(demo_store, lumen.id)
    assert (deletion.interviews, deletion.debriefs, deletion.followups) == (2, 2, 6)
    assert deletion.takes_debriefs
    assert deletion.describe() == "This also deletes its 2 interviews, 2 debriefs, 6 follow-ups. Contacts stay."
    before = everything(demo_store)
    contacts_before = demo_store.counts()["contacts"]

    way_back = applications.delete_application(demo_store, lumen.id)
    assert demo_store.get_opportunity(lumen.id) is None
    assert demo_store.counts()["contacts"] == contacts_before
    assert not [hit for hit in demo_store.search_answers("reminder")]
    assert not demo_store.search_answers("Lumen"), "nor by its name"

    undo(demo_store, way_back)
    assert everything(demo_store) == before
    assert demo_store.search_answers("reminder"), "the restored debriefs are found by search again"
    assert {hit.prompt for hit in demo_store.search_answers("Lumen")} >= {"Company"}, "and by its name"
    assert way_back.select == f"opportunity-{lumen.id}"


def test_closing_an_application_and_skipping_its_steps_is_undone_in_one(demo_store: Store):
    lumen = company(demo_store, "Lumen Health")
    before = everything(demo_store)
    change = applications.status_change(demo_store, lumen.id, Status.REJECTED)
    assert change.offers_skipping and change.planned_followups == 4
    skipped, way_back = applications.change_status(demo_store, change, skip_planned=True)
    assert skipped == 4 and demo_store.get_opportunity(lumen.id).status is Status.REJECTED
    undo(demo_store, way_back)
    assert everything(demo_store) == before


def test_a_saved_lead_comes_first_and_does_not_count_as_open(demo_store: Store):
    for name in ("Lumen Health", "Quarry & Co", "Northwind Analytics", "Fernleaf Systems"):
        applications.change_status(
            demo_store, applications.status_change(demo_store, company(demo_store, name).id, Status.CLOSED)
        )
    assert "Only 2 applications are still open" in pipeline_nudge(demo_store).text
    lead, _ = applications.save_application(demo_store, Opportunity(company="Zeta Corp", status=Status.SAVED))
    assert applications.applications(demo_store)[0].opportunity == lead
    assert "Only 2 applications are still open" in pipeline_nudge(demo_store).text


def test_the_nudge_reads_the_search_as_the_pipeline_lists_it(demo_store: Store):
    """The store's pulse of the search (one pass, for the first frame) agrees with the listings."""

    def pulse_from_listings() -> SearchPulse:
        listings = applications.applications(demo_store)
        added = [listing.added_on for listing in listings if listing.added_on]
        still_open = sum(listing.opportunity.status.is_active for listing in listings)
        return SearchPulse(len(listings), still_open, max(added, default=None))

    assert demo_store.search_pulse() == pulse_from_listings()
    applications.save_application(demo_store, Opportunity(company="Zeta Corp"))  # added today, no applied day
    applications.save_application(demo_store, Opportunity(company="Old Co", applied_on=date(2026, 9, 1)))
    assert demo_store.search_pulse() == pulse_from_listings()
    assert demo_store.search_pulse().last_added == demo_store.clock.today()


def test_the_pipeline_filter_matches_company_role_status_source_and_notes(demo_store: Store):
    def shown(text: str) -> set[str]:
        return {listing.opportunity.company for listing in applications.applications(demo_store, text)}

    assert shown("lumen") == {"Lumen Health"}
    assert shown("OFFER") == {"Brightwater Labs"}
    assert shown("reliability") == {"Tessellate"}
    assert shown("platform engineer") == {"Brightwater Labs", "Lumen Health"}  # every word, anywhere
    assert shown("no such thing") == set()


# -- contacts: every change undone -------------------------------------------------------------


def test_deleting_a_card_is_undone_with_its_links(demo_store: Store):
    kenji = next(c for c in demo_store.list_contacts() if c.name == "Kenji Watanabe")
    before = everything(demo_store)
    way_back = contacts.delete_contact(demo_store, kenji.id)
    assert all(
        f.contact_id != kenji.id for f in demo_store.followups_of_opportunity(company(demo_store, "Lumen Health").id)
    )
    undo(demo_store, way_back)
    assert everything(demo_store) == before


def test_saving_and_toggling_a_card_are_undone(demo_store: Store):
    before = everything(demo_store)
    kenji = next(c for c in demo_store.list_contacts() if c.name == "Kenji Watanabe")
    _, toggled = contacts.toggle_has_my_details(demo_store, kenji.id)
    undo(demo_store, toggled)
    added, way_back = contacts.save_contact(demo_store, type(kenji)(name="New Person"))
    undo(demo_store, way_back)
    assert everything(demo_store) == before


# -- follow-ups: new names asked about, every field editable -----------------------------------


def test_names_the_journal_does_not_hold_are_found_before_saving(demo_store: Store):
    assert new_names(demo_store, "Glo", "Ra") == NewNames("Glo", ("Ra",))
    assert NewNames("Glo", ("Ra",)).question() == "Add a new application at Glo and a card for Ra?"
    assert NewNames(None, ("Ada", "Alan")).question() == "Add cards for Ada and Alan?"
    assert not new_names(demo_store, "lumen health", "kenji watanabe")


def test_undoing_a_follow_up_that_made_an_application_and_a_card_removes_all_three(demo_store: Store):
    before = everything(demo_store)
    way_back, _, _ = add_by_names(demo_store, "Say hello", date(2026, 11, 30), "Glo", "Ra")
    assert company(demo_store, "Glo")
    undo(demo_store, way_back)
    assert everything(demo_store) == before


def test_every_field_of_a_follow_up_can_be_corrected_and_undone(demo_store: Store):
    question = next(f.followup for f in demo_store.list_followups() if f.followup.kind is Kind.QUESTION)
    before = everything(demo_store)
    way_back, _ = edit_followup(
        demo_store,
        question.id,
        subject="Send the write-up and the repo",
        due=date(2026, 12, 1),
        person="Ruth Abernathy",
        kind=Kind.NOTE,
        notes="Repo is private: invite first",
    )
    edited = demo_store.get_followup(question.id)
    ruth = next(c for c in demo_store.list_contacts() if c.name == "Ruth Abernathy")
    assert (edited.subject, edited.due_on, edited.contact_id, edited.kind, edited.notes) == (
        "Send the write-up and the repo",
        date(2026, 12, 1),
        ruth.id,
        Kind.NOTE,
        "Repo is private: invite first",
    )
    undo(demo_store, way_back)
    assert everything(demo_store) == before


# -- a reply resets the count ------------------------------------------------------------------


def test_a_note_about_the_whole_search_needs_no_application_and_stays_a_note(demo_store: Store, tmp_path: Path):
    from followup_tui.services.followups import FollowupRefused, followup_details, warnings_for
    from followup_tui.services.portable import export_json, import_json

    before = everything(demo_store)
    with pytest.raises(FollowupRefused, match="only a note can go without"):
        add_by_names(demo_store, "Chase them", date(2026, 11, 30), "", kind=Kind.CHECK_IN)
    done, note, warnings = add_by_names(demo_store, "Update the CV", date(2026, 11, 30), "", kind=Kind.NOTE)
    assert note.opportunity_id is None and warnings == []
    assert len(everything(demo_store)["opportunities"]) == len(before["opportunities"]), "no application made"
    details = followup_details(demo_store, note.id)
    assert details.opportunity is None and warnings_for(demo_store, note) == []
    assert reply_preview(demo_store, note.id) is None, "nobody is there to reply"
    with pytest.raises(FollowupRefused, match="stays a note"):
        edit_followup(demo_store, note.id, subject="Update the CV", due=note.due_on, kind=Kind.CHECK_IN)
    edited, _ = edit_followup(
        demo_store, note.id, subject="Update the CV and the portfolio", due=note.due_on, kind=Kind.NOTE
    )
    assert demo_store.get_followup(note.id).subject == "Update the CV and the portfolio"
    [listed] = [e for e in demo_store.planned_followups_due(note.due_on, note.due_on, 100) if e.followup.id == note.id]
    assert (listed.company, listed.role) == ("", "")

    copy = tmp_path / "copy.json"
    copy.write_text(export_json(demo_store), encoding="utf-8")
    other = Store.open(tmp_path / "other.db", demo_store.clock)
    import_json(other, copy.read_text(encoding="utf-8"))
    assert other.get_followup(note.id).opportunity_id is None, "it survives an export and import"
    other.close()

    undo(demo_store, edited)
    undo(demo_store, done)
    assert everything(demo_store) == before


def test_a_reply_moves_the_check_ins_it_makes_premature_keeping_their_spacing():
    planned = [
        Followup(1, Kind.CHECK_IN, date(2026, 11, 30), id=1),
        Followup(1, Kind.CHECK_IN, date(2026, 12, 9), id=2),
        Followup(1, Kind.THANK_YOU, date(2026, 11, 27), id=3),
        Followup(1, Kind.CHECK_IN, date(2026, 11, 20), status=FollowupStatus.DONE, id=4),
    ]
    moved = check_ins_replanned(date(2026, 11, 26), date(2026, 12, 4), planned, exact=False)
    # two business days after the decision they named, then a week on
    assert [(f.id, day) for f, day in moved] == [(1, date(2026, 12, 8)), (2, date(2026, 12, 15))]
    assert check_ins_replanned(date(2026, 11, 26), None, [planned[1]], exact=False) == []


def test_a_reply_keeps_what_was_said_and_can_skip_instead(demo_store: Store):
    check_in = next(f for f in demo_store.list_followups() if f.company == "Fernleaf Systems").followup
    assert [f.id for f, _ in reply_preview(demo_store, check_in.id).moves] == [check_in.id]
    before = everything(demo_store)
    way_back = record_reply(demo_store, check_in.id, "  They   will call  ", None, Premature.SKIP)
    assert demo_store.get_followup(check_in.id).status is FollowupStatus.SKIPPED
    reply = next(
        f.followup
        for f in demo_store.list_followups()
        if f.followup.kind is Kind.REPLY_RECEIVED and f.followup.subject == "They will call"
    )
    assert reply.decide_by is None
    undo(demo_store, way_back)
    assert everything(demo_store) == before


def test_a_line_goes_to_the_person_it_names():
    people = ["Raj Patel", "Mia Chen", "Raj Singh"]
    assert named_in("Send Mia the deck", people) == 1
    assert named_in("Patel: salary band", people) == 0
    assert named_in("Ask Raj Singh about on-call", people) == 2
    assert named_in("Ask Raj about on-call", people) is None  # two Rajs: the screen asks
    assert named_in("Salary band?", people) is None


# -- the upgrade --------------------------------------------------------------------------------


def test_an_upgraded_journal_keeps_every_application_and_link_and_starts_each_history(db_path: Path, clock):
    from sqlite_utils import Database

    from followup_tui.store.schema import KNOWN_MIGRATIONS, migrations

    old = Database(sqlite3.connect(db_path))
    migrations.apply(old, stop_before="m006_application_records")
    stamp = "2026-11-20T10:00:00+00:00"
    old["opportunities"].insert(
        {"id": 1, "company": "Acme", "status": "interviewing", "created_at": stamp, "updated_at": stamp}
    )
    old["followups"].insert(
        {"opportunity_id": 1, "kind": "check_in", "due_on": "2026-12-01", "subject": "Hi", "created_at": stamp}
    )
    for name in ("Ann", "Bo"):
        old["contacts"].insert({"name": name, "created_at": stamp, "updated_at": stamp})
    old.close()

    store = Store.open(db_path, clock)
    assert store.applied_migrations() == KNOWN_MIGRATIONS
    assert [f.subject for f in store.followups_of_opportunity(1)] == ["Hi"], "follow-ups still point at it"
    uids = [contact.uid for contact in store.list_contacts()]
    assert len(set(uids)) == 2 and all(len(uid) == 36 for uid in uids), "each card its own UID"
    [step] = store.status_history(1)
    assert (step.status, step.at.isoformat()) == (Status.INTERVIEWING, stamp)
    applications.change_status(store, applications.status_change(store, 1, Status.SAVED))
    assert store.get_opportunity(1).status is Status.SAVED
    with pytest.raises(Exception, match="FOREIGN KEY"):  # links are enforced again after the upgrade
        store.db.execute(
            "INSERT INTO followups (opportunity_id, kind, due_on, created_at) VALUES (99, 'note', '2026-12-01', 'x')"
        )
    with pytest.raises(Exception, match="CHECK"):  # only a note may be about no application
        store.db.execute("INSERT INTO followups (kind, due_on, created_at) VALUES ('check_in', '2026-12-01', 'x')")
    store.close()


def test_followup_add_says_when_it_made_a_new_application_or_card(db_path: Path):
    from click.testing import CliRunner

    from followup_tui.cli import cli

    def add(*args: str):
        return CliRunner().invoke(cli, ["add", "Hello", "--due", "tomorrow", "--db", str(db_path), *args])

    first = add("--company", "Glo", "--new-company", "--contact", "Ra")
    assert first.exit_code == 0
    assert "Note: a new application at Glo and a card for Ra — new to your journal, added too." in first.output
    again = add("--company", "glo", "--contact", "ra")
    assert again.exit_code == 0 and "new to your journal" not in again.output
