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
from .people import name_key
from .questions import DEFAULT_QUESTIONS, Question
from .ratings import RATED_KEY, RATINGS, kept_ratings
from .values import add_length_errors, stage_problem
from .when import WhenError, read_when

DEFAULT_INTERVIEW_TIME = time(12, 0)
"""An interview given only a date is stored at noon, so no time zone moves it to another day."""

FORMATS = ("video", "phone", "in person", "take-home", "other")


def stage_options(stages: tuple[str, ...], current: str) -> tuple[tuple[str, ...], str]:
    """The rounds the stage field offers, and the one picked: the `interview.stages` setting's,
    and `current` (the interview's stored stage, or a draft's) added as written when the setting
    does not name it, so opening an interview never changes its stage."""
    current = Stage(current) or Stage.OTHER
    picked = next((name for name in stages if current.is_named(name)), None)
    return (stages, picked) if picked is not None else ((*stages, current), current)


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
    ratings: dict[str, str] = field(default_factory=dict)
    """How you rated your answer to each question they asked, by the line's key (`ratings`)."""
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
        return cls.from_draft(payload)[0]

    @classmethod
    def from_draft(cls, payload: dict) -> tuple[DebriefForm, list[str]]:
        """A form from a saved draft, and a note for each value in it the form cannot hold (a
        score outside 1–5, an answer that is not text), which is left out: a draft from another
        version or a restored file never stops the form. A stage is any round named, kept as written."""
        form, dropped = cls(), []
        for item in fields(cls):
            value = payload.get(item.name)
            if value is None:
                continue
            if item.name == "answers":
                if not isinstance(value, dict):
                    dropped.append("the answers were not text")
                    continue
                form.answers = {str(k): v for k, v in value.items() if isinstance(v, str)}
                if len(form.answers) < len(value):
                    dropped.append(f"{len(value) - len(form.answers)} answer(s) that were not text")
            elif item.name == "ratings":
                if isinstance(value, dict):
                    form.ratings = {str(k): v for k, v in value.items() if v in RATINGS}
                if not isinstance(value, dict) or len(form.ratings) < len(value):
                    dropped.append("ratings that were not strong, ok or weak")
            elif item.name == "satisfaction":
                if value in (1, 2, 3, 4, 5) and not isinstance(value, bool):
                    form.satisfaction = value
                else:
                    dropped.append(f"the satisfaction {value!r} (it is 1 to 5)")
            elif not isinstance(value, str):
                dropped.append(f"the {item.name.replace('_', ' ')} {value!r} (not text)")
            elif item.name == "stage" and (problem := stage_problem(Stage(value))):
                dropped.append(f"the stage {value!r} ({problem})")
            else:
                setattr(form, item.name, value)
        return form, dropped

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
    ratings: dict[str, str] = field(default_factory=dict)
    """The ratings of the lines of "what did they ask" still in it."""


def split_names(text: str) -> list[str]:
    """Interviewer names typed as "Ada Lovelace, Grace Hopper" (commas, semicolons or lines)."""
    names: list[str] = []
    for name in re.split(r"[,;\n]", text):
        name = " ".join(name.split())
        if name and name_key(name) not in (name_key(n) for n in names):
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
    stage = Stage(form.stage)
    if not stage:
        errors["stage"] = "Pick a stage from the list."
    add_length_errors(errors, company=company, role=form.role, format=form.format, stage=stage)
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
        ratings=kept_ratings(form.answers.get(RATED_KEY, ""), form.ratings),
    )
