"""An application's story: the facts every screen, draft and reminder reads — worked out here, once.

Who is in the process, when they will decide and who said so, what was promised and whether it
was kept, what went out to whom, and what comes next for each person. The planner, the guard,
the composer and the views take these facts from a `Story` (or, for many applications at once,
from `decision_in_force`); none works one out on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property

from .cadence import THE_RULES, Cadence, day_of, first_check_in, is_message, spaced
from .clear_ups import ClearUp, Shape, clear_ups_in, keeps_a_promise
from .clock import local_day
from .dates import add_business_days, long_day
from .kinds import Direction, FollowupStatus, Kind
from .models import Contact, Followup, Interview, Opportunity

# -- when they decide ------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A decision date as it was given: at an interview (the debrief notes it), or in a reply."""

    day: date
    said_at: datetime
    reply: bool = False
    by: str = ""
    """Who replied, when the reply names them."""

    def source(self, today: date | None = None) -> str:
        """Where it came from: "Dan Okafor's reply of Thu 3 Dec", "the interview of Tue 1 Dec"."""
        when = long_day(local_day(self.said_at), today)
        if not self.reply:
            return f"the interview of {when}"
        return f"{self.by}’s reply of {when}" if self.by else f"their reply of {when}"


@dataclass(frozen=True)
class Decision:
    """The day they expect to decide, as things stand, and what was said before it."""

    word: Word
    earlier: tuple[Word, ...] = ()
    """The dates given before, oldest first, each one that differs from the one after it."""

    @property
    def day(self) -> date:
        return self.word.day

    def told(self, today: date | None = None) -> str:
        """ "Wed 9 Dec — Dan Okafor's reply of Thu 3 Dec (before: Fri 11 Dec, the interview of Tue 1 Dec)"."""
        text = f"{long_day(self.day, today)} — {self.word.source(today)}"
        if self.earlier:
            before = "; ".join(f"{long_day(w.day, today)}, {w.source(today)}" for w in reversed(self.earlier))
            text += f" (before: {before})"
        return text


def decision_in_force(words: Iterable[Word]) -> Decision | None:
    """The latest word wins: a reply beats the debrief of an interview before it — or on the same
    day —, and a later reply beats an earlier one. None when nobody gave a date."""
    ordered = sorted(words, key=lambda word: (local_day(word.said_at), word.reply, word.said_at))
    if not ordered:
        return None
    earlier: list[Word] = []
    for word in ordered[:-1]:
        if not earlier or earlier[-1].day != word.day:
            earlier.append(word)
    if earlier and earlier[-1].day == ordered[-1].day:
        earlier.pop()
    return Decision(ordered[-1], tuple(earlier))


# -- the story -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """One interview, the people in the room (the first is the lead), and its "to clear up" lines."""

    interview: Interview
    people: tuple[Contact, ...] = ()
    clear_up: str = ""
    """The debrief's answer to "anything to clear up or send them", as written."""

    @property
    def day(self) -> date:
        return local_day(self.interview.starts_at)

    @cached_property
    def clear_ups(self) -> list[ClearUp]:
        return clear_ups_in(self.clear_up, [person.name for person in self.people])


@dataclass(frozen=True)
class Promise:
    """A "to clear up" line, for whom, and where it stands."""

    clear_up: ClearUp
    round: Round
    to: Contact | None
    step: Followup | None
    """A follow-up of its own, when it has one (the line is its subject)."""
    kept: bool

    @property
    def shape(self) -> Shape:
        return self.clear_up.shape


@dataclass(frozen=True)
class Stale:
    """A thank-you too late to send as one: how late, and the check-in it can go into."""

    days_late: int
    check_in: Followup | None

    def told(self, today: date) -> str:
        text = f"{self.days_late} days {LATE}"
        if self.check_in:
            return f"{text} — fold it into your check-in of {long_day(self.check_in.due_on, today)}, or skip it"
        return f"{text} — skip it, or send it short and without apology"


LATE = "late for a thank-you"
"""How a stale thank-you's notice reads, so a list can tell it from the guard's advice."""


STALE_AFTER_DAYS = 7
"""A thank-you this many days past its day (or past the next check-in) is better folded in."""


@dataclass(frozen=True)
class Story:
    """What is known of one application, read once, and every fact the rest of the app uses."""

    opportunity: Opportunity
    rounds: tuple[Round, ...] = ()
    """Oldest first."""
    followups: tuple[Followup, ...] = ()
    contacts: Mapping[int, Contact] = field(default_factory=dict)
    """Everyone a follow-up or a round names, by id."""
    words: tuple[Word, ...] = ()
    """Every decision date given: at each interview, and in each reply."""

    @cached_property
    def decision(self) -> Decision | None:
        return decision_in_force(self.words)

    @cached_property
    def people(self) -> list[Contact]:
        """Everyone in the process: the people met, newest round first, then anyone else written to."""
        seen: dict[int, Contact] = {}
        for r in reversed(self.rounds):
            for person in r.people:
                seen.setdefault(person.id, person)
        for f in self.followups:
            if f.contact_id and f.contact_id in self.contacts:
                seen.setdefault(f.contact_id, self.contacts[f.contact_id])
        return list(seen.values())

    def round_of(self, followup: Followup) -> Round | None:
        """The interview a follow-up belongs to, else the latest one before its day."""
        by_id = {r.interview.id: r for r in self.rounds}
        if followup.interview_id in by_id:
            return by_id[followup.interview_id]
        before = [r for r in self.rounds if r.day <= followup.due_on]
        return before[-1] if before else None

    @property
    def sent(self) -> list[Followup]:
        """What went out, to whom and when, oldest first."""
        done = [f for f in self.followups if is_message(f) and f.status is FollowupStatus.DONE]
        return sorted(done, key=lambda f: f.done_at or datetime.min.replace(tzinfo=timezone.utc))

    @property
    def planned_check_ins(self) -> list[Followup]:
        planned = [f for f in self.followups if f.kind is Kind.CHECK_IN and f.status is FollowupStatus.PLANNED]
        return sorted(planned, key=lambda f: (f.due_on, f.id or 0))

    # -- promises and questions to clear up

    @cached_property
    def promises(self) -> list[Promise]:
        """Every "to clear up" line of every round, for the person it names (else the lead)."""
        found = []
        for r in self.rounds:
            mine = [f for f in self.followups if f.interview_id == r.interview.id]
            claimed: set[int] = set()
            for line in r.clear_ups:
                index = line.to(len(r.people))
                to = r.people[index] if index is not None else None
                step = self._step_of(line, to, mine, claimed)
                found.append(Promise(line, r, to, step, self._kept(line, r, to, step)))
        return found

    @staticmethod
    def _step_of(line: ClearUp, to: Contact | None, mine: list[Followup], claimed: set[int]) -> Followup | None:
        """The follow-up of its own a line has: the one whose subject is the line, else — for a
        promise — an answer to the same person that reads as one ("Send the write-up")."""
        live = [f for f in mine if f.status is not FollowupStatus.SKIPPED and f.id not in claimed]
        step = next((f for f in live if f.subject.casefold() == line.line.casefold()), None)
        if step is None and line.shape is Shape.PROMISE:
            step = next(
                (f for f in live if keeps_a_promise(f.kind, f.subject) and f.contact_id == (to.id if to else None)),
                None,
            )
        if step is not None:
            claimed.add(step.id)
        return step

    def _kept(self, line: ClearUp, r: Round, to: Contact | None, step: Followup | None) -> bool:
        if step is not None:
            return step.status is FollowupStatus.DONE
        if line.shape is Shape.TASK:
            return False
        wanted = " ".join(line.thing.casefold().split())
        for sent in self.sent:
            if (to is None or sent.contact_id == to.id) and wanted in " ".join(sent.body.casefold().split()):
                if sent.done_at is None or local_day(sent.done_at) >= r.day:
                    return True
        return False

    def carried_by(self, followup: Followup, shape: Shape) -> list[Promise]:
        """The promises (or questions) this message takes along: those it is the carrier of."""
        return [
            p for p in self.promises if p.shape is shape and (c := self.carrier(p)) is not None and c.id == followup.id
        ]

    def carrier(self, promise: Promise) -> Followup | None:
        """The message a promise or question to clear up goes in: the thank-you still planned to
        its person from its round, else that person's next planned check-in (a thank-you folded
        into it, say); none for a task, or one kept or with a follow-up of its own."""
        if promise.kept or promise.step is not None or not promise.clear_up.rides_with_thank_you or promise.to is None:
            return None
        planned = [f for f in self.followups if f.status is FollowupStatus.PLANNED and f.contact_id == promise.to.id]
        thank_you = next(
            (f for f in planned if f.kind is Kind.THANK_YOU and f.interview_id == promise.round.interview.id), None
        )
        if thank_you is not None:
            return thank_you
        return next((f for f in self.planned_check_ins if f.contact_id == promise.to.id), None)

    def to_plan(self, interview_id: int | None) -> list[Promise]:
        """The lines of a round still to plan as steps of their own: not kept, not planned, and
        not carried by a thank-you still to send to their person."""
        riding = self.riding(interview_id)
        return [
            p
            for p in self.promises
            if p.round.interview.id == interview_id and not p.kept and p.step is None and p not in riding
        ]

    def riding(self, interview_id: int | None) -> list[Promise]:
        """The promises and questions of a round that go in a message still to send to their person."""
        return [p for p in self.promises if p.round.interview.id == interview_id and self.carrier(p) is not None]

    @property
    def promised_steps(self) -> set[int]:
        """The follow-ups that keep a promise: the guard never calls them too soon."""
        return {f.id for f in self.followups if f.id is not None and keeps_a_promise(f.kind, f.subject)}

    # -- what comes next

    def next_check_in(self, contact_id: int | None, after: date) -> Followup | None:
        """This person's next planned check-in on or after `after`, else the application's."""
        later = [f for f in self.planned_check_ins if f.due_on >= after]
        return next((f for f in later if f.contact_id == contact_id), None) or next(iter(later), None)

    def check_in_day(self, followup: Followup, cadence: Cadence = THE_RULES) -> date:
        """When this person will next hear from you, as a draft to them says it: their next planned
        check-in, else the application's, else the day the plan's rule gives — a business day."""
        planned = self.next_check_in(followup.contact_id, followup.due_on)
        if planned is not None and planned.id != followup.id:
            return add_business_days(planned.due_on, 0, cadence.holidays)
        r = self.round_of(followup)
        start = r.day if r else followup.due_on
        decision = self.decision.day if self.decision else None
        return spaced(first_check_in(start, decision, cadence), max(followup.due_on, start), cadence)

    def unthanked(self, interview_id: int | None) -> list[Contact]:
        """The people of a round nobody thanked: no message went to them since, no thank-you to
        them is still planned (it was skipped, or folded into a check-in), and no check-in has
        gone out since (it carried the thanks, once)."""
        r = next((r for r in self.rounds if r.interview.id == interview_id), None)
        if r is None:
            return []
        if any(
            f.kind is Kind.CHECK_IN and f.status is FollowupStatus.DONE and day_of(f) >= r.day for f in self.followups
        ):
            return []
        owed = []
        for person in r.people:
            theirs = [f for f in self.followups if f.contact_id == person.id and is_message(f)]
            thanked = any(
                f.status is FollowupStatus.DONE
                and (f.done_at is None or local_day(f.done_at) >= r.day)
                or (f.kind is Kind.THANK_YOU and f.status is FollowupStatus.PLANNED)
                for f in theirs
            )
            if not thanked:
                owed.append(person)
        return owed

    def stale(self, followup: Followup, today: date) -> Stale | None:
        return stale_thank_you(followup, list(self.followups), today)


def stale_thank_you(followup: Followup, others: list[Followup], today: date) -> Stale | None:
    """A planned thank-you past its day by a week, or past the next check-in's: better folded into
    that check-in, or skipped, than sent as if it were on time."""
    if followup.kind is not Kind.THANK_YOU or followup.status is not FollowupStatus.PLANNED:
        return None
    late = (today - followup.due_on).days
    if late <= 0:
        return None
    check_ins = sorted(
        (
            f
            for f in others
            if f.kind is Kind.CHECK_IN
            and f.status is FollowupStatus.PLANNED
            and f.direction is Direction.OUTBOUND
            and f.opportunity_id == followup.opportunity_id
        ),
        key=lambda f: (f.contact_id != followup.contact_id, f.due_on),
    )
    check_in = check_ins[0] if check_ins else None
    past_check_in = any(today >= f.due_on for f in check_ins)
    if late >= STALE_AFTER_DAYS or past_check_in:
        return Stale(late, check_in)
    return None
