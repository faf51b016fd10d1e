"""Reminders that reach you when the app is closed: `followup notify`, run by a timer.

Each follow-up due today or late, and each interview starting within the next hours, becomes one
desktop notification — at most once a day per item, remembered in the journal. The desktop's
notification service is asked through `notify-send` (Linux) or `osascript` (macOS), each call
bounded in time; with no service, or one that fails or hangs, the same lines are printed instead,
and count as sent only when a person reads them (a terminal, not a timer's log).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import describe_due
from followup_tui.domain.kinds import Kind
from followup_tui.domain.story import stale_thank_you
from followup_tui.domain.text import one_line
from followup_tui.store import Store

SEND_TIMEOUT_SECONDS = 5.0
"""The longest one notification may take; a service slower than this is given up on."""
INTERVIEW_HOURS = 3
"""An interview starting within this many hours is a reminder."""


@dataclass(frozen=True)
class Reminder:
    key: str
    """What it is about ("followup-12", "interview-3"): sent once a day per key."""
    title: str
    body: str

    @property
    def line(self) -> str:
        return f"{self.title}: {self.body}"


def reminders_due(store: Store, now: datetime, hours: float = INTERVIEW_HOURS) -> list[Reminder]:
    """Every follow-up due today or late, then every interview within `hours`, soonest first."""
    today = local_day(now)
    found = []
    for entry in store.planned_followups_due(None, today, -1):
        followup = entry.followup
        who = f" to {entry.contact_name}" if entry.contact_name else ""
        title = f"{followup.kind.label.capitalize()}{who} — {describe_due(followup.due_on, today)}"
        about = followup.subject or followup.kind.label
        body = f"{entry.company}: {about}" if entry.company else about
        if followup.kind is Kind.THANK_YOU and followup.due_on < today and followup.opportunity_id is not None:
            planned = store.planned_followups_of_opportunity(followup.opportunity_id)
            if stale := stale_thank_you(followup, planned, today):  # the story's rule, as the Timeline says it
                body = f"{body} — {stale.told(today)}"
        found.append(Reminder(f"followup-{followup.id}", one_line(title), one_line(body)))
    for listing in reversed(store.interviews_from(now)):
        interview = listing.interview
        if interview.starts_at > now + timedelta(hours=hours):
            break
        starts = interview.starts_at.astimezone()  # the hour where the user is
        title = f"Interview at {starts:%H:%M} — {listing.company}"
        body = " · ".join(part for part in (interview.stage.label.capitalize(), interview.location) if part)
        found.append(Reminder(f"interview-{interview.id}", one_line(title), one_line(body)))
    return found


Send = Callable[[Reminder], bool]
"""Shows one reminder on the desktop; False when it could not (no service, a failure, too slow)."""


def desktop_sender() -> Send | None:
    """How this desktop is sent notifications, or None when it has no way this app knows."""
    if sys.platform == "darwin" and (osascript := shutil.which("osascript")):
        script = ["-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)"]
        return _command_sender(lambda r: [osascript, *script, "-e", "end run", r.title, r.body])
    if notify_send := shutil.which("notify-send"):
        # the body may be read as markup by the notification server: names are shown as text
        return _command_sender(lambda r: [notify_send, "--app-name=followup", "--", r.title, escape(r.body)])
    return None


def _command_sender(command: Callable[[Reminder], list[str]]) -> Send:
    def send(reminder: Reminder) -> bool:
        quiet = subprocess.DEVNULL
        try:  # a session of its own, so a helper it starts is stopped with it
            process = subprocess.Popen(
                command(reminder), stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True
            )
        except OSError:
            return False
        try:
            return process.wait(SEND_TIMEOUT_SECONDS) == 0
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return False

    return send


@dataclass(frozen=True)
class Notified:
    sent: list[Reminder]
    """Shown on the desktop."""
    printed: list[Reminder]
    """For the person to read where the command ran: no service, or it failed or hung."""
    already: int
    """Due, but sent earlier today (or being sent by another run right now)."""


def notify(
    store: Store,
    send: Send | None,
    *,
    dry_run: bool = False,
    hours: float = INTERVIEW_HOURS,
    printed_is_read: bool = False,
) -> Notified:
    """Send what is due and not yet sent today. Once the service fails or hangs, the rest are
    printed rather than waited on again.

    A reminder counts as sent when a notification service took it, or when it is printed where
    a person reads it (`printed_is_read`: a terminal) — not when printed into a timer's log, so
    the next run tries the desktop again. Each is claimed before it is sent, so two runs at once
    never send one twice; a claim that reached nobody is given back (also when the run stops)."""
    now = store.clock.now()
    today = local_day(now)
    due = reminders_due(store, now, hours)
    if dry_run:
        done_today = store.reminders_sent_on(today)
        fresh = [reminder for reminder in due if reminder.key not in done_today]
        return Notified([], fresh, len(due) - len(fresh))
    claimed = set(store.claim_reminders([reminder.key for reminder in due], today))
    mine = [reminder for reminder in due if reminder.key in claimed]
    sent: list[Reminder] = []
    printed: list[Reminder] = []
    try:
        for reminder in mine:
            if send is not None and send(reminder):
                sent.append(reminder)
            else:
                send = None
                printed.append(reminder)
    finally:
        kept = {reminder.key for reminder in sent}
        if printed_is_read:
            kept.update(reminder.key for reminder in printed)
        store.release_reminders([key for key in claimed if key not in kept], today)
    return Notified(sent, printed, len(due) - len(mine))


TIMER_NAME = "followup-notify"
TIMER_EVERY = "*:0/15"
"""Every quarter of an hour: soon enough for an interview in the next hours, and each item is
still sent once a day."""


SYNC_TIMER_NAME = "followup-sync"
"""`followup sync`'s timer, beside notify's, on the same quarter hours."""


def timer_units(
    command: list[str],
    name: str = TIMER_NAME,
    what: str = "followup: reminders of follow-ups due and interviews soon",
) -> dict[str, str]:
    """The systemd user service and timer that run `command` (this program's `notify`, or its
    `sync`) every quarter of an hour, by file name. ValueError for an argument a unit file
    cannot hold."""
    exec_start = " ".join(_unit_argument(part) for part in command)
    service = f"[Unit]\nDescription={what}\n\n[Service]\nType=oneshot\nExecStart={exec_start}\n"
    timer = (
        "[Unit]\n"
        f"Description=Run {name} every quarter of an hour\n\n"
        "[Timer]\n"
        f"OnCalendar={TIMER_EVERY}\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{name}.service": service, f"{name}.timer": timer}


def _unit_argument(text: str) -> str:
    """One argument of ExecStart, quoted as systemd reads it (% and $ are its own)."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise ValueError(f"{text!r} holds a control character; a unit file cannot run it")
    if any("\ud800" <= char <= "\udfff" for char in text):  # a byte that is not UTF-8, as Python reads it
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise ValueError(
            f"{shown} is not UTF-8 text, and a systemd unit file must be;"
            " rename it (or the folder) to run it from a timer"
        )
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{quoted}"'
