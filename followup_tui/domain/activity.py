"""The activity record a job centre asks for: one row per thing done in the search (an
application sent, a message sent, an interview, a reply), with date, employer, the person
contacted, method, position and result; and the weeks totalled against the weekly goal.

The fields and their wording come from a form (`ReportForm`): a plain one, a US state's
work-search log and Germany's Bewerbungsnachweis, chosen by the `report` setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .kinds import Status
from .text import one_line
from .week import Week, goal_told


class Activity(StrEnum):
    APPLICATION = "application sent"
    MESSAGE = "message sent"
    INTERVIEW = "interview"
    REPLY = "reply"


class Method(StrEnum):
    EMAIL = "email"
    PORTAL = "portal"
    PHONE = "phone"
    IN_PERSON = "in person"
    VIDEO = "video"


@dataclass(frozen=True)
class ActivityFacts:
    """What the journal knows of one activity, as the store reads it."""

    day: date
    """The user's local day it happened (an application: the day applied, else the day recorded)."""
    activity: Activity
    employer: str
    position: str
    status: Status
    """Where the application stands now: the result."""
    contact: str = ""
    """The people contacted: the one written to or replying, those in the interview's room."""
    source: str = ""
    """An application's source as typed ("LinkedIn", "Referral", "emailed the CTO")."""
    format: str = ""
    """An interview's format as typed ("video", "phone", "in person")."""
    stage: str = ""
    subject: str = ""
    upcoming: bool = False
    """An interview still to come."""


_SAID = {
    Method.EMAIL: ("email", "e-mail", "mail"),
    Method.PHONE: ("phone", "call", "telephone", "rang "),
    Method.VIDEO: ("video", "zoom", "teams", "google meet", "skype", "webex", "remote"),
    Method.IN_PERSON: ("in person", "onsite", "on-site", "on site", "office", "walk-in", "walk in", "fair"),
}


def _said(text: str, *methods: Method) -> Method | None:
    words = " ".join(text.casefold().replace("-", " ").split())
    padded = f" {words} "
    for method in methods:
        if any(f" {word.replace('-', ' ')}" in padded for word in _SAID[method]):  # a word that starts so
            return method
    return None


def method_of(facts: ActivityFacts) -> Method:
    """How an activity was done, from what the journal knows of it:

    - an application: what its source says — "email" (or "mail") is email, "phone" or "call" a
      phone call, "in person", "walk-in" or "fair" in person; anything else (a job board, a
      careers page, a referral, nothing) is an application through the employer's portal;
    - a message sent: email, since every message the journal plans is one (`Kind.is_message`);
    - an interview: its format — phone, video (Zoom, Teams, Meet…), else in person (an onsite,
      an office, a format left empty: the journal's default round is one in the room);
    - a reply: email, unless its subject says it came by phone ("call", "phone").
    """
    if facts.activity is Activity.APPLICATION:
        return _said(facts.source, Method.EMAIL, Method.PHONE, Method.IN_PERSON) or Method.PORTAL
    if facts.activity is Activity.INTERVIEW:
        return _said(facts.format, Method.PHONE, Method.VIDEO, Method.IN_PERSON) or Method.IN_PERSON
    if facts.activity is Activity.REPLY:
        return _said(facts.subject, Method.PHONE) or Method.EMAIL
    return Method.EMAIL


# -- the forms ---------------------------------------------------------------------------------

FIELDS = ("date", "activity", "employer", "contact", "method", "position", "result")
"""Every field a row has, in the plain form's order."""


@dataclass(frozen=True)
class ReportForm:
    """Which fields a report has, what each column is headed, and the words its cells use."""

    name: str
    title: str
    fields: tuple[str, ...]
    headings: dict[str, str]
    activities: dict[Activity, str]
    methods: dict[Method, str]
    results: dict[str, str]
    """By status, and "upcoming" for an interview still to come."""
    day_format: str
    """How a day is written in text and Markdown (a CSV's days are always YYYY-MM-DD)."""
    activity_into: str | None = None
    """A field the activity is written into ("Interview · video") when the form has no column of its own."""
    german: bool = False

    def with_fields(self, fields: Sequence[str]) -> ReportForm:
        return ReportForm(
            self.name,
            self.title,
            tuple(fields),
            self.headings,
            self.activities,
            self.methods,
            self.results,
            self.day_format,
            None if "activity" in fields else self.activity_into,
            self.german,
        )

    def row(self, facts: ActivityFacts, *, iso: bool = False) -> dict[str, str]:
        """One activity as this form's cells, by heading, each on one line; days ISO for a CSV."""
        activity = self.activities[facts.activity]
        if facts.activity is Activity.INTERVIEW and facts.stage.strip():
            activity = f"{activity} ({facts.stage.strip()})"
        result = self.results["upcoming" if facts.upcoming else facts.status.value]
        cells = {
            "date": facts.day.isoformat() if iso else format(facts.day, self.day_format),
            "activity": activity,
            "employer": facts.employer,
            "contact": facts.contact,
            "method": self.methods[method_of(facts)],
            "position": facts.position,
            "result": result,
        }
        if self.activity_into and self.activity_into in self.fields:
            cells[self.activity_into] = f"{activity} · {cells[self.activity_into]}"
        return {self.headings[field]: one_line(cells[field]) for field in self.fields}

    @property
    def header(self) -> list[str]:
        return [self.headings[field] for field in self.fields]

    def week_line(self, days: Week, week: Week, added: int, activities: int, goal: int, today: date) -> str:
        """One calendar `week` against the goal, counting its `days` the report covers:
        "Mon 23 Nov – Sun 29 Nov 2026: 3 of 5 applications — 2 short · 7 activities". A week the
        report covers only part of (but this week so far) is counted without a verdict: its other
        days are not in the report, so "short" would not be true."""
        partial = days.first != week.first or (days.last != week.last and not week.holds(today))
        if partial:
            return self._part_of_a_week(days, added, activities)
        if self.german:
            span = f"{days.first:%d.%m.}–{days.last:%d.%m.%Y}"
            stand = "Ziel erreicht" if added >= goal else f"{goal - added} fehlen"
            return f"Woche {span}: {added} von {goal} Bewerbungen, {stand} · {activities} Aktivitäten"
        span = f"{_short(days.first)} – {_short(days.last)} {days.last.year}"
        return f"{span}: {goal_told(week, added, goal, today)} · {_activities_told(activities)}"

    def _part_of_a_week(self, days: Week, added: int, activities: int) -> str:
        if self.german:
            bewerbungen = "Bewerbung" if added == 1 else "Bewerbungen"
            return (
                f"Teilwoche {days.first:%d.%m.}–{days.last:%d.%m.%Y}: {added} {bewerbungen}"
                f" · {activities} Aktivität{'' if activities == 1 else 'en'}"
            )
        span = f"{_short(days.first)} – {_short(days.last)} {days.last.year}"
        applications = f"{added} application{'s' * (added != 1)}"
        return f"{span} (part of a week): {applications} · {_activities_told(activities)}"


def _activities_told(count: int) -> str:
    return f"{count} activit{'y' if count == 1 else 'ies'}"


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


_ENGLISH_RESULTS = {
    Status.SAVED.value: "not applied yet",
    Status.APPLIED.value: "awaiting answer",
    Status.INTERVIEWING.value: "interviewing",
    Status.OFFER.value: "offer made",
    Status.ACCEPTED.value: "hired",
    Status.REJECTED.value: "rejected",
    Status.WITHDRAWN.value: "withdrew",
    Status.GHOSTED.value: "no answer",
    Status.CLOSED.value: "closed",
    "upcoming": "interview scheduled",
}

PLAIN = ReportForm(
    "plain",
    "Job-search activity",
    FIELDS,
    {field: field.capitalize() for field in FIELDS},
    {activity: activity.value for activity in Activity},
    {method: method.value for method in Method},
    _ENGLISH_RESULTS,
    "%Y-%m-%d",
)

US_STATE = ReportForm(
    "us-state",
    "Work search activities",
    ("date", "employer", "contact", "method", "position", "result"),
    {
        "date": "Date",
        "activity": "Activity",
        "employer": "Employer",
        "contact": "Contact",
        "method": "Method",
        "position": "Position",
        "result": "Result",
    },
    {
        Activity.APPLICATION: "Applied",
        Activity.MESSAGE: "Followed up",
        Activity.INTERVIEW: "Interview",
        Activity.REPLY: "Employer replied",
    },
    {
        Method.EMAIL: "email",
        Method.PORTAL: "online",
        Method.PHONE: "phone",
        Method.IN_PERSON: "in person",
        Method.VIDEO: "video call",
    },
    _ENGLISH_RESULTS,
    "%m/%d/%Y",
    activity_into="result",
)

BEWERBUNGSNACHWEIS = ReportForm(
    "bewerbungsnachweis",
    "Bewerbungsnachweis",
    ("date", "employer", "contact", "method", "position", "result"),
    {
        "date": "Datum",
        "activity": "Aktivität",
        "employer": "Arbeitgeber",
        "contact": "Ansprechpartner",
        "method": "Art der Bewerbung",
        "position": "Stelle",
        "result": "Ergebnis",
    },
    {
        Activity.APPLICATION: "Bewerbung",
        Activity.MESSAGE: "Nachfrage",
        Activity.INTERVIEW: "Vorstellungsgespräch",
        Activity.REPLY: "Antwort des Arbeitgebers",
    },
    {
        Method.EMAIL: "per E-Mail",
        Method.PORTAL: "online (Portal)",
        Method.PHONE: "telefonisch",
        Method.IN_PERSON: "persönlich",
        Method.VIDEO: "per Video",
    },
    {
        Status.SAVED.value: "noch nicht beworben",
        Status.APPLIED.value: "offen",
        Status.INTERVIEWING.value: "im Auswahlverfahren",
        Status.OFFER.value: "Angebot erhalten",
        Status.ACCEPTED.value: "Zusage, eingestellt",
        Status.REJECTED.value: "Absage",
        Status.WITHDRAWN.value: "zurückgezogen",
        Status.GHOSTED.value: "keine Rückmeldung",
        Status.CLOSED.value: "abgeschlossen",
        "upcoming": "Termin vereinbart",
    },
    "%d.%m.%Y",
    activity_into="method",
    german=True,
)

FORMS = {form.name: form for form in (PLAIN, US_STATE, BEWERBUNGSNACHWEIS)}
"""The forms the `report` setting names, the plain one first."""


def report_form(text: str) -> ReportForm:
    """The form a `report` setting names: a form's name ("us-state"), optionally followed by a
    colon and the fields to show, in their order ("plain: date, employer, method, result");
    ValueError, in words, for a name or a field it does not know."""
    name, _, fields_text = str(text).partition(":")
    name = name.strip().casefold() or PLAIN.name
    form = FORMS.get(name)
    if form is None:
        raise ValueError(f"report takes one of {', '.join(FORMS)}, optionally followed by : and fields")
    if not fields_text.strip():
        return form
    fields = [part.strip().casefold() for part in fields_text.split(",") if part.strip()]
    unknown = [field for field in fields if field not in FIELDS]
    if unknown:
        raise ValueError(f"report: {unknown[0]!r} is not a field; the fields are {', '.join(FIELDS)}")
    if len(set(fields)) != len(fields):
        raise ValueError("report: name each field once")
    return form.with_fields(fields)


def report_setting_text(text: str) -> str:
    """A `report` setting as kept: "us-state", or "plain: date, employer, result"."""
    form = report_form(text)
    return form.name if form == FORMS[form.name] else f"{form.name}: {', '.join(form.fields)}"


# -- the weeks ---------------------------------------------------------------------------------


def weeks_between(first: date, last: date, week_starts: int) -> list[Week]:
    """The calendar weeks the days `first` to `last` touch, oldest first."""
    from .week import week_of

    weeks = []
    week = week_of(last, week_starts)
    while week.last >= first:
        weeks.append(week)
        week = week.before()
    return weeks[::-1]


def activities_in(week: Week, rows: Iterable[ActivityFacts]) -> int:
    return sum(week.holds(row.day) for row in rows)


def applications_in(week: Week, rows: Iterable[ActivityFacts]) -> int:
    return sum(row.activity is Activity.APPLICATION and week.holds(row.day) for row in rows)
