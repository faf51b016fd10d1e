"""What a sync would bring or send, record by record, named as the user knows each record: an
application by its company and role, a contact by name, a follow-up by its kind and due day, an
answer by its question ("adds application Acme — Backend engineer", "changes the notes of
application Globex — SRE", "deletes follow-up check-in due Thu 3 Dec for Globex").

Pure: the store hands over each changed row as a dict and a way to look up the rows it links to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .clock import local_day
from .counts import counted
from .dates import long_day
from .kinds import KIND_FACTS, Kind

STAMPS = frozenset({"last_changed_at", "last_changed_on", "field_stamps", "updated_at", "created_at"})
"""A row's record of when and where it changed: kept by the journal, never news to the user."""

Lookup = Callable[[str, object], dict | None]
"""(table, id) → the row as it stands, or None."""


@dataclass(frozen=True)
class RowChange:
    """One row a change file adds, changes or deletes."""

    table: str
    op: str
    """"add", "change" or "delete"."""
    row: dict
    """The row as best known: whole for an add or a delete, as it stands for a change."""
    changed: tuple[str, ...] = ()
    """For a change: the columns it changes (not the stamps)."""


RECORD_WORDS = {
    "opportunities": ("application", "applications"),
    "contacts": ("contact", "contacts"),
    "followups": ("follow-up", "follow-ups"),
    "interviews": ("interview", "interviews"),
    "debriefs": ("debrief", "debriefs"),
    "debrief_answers": ("answer", "answers"),
    "interview_contacts": ("person in an interview", "people in interviews"),
    "answer_ratings": ("answer rating", "answer ratings"),
    "status_changes": ("status change", "status changes"),
    "stories": ("story", "stories"),
    "story_questions": ("story's question", "stories' questions"),
    "documents_sent": ("document sent", "documents sent"),
    "sync_conflicts": ("conflict set aside", "conflicts set aside"),
}
"""What a row of each synced table is to the user, one and many."""

FIELD_WORDS = {
    "due_on": "due day",
    "done_at": "done time",
    "starts_at": "time",
    "decision_expected_on": "decision day",
    "decide_by": "decide-by day",
    "has_my_details": "has-my-details mark",
    "stay_in_touch_months": "stay-in-touch months",
    "position": "order",
    "opportunity_id": "application",
    "contact_id": "contact",
    "interview_id": "interview",
}

PARENTS = {
    "status_changes": ("opportunity_id", "opportunities"),
    "documents_sent": ("opportunity_id", "opportunities"),
    "debriefs": ("interview_id", "interviews"),
    "interview_contacts": ("interview_id", "interviews"),
    "answer_ratings": ("interview_id", "interviews"),
    "debrief_answers": ("debrief_id", "debriefs"),
    "story_questions": ("story_id", "stories"),
}
"""A row that belongs to another: added or deleted with it, it is not listed on its own."""


def record_count(table: str, count: int) -> str:
    """ "3 applications", "1 follow-up"."""
    one, many = RECORD_WORDS.get(table, (f"row of {table}", f"rows of {table}"))
    return counted(count, one, many)


def describe_all(changes: Iterable[RowChange], lookup: Lookup, today: date | None = None) -> list[str]:
    """One phrase per change the user would notice: deletions first, then changes, then adds
    (what is lost before what is new, for a list cut short), each by record (applications,
    contacts, follow-ups, the rest), then alphabetically. A change of the stamps alone,
    and a row added or deleted with the record it belongs to, say nothing."""
    ranks = {table: rank for rank, table in enumerate(RECORD_WORDS)}
    ops = {"delete": 0, "change": 1, "add": 2}
    changes = list(changes)
    whole = {(c.table, c.row.get("id"), c.op) for c in changes if c.op in ("add", "delete")}
    said = []
    for change in changes:
        parent = PARENTS.get(change.table)
        if parent and (parent[1], change.row.get(parent[0]), change.op) in whole:
            continue
        if (phrase := describe(change, lookup, today)) is not None:
            said.append((ops.get(change.op, 3), ranks.get(change.table, len(ranks)), phrase.casefold(), phrase))
    return [phrase for *_order, phrase in sorted(said)]


def describe(change: RowChange, lookup: Lookup, today: date | None = None) -> str | None:
    """The change as a phrase ("changes the notes of application Globex — SRE"), or None for
    one the user would not notice (only the stamps)."""
    changed = [name for name in change.changed if name not in STAMPS]
    if change.op == "change" and not changed:
        return None
    names = _Names(lookup, today)
    row, table = change.row, change.table
    if table == "interview_contacts":
        person, interview = names.contact(row.get("contact_id")), names.interview(row.get("interview_id"))
        if change.op == "add":
            return f"adds {person} to the people of {interview}"
        if change.op == "delete":
            return f"takes {person} off the people of {interview}"
        return f"changes the order of the people of {interview}"
    if table == "status_changes" and change.op == "add":
        return f"moves {names.application(row.get('opportunity_id'))} to {_flat(row.get('status'))}"
    if table == "debrief_answers" and change.op == "change" and changed == ["answer"]:
        return f"changes the {names.of(table, row)}"  # "changes the answer to “What did they ask?”"
    what = names.of(table, row)
    if change.op == "add":
        return f"adds {what}"
    if change.op == "delete":
        return f"deletes {what}"
    fields = [FIELD_WORDS.get(name, name.replace("_", " ")) for name in changed]
    listed = fields[0] if len(fields) == 1 else f"{', '.join(fields[:-1])} and {fields[-1]}"
    return f"changes the {listed} of {what}"


class _Names:
    def __init__(self, lookup: Lookup, today: date | None):
        self.lookup, self.today = lookup, today

    def of(self, table: str, row: dict) -> str:
        if table == "opportunities":
            return _application(row)
        if table == "contacts":
            return f"contact {_flat(row.get('name')) or '(no name)'}"
        if table == "followups":
            kind = _kind(row.get("kind"))
            due = _day(row.get("due_on"), self.today)
            words = f"follow-up {kind}" + (f" due {due}" if due else "")
            found = self.lookup("opportunities", row.get("opportunity_id")) if row.get("opportunity_id") else None
            return words + (f" for {_flat(found.get('company'))}" if found else "")
        if table == "interviews":
            return self._interview(row)
        if table == "debriefs":
            return f"debrief of {self.interview(row.get('interview_id'))}"
        if table == "debrief_answers":
            return f"answer to “{_flat(row.get('prompt')) or row.get('question_key') or '?'}”"
        if table == "answer_ratings":
            return f"answer rating in {self.interview(row.get('interview_id'))}"
        if table == "status_changes":
            return f"status change of {self.application(row.get('opportunity_id'))}"
        if table == "stories":
            return f"story {_flat(row.get('title')) or '(untitled)'}"
        if table == "story_questions":
            story = self.lookup("stories", row.get("story_id"))
            title = _flat(story.get("title")) if story else ""
            return f"question “{_flat(row.get('question'))}” of story {title or '(untitled)'}"
        if table == "documents_sent":
            role = "CV" if row.get("role") == "cv" else "cover letter"
            return f"{role} {_flat(row.get('name'))} sent with {self.application(row.get('opportunity_id'))}"
        if table == "sync_conflicts":
            return "conflict set aside"
        return RECORD_WORDS.get(table, (f"row of {table}",))[0]

    def application(self, opportunity_id) -> str:
        found = self.lookup("opportunities", opportunity_id)
        return _application(found) if found else "an application"

    def contact(self, contact_id) -> str:
        found = self.lookup("contacts", contact_id)
        return (_flat(found.get("name")) or "(no name)") if found else "a contact"

    def interview(self, interview_id) -> str:
        found = self.lookup("interviews", interview_id)
        return self._interview(found) if found else "an interview"

    def _interview(self, row: dict) -> str:
        found = self.lookup("opportunities", row.get("opportunity_id"))
        at = f" at {_flat(found.get('company'))}" if found else ""
        day = _day(row.get("starts_at"), self.today)
        return f"interview{at}" + (f" on {day}" if day else "")


def _application(row: dict) -> str:
    company, role = _flat(row.get("company")), _flat(row.get("role"))
    return f"application {company or '(no company)'}" + (f" — {role}" if role else "")


def _kind(value) -> str:
    try:
        return KIND_FACTS[Kind(value)][0]
    except ValueError:
        return _flat(value) or "follow-up"


def _day(value, today: date | None) -> str:
    """A stored day ("2026-12-03") or moment, as the app writes days; "" when there is none."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        day = local_day(datetime.fromisoformat(value)) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return _flat(value)
    return long_day(day, today)


def _flat(value) -> str:
    """A value from a file as one line of text (whatever it holds: a sync file is another's)."""
    return " ".join(str(value).split()) if value is not None else ""
