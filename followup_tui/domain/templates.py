"""Message templates and how they are filled: plain substitution of `{placeholder}`s, never code.

A value is inserted exactly as written and never read again, so a contact named
`{0.__class__}`, `${x}` or `$(rm -rf ~)` appears literally. A placeholder this module
does not know, or one with nothing to fill it, is left visible and reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .kinds import Kind
from .values import text_problem

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the person's first name",
    "name": "the person's full name",
    "company": "the company",
    "role": "the role you interviewed for",
    "interview_day": "the day of the interview, e.g. Tuesday 24 November",
    "topic": "a point from your debrief, picked in the composer",
    "clear_up": "the questions under your debrief's “to clear up” for this person, as one short question",
    "promised": "what you promised this person under “to clear up”: “As promised, here is …”",
    "thanks": "thanks owed to the people of the interview nobody thanked yet (a thank-you skipped)",
    "subject": "the follow-up's own line on the timeline",
    "check_in_day": "when you will next be in touch: this person's next check-in, else the application's, "
    "else the day the plan's rule gives",
    "decision_day": "the day they said they would decide, as things stand (a reply's, else the interview's)",
    "here": "where the cursor starts: the words that go there are yours",
    "about": "what an answer follows up on: the thing promised, else the line to clear up",
    "answering": "an answer's first line: “As promised, here is …:”, else what you said you would follow up on",
    "my_name": "your name (Settings)",
    "my_email": "your email address (Settings)",
    "signature": "your signature (Settings; your name when it is empty)",
}
"""Every placeholder a template may use, and what fills it."""

OPTIONAL = {"clear_up", "promised", "thanks", "here"}
"""Placeholders that simply go when there is nothing to fill them (no question to ask, nothing promised)."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Template:
    """A message to start from: `name` is how the user picks it, `kind` the follow-ups it suits."""

    name: str
    kind: Kind
    subject: str
    body: str


@dataclass(frozen=True)
class Filled:
    """A filled text, with the placeholders left in it: not known at all, or known with no value."""

    text: str
    unknown: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    here: int | None = None
    """Where `{here}` stood in the filled text: where the cursor starts."""


_HERE = "\ue000"  # a private-use character: no value keeps one (they are taken out first)


def fill(text: str, values: Mapping[str, str]) -> Filled:
    """`text` with each known placeholder replaced by its value, in one pass."""
    unknown: list[str] = []
    empty: list[str] = []

    def value_of(match: re.Match) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            unknown.append(name)
            return match.group(0)
        if name == "here":
            return _HERE
        value = values.get(name, "").replace(_HERE, "")
        if not value and name in OPTIONAL:
            return ""
        if not value:
            empty.append(name)
            return match.group(0)
        return value

    filled = _PLACEHOLDER.sub(value_of, text)
    filled = re.sub(r"[ \t]+(?=\n|$)", "", filled)  # an optional placeholder gone leaves no trailing space
    filled = re.sub("\ue000+", "\ue000", filled)
    filled = re.sub(r"[ \t]+(?=\ue000(?:\n|$))", "", filled)  # nor does the cursor's mark at a line's end
    filled = filled.replace("\n\n\ue000\n\n", "\n\n\ue000")  # a paragraph left empty goes, the cursor where it was
    here = filled.find(_HERE)
    filled = filled.replace(_HERE, "")
    return Filled(filled, tuple(dict.fromkeys(unknown)), tuple(dict.fromkeys(empty)), here if here >= 0 else None)


def fill_known(text: str, values: Mapping[str, str]) -> str:
    """`text` with the placeholders named in `values` filled where a value is set; every other
    placeholder, and any with no value, left as it is."""

    def value_of(match: re.Match) -> str:
        return values.get(match.group(1)) or match.group(0)

    return _PLACEHOLDER.sub(value_of, text)


def placeholders_in(text: str) -> list[str]:
    """The names of the placeholders `text` uses, in order, once each."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


DEFAULT_TEMPLATES: tuple[Template, ...] = (
    Template(
        "thank-you",
        Kind.THANK_YOU,
        "Thank you — {role} interview",
        "Hi {first_name},\n\n"
        "Thank you for taking the time to talk with me on {interview_day} about the {role} role at "
        "{company}. I especially enjoyed our conversation about {topic}. {clear_up}{here}\n\n"
        "{promised}It left me even keener on the role. I'll be in touch around {check_in_day}, and in the "
        "meantime I'm glad to send anything that would help.\n\n"
        "Best regards,\n{signature}\n",
    ),
    Template(
        "check-in",
        Kind.CHECK_IN,
        "{role} at {company}: a thought since we spoke",
        "Hi {first_name},\n\n"
        "{thanks}Since we spoke on {interview_day} I've kept thinking about {topic}. {clear_up}{here}\n\n"
        "{promised}I remain very interested in the {role} role, and I'm happy to help with anything you need "
        "from me.\n\n"
        "Best regards,\n{signature}\n",
    ),
    Template(
        "check-in after the decision",
        Kind.CHECK_IN,
        "Following up — {role} at {company}",
        "Hi {first_name},\n\n"
        "{thanks}I hope the week is going well. When we spoke on {interview_day}, you expected a decision "
        "around {decision_day}, so I wanted to ask where things stand, and whether there is anything more "
        "you need from me. {clear_up}{here}\n\n"
        "{promised}I remain very interested in the {role} role.\n\n"
        "Best regards,\n{signature}\n",
    ),
    Template(
        "answer",
        Kind.QUESTION,
        "Following up: {about}",
        "Hi {first_name},\n\n{answering} {here}\n\nThank you again for your time.\n\nBest regards,\n{signature}\n",
    ),
    Template(
        "reply",
        Kind.REPLY_RECEIVED,
        "Re: {role} at {company}",
        "Hi {first_name},\n\nThank you for getting back to me. {here}\n\nBest regards,\n{signature}\n",
    ),
    Template(
        "closing the loop",
        Kind.CLOSING_LOOP,
        "Thank you — {role} at {company}",
        "Hi {first_name},\n\n"
        "I haven't heard back since my last note, so I'll take it the timing isn't right, and I won't "
        "keep writing. Thank you again for the conversations about the {role} role — I enjoyed them, "
        "and I'm still interested if anything changes. {here}\n\n"
        "My door is open, and I'd be glad to stay in touch.\n\n"
        "Best regards,\n{signature}\n",
    ),
    Template(
        "another offer",
        Kind.OFFER_DEADLINE,
        "An offer with a deadline — {role} at {company}",
        "Hi {first_name},\n\n"
        "I wanted to let you know that I have received another offer, and I have been asked to reply by "
        "{here}. {company} is still the role I want most, so before I answer I wanted to ask whether "
        "there is any chance of hearing from you by then.\n\n"
        "I understand if the timing doesn't work, and I'm grateful for your time either way.\n\n"
        "Best regards,\n{signature}\n",
    ),
    Template(
        "keeping in touch",
        Kind.STAY_IN_TOUCH,
        "Keeping in touch",
        "Hi {first_name},\n\n"
        "It's been a while since we were last in touch about the {role} role at {company}, and you came to mind. "
        "{here}\n\n"
        "I hope things are going well for you and the team. I'd love to hear what you're working on "
        "these days, whenever you have a moment.\n\n"
        "All the best,\n{signature}\n",
    ),
)


def template_for(kind: Kind, templates: list[Template] | tuple[Template, ...]) -> Template:
    """The template to start a message of `kind` from: the first that suits it, else the check-in."""
    for template in templates:
        if template.kind is kind:
            return template
    return next((t for t in templates if t.kind is Kind.CHECK_IN), templates[0])


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s(])|(?<=[.!?]\))\s+")
"""Where one sentence ends and the next starts; a bracket after a sentence stays with it."""


def topics_in(text: str) -> list[str]:
    """Each line or sentence of a debrief answer, as written: the notes a topic can come from
    (`topics.topic_of` makes each a phrase a message can use)."""
    notes = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line.strip()):
            if sentence := sentence.strip().strip("-•* ").strip():
                notes.append(sentence)
    return notes


def stored_templates_problem(value: object) -> str | None:
    """What is wrong with the templates setting as stored (from an import): a mapping of names to
    a kind, a subject and a body, all text; None when it may be stored."""
    if not isinstance(value, dict):
        return "should map template names to templates"
    for name, template in value.items():
        if not isinstance(template, dict) or set(template) != {"kind", "subject", "body"}:
            return f"template {name!r} should have a kind, a subject and a body"
        if template["kind"] not in {kind.value for kind in Kind}:
            return f"template {name!r} is for an unknown kind {template['kind']!r}"
        for part in (name, template["subject"], template["body"]):
            if problem := text_problem(part):
                return f"template {name!r} {problem}"
    return None
