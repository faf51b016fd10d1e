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

from icalendar import Calendar, Event

from followup_tui.domain.text import without_controls
from followup_tui.store import Store

UID_DOMAIN = "followup-tui"
JOURNAL_ID = "journal.id"
"""The setting that holds the journal's own id, made once, for UIDs no other journal uses."""
WITHDRAWN_DAYS = 60


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


def planned_ics(store: Store) -> IcsExport:
    """The iCalendar text, with how many planned and withdrawn follow-ups it holds. iCalendar
    text may not hold control characters (RFC 5545, 3.3.11), so they are left out; a description
    keeps its line breaks."""
    planned = withdrawn = 0
    calendar = Calendar()
    calendar.add("prodid", "-//followup-tui//follow-ups//EN")
    calendar.add("version", "2.0")
    stamp = store.clock.now()
    since = stamp - timedelta(days=WITHDRAWN_DAYS)
    journal = journal_id(store)
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
            planned += 1
        event.add("dtstart", followup.due_on)
        event.add("dtend", followup.due_on + timedelta(days=1))
        who = f" — {entry.contact_name}" if entry.contact_name else ""
        summary = f"{followup.kind.label.capitalize()}: {followup.subject or entry.company}{who}"
        event.add("summary", " ".join(without_controls(summary, keep="\n\t").split()))
        event.add("description", without_controls(f"{entry.company} {entry.role}".strip(), keep="\n"))
        calendar.add_component(event)
    return IcsExport(calendar.to_ical().decode("utf-8"), planned, withdrawn)
