"""Correcting records from the keyboard: the application view and form, undo on every pane, the
cursor following the record, Tab taking a suggestion, new names asked about, follow-ups edited."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, OptionList, Static

from followup_tui.domain.models import FollowupStatus, Kind, Status
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.application_form import ApplicationFormScreen
from followup_tui.ui.application_view import ApplicationView
from followup_tui.ui.choose_person import ChoosePerson
from followup_tui.ui.confirm import ConfirmDialog
from followup_tui.ui.debrief_view import DebriefView
from followup_tui.ui.followup_details import FollowupDetails
from followup_tui.ui.followup_form import FollowupFormDialog

from .helpers import SIZE, followup_named, table_rows


def opportunity(store: Store, company: str):
    return next(o.opportunity for o in store.list_opportunities() if o.opportunity.company == company)


def cursor_company(app) -> str:
    table = app.screen.query_one("#pipeline-pane .rows", DataTable)
    return str(table.get_row_at(table.cursor_row)[1])


async def to_pipeline_row(pilot, company: str) -> None:
    await pilot.press("4")
    await pilot.pause()
    table = pilot.app.screen.query_one("#pipeline-pane .rows", DataTable)
    table.move_cursor(row=next(r for r in range(table.row_count) if str(table.get_row_at(r)[1]) == company))
    await pilot.pause()


def texts(app) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_an_application_entered_today_says_the_day_it_was_applied_for(store: Store):
    from followup_tui.domain.models import Opportunity

    store.add_opportunity(Opportunity(company="Hooli", status=Status.APPLIED, applied_on=date(2026, 11, 23)))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_pipeline_row(pilot, "Hooli")
        await pilot.press("enter")
        await pilot.pause()
        shown = texts(app)
        assert "applied since Mon 23 Nov" in shown, "the day applied, not the day it was typed (Thu 26 Nov)"
        assert "History  applied Mon 23 Nov" in shown


async def test_an_application_opens_and_every_field_is_corrected_then_undone(demo_store: Store):
    app = FollowupApp(demo_store)
    before = opportunity(demo_store, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await to_pipeline_row(pilot, "Lumen Health")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationView)
        shown = texts(app)
        assert "History  applied Mon 2 Nov → interviewing Thu 12 Nov" in shown
        assert "Interviews (2)" in shown and "Follow-ups (6)" in shown and "People (3)" in shown

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationFormScreen)
        app.screen.query_one("#url", Input).value = "careers page"
        app.screen.query_one("#pay_advertised", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = {label.id for label in app.screen.query(".field-error") if label.display}
        assert errors == {"url-error", "pay_advertised-error"}
        app.screen.query_one("#url", Input).value = "lumenhealth.example/jobs/9"
        app.screen.query_one("#pay_advertised", Input).value = "85-95k EUR"
        app.screen.query_one("#job_description").text = "Care platform team.\nOn-call one week in six."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationView)
        shown = texts(app)
        assert "Link     https://lumenhealth.example/jobs/9  (l opens it)" in shown
        assert "Pay      advertised €85,000–95,000" in shown
        assert "Care platform team.\nOn-call one week in six." in shown

        await pilot.press("escape", "u")
        await pilot.pause()
        assert opportunity(demo_store, "Lumen Health") == before
        assert cursor_company(app) == "Lumen Health"


async def test_deleting_an_application_with_debriefs_asks_twice_and_u_brings_it_back(demo_store: Store):
    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await to_pipeline_row(pilot, "Lumen Health")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.screen.question == "Delete Lumen Health?"
        assert app.screen.detail == "This also deletes its 2 interviews, 2 debriefs, 6 follow-ups. Contacts stay."
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.screen.question == "Delete 2 debriefs with it?"
        await pilot.press("n")
        await pilot.pause()
        assert demo_store.counts() == counts, "no at the second question keeps everything"

        await pilot.press("delete", "y", "y")
        await pilot.pause()
        assert "Lumen Health" not in [row[1] for row in table_rows(app, "pipeline")]
        assert demo_store.counts()["debriefs"] == counts["debriefs"] - 2
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.counts() == counts
        assert cursor_company(app) == "Lumen Health"


async def test_a_status_key_keeps_the_cursor_on_the_application_it_moved_and_u_moves_it_back(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await to_pipeline_row(pilot, "Fernleaf Systems")
        await pilot.press("w", "n")  # withdrawn; keep its follow-ups
        await pilot.pause()
        assert opportunity(demo_store, "Fernleaf Systems").status is Status.WITHDRAWN
        assert cursor_company(app) == "Fernleaf Systems", "the list re-sorted; the cursor went with it"
        await pilot.press("a")  # the next key acts on the same application, not on whatever took its line
        await pilot.pause()
        assert opportunity(demo_store, "Fernleaf Systems").status is Status.APPLIED
        assert opportunity(demo_store, "Kestrel Robotics").status is Status.APPLIED
        await pilot.press("s")
        await pilot.pause()
        assert table_rows(app, "pipeline")[0][:2] == ["saved", "Fernleaf Systems"], "saved leads come first"
        await pilot.press("u")
        await pilot.pause()
        assert opportunity(demo_store, "Fernleaf Systems").status is Status.APPLIED


async def test_slash_filters_the_pipeline_and_esc_clears_it(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "slash", *"interviewing")
        await pilot.pause()
        assert {row[0] for row in table_rows(app, "pipeline")} == {"interviewing"}
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#pipeline-pane .rows")
        await pilot.press("escape")
        await pilot.pause()
        assert len(table_rows(app, "pipeline")) == 7


async def test_tab_takes_the_suggestion_so_no_half_typed_name_becomes_a_record(demo_store: Store):
    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ask about the team", "tab", *"Bri", "tab", "tab", *"Sa", "tab")
        assert app.screen.query_one("#company", Input).value == "Brightwater Labs"
        assert app.screen.query_one("#person", Input).value == "Sabine Krüger", "the company's own people first"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (FollowupFormDialog, ConfirmDialog))
        added = followup_named(demo_store, "Ask about the team")
        assert added.opportunity_id == opportunity(demo_store, "Brightwater Labs").id
        assert demo_store.counts()["contacts"] == counts["contacts"]


async def test_a_new_company_is_asked_about_and_undo_takes_the_records_it_made(demo_store: Store):
    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Say hello", "tab", *"Glo", "tab", *"Ra", "ctrl+s")  # no suggestion: tab moves on
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Add a new application at Glo and a card for Ra?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog) and demo_store.counts() == counts
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert opportunity(demo_store, "Glo") and demo_store.counts()["contacts"] == counts["contacts"] + 1
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.counts() == counts


async def test_a_contact_form_takes_a_company_with_tab_and_asks_before_keeping_a_new_one(demo_store: Store):
    from followup_tui.ui.contact_form import ContactFormScreen

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Ada Quill", "tab", "tab", *"bri", "tab")
        assert app.screen.query_one("#company", Input).value == "Brightwater Labs", "any case finds it"
        app.screen.query_one("#company", Input).value = "Bright"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Add Bright as a new company?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen), "back to the form, nothing saved"
        assert not demo_store.find_contacts("Ada Quill")
        app.screen.query_one("#company", Input).value = "Brightwater Labs"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (ContactFormScreen, ConfirmDialog)), "a known company is not asked about"
        assert demo_store.find_contacts("Ada Quill")[0].company == "Brightwater Labs"


async def test_keys_typed_in_one_burst_fill_each_field_in_turn(demo_store: Store):
    """As a paste or a fast typist sends them: every key is in before the first is handled."""
    from textual import events

    from followup_tui.ui.contact_form import ContactFormScreen

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        for char in "Grace Hopper\tRear Admiral\tbri\t\tgrace@navy.example":
            key = "tab" if char == "\t" else ("space" if char == " " else char)
            app.post_message(events.Key(key, char))
        await pilot.pause(0.3)
        values = {
            name: app.screen.query_one(f"#{name}", Input).value for name in ("name", "title", "company", "emails")
        }
        assert values == {
            "name": "Grace Hopper",
            "title": "Rear Admiral",
            "company": "Brightwater Labs",  # the first tab took the suggestion, the second moved on
            "emails": "grace@navy.example",
        }


async def test_an_application_form_takes_a_known_company_with_tab(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press(*"lumen", "tab")
        assert app.screen.query_one("#company", Input).value == "Lumen Health"


async def test_a_follow_up_is_edited_from_the_timeline_and_from_its_details(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.screen.query_one("#timeline-list", OptionList).highlighted_option.id
        followup_id = int(first.removeprefix("followup-"))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog)
        assert app.screen.query_one("#company", Input).disabled
        app.screen.query_one("#subject", Input).value = "Ask Sam about the referral"
        app.screen.query_one("#due", Input).value = "mon"
        app.screen.query_one("#notes").text = "He prefers a text"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = demo_store.get_followup(followup_id)
        assert (edited.subject, edited.due_on, edited.notes) == (
            "Ask Sam about the referral",
            date(2026, 11, 30),
            "He prefers a text",
        )

        app.screen.query_one("#timeline-pane").select_followup(followup_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDetails)
        assert "He prefers a text" in texts(app)
        assert "e edit" in texts(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog)
        await pilot.press("escape", "enter", "d")  # d in the details marks it done
        await pilot.pause()
        assert demo_store.get_followup(followup_id).status is FollowupStatus.DONE
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.get_followup(followup_id).status is FollowupStatus.PLANNED


async def test_contacts_have_undo_too(demo_store: Store):
    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        name = table_rows(app, "contacts")[0][0]
        await pilot.press("delete", "y")
        await pilot.pause()
        assert name not in [row[0] for row in table_rows(app, "contacts")]
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.counts() == counts
        assert table_rows(app, "contacts")[0][0] == name


async def test_f_asks_who_a_clear_up_line_is_for_when_it_names_nobody(demo_store: Store):
    app = FollowupApp(demo_store)
    northwind = next(
        listing
        for listing in demo_store.list_interviews()
        if listing.company == "Northwind Analytics" and len(demo_store.interview_contacts(listing.interview.id)) == 2
    )
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DebriefView(northwind.interview.id))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChoosePerson)
        await pilot.press("down", "enter")  # the second person in the room
        await pilot.pause()
        [planned] = [
            f
            for f in demo_store.followups_of_interview(northwind.interview.id)
            if f.kind is Kind.QUESTION and "slowly changing" in f.subject
        ]
        zoe = demo_store.interview_contacts(northwind.interview.id)[1]
        assert planned.contact_id == zoe.id


async def test_a_note_for_the_whole_search_is_saved_without_a_company_and_shows_as_such(demo_store: Store):
    from textual.widgets import Label, Select

    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Update the CV", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog), "a check-in needs its company"
        assert "only a note can go without" in str(app.screen.query_one("#company-error", Label).render())
        app.screen.query_one("#kind", Select).value = Kind.NOTE.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (FollowupFormDialog, ConfirmDialog))
        assert demo_store.counts()["opportunities"] == counts["opportunities"]
        note = followup_named(demo_store, "Update the CV")
        assert note.opportunity_id is None
        app.screen.query_one("#timeline-pane").select_followup(note.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDetails) and "About the whole search" in texts(app)
        await pilot.press("i")  # the details hand the key to the Timeline
        await pilot.pause()
        assert not isinstance(app.screen, FollowupDetails)
        assert any("no one is there to reply" in n.message for n in app._notifications)
