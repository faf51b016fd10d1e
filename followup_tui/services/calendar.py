"""Planned follow-ups as an iCalendar file: all-day events with stable UIDs.

A follow-up keeps its UID across exports, so importing the file again updates the calendar's
entries instead of adding copies; UIDs carry the journal's own id, so two journals never collide
in one calendar. A follow-up done or skipped in the last WITHDRAWN_DAYS stays in the file as
cancelled, so a calendar that imported it withdraws it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from icalendar import Alarm, Calendar, Event

from followup_tui.domain.text import without_controls
from followup_tui.store import Store

from .settings import setting

UID_DOMAIN = "followup-tui"
JOURNAL_ID = "journal.id"
"""The setting that holds the journal's own id, made once, for UIDs no other journal uses."""
WITHDRAWN_DAYS = 60
INTERVIEW_LENGTH = timedelta(hours=1)


def journal_id(store: Store) -> str:
    """The journal's own id (32 hex digits), made and kept the first time it is asked for."""
    found = store.get_setting(JOURNAL_ID)
    if isinstance(found, str) and re.fullmatch(r"[0-9a-f]{32}", found):
        return found
    made = uuid.uuid4().hex
    store.set_setting(JOURNAL_ID, made)
    return made


@dataclass(frozen=True)
class IcsExport:
    text: str
    planned: int
    withdrawn: int
    """Done or skipped lately: in the file as cancelled, for calendars to withdraw."""
    interviews: int = 0
    """Upcoming interviews, as events with their place."""


def planned_ics(store: Store) -> IcsExport:
    """The iCalendar text, with how many planned and withdrawn follow-ups it holds. iCalendar
    text may not hold control characters (RFC 5545, 3.3.11), so they are left out; a description
    keeps its line breaks."""
    planned = withdrawn = interviews = 0
    calendar = Calendar()
    calendar.add("prodid", "-//followup-tui//follow-ups//EN")
    calendar.add("version", "2.0")
    stamp = store.clock.now()
    since = stamp - timedelta(days=WITHDRAWN_DAYS)
    journal = journal_id(store)
    alarm = alarm_offset(str(setting(store, "calendar.alarm")))
    for listing in store.list_interviews():  # the upcoming interviews, where and when
        interview = listing.interview
        if interview.starts_at < stamp:
            continue
        event = Event()
        event.add("uid", f"interview-{interview.id}-{journal}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", interview.starts_at)
        event.add("dtend", interview.starts_at + INTERVIEW_LENGTH)
        summary = f"Interview: {listing.company} — {interview.stage.label}"
        event.add("summary", " ".join(without_controls(summary).split()))
        if interview.location:
            event.add("location", " ".join(without_controls(interview.location).split()))
        event.add("description", without_controls(f"{listing.role} {interview.format}".strip(), keep="\n"))
        calendar.add_component(event)
        interviews += 1
    for entry in store.list_followups():
        followup = entry.followup
        closed = followup.status.value != "planned"
        if closed and not (followup.done_at and followup.done_at >= since):
            continue
        event = Event()
        event.add("uid", f"followup-{followup.id}-{journal}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        if closed:  # a calendar that has it withdraws it
            event.add("status", "CANCELLED")
            event.add("sequence", 1)
            withdrawn += 1
        else:
            event.add("sequence", 0)
            if alarm is not None:
                event.add_component(
                    _alarm(alarm, f"Follow up with {entry.company}" if entry.company else followup.subject)
                )
            planned += 1
        event.add("dtstart", followup.due_on)
        event.add("dtend", followup.due_on + timedelta(days=1))
        who = f" — {entry.contact_name}" if entry.contact_name else ""
        summary = f"{followup.kind.label.capitalize()}: {followup.subject or entry.company}{who}"
        event.add("summary", " ".join(without_controls(summary, keep="\n\t").split()))
        event.add("description", without_controls(f"{entry.company} {entry.role}".strip(), keep="\n"))
        calendar.add_component(event)
    return IcsExport(calendar.to_ical().decode("utf-8"), planned, withdrawn, interviews)


def alarm_offset(text: str) -> timedelta | None:
    """The `calendar.alarm` setting as an offset from the start of a follow-up's day: "09:00"
    (that morning), "30" (minutes before it begins), or "" for no alarm. ValueError in words."""
    text = text.strip()
    if not text:
        return None
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", text):
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60:
            return timedelta(hours=hours, minutes=minutes)
    elif text.isdigit() and int(text) <= 7 * 24 * 60:
        return -timedelta(minutes=int(text))
    raise ValueError(f"calendar.alarm takes a time of day like 09:00, minutes before like 30, or nothing; not {text!r}")


def _alarm(offset: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", offset)  # from the start of the day the follow-up is due
    alarm.add("description", " ".join(without_controls(text).split()))
    return alarm
