"""What each stored value may be, checked the same way whichever door it came through.

A form, a CLI option, `followup settings`, a vCard or a JSON import: a value that would make
the app fail later (a due date that is not a date, a time with no zone, a day further from today
than a form takes, a status the app does not know, text that cannot be written as UTF-8) is
refused here, with the field named, before anything is written. `column_problem` says what is
wrong with one stored value, or None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import urlsplit

from . import field_stamps
from .clock import local_day
from .dates import reach, within_reach
from .forms import FieldRefused
from .kinds import Direction, DocumentRole, FollowupStatus, Kind, Status
from .text import CONTROLS, has_surrogates

Check = Callable[[object], "str | None"]


class ValueRefused(FieldRefused):
    """A value that may not be stored, with the record and field it was for."""

    def __init__(self, record: str, field: str, problem: str):
        super().__init__(field, problem, f"{record} {field.replace('_', ' ')} {problem}")
        self.record = record


SHORT_TEXT = 300
"""The most characters a name, company, title, role or subject may have: far more than any
needs, and few enough that a list of them stays quick to show."""
LINK_TEXT = 2_000
"""The most characters of a link or an email address (browsers cut URLs near here)."""
LONG_TEXT = 1_000_000
"""The most characters of an answer, a note, a job description or a message: some 400 pages."""
_LINES = ("name", "title", "company", "role", "source", "subject", "phone", "format", "location", "stage", "tags")
SHORT_FIELDS = {**dict.fromkeys(_LINES, SHORT_TEXT), **dict.fromkeys(("email", "profile_url", "url"), LINK_TEXT)}
"""Fields that hold a line, by name, with their limit; every other text holds up to LONG_TEXT."""


def length_problem(field: str, value: str) -> str | None:
    """What is wrong with the length of `value` as `field`, in words, or None."""
    limit = SHORT_FIELDS.get(field, LONG_TEXT)
    if len(value) <= limit:
        return None
    what = "a line like this" if limit < LONG_TEXT else "a text like this"
    return f"is {len(value):,} characters long; {what} holds at most {limit:,}"


def add_length_errors(errors: dict[str, str], **fields: str) -> None:
    """Put beside each form field whose text is too long what its limit is (unless it already
    has an error); a field is checked as the column it is stored in (`company`, `subject`...)."""
    for field, value in fields.items():
        if field not in errors and (problem := length_problem(field, value)):
            errors[field] = f"This {problem}."


def checked_text(record: str, row: dict) -> dict:
    """`row` as it is, after making sure each text in it can be stored (ValueRefused if not):
    text a file can hold, and no longer than its field's limit."""
    for field, value in row.items():
        if isinstance(value, str) and (problem := text_problem(value) or length_problem(field, value)):
            raise ValueRefused(record, field, problem)
    return row


def text_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"should be text, not {_kind_of(value)}"
    if has_surrogates(value):
        return "holds bytes that are not text (an unpaired surrogate); re-save the file as UTF-8"
    return None


def day_problem(value: object) -> str | None:
    return _iso_problem(value, date.fromisoformat, "a day like 2026-11-26")


def moment_problem(value: object) -> str | None:
    if problem := _iso_problem(value, datetime.fromisoformat, "a moment like 2026-11-26T09:00:00+00:00"):
        return problem
    if value is not None and datetime.fromisoformat(value).tzinfo is None:
        return f"{value!r} has no time zone (write it like 2026-11-26T09:00:00+00:00)"
    return None


def reach_problem(day: date, today: date) -> str | None:
    """What is wrong with `day` as a day the journal takes in on `today` (the forms' range), or None."""
    if within_reach(day, today):
        return None
    first, last = reach(today)
    return f"{day.isoformat()} is more than ten years from today (a day from {first} to {last})"


EARLIEST_KEPT = date(1970, 1, 1)
"""The first day a stored record may hold: a journal kept for years holds days far older than a
form would take today, and every reader can still count back a year from them."""


def kept_problem(day: date, today: date) -> str | None:
    """What is wrong with `day` as one a journal may hold (from a restore), or None: any day
    since EARLIEST_KEPT — records age — and none later than the forms reach ahead of today."""
    last = reach(today)[1]
    if EARLIEST_KEPT <= day <= last:
        return None
    if day > last:
        return f"{day.isoformat()} is more than ten years from today (the latest day taken is {last})"
    return f"{day.isoformat()} is before {EARLIEST_KEPT.year} (the earliest day a journal holds)"


class Dated:
    """The check of a column holding a day or a moment: ISO text, and — given today — a day a
    journal may hold (`kept_problem`)."""

    def __init__(self, form: Check, read: Callable[[str], date], *, optional: bool = True):
        self.form, self.read, self.optional = form, read, optional

    def __call__(self, value: object, today: date | None = None) -> str | None:
        if value is None:
            return None if self.optional else "is missing"
        if problem := self.form(value):
            return problem
        if today is None:
            return None
        try:
            day = self.read(value)
        except OverflowError:  # so far back that it has no day in this zone
            return f"{value} is before {EARLIEST_KEPT.year} (the earliest day a journal holds)"
        return kept_problem(day, today)

    @property
    def required(self) -> Dated:
        return Dated(self.form, self.read, optional=False)


def _iso_problem(value: object, parse: Callable[[str], object], example: str) -> str | None:
    """None for nothing or ISO text `parse` reads; else what it should be, with an example."""
    if value is None:
        return None
    if not isinstance(value, str):
        return f"should be {example}, not {_kind_of(value)}"
    try:
        parse(value)
    except ValueError:
        return f"should be {example}, not {value!r}"
    return None


def whole_number(low: int | None = None, high: int | None = None, *, optional: bool = False) -> Check:
    def checked(value: object) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            return f"should be a whole number, not {_kind_of(value)}"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"should be a number from {low} to {high}, not {value}"
        return None

    return checked


def one_of(*values: str) -> Check:
    def checked(value: object) -> str | None:
        return None if value in values else f"should be one of {', '.join(values)}; not {value!r}"

    return checked


POSTING_EXAMPLE = "example.com/jobs/1"
_OTHER_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")
"""`mailto:`, `xmpp:`, `javascript:`: a link of another kind, never made https (`host:8080/x` is a port)."""
PROFILE_EXAMPLE = "linkedin.com/in/ada-lovelace"


def web_link(text: str, example: str = POSTING_EXAMPLE) -> str:
    """A web link as typed, made whole the one way every link field does it (a posting, a
    profile, an import): `linkedin.com/in/ada` gets https://, an http(s) link is kept as it is;
    ValueError in words, with `example`, for text that is not a web link (another scheme, no
    host with a dot, spaces)."""
    link = text.strip()
    if not link:
        return ""
    if "://" not in link and not link.startswith("//") and not _OTHER_SCHEME.match(link):
        link = f"https://{link}"  # a host and path, as a browser's address bar shows them
    parts = urlsplit(link)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host.strip(".") or any(c.isspace() for c in link):
        raise ValueError(f"{text.strip()!r} is not a web link; paste its address, like {example}")
    return link


def link_problem(text: str, example: str = POSTING_EXAMPLE) -> str | None:
    """Why `text` is not a web link (`web_link`'s words), or None when it is one."""
    try:
        web_link(text, example)
    except ValueError as error:
        return str(error)
    return None


def stage_problem(value: object) -> str | None:
    """What is wrong with `value` as an interview's stage, or None: any round named on one line
    (the `interview.stages` setting may name any), kept as written."""
    if problem := text_problem(value):
        return problem
    if not value.strip():
        return "should name the round, like phone screen or panel"
    if value != " ".join(value.split()):
        return f"should be on one line with single spaces, like {' '.join(value.split())!r}"
    return length_problem("stage", value)


PATH_TEXT = 4_096
"""The most characters of a file path (Linux's PATH_MAX): a longer one names no file."""

_SHA256 = re.compile(r"[0-9a-f]{64}")


def document_name_problem(value: object) -> str | None:
    """What is wrong with `value` as the name of a CV or cover letter (`cv-backend-v3`), or None:
    a name on one line with single spaces, as every door (the dialog, an import) stores it."""
    if problem := text_problem(value):
        return problem
    if not value.strip():
        return "should name the version, like cv-backend-v3"
    if any(ord(char) in CONTROLS for char in value) or value != " ".join(value.split()):
        return f"should be on one line with single spaces, like {' '.join(value.split())!r}"
    return length_problem("name", value)


def document_path_problem(value: object) -> str | None:
    """What is wrong with `value` as a document's file path, or None: kept exactly as typed, so
    it may be empty (a name alone) but holds no line break or control character (no file name a
    person types does) and is no longer than PATH_TEXT."""
    if problem := text_problem(value):
        return problem
    if any(ord(char) in CONTROLS for char in value):
        return "holds a line break or control character; type the path on one line"
    if len(value) > PATH_TEXT:
        return f"is {len(value):,} characters long; a file path holds at most {PATH_TEXT:,}"
    return None


def sha256_problem(value: object) -> str | None:
    """None for a sha256 as stored (64 lower-case hex digits) or nothing (not fingerprinted)."""
    if problem := text_problem(value):
        return problem
    return None if value == "" or _SHA256.fullmatch(value) else "should be 64 hex digits (a sha256) or empty"


def _names(kind) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


_ID = whole_number(1)
_LINK = whole_number(1, optional=True)
_TEXT = text_problem
_DAY = Dated(day_problem, date.fromisoformat)
_MOMENT = Dated(moment_problem, lambda text: local_day(datetime.fromisoformat(text)))

COLUMN_CHECKS: dict[str, dict[str, Check]] = {
    "opportunities": {
        "id": _ID,
        "status": one_of(*_names(Status)),
        "applied_on": _DAY,
        "created_at": _MOMENT.required,
        "updated_at": _MOMENT.required,
    },
    "contacts": {
        "id": _ID,
        "has_my_details": whole_number(0, 1),
        "stay_in_touch_months": whole_number(0, 24, optional=True),  # as the contact form takes it; null: the setting's
        "created_at": _MOMENT,
        "updated_at": _MOMENT,
    },
    "interviews": {
        "id": _ID,
        "opportunity_id": _ID,
        "starts_at": _MOMENT.required,
        "stage": stage_problem,
        "decision_expected_on": _DAY,
        "created_at": _MOMENT.required,
    },
    "debriefs": {
        "id": _ID,
        "interview_id": _ID,
        "satisfaction": whole_number(1, 5, optional=True),
        "created_at": _MOMENT.required,
        "updated_at": _MOMENT.required,
    },
    "debrief_answers": {"id": _ID, "debrief_id": _ID, "position": whole_number(0)},
    "interview_contacts": {"interview_id": _ID, "contact_id": _ID, "position": whole_number(0)},
    "answer_ratings": {"interview_id": _ID, "rating": one_of("strong", "ok", "weak")},
    "followups": {
        "id": _ID,
        "opportunity_id": _LINK,  # none on a note about the whole search
        "contact_id": _LINK,
        "interview_id": _LINK,
        "kind": one_of(*_names(Kind)),
        "direction": one_of(*_names(Direction)),
        "due_on": _DAY.required,
        "status": one_of(*_names(FollowupStatus)),
        "done_at": _MOMENT,
        "created_at": _MOMENT.required,
        "decide_by": _DAY,
    },
    "status_changes": {
        "id": _ID,
        "opportunity_id": _ID,
        "status": one_of(*_names(Status)),
        "changed_at": _MOMENT.required,
    },
    "drafts": {"updated_at": _MOMENT.required},
    "stories": {"id": _ID, "created_at": _MOMENT.required, "updated_at": _MOMENT.required},
    "story_questions": {"story_id": _ID, "position": whole_number(0)},
    "documents_sent": {
        "id": _ID,
        "opportunity_id": _ID,
        "role": one_of(*_names(DocumentRole)),
        "name": document_name_problem,
        "path": document_path_problem,
        "sha256": sha256_problem,
        "attached_at": _MOMENT.required,
    },
}
"""Checks beyond "plain text" for the columns that hold something else; every other column
holds text (or nothing, where the schema allows it)."""


_DETAIL_TEXTS = ("nickname", "birthday", "org_unit")
_DETAIL_LISTS = ("urls", "extra_lines")
_DETAIL_TYPES = ("email_types", "phone_types")


def card_details_problem(text: object) -> str | None:
    """What is wrong with a card's stored details (a JSON object of known keys), or None."""
    if not isinstance(text, str):
        return f"should be JSON text, not {_kind_of(text)}"
    try:
        value = json.loads(text)
    except ValueError:
        return "is not JSON"
    if not isinstance(value, dict):
        return "should be a JSON object"
    for key, item in value.items():
        if key in _DETAIL_TEXTS:
            ok = isinstance(item, str)
        elif key in _DETAIL_LISTS:
            ok = isinstance(item, list) and all(isinstance(v, str) for v in item)
        elif key in _DETAIL_TYPES:
            ok = isinstance(item, dict) and all(
                isinstance(types, list) and all(isinstance(t, str) for t in types) for types in item.values()
            )
        elif key == "addresses":
            ok = isinstance(item, list) and all(
                isinstance(a, dict)
                and set(a) <= {"parts", "types"}
                and all(isinstance(p, list) and all(isinstance(v, str) for v in p) for p in a.values())
                for a in item
            )
        else:
            return f"has an unknown key {key!r}"
        if not ok:
            return f"{key} is not of its shape"
    if has_surrogates(text):
        return "holds bytes that are not text (an unpaired surrogate)"
    return None


ROW_STAMP_CHECKS: dict[str, Check] = {
    "last_changed_at": whole_number(0, 2**53, optional=True),  # ms since 1970; 0 for a row from before sync
    "last_changed_on": whole_number(0, 2**21 - 1, optional=True),  # the device that changed it last
    "field_stamps": field_stamps.problem,  # each field's versions (m023)
}
"""When and where a synced row last changed, and its fields' versions (every synced table has
them): a file may leave them out, and the journal stamps the row as it goes in."""


def column_problem(table: str, column: str, value: object, today: date | None = None) -> str | None:
    """What is wrong with `value` as `table`.`column`, or None when it may be stored; given
    `today`, a day or moment must also lie within the range the forms take."""
    check = COLUMN_CHECKS.get(table, {}).get(column) or ROW_STAMP_CHECKS.get(column)
    if isinstance(check, Dated):
        return check(value, today)
    if check is not None:
        return check(value)
    return None if value is None else text_problem(value)


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", str: "text"}.get(type(value), type(value).__name__)
