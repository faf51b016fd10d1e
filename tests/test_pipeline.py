"""The Pipeline pane and Insights, from the keyboard."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label, Sparkline, Static

from followup_tui.domain.models import FollowupStatus, Kind, Status
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.application_form import ApplicationFormScreen
from followup_tui.ui.confirm import ConfirmDialog
from followup_tui.ui.insights_screen import InsightsScreen

from .helpers import SIZE, table_rows


def status_of(store: Store, company: str) -> Status:
    return next(o.opportunity.status for o in store.list_opportunities() if o.opportunity.company == company)


async def move_to(pilot, company: str) -> None:
    table = pilot.app.screen.query_one("#pipeline-pane .rows", DataTable)
    row = next(r for r in range(table.row_count) if str(table.get_row_at(r)[1]) == company)
    table.move_cursor(row=row)
    await pilot.pause()


async def test_add_an_application_with_a_bad_link_then_a_good_one(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press(*"Initech", "tab", *"Staff Engineer", "tab", *"referral", "tab", *"initech jobs page")
        await pilot.press("tab")
        await pilot.pause()
        error = app.screen.query_one("#url-error", Label)
        assert error.display and "not a web link" in str(error.render()), "said as the link is left"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error.display and "not a web link" in str(error.render())
        app.screen.query_one("#url", Input).value = "https://initech.example/jobs/42"
        app.screen.query_one("#applied", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ApplicationFormScreen)
        [added] = [o.opportunity for o in demo_store.list_opportunities() if o.opportunity.company == "Initech"]
        assert (added.status, added.url, str(added.applied_on)) == (Status.APPLIED, added.url, "2026-11-25")
        assert ["applied", "Initech", "Staff Engineer"] in [row[:3] for row in table_rows(app, "pipeline")]


async def test_status_changes_from_the_keyboard_and_closing_offers_to_skip_what_was_planned(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await move_to(pilot, "Kestrel Robotics")
        await pilot.press("i")
        await pilot.pause()
        assert status_of(demo_store, "Kestrel Robotics") is Status.INTERVIEWING

        await move_to(pilot, "Lumen Health")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Skip its 4 planned follow-ups" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert status_of(demo_store, "Lumen Health") is Status.REJECTED
        lumen = [f.followup for f in demo_store.list_followups() if f.company == "Lumen Health"]
        planned = [f for f in lumen if f.status is FollowupStatus.PLANNED]
        assert planned and all(f.kind is Kind.STAY_IN_TOUCH for f in planned), "only the keeping-in-touch notes"

        await move_to(pilot, "Quarry & Co")
        await pilot.press("w", "n")  # withdrawn, but keep its follow-ups
        await pilot.pause()
        assert status_of(demo_store, "Quarry & Co") is Status.WITHDRAWN
        quarry = [f.followup for f in demo_store.list_followups() if f.company == "Quarry & Co"]
        assert [f for f in quarry if f.status is FollowupStatus.PLANNED]


async def test_the_nudge_appears_when_the_pipeline_runs_thin_and_goes_when_it_fills(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        nudge = app.screen.query_one("#pipeline-nudge", Static)
        assert not nudge.display
        for company in ("Lumen Health", "Quarry & Co", "Northwind Analytics", "Fernleaf Systems"):
            await move_to(pilot, company)
            await pilot.press("c")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("y")
                await pilot.pause()
        assert str(nudge.render()) == "Only 2 applications are still open: time to add one. Press n."
        await pilot.press("1")
        await pilot.pause()
        timeline_nudge = app.screen.query_one("#timeline-nudge", Static)
        assert str(timeline_nudge.render()).endswith("time to add one. Press 4, then n.")

        await pilot.press("4", "n", *"Initech")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not nudge.display
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query_one("#timeline-nudge", Static).display


async def test_insights_on_demo_data(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "v")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert list(app.screen.query_one(Sparkline).data) == [
            2,
            4,
            5,
            4,
            4,
            4,
            3,
            3,
            4,
        ]  # oldest first
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert "10 of 11 went out by the next business day · 1 not sent yet." in texts
        # replies 4, 3, 7 and 2 days after the latest message (Northwind, Lumen, Brightwater, Tessellate)
        assert "A reply came a median 3.5 days after your message." in texts
        span = str(app.screen.query_one("#satisfaction-span", Static).render())
        assert span.startswith("Thu 15 Oct") and span.endswith("Wed 25 Nov"), "the sparkline's days"
        lessons = [str(s.render()) for s in app.screen.query("#lessons Static")]
        assert lessons[0].startswith("Wed 25 Nov  Lumen Health: Mention observability earlier")
        await pilot.press("slash", *"STAR")
        await pilot.pause()
        shown = [str(s.render()) for s in app.screen.query("#lessons Static")]
        assert shown == [  # any case: "star schema" and "STAR" both
            "Fri 20 Nov  Northwind Analytics: Ask clarifying questions before drawing the star schema.",
            "Thu 15 Oct  Tessellate: Keep answers under two minutes; use STAR.",
        ]


async def test_insights_on_an_empty_journal_say_what_to_do(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_insights()
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert any(t.startswith("Nothing to learn from yet") for t in texts)
        assert "None written down yet." in texts
        assert not app.screen.query(Sparkline)


async def test_a_half_typed_application_survives_closing_the_app(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n", *"Hooli")
        await pilot.pause(0.8)
    assert demo_store.get_draft("application:new").payload["company"] == "Hooli"
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert app.screen.query_one("#company", Input).value == "Hooli"
        await pilot.press("escape", "y")  # discard, after asking
        await pilot.pause()
    assert demo_store.get_draft("application:new") is None
