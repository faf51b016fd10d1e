"""Composing the message for a follow-up: fill a template, lint it, send it out three ways, mark it sent.

The draft lives on the follow-up itself (its subject and body), so a half-written message
stays with the step it is for. Templates are the defaults plus the user's own, kept in the
journal's settings under `templates`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path
from urllib.parse import quote

from followup_tui.domain.clear_ups import Shape, as_question, clear_up_of, what_it_is
from followup_tui.domain.dates import spoken_day
from followup_tui.domain.draft_lint import LintWarning, lint_draft
from followup_tui.domain.kinds import Direction, FollowupStatus, Kind
from followup_tui.domain.models import Contact, Followup
from followup_tui.domain.people import named_in
from followup_tui.domain.prep import said_of
from followup_tui.domain.story import Stale, Story, stale_thank_you
from followup_tui.domain.templates import (
    DEFAULT_TEMPLATES,
    Filled,
    Template,
    fill,
    fill_known,
    template_for,
    topics_in,
)
from followup_tui.domain.text import header_line, without_surrogates
from followup_tui.domain.topics import Topic, for_the_reader, to_the_person, topic_of
from followup_tui.store import Store

from . import story
from .another_copy import followup_as_shown
from .files import write_private
from .followups import cadence, recent_history, warnings_for
from .settings import TEMPLATES_SETTING, my_details, setting

TOPIC_ANSWERS = ("learned", "my_questions", "their_questions")
"""The debrief answers a message's topic can come from, most telling first: what you learned about
them, what you asked, what they asked (what went well is about you; what to clear up is a task)."""

MINE = ("signature", "my_email", "my_name")
"""Placeholders filled from your own settings: kept as placeholders in a saved draft, so a setting
changed later shows up the next time the draft is opened."""


@dataclass(frozen=True)
class Message:
    """A message on its way out: headers on one line each, the body as text any file can hold."""

    to: str
    subject: str
    body: str
    sender: str = ""

    def __post_init__(self) -> None:
        for name in ("to", "subject", "sender"):
            object.__setattr__(self, name, header_line(getattr(self, name)))
        object.__setattr__(self, "body", without_surrogates(self.body))


@dataclass(frozen=True)
class Composition:
    """Everything the composer needs about one follow-up, read once."""

    followup: Followup
    contact: Contact | None
    company: str
    role: str
    interview_day: date | None
    topics: list[Topic]
    templates: list[Template]
    values: dict[str, str]
    default_topic: int = 0
    """The topic first offered: one that names this person, else a different one for each interviewer."""
    moment: str = ""
    """The template the moment calls for (a check-in after the decision asks where things stand)."""

    @property
    def to(self) -> str:
        return self.contact.email if self.contact else ""

    @property
    def template(self) -> Template:
        named = [t for t in self.templates if t.name == self.moment and t.kind is self.followup.kind]
        return named[0] if named else template_for(self.followup.kind, self.templates)


# -- templates ------------------------------------------------------------------------------


def templates(store: Store) -> list[Template]:
    """The defaults, each replaced by the user's version where they edited it, then the user's own."""
    mine = {name: _template_of(name, value) for name, value in _stored_templates(store).items()}
    defaults = [mine.pop(t.name, t) for t in DEFAULT_TEMPLATES]
    return [*defaults, *(t for t in mine.values() if t is not None)]


def save_template(store: Store, template: Template) -> None:
    stored = _stored_templates(store)
    stored[template.name] = {"kind": template.kind.value, "subject": template.subject, "body": template.body}
    store.set_setting(TEMPLATES_SETTING, stored)


def reset_template(store: Store, name: str) -> None:
    """Forget the user's version: a default comes back as it shipped, one of their own is removed."""
    stored = _stored_templates(store)
    stored.pop(name, None)
    store.set_setting(TEMPLATES_SETTING, stored)


def is_default(name: str) -> bool:
    return any(t.name == name for t in DEFAULT_TEMPLATES)


def _stored_templates(store: Store) -> dict:
    stored = store.get_setting(TEMPLATES_SETTING, {})
    return stored if isinstance(stored, dict) else {}


def _template_of(name: str, value) -> Template | None:
    try:
        return Template(name, Kind(value["kind"]), str(value["subject"]), str(value["body"]))
    except (KeyError, TypeError, ValueError):
        return None  # a hand-edited setting that is not a template: the default stands


# -- composing -------------------------------------------------------------------------------


def compose(store: Store, followup_id: int) -> Composition:
    """What is known for writing the message of this follow-up."""
    followup = store.get_followup(followup_id)
    told = story.application_story(store, followup.opportunity_id)
    opportunity = told.opportunity
    contact = told.contacts.get(followup.contact_id) if followup.contact_id else None
    interview_day, topics, default_topic = None, [], 0
    r = told.round_of(followup)  # its interview, else the latest before it
    if r is not None:
        interview_day = r.day
        if debrief := store.get_debrief(r.interview.id):
            answers = {a.question_key: a.answer for a in debrief.answers}
            topics = _topics(answers, opportunity.company)
            own = own_line(answers.get(STOOD_OUT, ""), contact, list(r.people))
            topics = [*own, *topics]
            default_topic = 0 if own else _topic_for(contact, list(r.people), topics)
    values = {
        "first_name": contact.name.split()[0] if contact and contact.name.split() else "",
        "name": contact.name if contact else "",
        "company": opportunity.company,
        "role": opportunity.role,
        "interview_day": spoken_day(interview_day) if interview_day else "",
        "subject": followup.subject,
        **_carried(told, followup),
        **_answering(told, followup, interview_day),
        "check_in_day": spoken_day(told.check_in_day(followup, cadence(store))),
        "decision_day": spoken_day(told.decision.day) if told.decision else "",
        **my_details(store),
    }
    return Composition(
        followup,
        contact,
        opportunity.company,
        opportunity.role,
        interview_day,
        topics,
        templates(store),
        values,
        default_topic,
        _moment(told, followup, store.clock.today()),
    )


AFTER_THE_DECISION = "check-in after the decision"


def _moment(told: Story, followup: Followup, today: date) -> str:
    """Which template the moment calls for: past the decision they named, a check-in simply asks
    where things stand (and the lint lets it). Judged for sending today, as the lint judges it."""
    if followup.kind is Kind.CHECK_IN and told.decision and told.decision.day < today:
        return AFTER_THE_DECISION
    return ""


def _answering(told: Story, followup: Followup, interview_day: date | None) -> dict[str, str]:
    """An answer's subject and first line, from the promise or the line to clear up it keeps —
    never the to-do as it was written for yourself."""
    if followup.kind is not Kind.QUESTION:
        return {"about": "", "answering": ""}
    kept = next((p.clear_up for p in told.promises if p.step is not None and p.step.id == followup.id), None)
    line = kept or clear_up_of(followup.subject, [person.name for person in told.people])  # a step typed as one
    about = what_it_is(line)
    if line.shape is Shape.PROMISE:
        return {"about": about, "answering": f"As promised, here is {line.thing}:"}
    if line.shape is Shape.QUESTION:
        return {"about": about, "answering": f"May I ask {line.thing}?"}
    when = f"When we spoke on {spoken_day(interview_day)}, " if interview_day else ""
    return {"about": about, "answering": f"{when}I said I would follow up with {about}:"}


STOOD_OUT = "stood_out"
"""The debrief's line for each person: what stood out talking with them."""


def _topics(answers: dict[str, str], company: str) -> list[Topic]:
    """The debrief's lines a message can name, each as it reads to someone at the company."""
    found = []
    for key in TOPIC_ANSWERS:
        for note in topics_in(answers.get(key, "")):
            phrase = for_the_reader(topic_of(note).phrase, company=company, they_asked=key == "their_questions")
            if phrase or note.strip("() "):
                found.append(Topic(note, phrase))
    return found


def own_line(answer: str, contact: Contact | None, room: list[Contact]) -> list[Topic]:
    """This person's line under "what stood out talking with each of them", as written — the
    topic their thank-you names; none when the answer has no line starting with their name."""
    if contact is None:
        return []
    people = room or [contact]
    index = next((i for i, person in enumerate(people) if person.id == contact.id), None)
    text = to_the_person(said_of(answer, [person.name for person in people]).get(index, "").rstrip(".!"))
    if not text:
        return []
    return [Topic(text, text[:1].lower() + text[1:] if text[1:2].islower() else text)]


def _topic_for(contact: Contact | None, room: list[Contact], topics: list[Topic]) -> int:
    """The topic to offer first in a message to `contact`: one that names them, else one that
    names nobody else in the room, a different one for each of them — or none (-1) when there
    are fewer than people: two people never get the same topic."""
    if not topics or contact is None:
        return 0
    names = [person.name for person in room]
    mine = [i for i, topic in enumerate(topics) if topic.phrase and _names(topic.note, names) == contact.name]
    if mine:
        return mine[0]
    free = [i for i, topic in enumerate(topics) if topic.phrase and _names(topic.note, names) is None] or [0]
    place = next((i for i, person in enumerate(room) if person.id == contact.id), 0)
    return free[place] if place < len(free) else -1


def _names(note: str, names: list[str]) -> str | None:
    found = named_in(note, names)
    return names[found] if found is not None else None


def refill(composition: Composition, text: str) -> str:
    """A saved draft as it opens now: your settings put back where their placeholders were kept."""
    return fill_known(text, {name: composition.values[name] for name in MINE})


def keepable(composition: Composition, text: str) -> str:
    """The draft as it is kept: your name, email and signature, where they stand as filled, turned
    back into their placeholders — edited, they are the user's own text and stay as written."""
    for name in MINE:
        value = composition.values.get(name, "")
        if len(value) >= 2 and value in text:
            head, found, tail = text.rpartition(value)  # the sign-off is the last one
            text = f"{head}{{{name}}}{tail}"
    return text


def _carried(told: Story, followup: Followup) -> dict[str, str]:
    """What a message takes along from the story: the questions to clear up with this person and
    what was promised them (in their thank-you only), and thanks owed to people never thanked."""
    values = {"clear_up": "", "promised": "", "thanks": ""}
    contact = followup.contact_id
    asks = told.carried_by(followup, Shape.QUESTION)
    values["clear_up"] = as_question([p.clear_up.thing for p in asks])
    promised = told.carried_by(followup, Shape.PROMISE)
    values["promised"] = "".join(f"As promised, here is {p.clear_up.thing}: \n\n" for p in promised)
    first = told.planned_check_ins[:1] == [followup]
    if followup.kind is Kind.CHECK_IN and first and (r := told.round_of(followup)) is not None:
        owed = told.unthanked(r.interview.id)
        if any(person.id == contact for person in owed):
            values["thanks"] = "Thank you again for your time at the interview. "
        if others := [person.name.split()[0] for person in owed if person.id != contact and person.name.split()]:
            values["thanks"] += f"Please pass my thanks to {_and(others)} as well. "
    return values


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _without_topic_sentence(body: str) -> str:
    """The body without the sentence that names the topic — from the end of the sentence before
    it (or of a placeholder that stands alone before it, like {thanks}) to its own end — and the
    cursor's mark where it stood."""
    at = body.find("{topic}")
    if at < 0:
        return body
    starts = [body.rfind(mark, 0, at) + len(mark) for mark in (". ", "! ", "? ", "\n", "{thanks}") if mark in body[:at]]
    start = max(starts, default=0)
    end = re.search(r"[.!?] ?|\n|$", body[at:])
    return body[:start] + "{here}" + body[at + end.end() :]


def fill_template(
    composition: Composition, template: Template, topic: str, *, without_topic: bool = False
) -> tuple[Filled, Filled]:
    """The template's subject and body filled for this follow-up, with `topic` as the topic.
    `without_topic` (no topic picked: nothing in the debrief, or "in my own words") leaves out the
    sentence that names one, the cursor where it stood — a draft that can go as it is."""
    values = {**composition.values, "topic": topic}
    body = template.body
    if without_topic and not topic:
        body = _without_topic_sentence(body)
    return fill(template.subject, values), fill(body, values)


def lint(store: Store, composition: Composition, body: str) -> list[LintWarning]:
    """The pushiness lint for sending `body` today, with the guard's view of sending it today."""
    followup = composition.followup
    today = store.clock.today()
    guard = []
    if followup.direction is Direction.OUTBOUND and followup.status is FollowupStatus.PLANNED:
        guard = warnings_for(store, replace(followup, due_on=today))
    holidays = cadence(store).holidays
    return lint_draft(
        followup.kind,
        body,
        today=today,
        interview_day=composition.interview_day,
        guard=guard,
        holidays=holidays,
        past_the_decision=composition.moment == AFTER_THE_DECISION,
    )


def save_draft(store: Store, followup_id: int, subject: str, body: str) -> None:
    """Keep the message on its follow-up (the composer keeps your details as placeholders:
    `keepable`); its line on the Timeline stays as the user wrote it."""
    store.update_followup(replace(store.get_followup(followup_id), draft_subject=subject, body=body))


# -- three ways out --------------------------------------------------------------------------


def sender_of(store: Store) -> str:
    """The From address from settings, with the name when there is one; empty when no email is set."""
    email = setting(store, "me.email")
    return formataddr((setting(store, "me.name"), email)) if email else ""


def eml_bytes(message: Message, when=None, message_id: str = "") -> bytes:
    """The message as a standard .eml file: headers encoded as mail clients expect, and the body
    as UTF-8 in base64, so every character and line of it comes back exactly as written."""
    email = EmailMessage()
    if message.sender:
        email["From"] = message.sender
    if message.to:
        email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(when.timestamp() if when else None, localtime=True)
    email["Message-ID"] = message_id or make_msgid(domain="followup-tui.local")
    email["X-Unsent"] = "1"  # mail clients open it as a draft to send, not as a message received
    email.set_content(message.body.encode("utf-8"), maintype="text", subtype="plain", cte="base64")
    email.set_param("charset", "utf-8")
    return email.as_bytes(policy=SMTP)


def save_eml(path: Path, message: Message, when=None, message_id: str = "") -> Path:
    path = Path(path).expanduser()
    if path.suffix.lower() != ".eml":
        path = path.with_name(path.name + ".eml")
    write_private(path, eml_bytes(message, when, message_id))
    return path


def message_id_of(store: Store, followup_id: int) -> str:
    """The Message-ID this follow-up's message goes out with: made once, when it is first saved as
    .eml, and kept on the follow-up, so `followup mail` knows a reply to it by its thread."""
    with store.transaction():
        followup = store.get_followup(followup_id)
        if followup.message_id:
            return followup.message_id
        made = make_msgid(domain="followup-tui.local")
        store.update_followup(replace(followup, message_id=made))
        return made


def as_text(message: Message) -> str:
    """The message to paste anywhere: To and Subject lines, a blank line, the body."""
    head = [f"To: {message.to}"] if message.to else []
    return "\n".join([*head, f"Subject: {message.subject}", "", message.body])


def mailto_link(message: Message) -> str:
    return f"mailto:{quote(message.to, safe='@,')}?subject={quote(message.subject)}&body={quote(message.body)}"


def open_in_mail_app(link: str) -> str | None:
    """Hand `link` to the system's mail client; None when handed over, else why it could not be."""
    if sys.platform == "darwin":
        command = ["open", link]
    elif os.name == "nt":
        os.startfile(link)  # type: ignore[attr-defined]  # pragma: no cover - Windows only
        return None
    elif opener := shutil.which("xdg-open"):
        command = [opener, link]
    else:
        return "no mail app is set up here (xdg-open is missing); copy the message or save it as .eml instead"
    try:
        done = subprocess.run(command, capture_output=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"the mail app did not start ({error}); copy the message or save it as .eml instead"
    if done.returncode != 0:
        return "no mail app took the message; copy it or save it as .eml instead"
    return None


# -- mark sent -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """What marking a message sent did: the step recorded, the next one, and whether it was planned just now."""

    sent: Followup
    next_step: Followup | None
    planned_now: bool
    move_on: bool
    stale: Stale | None = None
    """When the next step is a thank-you gone stale: how late, and the check-in it can fold into."""


def mark_sent(store: Store, followup_id: int, subject: str, body: str, shown: Followup | None = None) -> Sent:
    """The follow-up is done with what was sent stored on it; the next check-in is planned if none is."""
    from followup_tui.domain.cadence import is_message, next_check_in

    with store.transaction():
        before = followup_as_shown(store, followup_id, shown, compared=("status", "kind", "due_on", "contact_id"))
        now = store.clock.now()
        if before.direction is Direction.INBOUND:  # a reply to their message: a new step of its own
            sent = store.add_followup(
                Followup(
                    before.opportunity_id,
                    Kind.QUESTION,
                    store.clock.today(),
                    Direction.OUTBOUND,
                    FollowupStatus.DONE,
                    before.contact_id,
                    before.interview_id,
                    now,
                    f"Replied: {subject}",
                    body,
                    draft_subject=subject,
                )
            )
        else:
            sent = replace(before, draft_subject=subject, body=body, status=FollowupStatus.DONE, done_at=now)
            store.update_followup(sent)
        from .stay_in_touch import in_touch  # their keeping-in-touch note moves: this is contact

        touched = in_touch(store, sent)
        if sent.kind is Kind.STAY_IN_TOUCH:  # what follows is the cadence's next note, not a check-in
            after = store.get_followup(touched.planned[0]) if touched.planned else None
            return Sent(sent, after, planned_now=after is not None, move_on=False)
        others = recent_history(store, sent.opportunity_id, store.clock.today())
        decision = story.decision_of(store, sent.opportunity_id)
        company = store.get_opportunity(sent.opportunity_id).company
        day = decision.day if decision else None
        step = next_check_in(store.clock.today(), others, day, company, sent.contact_id, cadence(store))
        if step is not None:
            planned = store.add_followup(
                Followup(
                    sent.opportunity_id,
                    step.kind,
                    step.due_on,
                    contact_id=step.contact_id,
                    interview_id=sent.interview_id,
                    subject=step.subject,
                )
            )
            return Sent(sent, planned, planned_now=True, move_on=False)
    planned = store.planned_followups_of_opportunity(sent.opportunity_id)
    upcoming = [f for f in planned if is_message(f)]
    after = upcoming[0] if upcoming else None
    stale = stale_thank_you(after, planned, store.clock.today()) if after else None
    return Sent(sent, after, planned_now=False, move_on=not upcoming, stale=stale)
