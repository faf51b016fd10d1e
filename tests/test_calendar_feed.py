"""The calendar feed: a file the app and the command line keep current after every change, so a
calendar subscribed to it (or a synced folder) shows what is planned without an export by hand."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from followup_tui.cli import cli
from followup_tui.services.calendar_feed import FeedError, write_feed
from followup_tui.services.portable import export_json
from followup_tui.services.settings import change
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp

from .helpers import SIZE


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--db", str(db)])


def summaries(feed: Path) -> list[str]:
    calendar = Calendar.from_ical(feed.read_bytes())
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


@pytest.fixture
def journal_with_feed(db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    feed = tmp_path / "calendars" / "followup.ics"
    feed.parent.mkdir()
    assert run(db_path, "demo").exit_code == 0
    assert run(db_path, "settings", "calendar.feed", str(feed)).exit_code == 0
    return db_path, feed


def test_setting_the_feed_writes_it_private_and_every_cli_change_rewrites_it(journal_with_feed):
    db, feed = journal_with_feed
    assert stat.S_IMODE(feed.stat().st_mode) == 0o600
    assert not any("Update the CV" in s for s in summaries(feed))
    added = run(db, "add", "Update the CV", "--due", "mon", "--kind", "note")
    assert added.exit_code == 0 and "Note:" not in added.stderr
    assert "Note: Update the CV" in summaries(feed)
    assert [p.name for p in feed.parent.iterdir()] == ["followup.ics"], "no temporary file left beside it"


def test_a_command_that_changes_nothing_leaves_the_feed_alone(journal_with_feed):
    db, feed = journal_with_feed
    feed.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    assert run(db, "due").exit_code == 0
    assert run(db, "list", "followups").exit_code == 0
    assert feed.read_text() == "BEGIN:VCALENDAR\nEND:VCALENDAR\n"


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("missing/followup.ics", "does not exist"),
        ("a-folder", "is a folder"),
        ("notes.txt", "holds something other than a calendar"),
    ],
)
def test_a_feed_that_cannot_be_written_is_refused_with_one_line(db_path: Path, tmp_path: Path, where: str, says: str):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "notes.txt").write_text("my notes, not to be replaced")
    refused = run(db_path, "settings", "calendar.feed", str(tmp_path / where))
    assert refused.exit_code != 0 and says in refused.output and "Traceback" not in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    assert (tmp_path / "notes.txt").read_text() == "my notes, not to be replaced"


def test_a_feed_that_becomes_unwritable_is_said_once_and_the_change_is_saved(journal_with_feed):
    db, feed = journal_with_feed
    shutil.rmtree(feed.parent)
    added = run(db, "add", "Call Ann", "--due", "mon", "--company", "Initech", "--new-company")
    assert added.exit_code == 0
    assert added.stderr.count("could not be written") == 1 and "Traceback" not in added.stderr
    assert "Call Ann" in run(db, "list", "followups").stdout


def test_export_ics_feed_writes_it_now_and_says_where(journal_with_feed, db_path: Path):
    db, feed = journal_with_feed
    feed.unlink()
    written = run(db, "export", "ics", "--feed")
    assert written.exit_code == 0 and str(feed) in written.stdout and feed.exists()
    other = db_path.with_name("other.db")
    unset = run(other, "export", "ics", "--feed")
    assert unset.exit_code == 1 and "followup settings calendar.feed FILE" in unset.output


def test_a_journal_file_cannot_choose_where_the_app_writes(journal_with_feed, clock, tmp_path: Path):
    db, feed = journal_with_feed
    store = Store.open(db, clock)
    document = json.loads(export_json(store))
    store.close()
    assert not [row for row in document["tables"]["settings"] if row["key"] == "calendar.feed"], "left out"
    document["tables"]["settings"].append({"key": "calendar.feed", "value": json.dumps(str(tmp_path / "x.ics"))})
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document))
    refused = run(tmp_path / "new.db", "import", "json", str(hostile))
    assert refused.exit_code == 1 and "'calendar.feed' names a file on the machine that set it" in refused.output


def test_write_feed_says_in_one_line_when_it_cannot(demo_store: Store, tmp_path: Path):
    with pytest.raises(FeedError, match="no calendar feed is set"):
        write_feed(demo_store)
    with pytest.raises(FeedError, match="could not be written"):
        write_feed(demo_store, tmp_path / "gone" / "feed.ics")


async def test_an_action_in_the_app_rewrites_the_feed_in_the_background(demo_store: Store, tmp_path: Path):
    feed = tmp_path / "followup.ics"
    change(demo_store, "calendar.feed", str(feed))
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = len(summaries(feed)) if feed.exists() else 0
        await pilot.press("d")  # the first follow-up done: it leaves the planned ones
        await pilot.pause()
        app.feed.finish()
        calendar = Calendar.from_ical(feed.read_bytes())
        done = [e for e in calendar.walk("VEVENT") if str(e.get("status", "")) == "CONFIRMED"]
        assert feed.exists() and len(summaries(feed)) >= before and done, "the done one stays, as done"

        (tmp_path / "later").mkdir()
        change(demo_store, "calendar.feed", str(tmp_path / "later" / "followup.ics"))
        shutil.rmtree(tmp_path / "later")  # the synced folder went away
        for key in ("u", "d"):  # two changes, one warning
            await pilot.press(key)
            await pilot.pause()
            app.feed.finish()
            await pilot.pause()
        warnings = [n for n in app._notifications if n.title == "Calendar feed"]
        assert len(warnings) == 1 and "Your change is saved" in warnings[0].message


# -- a calendar that is not this journal's -------------------------------------------------------

PERSONAL = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
    "BEGIN:VEVENT\r\nUID:dentist-1\r\nDTSTAMP:20261101T090000Z\r\nDTSTART;VALUE=DATE:20261203\r\n"
    "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
"""The user's own calendar, as Thunderbird writes it."""


def test_the_users_own_calendar_is_refused_as_the_feed_and_kept_as_it_is(db_path: Path, tmp_path: Path):
    personal = tmp_path / "personal.ics"
    personal.write_bytes(PERSONAL.encode())
    refused = run(db_path, "settings", "calendar.feed", str(personal))
    assert refused.exit_code == 1 and len(refused.output.strip().splitlines()) == 1
    assert f"{personal} is a calendar another program wrote" in refused.output and "name a new file" in refused.output
    assert personal.read_bytes() == PERSONAL.encode()
    assert run(db_path, "settings", "calendar.feed").stdout.count("(not set)") == 1


def test_another_journals_feed_is_refused_and_this_journals_own_taken_again(db_path: Path, tmp_path: Path):
    theirs, mine = tmp_path / "theirs.ics", tmp_path / "mine.ics"
    other = tmp_path / "other.db"
    assert run(other, "demo").exit_code == 0 and run(other, "settings", "calendar.feed", str(theirs)).exit_code == 0
    assert run(db_path, "demo").exit_code == 0
    refused = run(db_path, "settings", "calendar.feed", str(theirs))
    assert refused.exit_code == 1 and "is a calendar another journal wrote" in refused.output
    assert run(db_path, "settings", "calendar.feed", str(mine)).exit_code == 0
    assert run(db_path, "settings", "calendar.feed", "").exit_code == 0
    assert run(db_path, "settings", "calendar.feed", str(mine)).exit_code == 0, "its own feed, named again"


@pytest.mark.parametrize("start", ["", None], ids=["empty file", "no file"])
def test_a_new_or_empty_file_may_be_the_feed(db_path: Path, tmp_path: Path, start: str | None):
    feed = tmp_path / "followup.ics"
    if start is not None:
        feed.write_text(start)
    assert run(db_path, "settings", "calendar.feed", str(feed)).exit_code == 0
    assert run(db_path, "export", "ics", "--feed").exit_code == 0 and summaries(feed) == []


def test_a_link_is_refused_as_the_feed(db_path: Path, tmp_path: Path):
    (tmp_path / "real.ics").write_text("")
    (tmp_path / "link.ics").symlink_to(tmp_path / "real.ics")
    refused = run(db_path, "settings", "calendar.feed", str(tmp_path / "link.ics"))
    assert refused.exit_code == 1 and "is a link" in refused.output


def test_a_feed_replaced_by_the_users_calendar_is_left_as_it_is_and_said_once(journal_with_feed):
    db, feed = journal_with_feed
    feed.write_bytes(PERSONAL.encode())  # the user saved their own calendar over it
    added = run(db, "add", "Call Ann", "--due", "mon", "--company", "Initech", "--new-company")
    assert added.exit_code == 0 and "Call Ann" in run(db, "list", "followups").stdout, "the change is saved"
    assert added.stderr.count("calendar feed") == 1, "said once"
    assert f"the calendar feed {feed} is a calendar another program wrote; left as it is" in added.stderr
    assert feed.read_bytes() == PERSONAL.encode()
    now = run(db, "export", "ics", "--feed")
    assert now.exit_code == 1 and "left as it is" in now.output and feed.read_bytes() == PERSONAL.encode()


async def test_the_app_leaves_a_replaced_feed_alone_and_says_so_once(demo_store: Store, tmp_path: Path):
    feed = tmp_path / "followup.ics"
    change(demo_store, "calendar.feed", str(feed))
    feed.write_bytes(PERSONAL.encode())
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("d", "u"):
            await pilot.press(key)
            await pilot.pause()
            app.feed.finish()
            await pilot.pause()
        warnings = [n for n in app._notifications if n.title == "Calendar feed"]
        assert len(warnings) == 1 and "left as it is" in warnings[0].message
    assert feed.read_bytes() == PERSONAL.encode()


def test_a_feed_written_before_feeds_named_their_journal_is_still_ours(journal_with_feed):
    db, feed = journal_with_feed
    text = feed.read_bytes().decode()
    older = re.sub(r"PRODID:[^\r\n]*(\r\n [^\r\n]*)*", "PRODID:-//followup-tui//follow-ups//EN", text, count=1)
    assert older != text
    feed.write_bytes(older.encode())
    added = run(db, "add", "Update the CV", "--due", "mon", "--kind", "note")
    assert added.exit_code == 0 and "Note:" not in added.stderr
    assert "Note: Update the CV" in summaries(feed)
    journal = re.search(r"UID:followup-\d+-([0-9a-f]{32})@", older)[1]
    borrowed = older.replace(f"-{journal}@", f"-{'0' * 32}@", 1)  # one event of another journal's
    feed.write_bytes(borrowed.encode())
    assert "left as it is" in run(db, "add", "Call Bo", "--due", "mon", "--kind", "note").stderr


def test_a_feed_write_cut_short_leaves_no_temporary_file_behind_the_next(journal_with_feed):
    db, feed = journal_with_feed
    cut = feed.parent / f".{feed.name}.a1b2c3d4.tmp"
    cut.write_bytes(feed.read_bytes()[:300])
    theirs = feed.parent / f".{feed.name}.zzzzzzzz.tmp"
    theirs.write_bytes(PERSONAL.encode())
    an_hour_ago = time.time() - 3600
    for left in (cut, theirs):
        os.utime(left, (an_hour_ago, an_hour_ago))
    under_way = feed.parent / f".{feed.name}.b2c3d4e5.tmp"  # another copy's rewrite, still going
    under_way.write_bytes(feed.read_bytes()[:300])
    assert run(db, "add", "Update the CV", "--due", "mon", "--kind", "note").exit_code == 0
    assert not cut.exists() and theirs.exists() and under_way.exists()


# What real calendar programs show: khal (through a vdir it imports into) and calcurse (its own
# data folder) read the exported file; a planned follow-up is open with its alarm, a done one
# stays on its day as done, a skipped one is gone.


@pytest.fixture
def three_follow_ups(store: Store, tmp_path: Path) -> Path:
    """A planned check-in, a thank-you sent, a question skipped and a note done, exported."""
    from datetime import date

    from followup_tui.domain.kinds import Kind
    from followup_tui.services.followups import add_by_names, complete, skip

    def added(subject: str, day: int, kind: Kind, person: str = "Dan Ortiz") -> int:
        return add_by_names(store, subject, date(2026, 11, day), "Larkspur Health", person, kind)[1].id

    added("Checking in with Larkspur Health", 30, Kind.CHECK_IN)
    complete(store, added("Thank you, Dan", 27, Kind.THANK_YOU))
    skip(store, added("Ask about the team", 27, Kind.QUESTION))
    complete(store, added("Update the CV", 27, Kind.NOTE, person=""))
    exported = tmp_path / "followups.ics"
    assert run(store.path, "export", "ics", "-o", str(exported)).exit_code == 0
    return exported


SHOWN = {
    "2026-11-27": ["✓ Done: Update the CV", "✓ Sent: Thank you, Dan — Dan Ortiz"],
    "2026-11-30": ["Check-in: Checking in with Larkspur Health — Dan Ortiz"],
}


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {name})")
    return found


def khal_shows(exported: Path, tmp_path: Path) -> list[str]:
    """Each event khal lists after importing `exported` (into the calendar of any import before),
    as `day [CANCELLED ]title[ ⏰]`."""
    import subprocess

    khal, folder = program("khal"), tmp_path / "khal-calendar"
    folder.mkdir(exist_ok=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[journal]]\npath = {folder}\ntype = calendar\n"
        "[locale]\nlocal_timezone = UTC\ndefault_timezone = UTC\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
    )
    base = [khal, "-c", str(config)]
    subprocess.run([*base, "import", "--batch", str(exported)], check=True, capture_output=True, timeout=30)
    shown = ["--format", "{start-date} {cancelled}{title}{alarm-symbol}", "--day-format", ""]
    listed = subprocess.run(
        [*base, "list", *shown, "2026-11-20", "30d"], check=True, capture_output=True, text=True, timeout=30
    )
    return [line.rstrip() for line in listed.stdout.splitlines() if line.strip()]


def calcurse_shows(exported: Path, tmp_path: Path) -> dict[str, list[str]]:
    """The items calcurse lists by day after importing `exported`."""
    import subprocess

    calcurse, folder = program("calcurse"), tmp_path / "calcurse"
    folder.mkdir()
    imported = subprocess.run(
        [calcurse, "-q", "-D", str(folder), "-i", str(exported)], capture_output=True, text=True, timeout=30
    )
    assert imported.returncode == 0, imported.stderr
    dates = ["--input-datefmt", "4", "--output-datefmt", "%F"]  # yyyy-mm-dd in and out
    query = ["-Q", "--from", "2026-11-20", "--days", "30", "--format-event", " - %m\\n"]
    listed = subprocess.run(
        [calcurse, "-D", str(folder), "--read-only", *dates, *query],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    days: dict[str, list[str]] = {}
    for line in listed.stdout.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            day = days.setdefault(line.rstrip(":"), [])
        elif line.startswith(" - "):
            day.append(line[3:])
    return {day: sorted(items) for day, items in days.items()}


@pytest.mark.slow
def test_khal_shows_a_planned_follow_up_with_its_alarm_a_done_one_as_done_and_no_skipped_one(
    three_follow_ups: Path, tmp_path: Path
):
    shown = khal_shows(three_follow_ups, tmp_path)
    assert sorted(shown) == sorted(
        [*(f"2026-11-27 {title}" for title in SHOWN["2026-11-27"]), f"2026-11-30 {SHOWN['2026-11-30'][0]} ⏰"]
    ), shown
    assert not any("CANCELLED" in line or "Ask about the team" in line for line in shown)


@pytest.mark.slow
def test_calcurse_shows_a_done_follow_up_as_done_on_its_day_and_no_skipped_one(three_follow_ups: Path, tmp_path: Path):
    assert calcurse_shows(three_follow_ups, tmp_path) == SHOWN


@pytest.mark.slow
def test_khal_importing_the_export_again_takes_what_was_done_since(store: Store, three_follow_ups: Path, tmp_path):
    from followup_tui.services.followups import complete

    planned = "2026-11-30 Check-in: Checking in with Larkspur Health — Dan Ortiz ⏰"
    assert planned in khal_shows(three_follow_ups, tmp_path)
    check_in = next(e.followup for e in store.planned_followups_due(None, None, 5))
    complete(store, check_in.id)
    again = tmp_path / "again.ics"
    assert run(store.path, "export", "ics", "-o", str(again)).exit_code == 0
    shown = khal_shows(again, tmp_path)  # into the same calendar: the same UID, updated in place
    assert "2026-11-30 ✓ Sent: Checking in with Larkspur Health — Dan Ortiz" in shown
    assert len(shown) == 3 and not any("⏰" in line for line in shown)
