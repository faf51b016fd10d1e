"""The app shell, driven from the keyboard as a person would."""

from __future__ import annotations

import asyncio

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static

from followup_tui.domain.models import Contact, Followup, Kind, Opportunity
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.help_screen import HelpDialog
from followup_tui.ui.panes import PANES
from followup_tui.ui.plain import HangingLine
from followup_tui.ui.title_bar import TitleBar

from .helpers import SIZE, click_tab, pane_on_show, table_rows


@pytest.mark.both_journals  # the app on a private journal too (tests/conftest.py)
async def test_the_app_opens_on_the_timeline_with_the_next_action_highlighted(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pane_on_show(app) == "timeline"
        timeline = app.screen.query_one("#timeline-list", OptionList)
        assert app.focused is timeline
        first = timeline.highlighted_option
        assert first is not None and first.id.startswith("followup-")
        assert "Sam Ito" in str(first.prompt) and "3 days late" in str(first.prompt)
        headings = [str(o.prompt).split()[0] for o in timeline.options if o.disabled]
        assert headings == ["Overdue", "Today", "This", "Later", "Done"]


@pytest.mark.both_journals  # the app on a private journal too (tests/conftest.py)
async def test_number_keys_switch_panes_and_each_shows_the_journal(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for key, pane in [("2", "debriefs"), ("3", "contacts"), ("4", "pipeline"), ("1", "timeline")]:
            await pilot.press(key)
            await pilot.pause()
            assert pane_on_show(app) == pane
        await pilot.press("2")
        await pilot.pause()
        debriefs = table_rows(app, "debriefs")
        assert len(debriefs) == 9
        assert debriefs[0][:2] == ["Wed 25 Nov", "Lumen Health"]
        assert app.focused is app.screen.query_one("#debriefs-pane .rows")
        contacts = table_rows(app, "contacts")
        assert len(contacts) == 15 and ["Ruth Abernathy"] == [row[0] for row in contacts if row[3] == "no email yet"]
        pipeline = table_rows(app, "pipeline")
        assert [row[0] for row in pipeline][:3] == ["applied", "applied", "interviewing"]


async def test_arrow_keys_move_through_the_rows(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "down")
        await pilot.pause()
        assert app.screen.query_one("#contacts-pane .rows", DataTable).cursor_row == 2


async def test_question_mark_lists_every_key_and_escape_closes_it(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        keys = app.screen.query_one("#help-keys", DataTable)
        described = {str(keys.get_row_at(r)[2]): str(keys.get_row_at(r)[1]) for r in range(keys.row_count)}
        for number, pane in enumerate(["Timeline", "Debriefs", "Contacts", "Pipeline"], start=1):
            assert described[pane] == str(number)
        assert described["Help"] == "?" and "q" in described["Quit"]
        assert "palette" in described
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)


async def test_help_says_where_each_key_works_and_n_is_the_panes_own(demo_store: Store):
    """The number keys, ? and q work on every pane (in a form they are letters); n adds the
    pane's own kind, so it is this pane's key; only the palette works anywhere."""
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", DataTable)
        where = {str(keys.get_row_at(r)[1]): str(keys.get_row_at(r)[0]) for r in range(keys.row_count)}
        what = {str(keys.get_row_at(r)[1]): str(keys.get_row_at(r)[2]) for r in range(keys.row_count)}
        assert where["n"] == "on this pane" and what["n"] == "Add a contact"
        for key in ("1", "4", "?", "q", "^n"):
            assert where[key] == "on every pane", key
        assert [key for key, said in where.items() if said == "anywhere"] == ["^p"]
        await pilot.press("escape", "4", "question_mark")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", DataTable)
        assert "Add an application" in {str(keys.get_row_at(r)[2]) for r in range(keys.row_count)}


async def test_the_keys_help_calls_on_every_pane_do_nothing_on_a_card(demo_store: Store):
    from followup_tui.ui.contact_card import ContactCard

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactCard)
        for key in ("2", "question_mark", "q", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ContactCard), key
        assert app.return_code is None


async def test_ctrl_c_says_in_plain_words_which_key_quits_from_where_you_are(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert said[-1] == "Press q to quit followup."
        await pilot.press("3", "enter", "ctrl+c")  # a contact card, where q is not a key
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith("Press ctrl+q to quit followup") and "esc" in said[-1]
        assert not any("[" in line for line in said), "no markup shown raw"
        assert app.return_code is None, "ctrl+c itself quits nothing"


async def test_the_palette_lists_the_journals_commands_first_and_no_developer_tools(demo_store: Store):
    from textual.command import CommandList

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        listed = app.screen.query_one(CommandList)
        titles = [str(listed.get_option_at_index(i).prompt).split("\n")[0] for i in range(listed.option_count)]
        panes = ["Show Timeline", "Show Debriefs", "Show Contacts", "Show Pipeline", "Show Week"]
        ours = [
            *panes,
            "Insights",
            "Prepare the next interview",
            "Story bank",
            "Mail proposals",
            "Sync: what was set aside",
            "Settings",
            "Help",
        ]
        assert titles == [*ours, "Theme", "Quit"]


async def test_a_number_key_in_help_goes_to_that_pane(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "4")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
        assert pane_on_show(app) == "pipeline"


async def test_the_top_line_names_the_app_and_today_and_its_icon_opens_the_palette(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = app.screen.query_one(TitleBar)
        assert "followup — Thursday 26 November 2026" in str(title.render())
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_palette_jumps_to_a_pane(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show contacts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert pane_on_show(app) == "contacts"


async def test_q_quits(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.both_journals  # the app on a private journal too (tests/conftest.py)
async def test_an_empty_journal_says_how_to_fill_it_and_sample_data_fills_it(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, pane in enumerate(("timeline", "debriefs", "contacts", "pipeline"), start=1):
            await pilot.press(str(key))
            await pilot.pause()
            note = app.screen.query_one(f"#{pane}-pane .empty-state", Static)
            assert note.display and "Load sample data" in str(note.render())
        await pilot.press("1", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"load sample")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert store.counts()["followups"] >= 25
        assert not app.screen.query_one("#timeline-pane .empty-state").display
        assert (
            app.screen.query_one("#timeline-list", OptionList).option_count == 18
        )  # 13 planned, 5 headings; done collapsed


async def test_sample_data_is_not_offered_once_the_journal_has_data(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Load sample data" not in titles and "Show Timeline" in titles


@pytest.mark.both_journals  # the app on a private journal too (tests/conftest.py)
async def test_user_text_is_shown_as_typed_never_as_markup(store: Store):
    hostile = "[bold]Eve[/] [/ [link=x]$(rm -rf ~) 🙂 مرحبا 面接"
    opportunity = store.add_opportunity(Opportunity(company=hostile, role="[red]role"))
    contact = store.add_contact(Contact(name=hostile, company=hostile, email="[b]@x"))
    store.add_followup(
        Followup(opportunity.id, Kind.NOTE, store.clock.today(), contact_id=contact.id, subject=f"{hostile}\nline 2")
    )
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one("#timeline-list", OptionList)
        row = timeline.get_option_at_index(1).prompt.plain
        assert row.endswith(f"{hostile} line 2")
        await pilot.press("3")
        await pilot.pause()
        assert table_rows(app, "contacts")[0][:3] == [hostile, "", hostile]
        await pilot.press("4")
        await pilot.pause()
        assert table_rows(app, "pipeline")[0][1:3] == [hostile, "[red]role"]
        await pilot.press("enter")  # the application, whole
        await pilot.pause()
        shown = [str(widget.render()) for widget in app.screen.query(Static)]
        assert f"{hostile} — [red]role" in shown
        followups = [
            "".join(str(part.render()) for part in line.query(Static)) for line in app.screen.query(HangingLine)
        ]
        assert any(line.startswith("today") and f"{hostile} line 2" in line for line in followups)


async def test_a_long_list_is_read_a_page_at_a_time_as_the_cursor_moves(store: Store):
    from datetime import datetime, timedelta, timezone

    from followup_tui.domain.models import Interview

    opportunity = store.add_opportunity(Opportunity(company="Many Interviews Ltd"))
    with store.transaction():
        for n in range(450):
            start = datetime(2026, 11, 1, tzinfo=timezone.utc) - timedelta(days=n)
            store.add_interview(Interview(opportunity.id, start))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#debriefs-pane .rows", DataTable)
        assert table.row_count == 100
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == 200
        await pilot.press(*["end"] * 4)
        await pilot.pause()
        assert table.row_count == 450
        assert str(table.get_row_at(449)[0]) == "Sat 9 Aug 2025"  # 449 days before 1 Nov 2026: the oldest


async def test_a_newcomer_is_asked_who_they_are_then_offered_sample_data_or_a_first_debrief(store: Store):
    from followup_tui.services.settings import setting
    from followup_tui.ui.about_you import AboutYouDialog
    from followup_tui.ui.debrief_form import DebriefFormScreen
    from followup_tui.ui.welcome import WelcomeDialog

    app = FollowupApp(store, welcome=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AboutYouDialog)
        assert "A journal for the days after a job interview" in str(app.screen.query_one(".welcome-text").render())
        await pilot.press(*"Alex Morgan", "enter", *"alex@", "enter")
        await pilot.pause()
        assert app.screen.query_one("#email-error").display, "said as the field is left, not at the last"
        assert app.screen.focused.id == "email", "enter stays on an email it cannot take"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AboutYouDialog), "an email it cannot take is said, and nothing saved"
        assert app.screen.query_one("#email-error").display and setting(store, "me.name") == ""
        app.screen.query_one("#email", Input).value = "alex@example.com"
        await pilot.press("enter", "enter")  # on to the signature, left empty, and on
        await pilot.pause()
        assert isinstance(app.screen, WelcomeDialog)
        assert (setting(store, "me.name"), setting(store, "me.email")) == ("Alex Morgan", "alex@example.com")
        assert setting(store, "me.signature") == "", "left empty: the name signs"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)

    app = FollowupApp(store, welcome=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "s")  # skip who you are; look around the sample
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeDialog) and store.counts()["followups"] == 29


async def test_escape_from_the_welcome_leaves_an_empty_journal(store: Store):
    app = FollowupApp(store, welcome=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        empty = app.screen.query_one("#timeline-pane .empty-state", Static)
        assert store.is_empty() and "No follow-ups yet" in str(empty.render())


async def test_clicking_every_tab_while_the_app_starts_never_crashes(demo_store: Store):
    """A quick mouse can reach the tabs while panes are still being built: the last one asked for is shown."""
    for _ in range(3):
        app = FollowupApp(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            tabs = None
            while tabs is None:  # each tab the moment the row exists, before anything settles
                tabs = next(iter(app.screen.query("#pane-tabs")), None)
                await asyncio.sleep(0)
            for pane in [*PANES[1:], PANES[0]]:
                tabs.post_message(tabs.Chosen(pane.id))
            await pilot.pause()
            assert pane_on_show(app) == "timeline"
            for pane in PANES:  # and again with the mouse during the first second
                await click_tab(pilot, pane.id)
                assert pane_on_show(app) == pane.id
            await pilot.pause()
            assert app.screen.query_one("#pipeline-pane .rows", DataTable).row_count == 7
            assert app.return_code is None


def test_every_screen_over_the_journal_names_the_stylesheet_the_first_frame_leaves_out():
    """Screens' layout loads after the first frame; a screen opened sooner (followup new) loads it itself."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import followup_tui.ui
    from followup_tui.ui.journal_screen import JournalScreen
    from followup_tui.ui.screen_styles import SCREEN_STYLES

    for module in pkgutil.iter_modules(followup_tui.ui.__path__):
        importlib.import_module(f"followup_tui.ui.{module.name}")
    screens = {cls for cls in _subclasses(Screen) if cls.__module__.startswith("followup_tui.ui.")}
    assert len(screens) > 20
    for screen in screens - {JournalScreen}:
        assert screen.CSS_PATH == SCREEN_STYLES, f"{screen.__name__} would open without its layout"


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found))
