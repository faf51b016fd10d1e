"""Two copies of followup on one journal — the app in one terminal, a script or a second app in
another: a key acts on what the person saw or says it changed, the app notices the other copy's
writes, and undo puts back only what its own action changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList

from followup_tui.domain.clock import Clock
from followup_tui.domain.models import Contact, FollowupStatus, Opportunity
from followup_tui.services import applications, compose, contacts, replies
from followup_tui.services import followups as actions
from followup_tui.services.another_copy import ChangedElsewhere, JournalWatch
from followup_tui.services.undo import undo
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp

from .helpers import SIZE


@pytest.fixture
def other_copy(demo_store: Store, db_path: Path, clock: Clock):
    """A second copy of followup with the same journal open."""
    other = Store.open(db_path, clock)
    yield other
    other.close()


def first_planned(store: Store):
    return next(f.followup for f in store.list_followups() if f.followup.status is FollowupStatus.PLANNED)


# -- a key on a follow-up another copy removed or changed ---------------------------------------

KEYS = {
    "done": lambda store, f, shown: actions.complete(store, f.id, shown),
    "skip": lambda store, f, shown: actions.skip(store, f.id, shown),
    "snooze": lambda store, f, shown: actions.snooze(store, f.id, shown),
    "reschedule": lambda store, f, shown: actions.reschedule(store, f.id, date(2026, 12, 9), shown),
    "details": lambda store, f, shown: actions.followup_details(store, f.id),
    "reply": lambda store, f, shown: replies.record_reply(store, f.id, "Thanks!"),
}


@pytest.mark.parametrize("key", KEYS)
def test_a_follow_up_removed_in_another_copy_is_said_and_nothing_is_written(demo_store, other_copy, key):
    followup = first_planned(demo_store)
    other_copy.delete_followup(followup.id)
    counts = demo_store.counts()
    with pytest.raises(ChangedElsewhere, match="removed in another copy"):
        KEYS[key](demo_store, followup, followup)
    assert demo_store.counts() == counts


@pytest.mark.parametrize("key", ["done", "skip", "snooze", "reschedule"])
def test_a_follow_up_changed_in_another_copy_is_not_acted_on_as_it_was(demo_store, other_copy, key):
    shown = first_planned(demo_store)
    moved = replace(shown, due_on=date(2026, 12, 14), subject="Moved elsewhere")
    other_copy.update_followup(moved)
    with pytest.raises(ChangedElsewhere, match="changed in another copy.*Moved elsewhere.*Mon 14 Dec"):
        KEYS[key](demo_store, shown, shown)
    assert demo_store.get_followup(shown.id) == moved


def test_an_edit_saved_over_a_follow_up_another_copy_changed_meanwhile_is_refused(demo_store, other_copy):
    opened = first_planned(demo_store)
    other_copy.update_followup(replace(opened, notes="Written on the laptop"))
    with pytest.raises(ChangedElsewhere, match="changed in another copy"):
        actions.edit_followup(
            demo_store, opened.id, subject="Edited here", due=opened.due_on, kind=opened.kind, shown=opened
        )
    assert demo_store.get_followup(opened.id).notes == "Written on the laptop"


def test_marking_sent_a_message_another_copy_already_closed_is_refused(demo_store, other_copy):
    opened = first_planned(demo_store)
    compose.save_draft(demo_store, opened.id, "My own subject", "My own words")  # the composer's own draft
    assert compose.mark_sent(demo_store, opened.id, "Subject", "Body", opened).sent.status is FollowupStatus.DONE
    again = first_planned(demo_store)
    actions.skip(other_copy, again.id)
    with pytest.raises(ChangedElsewhere, match="changed in another copy"):
        compose.mark_sent(demo_store, again.id, "Subject", "Body", again)


# -- undo puts back its own fields only ----------------------------------------------------------


def test_undoing_a_toggle_keeps_the_email_another_copy_added_meanwhile(demo_store, other_copy):
    card = next(c for c in demo_store.list_contacts() if c.name == "Kenji Watanabe")
    _, toggled = contacts.toggle_has_my_details(demo_store, card.id)
    other_copy.update_contact(replace(other_copy.get_contact(card.id), email="kenji@lumen.example"))
    assert undo(demo_store, toggled).notes == []
    now = demo_store.get_contact(card.id)
    assert now.has_my_details == card.has_my_details
    assert now.email == "kenji@lumen.example"


def test_undoing_a_snooze_keeps_a_day_another_copy_chose_and_says_so(demo_store, other_copy):
    followup = first_planned(demo_store)
    snoozed = actions.snooze(demo_store, followup.id, followup)
    chosen = replace(other_copy.get_followup(followup.id), due_on=date(2026, 12, 21), notes="Call instead")
    other_copy.update_followup(chosen)
    undone = undo(demo_store, snoozed)
    assert undone.done and undone.notes == [
        "the follow-up's due on changed since (in another copy or another pane), and stayed as it is now"
    ]
    assert demo_store.get_followup(followup.id) == chosen


def test_undoing_done_puts_back_status_and_leaves_another_copys_notes(demo_store, other_copy):
    followup = first_planned(demo_store)
    done = actions.complete(demo_store, followup.id, followup)
    other_copy.update_followup(replace(other_copy.get_followup(followup.id), notes="Added on the laptop"))
    assert undo(demo_store, done).notes == []
    assert demo_store.get_followup(followup.id) == replace(followup, notes="Added on the laptop")


def test_undoing_an_edit_of_a_follow_up_removed_since_says_it_was_not_put_back(demo_store, other_copy):
    followup = first_planned(demo_store)
    edited, _ = actions.edit_followup(
        demo_store, followup.id, subject="Edited here", due=followup.due_on, kind=followup.kind
    )
    other_copy.delete_followup(followup.id)
    assert undo(demo_store, edited).notes == [
        "the follow-up was removed in another copy of followup, so it was not put back"
    ]
    assert demo_store.get_followup(followup.id) is None


def test_undoing_a_delete_still_brings_the_card_back_whole(demo_store):
    card = next(c for c in demo_store.list_contacts() if c.name == "Kenji Watanabe")
    deleted = contacts.delete_contact(demo_store, card.id)
    assert undo(demo_store, deleted).notes == []
    assert demo_store.get_contact(card.id) == card


def test_undoing_a_delete_never_overwrites_a_record_that_took_its_place(demo_store, other_copy):
    newest = max(demo_store.list_contacts(), key=lambda card: card.id)
    deleted = contacts.delete_contact(demo_store, newest.id)
    added = other_copy.add_contact(Contact(name="Rosa Diaz", company="Initech"))
    assert added.id != newest.id, "an id is never given twice"
    # the card comes back, changed, as a sync brings back one another machine kept: its id is taken again
    with other_copy.transaction():
        other_copy.conn.execute(
            "INSERT INTO contacts (id, name, company, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [newest.id, "Ada Quill", "Initech", "2026-11-26T09:00:00+00:00", "2026-11-26T09:00:00+00:00"],
        )
    assert demo_store.get_contact(newest.id).name == "Ada Quill"
    undone = undo(demo_store, deleted)
    assert not undone.done
    assert undone.notes == ["a record made since has taken the card's place, so it cannot come back"]
    assert demo_store.get_contact(newest.id).name == "Ada Quill"


def test_undoing_an_add_keeps_what_was_added_to_it_since(demo_store, other_copy):
    added, way_back = applications.save_application(demo_store, Opportunity(company="Hooli"))
    actions.add_by_names(other_copy, "Send the portfolio", date(2026, 12, 1), "Hooli")
    undone = undo(demo_store, way_back)
    assert not undone.done and undone.notes == ["the application has records added to it since, so it stays"]
    assert demo_store.get_opportunity(added.id) is not None
    assert any(f.followup.subject == "Send the portfolio" for f in demo_store.list_followups())


def test_undoing_an_added_follow_up_keeps_it_when_it_changed_since(demo_store, other_copy):
    way_back, added, _ = actions.add_by_names(demo_store, "Ask about the team", date(2026, 12, 1), "Globex")
    other_copy.update_followup(replace(other_copy.get_followup(added.id), notes="Ask Rosa first"))
    undone = undo(demo_store, way_back)
    assert not undone.done and undone.notes == ["the follow-up has been changed since it was added, so it stays"]
    assert demo_store.get_followup(added.id).notes == "Ask Rosa first"


def test_undoing_an_add_as_it_was_removes_it_and_the_card_it_made(demo_store):
    counts = demo_store.counts()
    way_back, _, _ = actions.add_by_names(demo_store, "Say hello", date(2026, 12, 1), "Glo", "Ra")
    assert undo(demo_store, way_back).done
    assert demo_store.counts() == counts


def test_undoing_an_edit_that_made_a_card_puts_the_person_back_and_removes_the_card(demo_store):
    followup = first_planned(demo_store)
    counts = demo_store.counts()
    edited, _ = actions.edit_followup(
        demo_store, followup.id, subject=followup.subject, due=followup.due_on, person="New Person", kind=followup.kind
    )
    undone = undo(demo_store, edited)
    assert undone.done and undone.notes == []
    assert demo_store.get_followup(followup.id) == followup and demo_store.counts() == counts


# -- noticing the other copy ---------------------------------------------------------------------


def test_the_watch_notices_another_copys_write_and_not_its_own(demo_store, other_copy):
    watch = JournalWatch(demo_store)
    actions.complete(demo_store, first_planned(demo_store).id)
    assert not watch.changed_elsewhere()
    other_copy.delete_followup(first_planned(other_copy).id)
    assert watch.changed_elsewhere()
    assert not watch.changed_elsewhere()


# -- the app, from the keyboard ------------------------------------------------------------------


def highlighted_id(app) -> int:
    return app.journal_screen.query_one("#timeline-pane").selected()


def notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


@pytest.mark.parametrize("key", ["d", "x", "s", "c", "i", "enter", "e", "r", "p"])
async def test_a_key_on_a_row_another_copy_removed_says_so_and_redraws(demo_store, other_copy, key):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gone = highlighted_id(app)
        other_copy.delete_followup(gone)
        counts = demo_store.counts()
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.screen is app.journal_screen
        assert any("Changed elsewhere" in line for line in notices(app)), notices(app)
        ids = [o.id for o in app.journal_screen.query_one("#timeline-list", OptionList).options]
        assert f"followup-{gone}" not in ids
        assert demo_store.counts() == counts
        now_on = highlighted_id(app)
        await pilot.press("d")  # the next key acts on the row now highlighted, as shown
        await pilot.pause()
        assert demo_store.get_followup(now_on).status is FollowupStatus.DONE


@pytest.mark.parametrize("key", ["d", "x", "s", "c", "i", "enter", "e", "r", "p"])
async def test_a_removal_the_app_has_not_noticed_yet_is_still_caught_at_the_key(demo_store, other_copy, key):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gone = highlighted_id(app)
        other_copy.delete_followup(gone)
        app.watch.changed_elsewhere()  # as if the write came between the app's look and the key
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.screen is app.journal_screen
        assert any("removed in another copy" in line for line in notices(app)), notices(app)
        ids = [o.id for o in app.journal_screen.query_one("#timeline-list", OptionList).options]
        assert f"followup-{gone}" not in ids


async def test_a_key_in_the_details_of_a_follow_up_another_copy_changed_is_not_acted_on(demo_store, other_copy):
    from followup_tui.ui.followup_details import FollowupDetails

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened = highlighted_id(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDetails)
        other_copy.update_followup(replace(other_copy.get_followup(opened), subject="Rewritten elsewhere"))
        await pilot.press("d")
        await pilot.pause()
        assert app.is_running
        assert any("Changed elsewhere" in line for line in notices(app)), notices(app)
        assert demo_store.get_followup(opened).status is FollowupStatus.PLANNED


async def test_the_reply_dialog_of_a_follow_up_removed_meanwhile_closes_and_says_so(demo_store, other_copy):
    from followup_tui.ui.reply_dialog import ReplyDialog

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gone = highlighted_id(app)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReplyDialog)
        other_copy.delete_followup(gone)
        await pilot.press("tab", *"fri")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ReplyDialog)
        assert any("removed in another copy" in line for line in notices(app)), notices(app)


async def test_saving_a_card_another_copy_deleted_keeps_the_form_and_says_so(demo_store, other_copy):
    from textual.widgets import Input

    from followup_tui.ui.contact_form import ContactFormScreen

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        card = app.journal_screen.active_pane().selected_id()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        other_copy.delete_contact(card)
        app.screen.query_one("#title", Input).value = "Typed before the save"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ContactFormScreen), "what was typed stays on screen"
        assert any("removed in another copy" in line for line in notices(app)), notices(app)


async def test_another_copys_new_follow_up_shows_at_the_next_key(demo_store, other_copy):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        actions.add_by_names(other_copy, "Written by the script", date(2026, 11, 26), "Globex")
        await pilot.press("down")
        await pilot.pause()
        prompts = [str(o.prompt) for o in app.journal_screen.query_one("#timeline-list", OptionList).options]
        assert any("Written by the script" in prompt for prompt in prompts)


async def test_undo_on_the_timeline_says_what_another_copy_kept(demo_store, other_copy):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        snoozed = highlighted_id(app)
        await pilot.press("s")
        await pilot.pause()
        other_copy.update_followup(replace(other_copy.get_followup(snoozed), due_on=date(2026, 12, 21)))
        app.watch.changed_elsewhere()
        await pilot.press("u")
        await pilot.pause()
        assert any("Undone in part" in line and "due on" in line for line in notices(app)), notices(app)
        assert demo_store.get_followup(snoozed).due_on == date(2026, 12, 21)
