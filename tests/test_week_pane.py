"""The Week pane as a person uses it: key 5, the week's counts and goal, `[` and `]` through the
weeks, and the stalled applications, marked ghosted with one key and taken back with `u`."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList, Static

from followup_tui.domain.models import Opportunity, Status
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.application_view import ApplicationView

from .helpers import SIZE, pane_on_show


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _stalled_lines(app) -> list[str]:
    options = app.screen.query_one("#week-stalled", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)] if options.display else []


async def test_key_5_shows_the_week_and_brackets_step_through_the_weeks(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert pane_on_show(app) == "week"
        assert _text(app, "#week-heading") == "This week · Mon 23 Nov – Sun 29 Nov"
        assert "Goal: 1 of 5 applications — 4 to go by Sunday" in _text(app, "#week-goal")
        assert "Messages sent" in _text(app, "#week-counts")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert _text(app, "#week-heading") == "Last week · Mon 16 Nov – Sun 22 Nov"
        assert "That week" in _text(app, "#week-counts")
        await pilot.press("right_square_bracket", "right_square_bracket")  # no further than this week
        await pilot.pause()
        assert _text(app, "#week-heading") == "This week · Mon 23 Nov – Sun 29 Nov"


async def test_a_stalled_application_is_marked_ghosted_with_g_and_u_takes_it_back(store: Store):
    quiet = store.add_opportunity(Opportunity("[bold]Quiet Co", "SRE", Status.APPLIED, applied_on=date(2026, 10, 1)))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        [line] = _stalled_lines(app)
        assert line.startswith("[bold]Quiet Co · SRE — silent 56 days"), "a company's name is text, not markup"
        assert "check in: nothing sent yet" in line
        await pilot.press("g")
        await pilot.pause()
        assert store.get_opportunity(quiet.id).status is Status.GHOSTED
        assert _stalled_lines(app) == [], "a ghosted application is not stalled: it is let go"
        assert "Nothing stalled" in _text(app, "#week-stalled-heading")
        await pilot.press("u")
        await pilot.pause()
        assert store.get_opportunity(quiet.id).status is Status.APPLIED
        assert len(_stalled_lines(app)) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationView)


async def test_an_empty_journal_says_what_the_week_counts_and_how_to_add_to_it(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        note = _text(app, "#week-pane .empty-state")
        assert "counts the applications you add (n on the Pipeline" in note
        assert "Load sample data" in note
        assert "Goal: 0 of 5 applications" in _text(app, "#week-goal")
        await pilot.press("left_square_bracket")  # the pane holds the keys with no list to focus
        await pilot.pause()
        assert _text(app, "#week-heading").startswith("Last week")


async def test_a_weekly_goal_of_zero_is_refused_beside_the_field_and_the_editor_stays_open(store: Store):
    from followup_tui.services.settings import SETTINGS
    from followup_tui.ui.settings_screen import SettingEditor

    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SettingEditor(SETTINGS["goal.applications_per_week"]))
        await pilot.pause()
        await pilot.press("end", "backspace", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingEditor)
        assert "takes a number from 1 to 365" in str(app.screen.query_one("#setting-error").render())
        await pilot.press("backspace", *"-2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingEditor), "nor a negative one"
        await pilot.press("backspace", "backspace", "3", "enter")
        await pilot.pause()
        assert store.get_setting("goal.applications_per_week") == 3


async def test_p_plans_the_check_in_a_stalled_application_needs_and_it_leaves_the_list(store: Store):
    quiet = store.add_opportunity(Opportunity("Quiet Co", "SRE", Status.APPLIED, applied_on=date(2026, 10, 1)))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        [planned] = store.planned_followups_of_opportunity(quiet.id)
        assert planned.subject == "Checking in with Quiet Co"
        assert _stalled_lines(app) == []
        await pilot.press("u")
        await pilot.pause()
        assert store.planned_followups_of_opportunity(quiet.id) == []
        assert len(_stalled_lines(app)) == 1


async def test_people_losing_touch_are_listed_under_the_stalled_ones_and_only_when_there_are_some(store: Store):
    from datetime import datetime, timezone

    from followup_tui.domain.models import Contact, Followup, Kind

    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert not app.screen.query_one("#week-losing-touch", Static).display, "nobody losing touch: no list"
    ended = store.add_opportunity(Opportunity("Wren [i]Analytics", status=Status.REJECTED, applied_on=date(2026, 7, 1)))
    noor = store.add_contact(Contact("Noor Haddad", company="Wren Analytics"))
    store.add_followup(Followup(ended.id, Kind.STAY_IN_TOUCH, date(2026, 11, 24), contact_id=noor.id))
    with store.transaction():
        store.rewrite_status_history(ended.id, [(Status.REJECTED, datetime(2026, 8, 24, 9, tzinfo=timezone.utc))])
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert _text(app, "#week-losing-touch-heading") == "Losing touch · 1"
        assert _text(app, "#week-losing-touch") == (
            "Noor Haddad (Wren [i]Analytics) — keeping-in-touch note due since Tue 24 Nov"
        ), "a company's name is text, not markup"
