"""The debrief flow from the keyboard: new → answers → save → search → read → edit → delete."""

from __future__ import annotations

from textual.widgets import Input, Label, Select, Static, TextArea

from followup_tui.domain.kinds import Kind
from followup_tui.services.debriefs import NEW_DRAFT
from followup_tui.services.followups import skip
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.autosave import AUTOSAVE_DELAY
from followup_tui.ui.confirm import ConfirmDialog
from followup_tui.ui.debrief_form import DebriefFormScreen
from followup_tui.ui.debrief_view import DebriefView, open_debrief
from followup_tui.ui.resume import ResumeDraftDialog

from .helpers import SIZE, pane_on_show, table_cells, table_rows


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.insert(text)
    else:
        await pilot.press(*text)


async def test_the_whole_flow_from_new_to_edited(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        await type_into(pilot, "#company", "Acme Robotics")
        await type_into(pilot, "#role", "Firmware Engineer")
        app.screen.query_one("#when", Input).value = ""
        await type_into(pilot, "#when", "yesterday 2pm")
        await pilot.pause()
        assert str(app.screen.query_one("#when-preview", Label).render()) == "→ Wed 25 Nov, 14:00"
        await type_into(pilot, "#interviewers", "Ada Byron, Alan Turing")
        await type_into(pilot, "#answer-went_well", "The bootloader question went really well.\nSecond line.")
        app.screen.query_one("#satisfaction").focus()
        await pilot.press("4")
        await pilot.press("ctrl+s")
        await pilot.pause()

        # new names are asked about before they become records; y adds them
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Add a new application at Acme Robotics and cards for Ada Byron and Alan Turing?"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.screen.question == "Plan these follow-ups?"
        assert "thank-you" in app.screen.detail and "Ada Byron" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        planned = [(f.followup.kind.value, f.contact_name) for f in store.list_followups()]
        assert planned == [
            ("thank_you", "Ada Byron"),
            ("thank_you", "Alan Turing"),
            ("check_in", "Ada Byron"),
            ("check_in", "Ada Byron"),
        ]
        assert pane_on_show(app) == "debriefs"
        assert table_rows(app, "debriefs")[0] == [
            "Wed 25 Nov",
            "Acme Robotics",
            "Firmware Engineer",
            "other",
            "●●●●○",
        ]
        assert store.get_draft(NEW_DRAFT) is None
        assert {c.name for c in store.list_contacts()} == {"Ada Byron", "Alan Turing"}

        await pilot.press("slash", *"bootloader")
        await app.workers.wait_for_complete()  # the search runs once typing pauses
        await pilot.pause()
        found = table_cells(app, "#search-results")
        assert found[0][1] == "Acme Robotics" and "bootloader" in found[0][2]
        await pilot.press("enter", "enter")  # from the search box into the results, then open
        await pilot.pause()
        assert isinstance(app.screen, DebriefView)
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert "The bootloader question went really well.\nSecond line." in texts
        assert "With Ada Byron, Alan Turing" in texts

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        area = app.screen.query_one("#answer-went_well", TextArea)
        assert area.text.startswith("The bootloader question")
        area.text = "Actually, the RTOS scheduling question went best."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefFormScreen)
        assert store.counts()["interviews"] == 1
        from followup_tui.services.debriefs import search_debriefs

        assert search_debriefs(store, "RTOS") and not search_debriefs(store, "bootloader")


async def test_a_form_with_problems_says_so_beside_each_field_and_saves_nothing(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#when", Input).value = "31/02"
        app.screen.query_one("#decision", Input).value = "1A2B"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        errors = {label.id: str(label.render()) for label in app.screen.query(".field-error") if label.display}
        assert set(errors) == {"company-error", "when-error", "decision-error"}
        assert "day is out of range" in errors["when-error"]
        assert app.focused.id == "company"
        assert store.counts()["interviews"] == 0
        assert "✗" in str(app.screen.query_one("#when-preview", Label).render())


async def test_a_field_is_checked_as_it_is_left_not_only_at_save(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("tab")  # past the company, still empty: nothing said yet
        app.screen.query_one("#role", Input).value = "Engineer " * 40
        await pilot.press("tab")
        await pilot.pause()
        shown = {label.id for label in app.screen.query(".field-error") if label.display}
        assert shown == {"role-error"}, "the role it left, too long; not the company, not yet typed"
        assert "holds at most 300" in str(app.screen.query_one("#role-error", Label).render())
        app.screen.query_one("#role", Input).value = "Engineer"
        await pilot.pause()
        assert not app.screen.query_one("#role-error", Label).display, "typing takes the message away"


async def test_typing_is_saved_as_a_draft_within_a_second_and_escape_keeps_it(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#company", "Draftwood")
        await type_into(pilot, "#answer-overall", "Half a thought")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        draft = store.get_draft(NEW_DRAFT)
        assert draft.payload["company"] == "Draftwood" and draft.payload["answers"]["overall"] == "Half a thought"
        await type_into(pilot, "#role", "Lead")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefFormScreen)
        assert store.get_draft(NEW_DRAFT).payload["role"] == "Lead", "escape writes the last keystrokes"
        assert store.counts()["interviews"] == 0

        await pilot.press("2")
        await pilot.pause()
        banner = app.screen.query_one("#draft-banner", Static)
        assert banner.display and "Unsaved debrief for Draftwood" in str(banner.render())

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResumeDraftDialog)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#company", Input).value == "Draftwood"
        assert app.screen.query_one("#answer-overall", TextArea).text == "Half a thought"


async def test_discarding_a_draft_asks_first(store: Store):
    store.save_draft(NEW_DRAFT, {"company": "Keepme", "answers": {"overall": "precious"}})
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert store.get_draft(NEW_DRAFT) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.get_draft(NEW_DRAFT) is None
        assert isinstance(app.screen, DebriefFormScreen)
        assert app.screen.query_one("#company", Input).value == ""


async def test_the_stage_offers_the_users_rounds_and_keeps_one_they_took_off_the_list_as_written(store: Store):
    from followup_tui.services.settings import change

    store.save_draft(NEW_DRAFT, {"company": "Restoredco", "stage": "[b]case study", "answers": {"overall": "kept"}})
    change(store, "interview.stages", "recruiter call, take-home, panel")
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "r")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen), "the form opens, every time"
        assert app.screen.query_one("#company", Input).value == "Restoredco"
        assert app.screen.query_one("#answer-overall", TextArea).text == "kept"
        stage = app.screen.query_one("#stage", Select)
        assert stage.value == "[b]case study", "the draft's round, as written"
        assert [str(prompt) for prompt, _ in stage._options] == [
            "recruiter call",
            "take-home",
            "panel",
            "[b]case study",
        ]
        assert not [n for n in app._notifications if n.severity == "warning"]
        stage.value = "take-home"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # Restoredco is new to the journal: add it
        await pilot.pause()
        assert [i.interview.stage for i in store.list_interviews()] == ["take-home"]


async def test_quitting_from_a_form_keeps_the_draft(store: Store):
    app = FollowupApp(store, start_with_debrief=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        await type_into(pilot, "#company", "Quitter & Co")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.get_draft(NEW_DRAFT).payload["company"] == "Quitter & Co"


async def test_number_keys_and_q_type_into_a_form_instead_of_leaving_it(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#company", "q1234")
        app.screen.query_one("#stage").focus()
        await pilot.press("2", "q")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        assert app.screen.query_one("#company", Input).value == "q1234"


async def test_deleting_from_the_list_asks_and_names_what_stays(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Lumen Health" in app.screen.question and "are kept" in app.screen.detail
        await pilot.press("n")
        await pilot.pause()
        assert demo_store.counts()["interviews"] == 9
        await pilot.press("delete", "y")
        await pilot.pause()
        assert demo_store.counts()["interviews"] == 8
        assert demo_store.counts()["followups"] == 29
        assert len(table_rows(app, "debriefs")) == 8


async def test_hostile_text_reads_back_exactly(store: Store):
    from datetime import datetime, timezone

    from followup_tui.domain.debrief_form import check_debrief
    from followup_tui.services.debriefs import record_debrief
    from tests.test_debriefs import HOSTILE, filled

    form = filled(company=HOSTILE, role=HOSTILE, answers={"overall": HOSTILE})
    interview = record_debrief(store, check_debrief(form, datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert table_rows(app, "debriefs")[0][1] == HOSTILE
        open_debrief(app, interview.id)
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert HOSTILE in texts and f"{HOSTILE} — {HOSTILE}" in texts


async def test_f_in_a_debrief_plans_its_things_to_clear_up(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")  # Lumen Health's technical: "Send Kenji the write-up…"
        await pilot.pause()
        before = demo_store.counts()["followups"]
        await pilot.press("f")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("goes in your thank-you to Kenji" in message for message in said), said
        assert demo_store.counts()["followups"] == before, "a promise going in a thank-you is not planned twice"
        thank_you = next(
            f.followup
            for f in demo_store.list_followups()
            if f.followup.kind is Kind.THANK_YOU and f.contact_name == "Kenji Watanabe"
        )
        skip(demo_store, thank_you.id)  # no thank-you to carry it now: a step of its own
        await pilot.press("f")
        await pilot.pause()
        assert demo_store.counts()["followups"] == before + 1
        await pilot.press("escape", "1")
        await pilot.pause()
        timeline = app.screen.query_one("#timeline-list")
        assert any("Send Kenji the write-up" in o.prompt.plain for o in timeline.options if not o.disabled)


async def test_a_search_with_no_match_says_so_and_enter_there_does_nothing(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"zebra", "enter")
        await pilot.pause()
        assert table_cells(app, "#search-results")[0][2] == "Nothing matches 'zebra'"
        await pilot.press("enter", "e", "delete")
        await pilot.pause()
        assert not isinstance(app.screen, (DebriefView, DebriefFormScreen, ConfirmDialog))
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#debrief-search").display
        assert len(table_rows(app, "debriefs")) == 9


async def test_a_draft_resumed_days_later_keeps_the_interview_where_it_was(db_path):
    from datetime import datetime, timezone

    from followup_tui.domain.clock import Clock

    monday = datetime(2026, 11, 23, 15, 30, tzinfo=timezone.utc)
    first = Store.open(db_path, Clock.fixed(monday))
    app = FollowupApp(first, start_with_debrief=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "#company", "Laterly")
        app.screen.query_one("#when", Input).value = "now"
        app.screen.query_one("#when", Input).value = "today 3:30pm"
        await pilot.pause(0.7)  # the autosave
        await pilot.press("escape")
        await pilot.pause()
    first.close()

    later = Store.open(db_path, Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
    app = FollowupApp(later, start_with_debrief=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ResumeDraftDialog):
            await pilot.press("r")
            await pilot.pause()
        assert str(app.screen.query_one("#when-preview").render()) == "→ Mon 23 Nov, 15:30"
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        [listing] = later.list_interviews()
        assert listing.interview.starts_at == monday
    later.close()


async def test_ctrl_r_on_a_question_they_asked_rates_your_answer_and_the_save_keeps_it(demo_store: Store):
    from followup_tui.ui.debrief_flows import edit_debrief

    lumen = demo_store.opportunity_ids_at("Lumen Health")[0]
    technical = max(i.interview.id for i in demo_store.list_interviews() if i.interview.opportunity_id == lumen)
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        edit_debrief(app, technical)
        await pilot.pause()
        area = app.screen.query_one("#answer-their_questions", TextArea)
        first = area.text.splitlines()[0]
        assert first.endswith("twice? Tell us about an outage."), "two questions on one line"
        area.focus()
        area.cursor_location = (0, len(first) - 3)
        await pilot.press("ctrl+r", "ctrl+r", "ctrl+r")
        said = str(app.screen.query_one("#ratings", Static).render())
        assert said == "Your answers: weak — Tell us about an outage."
        app.screen.query_one("#company", Input).focus()
        await pilot.press("ctrl+r")
        assert str(app.screen.query_one("#ratings", Static).render()) == said, "only a question they asked is rated"
        await pilot.press("ctrl+s")
        await pilot.pause()
        open_debrief(app, technical)
        await pilot.pause()
        shown = [str(w.render()) for w in app.screen.query(".facts")]
        assert "Your answers: weak — Tell us about an outage." in shown, "the debrief read back says it too"
    assert demo_store.get_debrief(technical).ratings == {"tell outage": "weak"}
