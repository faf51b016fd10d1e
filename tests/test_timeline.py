"""The Timeline from the keyboard, `followup due` / `followup add`, and the iCalendar export."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from textual.widgets import Input, OptionList, Select, Static

from followup_tui.cli import cli
from followup_tui.domain.clock import Clock
from followup_tui.domain.models import Direction, FollowupStatus, Kind
from followup_tui.services.followups import complete, timeline_page
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.confirm import ConfirmDialog
from followup_tui.ui.date_prompt import DatePrompt
from followup_tui.ui.followup_details import FollowupDetails
from followup_tui.ui.followup_form import FollowupFormDialog
from followup_tui.ui.reply_dialog import ReplyDialog
from followup_tui.ui.timeline_pane import TimelinePane

from .helpers import SIZE, followup_named


def highlighted(app) -> str:
    return app.screen.query_one("#timeline-list", OptionList).highlighted_option.prompt.plain


SAM = "Ask Sam whether the referral went through"  # the first overdue step of the demo


async def test_done_snooze_skip_and_undo_keep_the_list_in_place(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert SAM in highlighted(app)
        await pilot.press("d")
        await pilot.pause()
        sam = followup_named(demo_store, SAM)
        assert sam.status is FollowupStatus.DONE and sam.done_at is not None
        assert "Ask about the on-call rota" in highlighted(app), "the next one moved into its place"

        await pilot.press("u")
        await pilot.pause()
        assert followup_named(demo_store, SAM).status is FollowupStatus.PLANNED

        await pilot.press("s")  # snooze: a late step moves to the next business day after today
        await pilot.pause()
        assert followup_named(demo_store, SAM).due_on == date(2026, 11, 27)
        assert SAM in highlighted(app), "the snoozed step stays under the cursor"

        await pilot.press("x")
        await pilot.pause()
        assert followup_named(demo_store, SAM).status is FollowupStatus.SKIPPED
        await pilot.press("u")
        await pilot.pause()
        assert followup_named(demo_store, SAM).status is FollowupStatus.PLANNED


async def test_reschedule_reads_the_date_and_refuses_garbage(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        asked = str(app.screen.query_one("#confirm-question").render())
        assert asked == f"Move “{SAM}” from Mon 23 Nov to:", "it names the follow-up it moves, and from which day"
        await pilot.press(*"31/02", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt), "an unreadable date is never taken as today"
        assert "day is out of range" in str(app.screen.query_one("#date-preview").render())
        app.screen.query_one(Input).value = "next wed"
        await pilot.pause()
        assert str(app.screen.query_one("#date-preview").render()) == "→ Wed 2 Dec"
        await pilot.press("enter")
        await pilot.pause()
        assert followup_named(demo_store, SAM).due_on == date(2026, 12, 2)


def fernleafs_check_in(store: Store):
    """The demo's check-in at Fernleaf, overdue since Mon 23 Nov (the Timeline's first row)."""
    (found,) = (
        listing.followup
        for listing in store.list_followups()
        if listing.company == "Fernleaf Systems" and listing.followup.kind is Kind.CHECK_IN
    )
    return store.get_followup(found.id)


async def test_a_reply_records_what_was_said_and_when_they_decide_and_moves_the_premature_check_in(
    demo_store: Store,
):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check_in = fernleafs_check_in(demo_store)
        assert app.screen.query_one("#timeline-pane", TimelinePane).selected() == check_in.id
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReplyDialog)
        await pilot.press(*"Sam says the referral is in", "tab", *"4 Dec")
        await pilot.pause()
        moves = str(app.screen.query_one("#reply-moves", Static).render())
        assert "comes too soon now; it fits Tue 8 Dec" in moves
        await pilot.press("ctrl+s")
        await pilot.pause()
        [reply] = [
            f.followup
            for f in demo_store.list_followups()
            if f.company == "Fernleaf Systems" and f.followup.kind is Kind.REPLY_RECEIVED
        ]
        assert (reply.direction, reply.status, reply.due_on) == (
            Direction.INBOUND,
            FollowupStatus.DONE,
            date(2026, 11, 26),
        )
        assert (reply.subject, reply.decide_by) == ("Sam says the referral is in", date(2026, 12, 4))
        assert demo_store.get_followup(fernleafs_check_in(demo_store).id).due_on == date(2026, 12, 8)

        await pilot.press("u")
        await pilot.pause()
        assert not [
            f
            for f in demo_store.list_followups()
            if f.followup.kind is Kind.REPLY_RECEIVED and f.company == "Fernleaf Systems"
        ]
        assert demo_store.get_followup(fernleafs_check_in(demo_store).id) == check_in


async def test_a_reply_can_skip_the_premature_check_ins_or_leave_them(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#premature", Select).value = "skip"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.get_followup(fernleafs_check_in(demo_store).id).status is FollowupStatus.SKIPPED
        await pilot.press("u", "i")
        await pilot.pause()
        app.screen.query_one("#premature", Select).value = "keep"
        await pilot.press("enter")
        await pilot.pause()
        left = demo_store.get_followup(fernleafs_check_in(demo_store).id)
        assert (left.status, left.due_on) == (FollowupStatus.PLANNED, date(2026, 11, 23))


async def test_done_is_collapsed_until_asked_for(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#timeline-list", OptionList)
        assert "h shows them" in options.get_option("group-DONE").prompt.plain
        count = options.option_count
        await pilot.press("h")
        await pilot.pause()
        assert options.option_count == count + 16


async def test_a_new_follow_up_by_hand_and_the_guard_warning_on_it(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog)
        await pilot.press(*"Any news on the role?", "tab", *"Lumen Health", "tab", *"Kenji Watanabe")
        app.screen.query_one("#due", Input).value = "tomorrow"
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = followup_named(demo_store, "Any news on the role?")
        assert (added.kind, added.due_on) == (Kind.CHECK_IN, date(2026, 11, 27))
        row = highlighted(app)
        assert row.startswith("! ") and row.endswith("Any news on the role?"), "flagged in its own cell"
        explained = str(app.screen.query_one("#timeline-warning", Static).render())
        said = "1 business day after your thank-you planned for Thu 26 Nov — leave at least 5: Thu 3 Dec or later"
        assert said in explained
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDetails)
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert any("leave at least 5" in t for t in texts)


async def test_guard_warnings_appear_only_where_a_rule_is_broken(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [o.prompt.plain for o in app.screen.query_one("#timeline-list", OptionList).options if not o.disabled]
        warned = [row for row in rows if row.startswith("! ")]
        assert warned
        # the demo's own check-ins are spaced; only the Lumen question sent the day after the thank-yous is close
        assert all("Lumen Health" in row for row in warned)


def test_followup_due_lists_overdue_and_soon_in_date_order(db_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    lines = runner.invoke(cli, ["due", "--db", str(db_path), "--within", "1"]).output.splitlines()
    assert [line[:10] for line in lines] == sorted(line[:10] for line in lines)
    assert lines[0].startswith("2026-11-23  3 days late") and "Sam Ito" in lines[0]
    assert len(lines) == 7  # 3 overdue, 2 today, 2 tomorrow
    data = json.loads(runner.invoke(cli, ["due", "--db", str(db_path), "--json", "--within", "0"]).output)
    assert [item["overdue"] for item in data] == [True, True, True, False, False]


def test_followup_add_prints_the_date_it_understood_and_refuses_garbage(db_path: Path, clock):
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "add",
            "Send the portfolio link",
            "--due",
            "next fri",
            "--company",
            "Initech",
            "--new-company",
            "--contact",
            "Bill Lumbergh",
            "--db",
            str(db_path),
        ],
    )
    assert result.exit_code == 0
    assert "due Fri 4 Dec (read from 'next fri'): Send the portfolio link" in result.output
    for bad in ["13NOV2017", "1A2B", "31/02", "year 99999999", "0000-01-01", ""]:
        result = runner.invoke(
            cli, ["add", "x", "--due", bad, "--company", "Initech", "--new-company", "--db", str(db_path)]
        )
        assert result.exit_code == 2 and "Traceback" not in result.output, bad
    store = Store.open(db_path, clock)
    assert store.counts()["followups"] == 1
    assert store.list_followups()[0].contact_name == "Bill Lumbergh"
    store.close()


def test_the_ics_parses_back_and_a_second_export_keeps_every_uid(db_path: Path, tmp_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert runner.invoke(cli, ["export", "ics", "--db", str(db_path), "-o", str(first)]).exit_code == 0
    runner.invoke(
        cli, ["add", "One more", "--due", "tomorrow", "--company", "Initech", "--new-company", "--db", str(db_path)]
    )
    runner.invoke(cli, ["export", "ics", "--db", str(db_path), "-o", str(second)])
    events = lambda path: {e["UID"]: e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}  # noqa: E731
    planned = lambda found: [e for e in found.values() if e.get("STATUS") != "CONFIRMED"]  # noqa: E731
    before, after = events(first), events(second)
    assert len(planned(before)) == 13 and set(before) < set(after) and len(planned(after)) == 14
    sam = next(e for e in before.values() if "Ask Sam" in str(e["SUMMARY"]))
    assert sam["DTSTART"].dt == date(2026, 11, 23)

    # marked done: the next export keeps its UID and its day, as done, so a calendar updates it
    store = Store.open(db_path, Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
    sam_id = next(f.followup.id for f in store.list_followups() if "Ask Sam" in f.followup.subject)
    complete(store, sam_id)
    store.close()
    third = tmp_path / "c.ics"
    runner.invoke(cli, ["export", "ics", "--db", str(db_path), "-o", str(third)])
    done = events(third)[sam["UID"]]
    assert (done["STATUS"], done["SEQUENCE"], done["DTSTART"].dt) == ("CONFIRMED", 1, date(2026, 11, 23))
    assert str(done["SUMMARY"]).startswith("✓ ") and not done.walk("VALARM")

    other = tmp_path / "other.db"
    runner.invoke(cli, ["demo", "--db", str(other)])
    runner.invoke(cli, ["export", "ics", "--db", str(other), "-o", str(tmp_path / "d.ics")])
    assert not set(events(tmp_path / "d.ics")) & set(before), "two journals never share a UID"


async def test_only_groups_with_something_in_them_are_shown(store: Store):
    from followup_tui.services.followups import add_by_names

    add_by_names(store, "Send the link", store.clock.today(), "Initech")
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#timeline-list", OptionList).options
        headings = [o.prompt.plain.split()[0] for o in options if o.id and o.id.startswith("group-")]
        assert headings == ["Today"]


def test_a_narrow_timeline_gives_up_the_person_then_the_kind_never_the_subject():
    from followup_tui.ui.timeline_pane import SUBJECT, columns_for

    wide, eighty, sixty = columns_for(116), columns_for(76), columns_for(56)
    assert wide.person and wide.kind and wide.company
    assert not eighty.person and eighty.kind and eighty.company
    assert not sixty.person and not sixty.kind and sixty.company
    for width, layout in ((116, wide), (76, eighty), (56, sixty)):
        assert width - layout.fixed >= SUBJECT


async def test_a_message_to_someone_without_an_email_is_marked_and_p_opens_their_card(demo_store: Store):
    from followup_tui.ui.contact_card import ContactCard

    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ruth = followup_named(demo_store, "Thank you for your time yesterday")  # Ruth has no email yet
        app.screen.query_one("#timeline-pane", TimelinePane).select_followup(ruth.id)
        await pilot.pause()
        assert highlighted(app).startswith("@ ")
        line = str(app.screen.query_one("#timeline-warning", Static).render())
        assert line == "@ Ruth Abernathy has no email address yet — p opens their card to add one."
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ContactCard) and app.screen.contact_id == ruth.contact_id


async def test_c_on_a_note_opens_its_notes_not_a_message(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note = followup_named(demo_store, "Compare the offer: equity, on-call pay, start date")
        app.screen.query_one("#timeline-pane", TimelinePane).select_followup(note.id)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog)
        app.screen.query_one("#notes").text = "Equity: 0.1%, four years"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.get_followup(note.id).notes == "Equity: 0.1%, four years"


async def test_rescheduling_to_a_day_already_past_is_said_before_it_is_taken(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.screen.query_one("#timeline-pane", TimelinePane).selected()
        await pilot.press("r", *"yesterday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        assert "is in the past — enter again to use it" in str(app.screen.query_one("#date-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        assert demo_store.get_followup(first).due_on == date(2026, 11, 25)


async def test_a_due_day_on_a_weekend_says_so_and_ctrl_b_takes_the_next_business_day(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        due = app.screen.query_one("#due", Input)
        due.value = "sat"
        await pilot.pause()
        preview = str(app.screen.query_one("#due-preview").render())
        assert preview == "→ Sat 28 Nov — a Saturday; ctrl+b takes the next business day, Mon 30 Nov"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert str(app.screen.query_one("#due-preview").render()) == "→ Mon 30 Nov"
        due.value = "2 days ago"
        await pilot.press(*"Say hi", "tab", *"Lumen Health", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "that is in the past" in app.screen.question


def test_the_calendar_has_a_reminder_for_each_planned_follow_up_and_the_upcoming_interviews(demo_store: Store):
    from datetime import timedelta

    from followup_tui.domain.models import Interview, Stage
    from followup_tui.services.calendar import planned_ics
    from followup_tui.services.settings import change

    lumen = next(o.opportunity for o in demo_store.list_opportunities() if o.opportunity.company == "Lumen Health")
    onsite = datetime(2026, 12, 3, 14, tzinfo=timezone.utc)
    demo_store.add_interview(Interview(lumen.id, onsite, Stage.ONSITE, "onsite", "12 Harbour St, Chicago"), [])
    exported = planned_ics(demo_store)
    events = Calendar.from_ical(exported.text).walk("VEVENT")
    planned = [e for e in events if str(e["UID"]).startswith("followup-") and e.get("STATUS") != "CONFIRMED"]
    assert len(planned) == exported.planned and all(len(e.walk("VALARM")) == 1 for e in planned)
    assert planned[0].walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=9), "09:00 on the day, as it ships"
    [interview] = [e for e in events if str(e["UID"]).startswith("interview-")]
    assert (interview["DTSTART"].dt, str(interview["LOCATION"])) == (onsite, "12 Harbour St, Chicago")
    assert str(interview["SUMMARY"]) == "Interview: Lumen Health — onsite"

    change(demo_store, "calendar.alarm", "30")
    again = Calendar.from_ical(planned_ics(demo_store).text).walk("VEVENT")
    assert next(e for e in again if e.walk("VALARM")).walk("VALARM")[0]["TRIGGER"].dt == -timedelta(minutes=30)
    change(demo_store, "calendar.alarm", "")
    assert not any(e.walk("VALARM") for e in Calendar.from_ical(planned_ics(demo_store).text).walk("VEVENT"))
    with pytest.raises(ValueError, match="calendar.alarm takes a time of day"):
        change(demo_store, "calendar.alarm", "soonish")


@pytest.mark.parametrize("alarm", ["09:30", "00:00", "1", "10080"])
def test_the_calendar_reads_back_exactly_as_written_however_long_or_odd_the_text(demo_store: Store, alarm: str):
    from followup_tui.domain.dates import alarm_offset
    from followup_tui.services.calendar import planned_ics
    from followup_tui.services.followups import add_by_names
    from followup_tui.services.settings import change

    subject = "Ask about pay; equity, bonus \\ relocation — " + "ünïcødé ✓ " * 12
    add_by_names(demo_store, subject, date(2026, 12, 1), "Zeta, Omega & Co; Ltd")
    change(demo_store, "calendar.alarm", alarm)
    text = planned_ics(demo_store).text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "folded at 75 octets"
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    [event] = [e for e in Calendar.from_ical(text).walk("VEVENT") if "Ask about pay" in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]) == f"Check-in: {' '.join(subject.split())}"
    assert str(event["DESCRIPTION"]) == "Zeta, Omega & Co; Ltd"
    assert event.walk("VALARM")[0]["TRIGGER"].dt == alarm_offset(alarm)


def test_the_guard_judges_a_step_by_its_recent_history_however_long_the_whole_is(store: Store):
    from datetime import timedelta

    from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind, Opportunity
    from followup_tui.services.followups import GUARD_MEMORY_STEPS, pushy_flags, timeline_page, warnings_for

    acme = store.add_opportunity(Opportunity(company="Acme"))
    today = store.clock.today()
    old = store.clock.now() - timedelta(days=400)
    with store.transaction():  # years of notes behind it, then two check-ins nobody answered
        for n in range(GUARD_MEMORY_STEPS + 100):
            done_at = old + timedelta(hours=n)
            store.add_followup(
                Followup(acme.id, Kind.NOTE, done_at.date(), status=FollowupStatus.DONE, done_at=done_at)
            )
        for days_ago in (30, 15):
            done_at = store.clock.now() - timedelta(days=days_ago)
            store.add_followup(
                Followup(
                    acme.id, Kind.CHECK_IN, done_at.date(), Direction.OUTBOUND, FollowupStatus.DONE, done_at=done_at
                )
            )
    third = store.add_followup(Followup(acme.id, Kind.CHECK_IN, today + timedelta(days=7)))
    judged = store.followups_for_guard({acme.id}, today - timedelta(days=365), GUARD_MEMORY_STEPS)
    assert len(judged) <= GUARD_MEMORY_STEPS + 1, "what it reads is bounded"
    assert any("2 check-ins unanswered" in w for w in warnings_for(store, third))
    flags = pushy_flags(store, timeline_page(store, show_done=False).entries)
    assert "unanswered" in flags[third.id]
    assert store.count_closed_followups(most=50) == 50, "a heading counts no further than it shows"
    assert store.count_closed_followups() == GUARD_MEMORY_STEPS + 102


def test_a_first_glance_reads_a_screenful_with_the_counts_of_the_full_page(demo_store: Store):
    """The first frame reads only the rows it can show; its headings say what the full page says."""
    full = timeline_page(demo_store, show_done=False)
    glance = timeline_page(demo_store, show_done=False, reading=5)
    shown = sum(1 + len(group.entries) for group in glance.groups)
    assert 5 <= shown < sum(1 + len(group.entries) for group in full.groups)
    assert len(glance.groups) < len(full.groups)
    for seen, whole in zip(glance.groups, full.groups, strict=False):
        assert (seen.group, seen.total, seen.more) == (whole.group, whole.total, whole.more)
        assert seen.entries == whole.entries[: len(seen.entries)]
    assert glance.closed_count == full.closed_count


async def test_a_reply_to_a_check_in_still_planned_asks_whether_it_went_out(demo_store: Store):
    from textual.widgets import Checkbox, Static

    sam = next(e.followup for e in demo_store.list_followups() if e.contact_name == "Sam Ito")
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        moves = app.screen.query_one("#reply-moves", Static)
        assert "comes too soon now" in str(moves.render()), "unsent, it moves"
        app.screen.query_one("#sent-first", Checkbox).value = True
        await pilot.pause()
        assert not moves.display, "sent, it is done, not moved"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert demo_store.get_followup(sam.id).status is FollowupStatus.DONE
