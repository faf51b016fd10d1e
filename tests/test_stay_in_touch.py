"""Staying in touch after a process ends: when an application is rejected, withdrawn, ghosted or
closed, each person in it gets a keeping-in-touch note months on (three by default, their card's
own cadence, or none), planned as its own kind, spaced by the guard like any message; any
contact logged with them — a message sent, a reply — moves it; and the Week pane lists the
people losing touch."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from followup_tui.domain.cadence import guard_warnings
from followup_tui.domain.clock import Clock
from followup_tui.domain.contact_form import ContactForm, check_contact
from followup_tui.domain.draft_lint import lint_draft
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.kinds import KIND_FACTS
from followup_tui.domain.models import Contact, Direction, Followup, FollowupStatus, Interview, Kind, Opportunity
from followup_tui.domain.models import Status
from followup_tui.domain.stay_in_touch import months_typed
from followup_tui.services import compose
from followup_tui.services.applications import change_status, save_application, status_change
from followup_tui.services.contacts import contact_card, save_contact
from followup_tui.services.followups import complete
from followup_tui.services.portable import JournalFileError, export_json, import_json
from followup_tui.services.replies import record_reply
from followup_tui.services.settings import change
from followup_tui.services.undo import undo
from followup_tui.services.week import week_review
from followup_tui.store import Store

THURSDAY = date(2026, 11, 26)  # the tests' day (conftest)


def _on(store: Store, day: date) -> Store:
    """The same journal opened on a later day, as the user would find it then."""
    return Store.open(store.path, Clock.fixed(datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc)))


def _process(store: Store, *people: str) -> tuple[int, list[int]]:
    """Globex: an interview with `people` on 10 Nov and a thank-you to each, sent on the 11th."""
    globex = store.add_opportunity(Opportunity("Globex", "SRE", Status.INTERVIEWING, applied_on=date(2026, 11, 2))).id
    ids = [store.add_contact(Contact(name, company="Globex", email=f"{name.split()[0].lower()}@globex.example")).id
           for name in people]  # fmt: skip
    store.add_interview(Interview(globex, datetime(2026, 11, 10, 14, tzinfo=timezone.utc)), ids)
    for contact_id in ids:
        store.add_followup(
            Followup(globex, Kind.THANK_YOU, date(2026, 11, 11), Direction.OUTBOUND, FollowupStatus.DONE, contact_id,
                     done_at=datetime(2026, 11, 11, 9, tzinfo=timezone.utc), subject="Thank you")
        )  # fmt: skip
    return globex, ids


def _end(store: Store, opportunity_id: int, status: Status = Status.REJECTED):
    return change_status(store, status_change(store, opportunity_id, status), skip_planned=True)[1]


def _notes(store: Store, contact_id: int) -> list[Followup]:
    return store.planned_stay_in_touch(contact_id)


# -- after the end -----------------------------------------------------------------------------


def test_a_stay_in_touch_step_appears_three_months_after_a_rejection_and_moves_when_a_reply_is_logged(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    [note] = _notes(store, dana)
    assert (note.kind, note.due_on, note.subject) == (
        Kind.STAY_IN_TOUCH,
        date(2027, 2, 26),
        "Keeping in touch with Dana",
    )
    assert note.opportunity_id == globex and note.status is FollowupStatus.PLANNED

    later = _on(store, date(2026, 12, 10))
    try:
        record_reply(later, note.id, "Thanks for the kind note — let's keep in touch", person="Dana Whitfield")
        [moved] = _notes(later, dana)
        assert moved.id == note.id and moved.due_on == date(2027, 3, 10), "three months after her reply"
    finally:
        later.close()


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED, Status.CLOSED])
def test_every_way_a_process_ends_plans_the_notes_and_says_so(store: Store, status: Status):
    globex, [dana] = _process(store, "Dana Whitfield")
    done = _end(store, globex, status)
    assert len(_notes(store, dana)) == 1
    assert done.label == f"Globex marked {status.value}, 1 keeping-in-touch note planned"


def test_nobody_you_never_met_or_reached_gets_a_note(store: Store):
    """A recruiter you meant to write to but never did is no acquaintance: the note's draft would
    speak of being in touch when you never were."""
    globex, [dana] = _process(store, "Dana Whitfield")
    recruiter = store.add_contact(Contact("Rita Recruiter", company="Globex", email="rita@globex.example")).id
    store.add_followup(
        Followup(globex, Kind.CHECK_IN, date(2026, 12, 1), Direction.OUTBOUND, contact_id=recruiter, subject="Hello")
    )
    _end(store, globex)
    assert len(_notes(store, dana)) == 1
    assert _notes(store, recruiter) == []


def test_an_open_status_plans_nothing_and_an_edit_to_an_ended_status_plans_as_a_status_change_does(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    change_status(store, status_change(store, globex, Status.OFFER))
    assert _notes(store, dana) == []
    save_application(store, Opportunity("Globex", "SRE", Status.REJECTED, applied_on=date(2026, 11, 2), id=globex))
    assert [n.due_on for n in _notes(store, dana)] == [date(2027, 2, 26)]


def test_each_person_gets_one_note_spaced_from_the_others_by_the_guard(store: Store):
    globex, people = _process(store, "Dana Whitfield", "Marcus Oyelaran")
    _end(store, globex)
    notes = [note for person in people for note in _notes(store, person)]
    assert [n.due_on for n in notes] == [date(2027, 2, 26), date(2027, 3, 5)], "five business days apart"
    everything = store.followups_of_opportunity(globex)
    for note in notes:
        assert guard_warnings(note, everything) == [], "the planner only plans what the guard accepts"
    close = Followup(globex, Kind.STAY_IN_TOUCH, date(2027, 3, 1), contact_id=people[0], id=999)
    assert "business day after your keeping in touch planned for Fri 26 Feb" in guard_warnings(close, everything)[0]


def test_a_note_is_not_planned_twice_for_someone_who_already_has_one(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    initech = store.add_opportunity(Opportunity("Initech", status=Status.APPLIED, applied_on=date(2026, 11, 3))).id
    store.add_followup(Followup(initech, Kind.CHECK_IN, date(2026, 11, 20), contact_id=dana))
    _end(store, initech)
    assert len(_notes(store, dana)) == 1


def test_undoing_the_rejection_takes_its_notes_back_too(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    undo(store, _end(store, globex))
    assert store.get_opportunity(globex).status is Status.INTERVIEWING
    assert _notes(store, dana) == []


# -- each card's cadence -----------------------------------------------------------------------


def test_a_card_can_choose_its_own_cadence_or_none_and_the_setting_is_the_default(store: Store):
    globex, [dana, marcus, zoe] = _process(store, "Dana Whitfield", "Marcus Oyelaran", "Zoë Achterberg")
    change(store, "stay_in_touch.months", "2")
    store.set_stay_in_touch(marcus, 6)
    store.set_stay_in_touch(zoe, 0)
    _end(store, globex)
    assert [n.due_on for n in _notes(store, dana)] == [date(2027, 1, 26)], "the setting's two months"
    assert [n.due_on for n in _notes(store, marcus)] == [date(2027, 5, 26)], "his card's six"
    assert _notes(store, zoe) == [], "none"


def test_a_setting_of_none_plans_nothing(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    change(store, "stay_in_touch.months", "0")
    _end(store, globex)
    assert _notes(store, dana) == []


@pytest.mark.parametrize(
    "typed, months", [("", None), ("default", None), ("none", 0), ("Never", 0), ("6", 6), ("every 6 months", 6)]
)
def test_the_contact_form_reads_the_cadence_as_typed(typed: str, months: int | None):
    assert months_typed(typed) == months
    assert check_contact(ContactForm(name="Dana", stay_in_touch=typed)).stay_in_touch_months == months


@pytest.mark.parametrize("typed", ["weekly", "25", "-1"])
def test_a_cadence_it_cannot_read_is_refused_beside_the_field(typed: str):
    with pytest.raises(FormErrors) as refused:
        check_contact(ContactForm(name="Dana", stay_in_touch=typed))
    assert refused.value.errors["stay_in_touch"] == "Months between notes (1 to 24), none, or empty for the default"


def test_the_card_says_its_cadence_and_next_note_and_the_form_keeps_it(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    assert contact_card(store, dana).stay_in_touch == "every 3 months (the default)"
    card = store.get_contact(dana)
    save_contact(store, check_contact(_form(card, "4"), dana))
    _end(store, globex)
    assert contact_card(store, dana).stay_in_touch == "every 4 months — next note Fri 26 Mar 2027"
    assert ContactForm.of(store.get_contact(dana)).stay_in_touch == "4"
    store.update_contact(store.get_contact(dana))  # as a vCard import updates a card
    assert store.get_contact(dana).stay_in_touch_months == 4, "an update of the card's other fields keeps it"


def _form(card: Contact, stay_in_touch: str) -> ContactForm:
    form = ContactForm.of(card)
    form.stay_in_touch = stay_in_touch
    return form


# -- any contact moves it ------------------------------------------------------------------------


def test_a_message_sent_to_them_moves_their_note(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    later = _on(store, date(2027, 1, 4))
    try:
        congrats = later.add_followup(
            Followup(globex, Kind.QUESTION, date(2027, 1, 4), contact_id=dana, subject="Congrats")
        )
        done = complete(later, congrats.id)
        [note] = _notes(later, dana)
        assert note.due_on == date(2027, 4, 5), "three months after the message, on a business day"
        undo(later, done)
        assert [n.due_on for n in _notes(later, dana)] == [date(2027, 2, 26)], "one undo puts it back"
    finally:
        later.close()


def test_sending_the_note_plans_the_next_one_and_no_check_in(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    [note] = _notes(store, dana)
    later = _on(store, date(2027, 2, 26))
    try:
        sent = compose.mark_sent(later, note.id, "Keeping in touch", "Hi Dana, …")
        assert sent.next_step is not None and sent.next_step.kind is Kind.STAY_IN_TOUCH
        assert sent.next_step.due_on == date(2027, 5, 26)
        planned = [f for f in later.followups_of_opportunity(globex) if f.status is FollowupStatus.PLANNED]
        assert [f.kind for f in planned] == [Kind.STAY_IN_TOUCH], "a rejected process gets no check-in"
    finally:
        later.close()


def test_a_reply_that_revives_a_ghosted_application_skips_the_note(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex, Status.GHOSTED)
    [note] = _notes(store, dana)
    record_reply(store, note.id, "So sorry — can we talk next week?")
    assert store.get_opportunity(globex).status is Status.INTERVIEWING
    assert _notes(store, dana) == [], "the process is under way again"


# -- its own kind, with a warm note --------------------------------------------------------------


def test_the_note_is_its_own_kind_of_message_with_a_warm_template_whose_lint_passes(store: Store):
    assert KIND_FACTS[Kind.STAY_IN_TOUCH] == ("keeping in touch", Direction.OUTBOUND, True, True, True)
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    [note] = _notes(store, dana)
    composition = compose.compose(store, note.id)
    assert composition.template.name == "keeping in touch"
    subject, body = (filled.text for filled in compose.fill_template(composition, composition.template, ""))
    assert subject == "Keeping in touch"
    assert body.startswith("Hi Dana,\n\nIt's been a while since we were last in touch about the SRE role at Globex")
    assert "decision" not in body.lower() and "position" not in body.lower()
    assert lint_draft(Kind.STAY_IN_TOUCH, body, today=note.due_on) == []


# -- losing touch --------------------------------------------------------------------------------


def test_the_week_pane_lists_people_whose_note_is_due_or_who_are_out_of_touch_past_their_cadence(store: Store):
    globex, [dana] = _process(store, "Dana Whitfield")
    _end(store, globex)
    initech = store.add_opportunity(Opportunity("Initech", status=Status.REJECTED, applied_on=date(2026, 6, 1))).id
    priya = store.add_contact(Contact("Priya Raman", company="Initech")).id
    store.add_followup(Followup(initech, Kind.CHECK_IN, date(2026, 6, 10), Direction.OUTBOUND, FollowupStatus.DONE,
                                priya, done_at=datetime(2026, 6, 10, 9, tzinfo=timezone.utc)))  # fmt: skip
    with store.transaction():  # rejected in June, before notes were planned
        store.rewrite_status_history(initech, [(Status.REJECTED, datetime(2026, 6, 20, 9, tzinfo=timezone.utc))])
    [priya_listed] = week_review(store).losing_touch
    assert priya_listed.told(THURSDAY) == "Priya Raman (Initech) — last in touch Sat 20 Jun"

    later = _on(store, date(2027, 3, 1))
    try:
        listed = week_review(later).losing_touch
        assert [p.told(date(2027, 3, 1)) for p in listed] == [
            "Dana Whitfield (Globex) — keeping-in-touch note due since Fri 26 Feb",
            "Priya Raman (Initech) — last in touch Sat 20 Jun 2026",
        ], "a note due first: it is a step on the Timeline"
    finally:
        later.close()


def test_nobody_with_a_cadence_of_none_is_losing_touch(store: Store):
    initech = store.add_opportunity(Opportunity("Initech", status=Status.APPLIED, applied_on=date(2026, 6, 1))).id
    priya = store.add_contact(Contact("Priya Raman", company="Initech")).id
    store.add_followup(Followup(initech, Kind.CHECK_IN, date(2026, 6, 10), contact_id=priya))
    store.set_stay_in_touch(priya, 0)
    _end(store, initech)
    later = _on(store, date(2027, 6, 1))
    try:
        assert week_review(later).losing_touch == []
    finally:
        later.close()


# -- through every door --------------------------------------------------------------------------


def test_a_journal_restore_carries_each_cadence_and_refuses_one_the_form_would(store: Store, tmp_path: Path):
    globex, [dana] = _process(store, "Dana Whitfield")
    store.set_stay_in_touch(dana, 6)
    document = export_json(store)
    fresh = Store.open(tmp_path / "fresh.db", store.clock)
    try:
        import_json(fresh, document)
        assert fresh.get_contact(dana).stay_in_touch_months == 6
    finally:
        fresh.close()
    bad = document.replace('"stay_in_touch_months": 6', '"stay_in_touch_months": 99')
    other = Store.open(tmp_path / "other.db", store.clock)
    try:
        with pytest.raises(JournalFileError, match="contacts row 1 \\(id \\d+\\): stay_in_touch_months"):
            import_json(other, bad)
    finally:
        other.close()


def test_past_a_screenful_the_rest_are_counted(store: Store):
    for n in range(8):
        ended = store.add_opportunity(Opportunity(f"Ended {n}", status=Status.APPLIED, applied_on=date(2026, 6, 1))).id
        person = store.add_contact(Contact(f"Person {n}", company=f"Ended {n}")).id
        store.add_followup(Followup(ended, Kind.CHECK_IN, date(2026, 6, 10), contact_id=person))
        _end(store, ended)
    later = _on(store, date(2027, 3, 1))
    try:
        review = week_review(later)
        assert len(review.losing_touch) == 6 and review.more_losing_touch == 2
    finally:
        later.close()


def test_the_setting_takes_no_more_months_than_a_card_does(store):
    """A note planned decades out could not even be restored from the journal's own export."""
    with pytest.raises(ValueError, match="from 0 to 24"):
        change(store, "stay_in_touch.months", "200")
    change(store, "stay_in_touch.months", "24")
