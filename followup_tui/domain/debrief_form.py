"""The new-interview form as typed, and the check that turns it into records or field errors.

The form is plain text fields, so a draft of it can be saved after every pause in
typing and restored exactly, whatever state it is in.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time

from .forms import FormErrors
from .models import DebriefAnswer, Stage
from .questions import DEFAULT_QUESTIONS, Question
from .values import add_length_errors
from .when import WhenError, read_when

DEFAULT_INTERVIEW_TIME = time(12, 0)
"""An interview given only a date is stored at noon, so no time zone moves it to another day."""

FORMATS = ("video", "phone", "in person", "take-home", "other")


@dataclass
class DebriefForm:
    """Everything the user has typed into the form so far."""

    company: str = ""
    role: str = ""
    when: str = "now"
    stage: str = Stage.OTHER.value
    format: str = ""
    interviewers: str = ""
    decision: str = ""
    satisfaction: int | None = None
    answers: dict[str, str] = field(default_factory=dict)
    dates_typed_at: str = ""
    """When the dates were typed (ISO): "now" or "yesterday 3pm" read from then, so a draft
    resumed days later keeps the interview where it was."""

    def typed_at(self, now: datetime) -> datetime:
        """The moment the relative dates were typed — `now` when the form does not know it."""
        try:
            moment = datetime.fromisoformat(self.dates_typed_at)
        except ValueError:
            return now
        return moment if moment.tzinfo is not None and moment <= now else now

    def to_payload(self) -> dict:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict) -> DebriefForm:
        """A form from a saved draft; anything missing or malformed falls back to blank."""
        form = cls()
        for item in fields(cls):
            value = payload.get(item.name)
            if item.name == "answers":
                if isinstance(value, dict):
                    form.answers = {str(k): v for k, v in value.items() if isinstance(v, str)}
            elif item.name == "satisfaction":
                form.satisfaction = value if value in (1, 2, 3, 4, 5) else None
            elif isinstance(value, str):
                setattr(form, item.name, value)
        return form

    def is_blank(self) -> bool:
        """True when nothing worth keeping has been typed."""
        typed = [self.company, self.role, self.format, self.interviewers, self.decision, *self.answers.values()]
        return (
            not any(text.strip() for text in typed) and self.satisfaction is None and self.when.strip() in ("", "now")
        )


@dataclass(frozen=True)
class CheckedDebrief:
    """A form that passed its check: ready to be recorded."""

    company: str
    role: str
    starts_at: datetime
    stage: Stage
    format: str
    interviewers: list[str]
    decision_on: date | None
    satisfaction: int | None
    answers: list[DebriefAnswer]


def split_names(text: str) -> list[str]:
    """Interviewer names typed as "Ada Lovelace, Grace Hopper" (commas, semicolons or lines)."""
    names: list[str] = []
    for name in re.split(r"[,;\n]", text):
        name = " ".join(name.split())
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


def check_debrief(
    form: DebriefForm,
    now: datetime,
    *,
    day_first: bool = True,
    questions: tuple[Question, ...] = DEFAULT_QUESTIONS,
) -> CheckedDebrief:
    """The records the form describes, or FormErrors naming every field that needs fixing."""
    errors: dict[str, str] = {}
    company = " ".join(form.company.split())
    if not company:
        errors["company"] = "Which company was the interview with?"
    starts_at = None
    now = form.typed_at(now)
    try:
        when = read_when(form.when, now, day_first=day_first, past=True)
        starts_at = when.moment(now.tzinfo, DEFAULT_INTERVIEW_TIME)
    except WhenError as error:
        errors["when"] = str(error)
    decision_on = None
    if form.decision.strip():
        try:
            decision_on = read_when(form.decision, now, day_first=day_first).day
        except WhenError as error:
            errors["decision"] = str(error)
    try:
        stage = Stage(form.stage)
    except ValueError:
        errors["stage"] = "Pick a stage from the list."
    add_length_errors(errors, company=company, role=form.role, format=form.format)
    for key, answer in form.answers.items():
        add_length_errors(errors, **{f"answer-{key}": answer})
    if errors:
        raise FormErrors(errors)
    return CheckedDebrief(
        company=company,
        role=" ".join(form.role.split()),
        starts_at=starts_at,
        stage=stage,
        format=form.format.strip(),
        interviewers=split_names(form.interviewers),
        decision_on=decision_on,
        satisfaction=form.satisfaction,
        answers=[DebriefAnswer(q.key, q.prompt, form.answers.get(q.key, "").rstrip()) for q in questions],
    )
