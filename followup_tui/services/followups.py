"""Acting on the timeline: plan, complete, snooze, reschedule, skip, log a reply — and undo.

Every action returns an `Undo`: the follow-up as it was before (or the one it created), so the
interface can put things back with one key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from followup_tui.domain.cadence import Cadence, Step, guard_warnings, is_message, plan_followups
from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import WEEKDAYS, add_business_days, long_day, within_reach
from followup_tui.domain.forms import FieldRefused
from followup_tui.domain.models import (
    Contact,
    Followup,
    FollowupListing,
    FollowupStatus,
    Kind,
    Opportunity,
    Status,
)
from followup_tui.domain.replan import carried_along, check_ins_replanned
from followup_tui.domain.story import Decision, Stale, stale_thank_you
from followup_tui.domain.timeline import Group, TimelineGroup, planned_spans
from followup_tui.domain.values import length_problem, reach_problem
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from . import story
from .another_copy import ChangedElsewhere as ChangedElsewhere  # what a Timeline key may meet
from .another_copy import followup_as_shown
from .names import NewNames
from .prep import prepare_offer
from .public_holidays import holiday_calendar
from .settings import follow_up_rules, my_details, setting
from .undo import Undo
from .undo import undo as undo  # the Timeline's actions and their undo, from one module

GUARD_MEMORY_DAYS = 365
GUARD_MEMORY_STEPS = 200
"""How far back the guard looks: at most a year, and at most the last 200 steps done. Messages
spaced too closely and check-ins left unanswered happen within weeks and a handful of steps, so
this is plenty; and an application with a lifetime of records behind it is judged as quickly as
a new one."""
COUNTED_UP_TO = 10_000
"""A group's heading counts its steps up to here ("10,000+"), so it costs the same however long
the history behind it."""
GROUP_LIMIT = 100
"""Rows read for one group of the Timeline; the rest come up as these are done."""


@dataclass(frozen=True)
class TimelinePage:
    """What the Timeline shows: each group's first steps and its total, and how many are closed."""

    groups: list[TimelineGroup]
    closed_count: int

    @property
    def entries(self) -> list[FollowupListing]:
        return [entry for group in self.groups for entry in group.entries]


def timeline_page(store: Store, *, show_done: bool, reading: int = GROUP_LIMIT) -> TimelinePage:
    """Planned follow-ups by group, each group capped at GROUP_LIMIT so a long search stays quick
    to show; done ones only counted unless `show_done`. With `reading` under the limit (a first
    frame's screenful), only that many rows are read in all, headings included, and the groups
    below them are left for the full page."""
    screenful = reading < GROUP_LIMIT
    groups = []
    for group, first, last in planned_spans(store.clock.today(), week_starts(store)):
        if screenful and reading <= 0:
            break
        if entries := store.planned_followups_due(first, last, min(reading, GROUP_LIMIT)):
            total = len(entries) if len(entries) < reading else store.count_planned_due(first, last, COUNTED_UP_TO)
            groups.append(TimelineGroup(group, entries, total, more=max(total - GROUP_LIMIT, 0)))
            if screenful:
                reading -= 1 + len(entries)
    closed_count = store.count_closed_followups(COUNTED_UP_TO)
    if show_done and closed_count and reading > 0:
        done = store.closed_followups(min(reading, GROUP_LIMIT))
        groups.append(TimelineGroup(Group.DONE, done, closed_count, max(closed_count - GROUP_LIMIT, 0)))
    return TimelinePage(groups, closed_count)


def week_starts(store: Store) -> int:
    """The day the user's week begins, 0 for Monday to 6 for Sunday (the `week_starts` setting)."""
    return WEEKDAYS.index(str(setting(store, "week_starts")))


def pushy_flags(store: Store, shown: list[FollowupListing]) -> dict[int, str]:
    """The guard's first warning for each planned follow-up shown, judged against its application's others."""
    planned = [
        entry.followup
        for entry in shown
        if entry.followup.status is FollowupStatus.PLANNED and entry.followup.opportunity_id is not None
    ]
    if not planned:
        return {}
    by_opportunity: dict[int, list] = defaultdict(list)
    since = min(f.due_on for f in planned) - timedelta(days=GUARD_MEMORY_DAYS)
    for followup in store.followups_for_guard({f.opportunity_id for f in planned}, since, GUARD_MEMORY_STEPS):
        by_opportunity[followup.opportunity_id].append(followup)
    in_force = story.decisions(store, {f.opportunity_id for f in planned})
    promised = story.promised_steps(store, planned)
    rules, today = cadence(store), store.clock.today()
    found = {}
    for followup in planned:
        others = by_opportunity[followup.opportunity_id]
        if warnings := _judged(followup, others, in_force.get(followup.opportunity_id), rules, promised, today)[0]:
            found[followup.id] = warnings[0]
    return found


def _judged(
    followup: Followup, others: list[Followup], decision, rules: Cadence, promised: set[int], today: date
) -> tuple[list[str], Stale | None]:
    """The guard's view — and first whether a thank-you is too late to send as one, which is then
    the one thing said."""
    if stale := stale_thank_you(followup, others, today):
        return [stale.told(today)], stale
    return guard_warnings(followup, others, decision.day if decision else None, rules, promised), None


@dataclass(frozen=True)
class FollowupDetails:
    """One follow-up opened from the Timeline: what, for whom, at which company, and the guard's view."""

    followup: Followup
    opportunity: Opportunity | None
    """None for a note about the whole search."""
    person: Contact | None
    warnings: list[str]
    stale: Stale | None = None
    """A thank-you too late to send as one, and the check-in it can be folded into."""
    message: str = ""
    """Its drafted (or sent) message as it reads, your details filled in: never a placeholder of yours."""
    stale_to: str = ""
    """Whom the check-in a stale thank-you would fold into goes to."""


def followup_details(store: Store, followup_id: int, shown: Followup | None = None) -> FollowupDetails:
    """ChangedElsewhere when another copy removed it, or changed it from `shown`."""
    followup = followup_as_shown(store, followup_id, shown)
    person = store.get_contact(followup.contact_id) if followup.contact_id else None
    opportunity = store.get_opportunity(followup.opportunity_id) if followup.opportunity_id else None
    warnings, stale = _judgement(store, followup)
    message = followup.body
    for name, value in my_details(store).items():  # an empty setting leaves nothing, not a placeholder
        message = message.replace(f"{{{name}}}", value)
    into = stale.check_in if stale else None
    stale_to = (store.get_contact(into.contact_id).name if into and into.contact_id else "") or ""
    return FollowupDetails(followup, opportunity, person, warnings, stale, message, stale_to)


def warnings_about(store: Store, followup_id: int) -> list[str]:
    """The guard's warnings about the follow-up with this id, as it is now."""
    followup = store.get_followup(followup_id)
    return warnings_for(store, followup) if followup else []


def cadence(store: Store) -> Cadence:
    """The follow-up rules with the user's own numbers, where set."""
    return follow_up_rules(store)


def propose_plan(store: Store, interview_id: int) -> list[Step]:
    """The planner's steps after the interview — the "to clear up" lines among them, and a note to
    prepare the day before the next round when one is known —, less any
    that would fall past the last day the journal takes (an interview typed near the end of that
    range)."""
    interview = store.get_interview(interview_id).interview
    told = story.application_story(store, interview.opportunity_id)
    if told.opportunity.status is Status.GHOSTED:
        return []  # they went silent: nothing more to plan until they reply
    r = next(r for r in told.rounds if r.interview.id == interview_id)
    people = [(c.id, c.name) for c in r.people]
    decision = told.decision.day if told.decision else None
    lines = [promise.clear_up for promise in told.to_plan(interview_id)]
    steps = plan_followups(r.day, people, decision, told.opportunity.company, cadence(store), lines)
    if (prepare := prepare_offer(store, interview.opportunity_id)) is not None:
        steps.append(prepare)
    return [step for step in steps if within_reach(step.due_on, store.clock.today())]


@dataclass(frozen=True)
class Replan:
    """A new decision date, and where it puts the planned check-ins — earlier or later."""

    decision: Decision
    was: date | None
    moves: list[tuple[Followup, date]]


def replan_for_decision(store: Store, opportunity_id: int, was: date | None) -> Replan | None:
    """When the decision date in force is no longer `was` (a debrief corrected, say): the planned
    check-ins the rule now puts elsewhere, each with its new day; None when nothing would move."""
    decision = story.decision_of(store, opportunity_id)
    if decision is None or decision.day == was:
        return None
    today = store.clock.today()
    others = recent_history(store, opportunity_id, today)
    heard = local_day(decision.word.said_at)
    moves = check_ins_replanned(heard, decision.day, others, cadence(store), exact=True, today=today)
    whole = {f.id: f for f in store.planned_followups_of_opportunity(opportunity_id)}  # with their drafts
    return Replan(decision, was, [(whole[f.id], day) for f, day in moves]) if moves else None


def move_check_ins(store: Store, replan: Replan) -> Undo:
    """Move the check-ins as the re-plan showed them (ChangedElsewhere, and nothing moved, when
    another copy changed one since); one undo puts them all back."""
    with store.transaction():
        taken = store.followups_as_they_are([f.id for f, _ in replan.moves])
        for shown, day in replan.moves:
            store.update_followup(replace(followup_as_shown(store, shown.id, shown), due_on=day))
        count = len(replan.moves)
        return Undo(f"{count} check-in{'s' * (count != 1)} moved", snapshot=store.settle(taken))


def accept_plan(store: Store, interview_id: int, steps: list[Step]) -> list[Followup]:
    opportunity_id = store.get_interview(interview_id).interview.opportunity_id
    with store.transaction():
        return [
            store.add_followup(
                Followup(
                    opportunity_id,
                    s.kind,
                    s.due_on,
                    contact_id=s.contact_id,
                    interview_id=interview_id,
                    subject=s.subject,
                )
            )
            for s in steps
        ]


def plan_prepare(store: Store, opportunity_id: int, step: Step) -> Undo:
    """Plan the "prepare" note the planner offered for the application's next round."""
    with store.transaction():
        created = store.add_followup(
            Followup(opportunity_id, step.kind, step.due_on, step.kind.direction, subject=step.subject)
        )
        taken = store.settle(Snapshot(created={"followups": [created.id]}))
    return Undo("planned", snapshot=taken, select=f"followup-{created.id}")


def recent_history(store: Store, opportunity_id: int, day: date) -> list[Followup]:
    """What the guard (and the planner of the next check-in) judge a step on `day` against: the
    application's planned steps and what was done in the year before, read by index."""
    since = min(day, store.clock.today()) - timedelta(days=GUARD_MEMORY_DAYS)
    return store.followups_for_guard({opportunity_id}, since, GUARD_MEMORY_STEPS)


def warnings_for(store: Store, followup: Followup) -> list[str]:
    """The guard's view of one follow-up next to the rest of its opportunity's (none for a note
    about the whole search: it goes to nobody)."""
    return _judgement(store, followup)[0]


def _judgement(store: Store, followup: Followup) -> tuple[list[str], Stale | None]:
    """The guard's warnings about one follow-up, and whether it is a thank-you gone stale — from
    one read of its application's recent history."""
    if followup.opportunity_id is None:
        return [], None
    others = recent_history(store, followup.opportunity_id, followup.due_on)
    decision = story.decision_of(store, followup.opportunity_id)
    promised = story.promised_steps(store, [followup])
    return _judged(followup, others, decision, cadence(store), promised, store.clock.today())


def _change(store: Store, followup_id: int, label: str, shown: Followup | None, **changes) -> Undo:
    """Change the follow-up as the person saw it (`shown`, when known): ChangedElsewhere, and
    nothing written, when another copy removed or changed it since."""
    with store.transaction():
        before = followup_as_shown(store, followup_id, shown)
        taken = store.followups_as_they_are([followup_id])
        store.update_followup(replace(before, **changes))
        return Undo(label, snapshot=store.settle(taken), select=f"followup-{followup_id}")


def complete(store: Store, followup_id: int, shown: Followup | None = None) -> Undo:
    """Mark it done; a message sent moves the person's keeping-in-touch note (`stay_in_touch`)."""
    from .stay_in_touch import in_touch

    with store.transaction():
        before = followup_as_shown(store, followup_id, shown)
        taken = store.followups_as_they_are([followup_id])
        done = replace(before, status=FollowupStatus.DONE, done_at=store.clock.now())
        store.update_followup(done)
        touched = in_touch(store, done) if is_message(done) else None
        if touched and (touched.before or touched.planned):
            rows = [*taken.rows["followups"], *touched.before]
            taken = Snapshot({"followups": rows}, {"followups": touched.planned} if touched.planned else {})
        return Undo("done", snapshot=store.settle(taken), select=f"followup-{followup_id}")


def skip(store: Store, followup_id: int, shown: Followup | None = None) -> Undo:
    return _change(store, followup_id, "skipped", shown, status=FollowupStatus.SKIPPED, done_at=store.clock.now())


def fold_into_check_in(store: Store, followup_id: int, shown: Followup | None = None) -> Undo:
    """A thank-you too late to send goes into the next check-in: it is skipped, saying where it
    went, and that check-in's draft thanks the people nobody thanked (`Story.unthanked`)."""
    today = store.clock.today()
    followup = followup_as_shown(store, followup_id, shown)
    stale = stale_thank_you(followup, recent_history(store, followup.opportunity_id, today), today)
    if stale is None or stale.check_in is None:
        raise FollowupRefused("kind", "only a late thank-you with a check-in after it can be folded into one")
    into = f"the check-in of {long_day(stale.check_in.due_on, today)}"
    notes = "\n".join(part for part in (followup.notes, f"Folded into {into}.") if part)
    done = store.clock.now()
    return _change(
        store, followup_id, f"folded into {into}", shown, status=FollowupStatus.SKIPPED, done_at=done, notes=notes
    )


def snooze(store: Store, followup_id: int, shown: Followup | None = None) -> Undo:
    """One business day later than it was due, or than today if it is already late — within the
    days a form takes (FollowupRefused past the last of them)."""
    followup = followup_as_shown(store, followup_id, shown)
    start = max(followup.due_on, store.clock.today())
    later = add_business_days(start, 1, holiday_calendar(store))
    _check_due(store, later, "snoozed, it would be due on ")
    return _move(store, followup_id, later, f"snoozed to {long_day(later, store.clock.today())}", shown)


def reschedule(store: Store, followup_id: int, day: date, shown: Followup | None = None) -> Undo:
    _check_due(store, day)
    return _move(store, followup_id, day, f"moved to {long_day(day, store.clock.today())}", shown)


def _move(store: Store, followup_id: int, day: date, label: str, shown: Followup | None) -> Undo:
    """Move a step to `day`, and the check-ins planned after it with it, keeping their spacing
    (`replan.carried_along`); one undo puts them all back."""
    today = store.clock.today()
    with store.transaction():
        before = followup_as_shown(store, followup_id, shown)
        planned = store.planned_followups_of_opportunity(before.opportunity_id) if before.opportunity_id else []
        carried = carried_along(before, day, planned, cadence(store)) if before.status is FollowupStatus.PLANNED else []
        carried = [(step, fits) for step, fits in carried if within_reach(fits, today)]
        taken = store.followups_as_they_are([followup_id, *(step.id for step, _ in carried)])
        store.update_followup(replace(before, due_on=day))
        for step, fits in carried:
            store.update_followup(replace(step, due_on=fits))
        if carried:
            label += ", and with it " + ", ".join(
                f"{step.subject or step.kind.label} to {long_day(fits, today)}" for step, fits in carried
            )
        return Undo(label, snapshot=store.settle(taken), select=f"followup-{followup_id}")


def _check_due(store: Store, day: date, said: str = "") -> None:
    """FollowupRefused for a due day outside the range every form and import takes."""
    if problem := reach_problem(day, store.clock.today()):
        raise FollowupRefused("due", f"{said}{problem}")


class FollowupRefused(FieldRefused):
    """A follow-up that cannot be added as asked: which field (subject, company) and why."""


def new_names(store: Store, company: str, person: str = "") -> NewNames:
    """Which of these names saving a follow-up would add to the journal."""
    company, person = " ".join(company.split()), " ".join(person.split())
    new_company = company if company and store.latest_opportunity_at(company) is None else None
    new_people = (person,) if person and _contact_named(store, person, company) is None else ()
    return NewNames(new_company, new_people)


def company_of(store: Store, person: str) -> str:
    """The company on the card of the person named, when there is one card for them."""
    cards = store.find_contacts(person) if person else []
    return cards[0].company if len(cards) == 1 else ""


def _contact_named(store: Store, person: str, company: str) -> Contact | None:
    return store.find_contact(person, company) or next(iter(store.find_contacts(person)), None)


def card_for(store: Store, person: str, company: str, made: dict[str, list[int]]) -> int | None:
    """The card of the person named (none for no name), carded at `company` if new — noted in `made`."""
    person = " ".join(person.split())
    if not person:
        return None
    contact = _contact_named(store, person, company)
    if contact is None:
        contact = store.add_contact(Contact(name=person, company=company))
        made["contacts"] = [contact.id]
    return contact.id


def add_by_names(
    store: Store,
    subject: str,
    due: date,
    company: str,
    person: str = "",
    kind: Kind = Kind.CHECK_IN,
    notes: str = "",
    *,
    new_company: bool = True,
):
    """Add a follow-up for the application at `company` (made if new, unless not `new_company`:
    then refused), to `person` (carded if new); a note may name no company, and is then about
    the whole search.

    Returns (undo — which also removes an application or card it made —, the follow-up, the
    guard's warnings about it).
    """
    company, person = " ".join(company.split()), " ".join(person.split())
    company = company or company_of(store, person)
    if not company and kind.needs_application:
        raise FollowupRefused(
            "company", "which company is it for? (or name a contact whose card says; only a note can go without)"
        )
    if not subject.strip():
        raise FollowupRefused("subject", "say what the follow-up is, e.g. 'Send the portfolio link'")
    _check_lengths(subject=subject, company=company, name=person, notes=notes)
    _check_due(store, due)
    made: dict[str, list[int]] = {}
    with store.transaction():
        opportunity = store.latest_opportunity_at(company) if company else None
        if opportunity is None and company:
            if not new_company:
                raise FollowupRefused("company", f"no application at {company} yet")
            opportunity = store.add_opportunity(Opportunity(company=company))
            made["opportunities"] = [opportunity.id]
        contact_id = card_for(store, person, company, made)
        created = store.add_followup(
            Followup(
                opportunity.id if opportunity else None,
                kind,
                due,
                kind.direction,
                contact_id=contact_id,
                subject=subject.strip(),
                notes=notes.strip(),
            )
        )
        taken = store.settle(Snapshot(created={**made, "followups": [created.id]}))
    undo = Undo("added", snapshot=taken, select=f"followup-{created.id}")
    return undo, created, warnings_for(store, created)


def edit_followup(
    store: Store,
    followup_id: int,
    *,
    subject: str,
    due: date,
    person: str = "",
    kind: Kind,
    notes: str = "",
    shown: Followup | None = None,
) -> tuple[Undo, list[str]]:
    """Correct a follow-up: what it is, to whom (carded if new), its kind, day and notes.

    Returns (undo — which also removes a card it made —, the guard's warnings about it as it is now).
    """
    if not subject.strip():
        raise FollowupRefused("subject", "say what the follow-up is, e.g. 'Send the portfolio link'")
    _check_lengths(subject=subject, name=person, notes=notes)
    person = " ".join(person.split())
    made: dict[str, list[int]] = {}
    with store.transaction():
        before = followup_as_shown(store, followup_id, shown)  # as the form opened it, or not at all
        taken = store.followups_as_they_are([followup_id])
        if due != before.due_on:
            _check_due(store, due)
        if before.opportunity_id is None and kind.needs_application:
            raise FollowupRefused("kind", "a note about the whole search stays a note: it has no application")
        company = store.get_opportunity(before.opportunity_id).company if before.opportunity_id else ""
        contact_id = card_for(store, person, company, made)
        after = replace(
            before,
            subject=subject.strip(),
            due_on=due,
            contact_id=contact_id,
            kind=kind,
            direction=kind.direction,
            notes=notes.strip(),
        )
        store.update_followup(after)
        taken = store.settle(replace(taken, created=made))
    undo = Undo("edited", snapshot=taken, select=f"followup-{followup_id}")
    return undo, warnings_for(store, after)


def _check_lengths(**fields: str) -> None:
    """FollowupRefused for the first field too long to keep (a person's name is stored as `name`)."""
    for field, value in fields.items():
        if problem := length_problem(field, value):
            raise FollowupRefused("person" if field == "name" else field, problem)
