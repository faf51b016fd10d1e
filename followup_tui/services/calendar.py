"""Planned follow-ups as an iCalendar file: all-day events with stable UIDs.

A follow-up keeps its UID across exports, so importing the file again updates the calendar's
entries instead of adding copies.
"""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event

from followup_tui.domain.text import without_controls
from followup_tui.store import Store

UID_DOMAIN = "followup-tui"


def planned_ics(store: Store) -> tuple[str, int]:
    """The iCalendar text, and how many follow-ups it holds. iCalendar text may not hold control
    characters (RFC 5545, 3.3.11), so they are left out; a description keeps its line breaks."""
    count = 0
    calendar = Calendar()
    calendar.add("prodid", "-//followup-tui//follow-ups//EN")
    calendar.add("version", "2.0")
    stamp = store.clock.now()
    for entry in store.list_followups():
        followup = entry.followup
        if followup.status.value != "planned":
            continue
        event = Event()
        event.add("uid", f"followup-{followup.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", followup.due_on)
        event.add("dtend", followup.due_on + timedelta(days=1))
        who = f" — {entry.contact_name}" if entry.contact_name else ""
        summary = f"{followup.kind.label.capitalize()}: {followup.subject or entry.company}{who}"
        event.add("summary", " ".join(without_controls(summary, keep="\n\t").split()))
        event.add("description", without_controls(f"{entry.company} {entry.role}".strip(), keep="\n"))
        calendar.add_component(event)
        count += 1
    return calendar.to_ical().decode("utf-8"), count
