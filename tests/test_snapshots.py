"""What each pane looks like on demo data, on a fixed day, in a 120×36 terminal.

After a deliberate change to the look, review `snapshot_report.html`, then run
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp

from .helpers import SIZE


async def settle(pilot) -> None:
    """Let the screen finish drawing, with text cursors held still (a blink is not a change)."""
    await pilot.pause()
    for editor in pilot.app.screen.query("Input, TextArea"):
        editor.cursor_blink = False
    await pilot.pause(0.1)


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"], ids=["timeline", "debriefs", "contacts", "pipeline", "week"])
def test_each_pane_on_demo_data(snap_compare, demo_store: Store, key: str):
    assert snap_compare(FollowupApp(demo_store), press=[key], terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_empty_journal(snap_compare, store: Store):
    assert snap_compare(FollowupApp(store), terminal_size=SIZE, run_before=settle)


async def fill_a_debrief(pilot) -> None:
    await pilot.pause()  # keys pressed before the first frame can land before the panes exist
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press(*"Acme Robotics", "tab", *"Firmware Engineer", "tab")
    await pilot.press("ctrl+a", "ctrl+k", *"next blursday")
    await settle(pilot)


def test_new_debrief_form_with_an_unreadable_date(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=fill_a_debrief)


async def search_for_on_call(pilot) -> None:
    await pilot.pause()
    await pilot.press("2", "slash", *"on-call")
    await settle(pilot)


def test_debrief_search_shows_where_it_matched(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=search_for_on_call)


def test_reading_a_debrief(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), press=["2", "enter"], terminal_size=SIZE, run_before=settle)


async def open_a_contact_card(pilot) -> None:
    await pilot.pause()
    await pilot.press("3", "down", "down", "down", "down", "down", "enter")  # Kenji Watanabe
    await settle(pilot)


def test_a_contact_card_with_what_is_linked_to_it(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=open_a_contact_card)


async def open_an_application(pilot) -> None:
    await pilot.pause()
    await pilot.press("4", "down", "down", "down", "down", "down", "enter")  # Brightwater Labs, the offer
    await settle(pilot)


def test_an_application_with_its_history_pay_posting_and_people(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=open_an_application)


async def a_reply_that_moves_a_check_in(pilot) -> None:
    await pilot.pause()
    await pilot.press("i", *"Sam says the referral is in", "tab", *"4 Dec")
    await settle(pilot)


def test_a_reply_and_the_check_in_it_would_move(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=a_reply_that_moves_a_check_in)


async def a_contact_with_a_bad_email(pilot) -> None:
    await pilot.pause()
    await pilot.press("3", "n", *"Grace Hopper", "tab", "tab", *"Navy", "tab", *"grace@navy", "ctrl+s")
    await settle(pilot)


def test_contact_form_with_an_email_that_is_not_one(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=a_contact_with_a_bad_email)


async def open_insights(pilot) -> None:
    await pilot.pause()
    await pilot.press("4", "v")
    await settle(pilot)


def test_insights_view(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=open_insights)


async def compose_a_pushy_check_in(pilot) -> None:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    text = "Hi Sam,\n\nJust checking in: any update on the role?\n\nAlex"
    await pilot.press("f7", "backspace", *("enter" if c == "\n" else c for c in text))
    await settle(pilot)


def test_composer_with_a_pushiness_warning(snap_compare, demo_store: Store):
    demo_store.set_setting("me.name", "Alex Morgan")
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=compose_a_pushy_check_in)


async def open_settings(pilot) -> None:
    await pilot.pause()
    pilot.app.action_settings()
    await settle(pilot)


def test_settings_screen(snap_compare, demo_store: Store):
    assert snap_compare(FollowupApp(demo_store), terminal_size=SIZE, run_before=open_settings)


def test_welcome_on_the_first_run(snap_compare, store: Store):
    store.path = Path("/home/you/.local/share/followup-tui/journal.db")  # the temporary one changes every run
    assert snap_compare(FollowupApp(store, welcome=True), terminal_size=SIZE, run_before=settle)


SMALL = {"80x24": (80, 24), "60x20": (60, 20), "60x15": (60, 15)}
"""The smallest terminals every pane and the composer must stay usable in: columns narrow or
drop out, and whatever is cut short ends in an ellipsis."""


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"], ids=["timeline", "debriefs", "contacts", "pipeline", "week"])
@pytest.mark.parametrize("size", SMALL.values(), ids=SMALL.keys())
def test_each_pane_in_a_small_terminal(snap_compare, demo_store: Store, key: str, size: tuple[int, int]):
    assert snap_compare(FollowupApp(demo_store), press=[key], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SMALL.values(), ids=SMALL.keys())
def test_the_composer_in_a_small_terminal(snap_compare, demo_store: Store, size: tuple[int, int]):
    demo_store.set_setting("me.name", "Alex Morgan")
    assert snap_compare(FollowupApp(demo_store), terminal_size=size, run_before=compose_a_pushy_check_in)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_settings_in_a_small_terminal(snap_compare, demo_store: Store, size: tuple[int, int]):
    """Each description wraps indented under its name; the values' column narrows to fit."""
    assert snap_compare(FollowupApp(demo_store), terminal_size=size, run_before=open_settings)


async def open_an_application_at_its_follow_ups(pilot) -> None:
    await open_an_application(pilot)
    await pilot.press("end")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_an_applications_follow_ups_in_a_small_terminal(snap_compare, demo_store: Store, size: tuple[int, int]):
    """Where the date, kind and person leave the subject too little room, it goes under them, indented."""
    assert snap_compare(FollowupApp(demo_store), terminal_size=size, run_before=open_an_application_at_its_follow_ups)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_debrief_search_in_a_small_terminal(snap_compare, demo_store: Store, size: tuple[int, int]):
    """The results' columns narrow to the width; a sentence cut short ends in an ellipsis."""
    assert snap_compare(FollowupApp(demo_store), terminal_size=size, run_before=search_for_on_call)
