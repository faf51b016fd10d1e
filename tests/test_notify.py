"""`followup notify`: what is due today and interviews soon reach the desktop once a day, even
with the app closed — printed instead where no notification service answers."""

from __future__ import annotations

import os
import stat
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.models import Interview, Stage
from followup_tui.services import reminders
from followup_tui.services.followups import add_by_names
from followup_tui.store import Store

DUE_TODAY_OR_LATE = 5  # in the sample journal, on its fixed day


@pytest.fixture
def journal(db_path: Path) -> Path:
    assert CliRunner().invoke(cli, ["demo", "--db", str(db_path)]).exit_code == 0
    return db_path


@pytest.fixture
def no_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A desktop with no notification service (no notify-send on the PATH)."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def fake_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """A `notify-send` on the PATH that runs `script`, with what it was given in $LOG."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "sent.log"
    fake = folder / "notify-send"
    fake.write_text(f'#!/bin/sh\nLOG="{log}"\n{script}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


def notify(db: Path, *args: str):
    return CliRunner().invoke(cli, ["notify", *args, "--db", str(db)])


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`notify` run by hand: what it prints is read by a person."""
    monkeypatch.setattr("followup_tui.cli.reminders.printed_is_read", lambda: True)


def test_with_no_service_each_item_printed_to_a_terminal_counts_once_a_day(journal: Path, no_service, at_a_terminal):
    first = notify(journal)
    assert first.exit_code == 0
    lines = first.stdout.splitlines()
    assert len(lines) == DUE_TODAY_OR_LATE
    assert "Check-in to Sam Ito — 3 days late: Fernleaf Systems: Ask Sam whether the referral went through" in lines
    assert "printed here instead" in first.stderr
    again = notify(journal)
    assert again.exit_code == 0 and again.stdout == "", "each item once a day"


def test_printed_into_a_timers_log_does_not_count_as_sent(journal: Path, no_service):
    first = notify(journal)  # stdout is not a terminal: a timer's log, a pipe
    assert first.exit_code == 0 and len(first.stdout.splitlines()) == DUE_TODAY_OR_LATE
    assert "the next run tries the desktop again" in first.stderr
    again = notify(journal)
    assert again.stdout == first.stdout, "nobody read it: the next run tries again"


def test_a_dry_run_shows_what_would_go_and_remembers_nothing(journal: Path, no_service, at_a_terminal):
    dry = notify(journal, "--dry-run")
    assert dry.exit_code == 0 and dry.stdout.startswith(f"Would send {DUE_TODAY_OR_LATE}:")
    assert len(notify(journal).stdout.splitlines()) == DUE_TODAY_OR_LATE, "the dry run kept nothing back"
    assert notify(journal, "--dry-run").stdout == f"Nothing to send ({DUE_TODAY_OR_LATE} sent earlier today).\n"


class FakeDesktop:
    """A notification service that is not up yet (as at login) until `up` is set, and slow to
    answer when asked to be: what it showed is in `shown`, in order."""

    def __init__(self, *, up: bool = True, seconds: float = 0.0):
        self.up, self.seconds = up, seconds
        self.shown: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, reminder: reminders.Reminder) -> bool:
        time.sleep(self.seconds)
        if self.up:
            with self.lock:
                self.shown.append(reminder.key)
        return self.up


def test_a_reminder_the_service_could_not_take_is_sent_by_the_next_run(journal: Path, clock):
    desktop = FakeDesktop(up=False)
    store = Store.open(journal, clock)
    try:
        at_login = reminders.notify(store, desktop)
        assert len(at_login.printed) == DUE_TODAY_OR_LATE and not at_login.sent and desktop.shown == []
        desktop.up = True
        later = reminders.notify(store, desktop)
        assert [r.key for r in later.sent] == [r.key for r in at_login.printed], "all of it, later that day"
        assert later.already == 0
        assert not reminders.notify(store, desktop).sent and len(desktop.shown) == DUE_TODAY_OR_LATE, "then once"
    finally:
        store.close()


def test_two_runs_at_the_same_moment_send_each_reminder_once(journal: Path, clock):
    desktop = FakeDesktop(seconds=0.05)  # slow enough that the second run starts while the first sends
    start = threading.Barrier(2)
    results: list[reminders.Notified] = []

    def run() -> None:
        store = Store.open(journal, clock)
        try:
            start.wait()
            results.append(reminders.notify(store, desktop))
        finally:
            store.close()

    runs = [threading.Thread(target=run) for _ in range(2)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(30)
    assert len(results) == 2
    assert len(desktop.shown) == DUE_TODAY_OR_LATE and len(set(desktop.shown)) == DUE_TODAY_OR_LATE
    assert sorted(len(r.sent) for r in results) == [0, DUE_TODAY_OR_LATE]
    assert sorted(r.already for r in results) == [0, DUE_TODAY_OR_LATE], "the other run says they went"


def test_a_run_stopped_while_sending_gives_back_what_it_had_not_sent(journal: Path, clock):
    calls = []

    def stopped_on_the_second(reminder: reminders.Reminder) -> bool:
        calls.append(reminder.key)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return True

    store = Store.open(journal, clock)
    try:
        with pytest.raises(KeyboardInterrupt):
            reminders.notify(store, stopped_on_the_second)
        desktop = FakeDesktop()
        assert len(reminders.notify(store, desktop).sent) == DUE_TODAY_OR_LATE - 1
        assert calls[0] not in desktop.shown and calls[1] in desktop.shown
    finally:
        store.close()


@pytest.mark.slow
def test_a_notification_service_is_sent_each_item_with_names_shown_as_text(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock
):
    log = fake_service(tmp_path, monkeypatch, 'printf "%s|" "$@" >> "$LOG"; echo >> "$LOG"')
    store = Store.open(journal, clock)
    add_by_names(store, "<b>Bold</b> & <a href='x'>link</a>", clock.today(), "Initech")
    store.close()
    sent = notify(journal)
    assert sent.exit_code == 0 and sent.stdout == f"Sent {DUE_TODAY_OR_LATE + 1} notifications.\n"
    calls = log.read_text().splitlines()
    assert len(calls) == DUE_TODAY_OR_LATE + 1
    assert calls[0].startswith("--app-name=followup|--|Check-in to Sam Ito — 3 days late|")
    assert any("Initech: &lt;b&gt;Bold&lt;/b&gt; &amp; &lt;a href=&#x27;x&#x27;&gt;link&lt;/a&gt;" in c for c in calls)
    assert notify(journal).stdout == "" and len(log.read_text().splitlines()) == DUE_TODAY_OR_LATE + 1


@pytest.mark.slow
def test_at_login_before_the_service_is_up_the_timer_prints_and_a_later_run_sends(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    up = tmp_path / "service-is-up"
    log = fake_service(tmp_path, monkeypatch, f'[ -e "{up}" ] || exit 1; echo "$3" >> "$LOG"')
    at_login = notify(journal)
    assert at_login.exit_code == 0 and len(at_login.stdout.splitlines()) == DUE_TODAY_OR_LATE
    assert not log.exists()
    up.touch()
    later = notify(journal)
    assert later.stdout == f"Sent {DUE_TODAY_OR_LATE} notifications.\n"
    assert len(log.read_text().splitlines()) == DUE_TODAY_OR_LATE
    assert notify(journal).stdout == "", "and once a day from then on"


@pytest.mark.slow
def test_a_service_that_hangs_is_given_up_on_and_the_rest_printed(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    log = fake_service(tmp_path, monkeypatch, 'echo called >> "$LOG"; sleep 30')
    monkeypatch.setattr(reminders, "SEND_TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    hung = notify(journal)
    assert time.monotonic() - started < 20, "bounded: not waiting on the service for every item"
    assert hung.exit_code == 0 and len(hung.stdout.splitlines()) == DUE_TODAY_OR_LATE
    assert log.read_text().splitlines() == ["called"], "asked once, then printed"


def test_an_interview_within_the_next_hours_is_a_reminder(journal: Path, clock, no_service):
    store = Store.open(journal, clock)
    lumen = next(o.opportunity for o in store.list_opportunities() if o.opportunity.company == "Lumen Health")
    soon = clock.now() + timedelta(hours=2)
    store.add_interview(Interview(lumen.id, soon, Stage.ONSITE, "onsite", "12 Harbour St"), [])
    store.add_interview(Interview(lumen.id, clock.now() + timedelta(hours=5), Stage.FINAL), [])
    store.close()
    lines = notify(journal).stdout.splitlines()
    assert "Interview at 11:00 — Lumen Health: Onsite · 12 Harbour St" in lines
    assert not any("Final" in line for line in lines), "five hours away is not yet"
    assert any("Final" in line for line in notify(journal, "--hours", "6").stdout.splitlines())


def test_install_timer_asks_then_writes_a_user_timer_that_runs_notify(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    units = tmp_path / "config" / "systemd" / "user"
    declined = CliRunner().invoke(cli, ["notify", "--install-timer", "--db", str(journal)], input="n\n")
    assert declined.exit_code == 0 and "Nothing written" in declined.stderr and not units.exists()
    written = CliRunner().invoke(cli, ["notify", "--install-timer", "--db", str(journal)], input="y\n")
    assert written.exit_code == 0, written.output
    service = (units / "followup-notify.service").read_text()
    assert f'"--db" "{journal}" "notify"' in service and "Type=oneshot" in service
    assert "OnCalendar=*:0/15" in (units / "followup-notify.timer").read_text()
    assert "systemctl --user enable --now followup-notify.timer" in written.stdout
    assert "[Service]" in written.stdout, "it prints what it wrote"


def test_a_unit_file_quotes_what_systemd_would_read_as_its_own():
    units = reminders.timer_units(["/opt/my apps/python", "--db", '/home/a/100% "job" $search.db', "notify"])
    assert (
        'ExecStart="/opt/my apps/python" "--db" "/home/a/100%% \\"job\\" $$search.db" "notify"'
        in units["followup-notify.service"]
    )
    with pytest.raises(ValueError, match="control character"):
        reminders.timer_units(["/tmp/a\nExecStartPre=/bin/rm"])


def test_reminders_due_lists_late_and_today_only(demo_store: Store):
    now = datetime(2026, 11, 26, 9, tzinfo=timezone.utc)
    found = reminders.reminders_due(demo_store, now)
    assert len(found) == DUE_TODAY_OR_LATE and all(r.key.startswith("followup-") for r in found)
    assert not any("tomorrow" in r.title for r in found)


@pytest.mark.slow
def test_a_run_the_timer_stops_gives_back_what_it_had_not_sent(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """systemd stops a unit with SIGTERM: what that run had not sent yet goes out with the next."""
    import signal
    import subprocess
    import sys

    slow = tmp_path / "slow"
    slow.touch()
    log = fake_service(tmp_path, monkeypatch, f'echo "$3" >> "$LOG"; [ -e "{slow}" ] && sleep 30; exit 0')
    stopped = subprocess.Popen(
        [sys.executable, "-m", "followup_tui", "notify", "--db", str(journal)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    deadline = time.monotonic() + 20
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    stopped.send_signal(signal.SIGTERM)  # while it waits on the first notification
    stopped.communicate(timeout=20)
    slow.unlink()
    later = notify(journal)
    assert later.exit_code == 0, later.output
    # the one it was sending when stopped was never confirmed, so it goes again with the rest
    assert later.stdout == f"Sent {DUE_TODAY_OR_LATE} notifications.\n", later.stdout
