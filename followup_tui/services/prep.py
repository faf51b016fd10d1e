"""The prep sheet for the next round: everything the journal knows that helps in the room.

Built from the application's story (`services.story`: the people, the decision in force, the
promises and questions still open) and the question bank the store keeps (`store/prep.py`): who
you will meet and what they asked before, what this company and the others ask, the gaps to
close, the open loops, the pay said, and the questions to ask. The command line, Markdown and
the app's screen all show this one view model.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from difflib import get_close_matches

from followup_tui.domain.cadence import Cadence, Step, prepare_step
from followup_tui.domain.clear_ups import Shape
from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.kinds import FollowupStatus, Kind, Stage
from followup_tui.domain.models import Contact, Interview
from followup_tui.domain.people import name_key, named_in
from followup_tui.domain.prep import Asked, Grouped, folded, how_soon, likeliest, lines_in, said_of
from followup_tui.domain.story import Story
from followup_tui.domain.story_bank import stories_that_fit
from followup_tui.domain.text import sentence
from followup_tui.store import Store

from .applications import close_companies
from .public_holidays import holiday_calendar
from .story import application_story

ELSEWHERE = 8
"""How many of the questions other companies ask the sheet lists."""
SEARCH_GAPS = 5
"""How many of the search's most repeated gaps follow this company's own."""
TO_ASK = 8
"""How many questions you have not asked here yet the sheet offers."""
BRIEF_LOOPS = 3


@dataclass(frozen=True)
class NextRound:
    """The interview to prepare: a scheduled one, or a next interview planned as a follow-up."""

    day: date
    starts_at: datetime | None = None
    """None for a round only planned as a follow-up (its due day is all there is)."""
    stage: str = ""
    where: str = ""
    people: tuple[Contact, ...] = ()
    planned: str = ""
    """The planned follow-up's line, for a round not scheduled yet."""
    interview_id: int | None = None


@dataclass(frozen=True)
class Entry:
    """One line of a section: the user's text, a lead before it (a day, a label) and a note
    after it (a count, "already asked"), a warning, and lines under it."""

    text: str
    lead: str = ""
    note: str = ""
    warning: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PrepSheet:
    title: str
    company: str
    opportunity_id: int | None
    round: NextRound | None
    sections: tuple[Section, ...] = ()
    brief: tuple[Section, ...] = ()
    """The 15-minute review: the round, the people, three questions, three gaps, the loops, pay."""
    notes: tuple[str, ...] = field(default=())
    """What the sheet will hold once there is more to go on."""


class UnknownCompany(LookupError):
    """A company the journal has no application at, with the close names it knows."""

    def __init__(self, typed: str, close: list[str]):
        self.typed, self.close = typed, close
        meant = f"; did you mean {' or '.join(close)}?" if close else "; `followup list applications` lists them"
        super().__init__(f"no application at {typed}{meant}")


NOTHING_PLANNED = (
    "No interview coming up. Once one is in the journal (or a next interview is planned on the "
    "Timeline), this sheet prepares it: who you will meet and what they asked before, every question "
    "the company asked, your gaps to close, open loops, the pay you said and questions to ask."
)


def prep_for(store: Store, company: str | None = None) -> PrepSheet | None:
    """The sheet for the next round at `company` (matched by the journal's name rule), or for the
    soonest round anywhere; None when there is no round anywhere. UnknownCompany for a company
    the journal has no application at."""
    if company is None:
        opportunity_id = _soonest_anywhere(store)
        return prep_sheet(store, opportunity_id) if opportunity_id is not None else None
    at = _applications_at(store, company)
    now = store.clock.now()
    rounds = [(r, opportunity_id) for opportunity_id in at if (r := _next_round_of(store, opportunity_id, now))]
    if rounds:
        return prep_sheet(store, min(rounds, key=lambda pair: _order(pair[0]))[1])
    return prep_sheet(store, max(at))


def _applications_at(store: Store, typed: str) -> list[int]:
    """The applications at the company `typed` names: by the name rule, else the one company whose
    name starts with it ("lumen" for Lumen Health). UnknownCompany otherwise."""
    if at := store.opportunity_ids_at(typed):
        return at
    key = name_key(typed)
    known = {name_key(c): c for c in store.companies() if store.opportunity_ids_at(c)}
    starting = [company for k, company in known.items() if key and k.startswith(key)]
    if len(starting) == 1:
        return store.opportunity_ids_at(starting[0])
    close = starting or close_companies(store, typed)
    if not close and key:
        firsts = {k.split()[0]: company for k, company in known.items() if k}
        close = [firsts[w] for w in get_close_matches(key.split()[0], list(firsts), n=3, cutoff=0.75)]
    raise UnknownCompany(typed, [c for c in close if name_key(c) in known])


def _order(r: NextRound) -> tuple:
    return (r.day, r.starts_at is None, r.starts_at or datetime.min)


def _soonest_anywhere(store: Store) -> int | None:
    now = store.clock.now()
    coming = store.interviews_from(now)  # soonest last
    if coming:
        return coming[-1].interview.opportunity_id
    planned = store.soonest_planned(Kind.NEXT_INTERVIEW.value, store.clock.today())
    return planned.opportunity_id if planned else None


def _next_round_of(store: Store, opportunity_id: int, now: datetime, story: Story | None = None) -> NextRound | None:
    story = story or application_story(store, opportunity_id)
    if story is None:
        return None
    coming = [r for r in story.rounds if r.interview.starts_at > now]
    if coming:
        r = min(coming, key=lambda r: r.interview.starts_at)
        i: Interview = r.interview
        return NextRound(local_day(i.starts_at), i.starts_at, i.stage.label, _where(i), r.people, interview_id=i.id)
    planned = store.soonest_planned(Kind.NEXT_INTERVIEW.value, local_day(now), opportunity_id)
    if planned is None:
        return None
    people = tuple(story.contacts[c] for c in [planned.contact_id] if c in story.contacts)
    return NextRound(planned.due_on, people=people, planned=planned.subject)


def prepare_offer(store: Store, opportunity_id: int) -> Step | None:
    """The planner's "prepare" step: a note a business day before the application's next round
    (scheduled, or planned as a next interview), to read its prep sheet. None when there is no
    round ahead, when that day has passed, or when the same note is already planned."""
    story = application_story(store, opportunity_id)
    the_round = _next_round_of(store, opportunity_id, store.clock.now(), story) if story else None
    if the_round is None:
        return None
    stage = "" if Stage(the_round.stage or "other").is_named("other") else the_round.stage
    step = prepare_step(the_round.day, stage, story.opportunity.company, Cadence(holidays=holiday_calendar(store)))
    if step.due_on < store.clock.today():
        return None
    planned = store.planned_followups_of_opportunity(opportunity_id)
    if any(f.kind is Kind.NOTE and f.subject.casefold() == step.subject.casefold() for f in planned):
        return None
    return step


def _where(interview: Interview) -> str:
    """Where, then how: "Zoom · video" — said once when both say the same ("Phone")."""
    parts: list[str] = []
    for part in (interview.location.strip(), interview.format.strip()):
        if part and part.casefold() not in {p.casefold() for p in parts}:
            parts.append(part)
    return " · ".join(parts)


def prep_sheet(store: Store, opportunity_id: int) -> PrepSheet | None:
    """The sheet for the next round of one application; None when it is gone."""
    story = application_story(store, opportunity_id)
    if story is None:
        return None
    o = story.opportunity
    today, now = store.clock.today(), store.clock.now()
    the_round = _next_round_of(store, opportunity_id, now, story)
    asked_here = store.company_lines(o.company, "their_questions")
    gaps_here = store.company_lines(o.company, "do_differently")
    mine_here = store.company_lines(o.company, "my_questions")
    elsewhere = store.bank_groups("their_questions", o.company, ELSEWHERE)
    counts = store.bank_counts("their_questions", {folded(a.text) for a in asked_here})
    search_gaps = store.bank_groups("do_differently", most=SEARCH_GAPS + len(gaps_here))
    to_ask = store.bank_groups("my_questions", o.company, TO_ASK)
    past = [r for r in story.rounds if r.interview.starts_at <= now]
    people = list(the_round.people) if the_round and the_round.people else []

    round_section = _round_section(story, the_round, today)
    people_section = _people_section(store, story, past, people, today)
    ratings = store.ratings_of({a.interview_id for a in asked_here if a.interview_id is not None})
    questions = _questions_sections(o.company, asked_here, elsewhere, counts, ratings, today)
    gaps = _gaps_section(gaps_here, search_gaps, today)
    loops = _loops_section(story, today)
    pay = _pay_section(story)
    ask = _to_ask_section(mine_here, to_ask, today)
    likely = likeliest(asked_here, elsewhere, counts)
    stories = _stories_section(store, [a.text for a in asked_here] + [g.text for g in elsewhere])
    all_sections = (round_section, people_section, *questions, gaps, loops, stories, pay, ask)
    sections = tuple(s for s in all_sections if s.entries)
    brief = (
        Section(1, "The round", _brief_round(round_section)),
        Section(2, people_section.title, tuple(Entry(e.text, warning=e.warning) for e in people_section.entries)),
        Section(3, "Likeliest questions", tuple(Entry(text) for text in likely)),
        Section(4, "Gaps to close", gaps.entries[:3]),
        Section(5, "Open loops", _brief_loops(loops.entries)),
        Section(
            7,
            "Pay",
            (Entry(sentence(" · ".join(f"{e.lead.lower()} {e.text}" for e in pay.entries))),) if pay.entries else (),
        ),
    )
    notes = []
    if the_round is None:
        notes.append(
            f"No interview planned at {o.company} yet. Once there is one (or a next interview is planned on "
            "the Timeline), this sheet opens on it: when and where, who you will meet, and what they asked before."
        )
    if not past:
        notes.append(
            f"No past interview at {o.company} yet: after the first, this sheet also holds what they asked, "
            "who you met, what you would do differently and what is left to clear up."
        )
    title = " — ".join(part for part in (o.company, o.role) if part)
    return PrepSheet(
        f"Prepare: {title}",
        o.company,
        o.id,
        the_round,
        _numbered(sections),
        _numbered(s for s in brief if s.entries),
        tuple(notes),
    )


def _numbered(sections) -> tuple[Section, ...]:
    """The sections as shown, numbered 1, 2, 3… in the order they stand (a section with nothing
    in it is not shown, so it takes no number)."""
    return tuple(replace(section, number=n) for n, section in enumerate(sections, start=1))


# -- the sections ------------------------------------------------------------------------------


def _round_section(story: Story, the_round: NextRound | None, today: date) -> Section:
    entries = []
    if the_round is not None:
        if the_round.starts_at is not None:
            starts = the_round.starts_at.astimezone()
            when = f"{long_day(the_round.day, today)} {starts:%H:%M}, {how_soon(the_round.day, today)}"
        else:
            when = f"{long_day(the_round.day, today)}, {how_soon(the_round.day, today)} (not scheduled yet)"
        entries.append(Entry(when, "When"))
        if the_round.stage:
            entries.append(Entry(the_round.stage, "Stage"))
        if the_round.planned:
            entries.append(Entry(the_round.planned, "Planned"))
        if the_round.where:
            entries.append(Entry(the_round.where, "Where"))
    if story.decision is not None:
        entries.append(Entry(story.decision.told(today), "Decision"))
    return Section(1, "The round", tuple(entries))


def _people_section(store: Store, story: Story, past: list, people: list[Contact], today: date) -> Section:
    """The people of the next round (else everyone met so far), each with what they asked before
    and their line under "what stood out"."""
    title = "Who you will meet"
    if not people:
        people, title = story.people, "Who you may meet (no one named for this round yet)"
    stood_out = {r.interview.id: _answer(store, r.interview.id, "stood_out") for r in past}
    asked = {r.interview.id: _answer(store, r.interview.id, "their_questions") for r in past}
    entries = []
    for person in people:
        details: list[str] = []
        for r in reversed(past):  # newest first
            room = [p.name for p in r.people]
            mine = next((n for n, p in enumerate(r.people) if p.id == person.id), None)
            if mine is None:
                continue
            questions = [
                q
                for q in lines_in(asked[r.interview.id])
                if (named := named_in(q, room)) is None or named == mine or len(room) == 1
            ]
            day = long_day(r.day, today)
            if questions:
                details.append(f"Asked ({day}): " + " ".join(questions))
            if (said := said_of(stood_out[r.interview.id], room).get(mine)) is not None:
                details.append(f"Stood out ({day}): {said}")
        warnings = []
        if not person.email:
            warnings.append("no email on the card")
        if not person.has_my_details:
            warnings.append("does not have your details")
        about = f"{person.name} — {person.title}" if person.title else person.name
        entries.append(Entry(about, warning="; ".join(warnings), details=tuple(details)))
    return Section(2, title, tuple(entries))


def _answer(store: Store, interview_id: int, key: str) -> str:
    debrief = store.get_debrief(interview_id)
    return next((a.answer for a in debrief.answers if a.question_key == key), "") if debrief else ""


def _questions_sections(
    company: str,
    here: list[Asked],
    elsewhere: list[Grouped],
    counts: dict[str, int],
    ratings: dict[int, dict[str, str]],
    today: date,
) -> tuple[Section, Section]:
    """This company's questions, each with how often it was asked and how you rated your answer
    that day; then the other companies' questions, grouped."""

    def note(a: Asked) -> str:
        rated = ratings.get(a.interview_id, {}).get(folded(a.text))
        said = (_times(counts.get(folded(a.text), 1), "asked"), f"your answer: {rated}" if rated else "")
        return " · ".join(part for part in said if part)

    mine = tuple(Entry(a.text, f"{long_day(a.day, today)} {a.stage}".strip(), note(a)) for a in here)
    others = tuple(Entry(g.text, g.company, _times(g.count, "asked")) for g in elsewhere)
    return (
        Section(3, f"What {company} asked", mine),
        Section(3, "What other companies asked", others),
    )


def _times(count: int, verb: str) -> str:
    return f"{verb} {count} times" if count > 1 else ""


def _gaps_section(here: list[Asked], search: list[Grouped], today: date) -> Section:
    seen = {folded(a.text) for a in here}
    entries = [Entry(a.text, long_day(a.day, today)) for a in here]
    repeated = [g for g in search if g.key not in seen][:SEARCH_GAPS]
    entries += [Entry(g.text, "Across the search", _times(g.count, "written")) for g in repeated]
    return Section(4, "Gaps to close", tuple(entries))


SHAPES = {Shape.PROMISE: "You promised", Shape.QUESTION: "To ask", Shape.TASK: "To do"}


def _loops_section(story: Story, today: date) -> Section:
    entries = [
        Entry(p.clear_up.line, SHAPES[p.shape], f"to {p.to.name}, {long_day(p.round.day, today)}" if p.to else "")
        for p in story.promises
        if not p.kept
    ]
    replies = [f for f in story.followups if f.kind is Kind.REPLY_RECEIVED and f.status is FollowupStatus.DONE]
    if replies:
        last = max(replies, key=lambda f: (f.done_at or datetime.min.replace(tzinfo=timezone.utc), f.due_on))
        day = local_day(last.done_at) if last.done_at else last.due_on
        by = story.contacts[last.contact_id].name if last.contact_id in story.contacts else ""
        entries.append(Entry(last.subject, "Their last reply", ", ".join(p for p in (by, long_day(day, today)) if p)))
    return Section(5, "Open loops", tuple(entries))


def _stories_section(store: Store, likely: list[str]) -> Section:
    """The stories from the bank linked to, or tagged for, the questions likely to come up."""
    entries = [
        Entry(told.title, note=", ".join(told.tags), details=tuple(f"For: {q}" for q in fits))
        for told, fits in stories_that_fit(store.list_stories(), likely)
    ]
    return Section(6, "Stories that fit", tuple(entries))


def _pay_section(story: Story) -> Section:
    o = story.opportunity
    found = [("Advertised", o.pay_advertised), ("You said", o.pay_asked), ("Offered", o.pay_offered)]
    return Section(7, "Pay", tuple(Entry(value, label) for label, value in found if value.strip()))


def _to_ask_section(here: list[Asked], search: list[Grouped], today: date) -> Section:
    asked = {folded(a.text) for a in here}
    entries = [Entry(g.text, note=f"asked at {g.company}") for g in search if g.key not in asked]
    entries += [Entry(a.text, note=f"already asked, {long_day(a.day, today)}") for a in here]
    return Section(8, "Questions to ask", tuple(entries))


def _brief_round(section: Section) -> tuple[Entry, ...]:
    """The round on two lines: when, what and where on one, the decision on the next."""
    facts = [e.text for e in section.entries if e.lead in ("When", "Stage", "Planned", "Where")]
    decision = [e for e in section.entries if e.lead == "Decision"]
    return (*([Entry(" · ".join(facts))] if facts else []), *decision)


def _brief_loops(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    if len(entries) <= BRIEF_LOOPS:
        return entries
    rest = len(entries) - BRIEF_LOOPS + 1
    return (*entries[: BRIEF_LOOPS - 1], Entry(f"and {rest} more on the full sheet"))
