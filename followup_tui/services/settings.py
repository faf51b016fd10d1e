"""The journal's settings: what each is for, its default, and what values it takes.

They live in the journal's own `settings` table, so one file is the whole journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from followup_tui.domain.activity import report_setting_text
from followup_tui.domain.cadence import Cadence
from followup_tui.domain.dates import ALARM_DEFAULT, alarm_offset
from followup_tui.domain.kinds import DEFAULT_STAGES, stage_names
from followup_tui.domain.stay_in_touch import MOST_MONTHS, STAY_IN_TOUCH_DEFAULT
from followup_tui.domain.templates import stored_templates_problem
from followup_tui.domain.values import length_problem, text_problem
from followup_tui.domain.week import GHOST_AFTER_DEFAULT, GOAL_DEFAULT
from followup_tui.store import Store

from .calendar_feed import check_feed_owner, check_feed_path
from .public_holidays import calendar_for, holiday_calendar
from .sync import FOLDER_SETTING, WARNED_SETTING, check_folder, check_folder_here

STAGES_SETTING = "interview.stages"
GOAL_SETTING = "goal.applications_per_week"
GHOST_SETTING = "ghost.after_days"
REPORT_SETTING = "report"
STAY_IN_TOUCH_SETTING = "stay_in_touch.months"
TEMPLATES_SETTING = "templates"
"""The user's own templates and changed defaults, by name (see `compose.templates`)."""


def _an_email(value: str) -> str:
    from followup_tui.domain.contact_form import email_problem  # the form's checks, loaded when asked

    if problem := email_problem(value):
        raise ValueError(problem)
    return value


def _stages(value: str) -> str:
    """The rounds as kept: each named once, on one line, separated by ", "."""
    names = stage_names(value)
    if problem := next((f"{name!r} {p}" for name in names if (p := length_problem("stage", name))), None):
        raise ValueError(f"interview.stages: {problem}")
    return ", ".join(names)


def interview_stages(store: Store) -> tuple[str, ...]:
    """The rounds the debrief form offers, in the user's order (the common ones until changed)."""
    return stage_names(str(setting(store, STAGES_SETTING))) or DEFAULT_STAGES


def _an_alarm(value: str) -> str:
    alarm_offset(value)  # ValueError, in words, for what it cannot read
    return value


def _a_country(value: str) -> str:
    calendar_for(value)  # ValueError, in words, for a country it does not know
    return value.upper()


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    help: str
    choices: tuple[str, ...] = ()
    text: bool = False
    multiline: bool = False
    label: str = ""
    """What the Settings screen calls it; the key is for the command line."""
    check: Callable[[str], object] | None = None
    """For a text setting: the value to keep for what was typed (not empty), or ValueError in words."""
    check_here: Callable[[Store, str], None] | None = None
    """A check against this journal itself, when set (not from an import): ValueError in words."""
    least: int = 0
    """For a number: the smallest it takes (a weekly goal of 0 would count nothing)."""
    most: int = 365
    """For a number: the largest it takes (a note planned past ten years could not be restored)."""

    @property
    def _held_as(self) -> str:
        """The kind of text this setting holds, for its length bound: a line, a link or a text."""
        if self.multiline:
            return "notes"
        return (
            "email" if self.key in ("me.email", "calendar.feed", STAGES_SETTING, FOLDER_SETTING) else "name"
        )  # a long line

    def parse(self, text: str) -> object:
        """The value `text` stands for, or ValueError saying what this setting takes."""
        if problem := text_problem(text) or length_problem(self._held_as, text):
            raise ValueError(f"{self.key} {problem}")
        if self.text:
            value = text if self.multiline else " ".join(text.split())
            return self.check(value) if self.check and value else value
        if self.choices:
            if text not in self.choices:
                raise ValueError(f"{self.key} takes one of: {', '.join(self.choices)}")
            return text
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"{self.key} takes a whole number, not {text!r}") from None
        if not self.least <= number <= self.most:
            raise ValueError(f"{self.key} takes a number from {self.least} to {self.most}")
        return number

    def problem(self, value: object) -> str | None:
        """What is wrong with `value` as this setting's stored value (from an import), or None."""
        if self.text and not isinstance(value, str) or not self.text and isinstance(value, bool):
            return f"takes {'text' if self.text else 'a number'}, not {value!r}"
        try:
            parsed = self.parse(str(value))
        except ValueError as error:
            return str(error)
        return None if parsed == value else f"takes {parsed!r} rather than {value!r}"


_CADENCE_HELP = {
    "thank_you_business_days": ("Thank-you due", "business days after an interview a thank-you is due"),
    "check_in_after_decision_business_days": (
        "Check-in after a decision date",
        "business days after the promised decision for the first check-in",
    ),
    "check_in_without_decision_days": (
        "Check-in with no decision date",
        "days after the interview for the first check-in when no date was promised",
    ),
    "second_check_in_days": ("Second check-in", "days after the first check-in for the second"),
    "most_unanswered_check_ins": (
        "Unanswered check-ins",
        "unanswered check-ins before the guard suggests moving on",
    ),
    "spacing_business_days": ("Days between messages", "business days the guard wants between messages to one company"),
}

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting("me.name", "", "your name, for signing messages", text=True, label="Your name"),
        Setting(
            "me.email",
            "",
            "your email address, the From of saved messages",
            text=True,
            label="Your email",
            check=_an_email,
        ),
        Setting(
            "me.signature",
            "",
            "how messages end (your name when empty)",
            text=True,
            multiline=True,
            label="Signature",
        ),
        Setting(
            STAGES_SETTING,
            ", ".join(DEFAULT_STAGES),
            "the rounds the debrief form offers, separated by commas (an interview keeps its own)",
            text=True,
            label="Interview stages",
            check=_stages,
        ),
        Setting("date_order", "day/month", "how 3/12 is read", ("day/month", "month/day"), label="Date order"),
        Setting(
            "week_starts",
            "monday",
            "the day a week begins: the Timeline's This week runs to the day before it",
            ("monday", "sunday", "saturday"),
            label="Week starts",
        ),
        Setting(
            "nudge_min_active",
            3,
            "fewer open applications than this nudges you to add one",
            label="Open applications wanted",
        ),
        Setting(
            "nudge_stale_days", 7, "days without a new application before the nudge", label="Nudge after quiet days"
        ),
        Setting(
            GOAL_SETTING,
            GOAL_DEFAULT,
            "applications you mean to add each week, for the Week pane's goal (1 or more)",
            label="Applications a week",
            least=1,
        ),
        Setting(
            GHOST_SETTING,
            GHOST_AFTER_DEFAULT,
            "days of silence after your last message, with nothing due, before an application is going quiet",
            label="Going quiet after",
            least=1,
        ),
        Setting(
            STAY_IN_TOUCH_SETTING,
            STAY_IN_TOUCH_DEFAULT,
            "months between keeping-in-touch notes to the people of a process that ended (rejected, "
            "withdrawn, ghosted, closed); 0 for none; a card can choose its own",
            label="Stay in touch every",
            least=0,
            most=MOST_MONTHS,
        ),
        Setting(
            REPORT_SETTING,
            "plain",
            "the form `followup report activity` fills: plain, us-state (a US state's work-search log) or "
            "bewerbungsnachweis (Germany's, with German headings); optionally a colon and the fields to show, "
            "in order (plain: date, employer, method, result); the fields: date, activity, employer, "
            "contact, method, position, result",
            text=True,
            label="Activity record form",
            check=report_setting_text,
        ),
        *(
            Setting(f"cadence.{f.name}", f.default, _CADENCE_HELP[f.name][1], label=_CADENCE_HELP[f.name][0])
            for f in fields(Cadence)
            if f.name in Cadence.numbers()
        ),
        Setting(
            "calendar.alarm",
            ALARM_DEFAULT,
            "when the calendar export reminds you of a follow-up: a time on its day (09:00), minutes before "
            "the day begins (30), or empty for none",
            text=True,
            label="Calendar reminder",
            check=_an_alarm,
        ),
        Setting(
            "calendar.feed",
            "",
            "a calendar file kept current after every change, for a calendar app or a synced folder to "
            "follow (~/Calendars/followup.ics); empty: none",
            text=True,
            label="Calendar feed",
            check=check_feed_path,
            check_here=lambda store, path: check_feed_owner(Path(path), store),
        ),
        Setting(
            "holidays",
            "",
            "the country (US) or region (DE-BY, GB-SCT) whose public holidays are not business days; "
            "empty: weekends only",
            text=True,
            label="Public holidays",
            check=_a_country,
        ),
        Setting(
            "mail.paths",
            "",
            "the Maildir folders and mbox files `followup mail scan` reads, separated by spaces "
            "(~/Mail/INBOX ~/Mail/Sent); empty: only the ones named on the command line",
            text=True,
            label="Mail folders",
        ),
        Setting(
            FOLDER_SETTING,
            "",
            "a folder you already sync between machines (Syncthing, Dropbox, a network drive) that carries this"
            " journal's changes to your other machines (`followup sync`); never the folder the journal is in;"
            " empty: no sync",
            text=True,
            label="Sync folder",
            check=check_folder,
            check_here=check_folder_here,
        ),
    ]
}


ON_THIS_MACHINE = ("calendar.feed", "mail.paths", FOLDER_SETTING, WARNED_SETTING)
"""Settings that name a file on this machine: left out of an export, and refused from an
import, so a journal file from elsewhere can never choose what the app writes over."""


def setting(store: Store, key: str):
    """The user's value for `key`, or its one default (in SETTINGS)."""
    return store.get_setting(key, SETTINGS[key].default)


def current(store: Store) -> list[tuple[Setting, object]]:
    return [(entry, setting(store, entry.key)) for entry in SETTINGS.values()]


def change(store: Store, key: str, text: str) -> object:
    """Set `key` from `text`; KeyError for an unknown key, ValueError for a value it does not take."""
    setting = SETTINGS[key]
    value = setting.parse(text)
    if setting.check_here and value:
        setting.check_here(store, str(value))
    store.set_setting(key, value)
    return value


def stored_setting_problem(key: str, value: object) -> str | None:
    """What is wrong with a stored setting (from an import): an unknown key, or a value its
    setting would not take from the settings screen; None when it may be stored."""
    if key == TEMPLATES_SETTING:
        return stored_templates_problem(value)
    if key == "journal.id":  # the journal's own id, for calendar UIDs
        return None if isinstance(value, str) and len(value) == 32 and value.isalnum() else "should be 32 hex digits"
    if key not in SETTINGS:
        return "is not a setting this release knows"
    if key in ON_THIS_MACHINE:
        return f"names a file on the machine that set it; set it here with: followup settings {key} FILE"
    return SETTINGS[key].problem(value)


def my_details(store) -> dict[str, str]:
    """Your name, email and signature, as a message's placeholders take them (the signature is
    your name when it is empty)."""
    name = setting(store, "me.name")
    return {
        "my_name": name,
        "my_email": setting(store, "me.email"),
        "signature": setting(store, "me.signature") or name,
    }


def follow_up_rules(store: Store) -> Cadence:
    """The follow-up rules with the user's own numbers, where set, and their public holidays."""
    numbers = {name: int(setting(store, f"cadence.{name}")) for name in Cadence.numbers()}
    return Cadence(**numbers, holidays=holiday_calendar(store))
