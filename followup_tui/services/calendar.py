"""Planned follow-ups as an iCalendar file: all-day events with stable UIDs.

A follow-up keeps its UID across exports, so importing the file again updates the calendar's
entries instead of adding copies; UIDs carry the journal's own id, so two journals never collide
in one calendar.

What khal and calcurse show is what each follow-up's state says: a planned one has its alarm; one
done in the last DONE_SHOWN_DAYS stays on its day as done ("✓ Sent: …" for a message, "✓ Done: …"
otherwise), STATUS:CONFIRMED and no alarm — a VEVENT has no "completed" (RFC 5545, 3.8.1.11), and a
VTODO, which has, is not shown by khal at all; CANCELLED is not used, since khal shows it on the day
as "CANCELLED" and calcurse shows it as still open; a skipped one is left out, which both clients
show as gone (a subscribed feed and a vdir withdraw it with it).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from followup_tui.domain.content_lines import escape, folded
from followup_tui.domain.dates import ALARM_DEFAULT, alarm_offset
from followup_tui.domain.kinds import FollowupStatus
from followup_tui.domain.models import Followup
from followup_tui.domain.text import without_controls
from followup_tui.store import Store

UID_DOMAIN = "followup-tui"
PRODID = "-//followup-tui//follow-ups//EN"
JOURNAL_ID = "journal.id"
"""The setting that holds the journal's own id, made once, for UIDs no other journal uses."""
DONE_SHOWN_DAYS = 60
"""How long a follow-up done stays in the calendar, on its day, as done."""
INTERVIEW_LENGTH = timedelta(hours=1)


def journal_id(store: Store) -> str:
    """The journal's own id (32 hex digits), made and kept the first time it is asked for."""
    found = store.get_setting(JOURNAL_ID)
    if isinstance(found, str) and re.fullmatch(r"[0-9a-f]{32}", found):
        return found
    made = uuid.uuid4().hex
    store.set_setting(JOURNAL_ID, made)
    return made


_HEAD = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}"]


@dataclass
class IcsTally:
    """What an export holds, counted as it is written."""

    planned: int = 0
    done: int = 0
    """Done lately: on their day, as done, without an alarm."""
    interviews: int = 0
    """Upcoming interviews, as events with their place."""


@dataclass
class IcsExport(IcsTally):
    """The whole calendar as text, with what it holds."""

    text: str = ""


def planned_ics(store: Store) -> IcsExport:
    """The iCalendar text, with how many planned and done follow-ups it holds."""
    exported = IcsExport()
    exported.text = "".join(ics_pieces(store, exported))
    return exported


def ics_pieces(store: Store, tally: IcsTally) -> Iterator[str]:
    """The calendar, one event at a time as it is read, counted into `tally`. iCalendar text may
    not hold control characters (RFC 5545, 3.3.11), so they are left out; a description keeps
    its line breaks. Its PRODID names the journal, so a calendar feed proves it is this journal's."""
    yield "".join(folded(line) for line in [*_HEAD[:2], f"PRODID:{journal_prodid(store)}"])
    for _, event in calendar_events(store, tally):
        yield "".join(folded(line) for line in event)
    yield folded("END:VCALENDAR")


def calendar_files(store: Store) -> dict[str, str]:
    """One calendar per event of `calendar_events`, by UID, for a vdir (khal, vdirsyncer): a
    follow-up skipped (or done long ago) is simply gone from the folder, which is how a vdir withdraws it."""
    head = [*_HEAD[:2], f"PRODID:{journal_prodid(store)}"]  # whose folder file it is
    events = calendar_events(store, IcsTally())
    return {uid: "".join(folded(line) for line in [*head, *event, "END:VCALENDAR"]) for uid, event in events}


def journal_prodid(store: Store) -> str:
    """The PRODID of this journal's calendars (a feed, an export, a vdir's events)."""
    return journal_prodid_of(journal_id(store))


def journal_prodid_of(journal: str) -> str:
    return vdir_prodid(PRODID, journal)


def vdir_prodid(prodid: str, journal: str) -> str:
    """The PRODID of a file naming the journal that wrote it: a folder two journals share keeps
    each one's files apart, and a feed is proven ours (`-//followup-tui//follow-ups 1f2e…//EN`)."""
    owner, product, language = prodid.strip("-/").split("//")
    return f"-//{owner}//{product} {journal}//{language}"


def calendar_events(store: Store, tally: IcsTally) -> Iterator[tuple[str, list[str]]]:
    """The upcoming interviews, then every planned follow-up and those done in the last
    DONE_SHOWN_DAYS (skipped ones are left out): each event's UID and content lines."""
    stamp = store.clock.now()
    journal = journal_id(store)
    alarm = alarm_offset(str(store.get_setting("calendar.alarm", ALARM_DEFAULT)))
    for listing in reversed(store.interviews_from(stamp)):  # the upcoming interviews, where and when
        interview = listing.interview
        uid = f"interview-{interview.id}-{journal}@{UID_DOMAIN}"
        lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}"]
        lines += [f"DTSTART:{_utc(interview.starts_at)}", f"DTEND:{_utc(interview.starts_at + INTERVIEW_LENGTH)}"]
        lines.append(_text("SUMMARY", f"Interview: {listing.company} — {interview.stage.label}"))
        if interview.location:
            lines.append(_text("LOCATION", interview.location))
        lines += [_text("DESCRIPTION", f"{listing.role} {interview.format}".strip(), keep="\n"), "END:VEVENT"]
        tally.interviews += 1
        yield uid, lines
    for entry in store.calendar_followups(closed_since=stamp - timedelta(days=DONE_SHOWN_DAYS)):
        followup = entry.followup
        if followup.status is FollowupStatus.SKIPPED:  # withdrawn: gone from every calendar
            continue
        done = followup.status is FollowupStatus.DONE
        uid = f"followup-{followup.id}-{journal}@{UID_DOMAIN}"
        lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}"]
        if done:  # on its day, as done; a calendar that had it planned takes the change
            lines += ["STATUS:CONFIRMED", "SEQUENCE:1"]
            tally.done += 1
        else:
            lines.append("SEQUENCE:0")
            if alarm is not None:
                about = f"Follow up with {entry.company}" if entry.company else followup.subject
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{_duration(alarm)}"]
                lines += [_text("DESCRIPTION", about), "END:VALARM"]
            tally.planned += 1
        lines.append(f"DTSTART;VALUE=DATE:{followup.due_on:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{followup.due_on + timedelta(days=1):%Y%m%d}")
        lines.append(_text("SUMMARY", event_summary(followup, entry.company, entry.contact_name)))
        lines += [_text("DESCRIPTION", f"{entry.company} {entry.role}".strip(), keep="\n"), "END:VEVENT"]
        yield uid, lines


def event_summary(followup: Followup, company: str, contact_name: str | None) -> str:
    """A follow-up's title in a calendar: its kind and subject while planned ("Thank-you: Thank
    you — Dan"), and once done, that it is ("✓ Sent: Thank you — Dan" for a message)."""
    who = f" — {contact_name}" if contact_name else ""
    what = f"{followup.subject or company}{who}"
    if followup.status is FollowupStatus.DONE:
        return f"✓ {'Sent' if followup.kind.is_message else 'Done'}: {what}"
    return f"{followup.kind.label.capitalize()}: {what}"


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def _text(name: str, value: str, keep: str = "") -> str:
    """A property holding text: controls dropped, and (unless `keep` holds a line break) on one
    line; backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11)."""
    value = without_controls(value, keep=keep)
    if "\n" not in keep:
        value = " ".join(value.split())
    return f"{name}:{escape(value)}"


def _duration(offset: timedelta) -> str:
    """A timedelta as an iCalendar duration: PT9H, -PT30M, -P1DT2H."""
    seconds = int(offset.total_seconds())
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return f"{sign}P{f'{days}D' if days else ''}{'T' + time if time else ''}" if days or time else "PT0S"
