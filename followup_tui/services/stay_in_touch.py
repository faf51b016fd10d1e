"""Staying in touch after a process ends: a keeping-in-touch note to each person in it, months
on (their card's cadence, else the `stay_in_touch.months` setting), moved by every contact you
log with them, and the people losing touch, for the Week pane.

Each function writes inside the caller's transaction and says what it changed, so the change
that set it off (a status, a reply, a message sent) is still one write with one undo."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from followup_tui.domain.cadence import stay_in_touch_step
from followup_tui.domain.clock import local_day
from followup_tui.domain.models import Contact, Followup, FollowupStatus, Kind
from followup_tui.domain.stay_in_touch import LosingTouch, is_losing_touch
from followup_tui.store import Store

from .settings import STAY_IN_TOUCH_SETTING, setting
from .settings import follow_up_rules as cadence
from .story import application_story

LOSING_TOUCH_SHOWN = 6
"""People the Week pane lists as losing touch (the longest out of touch first); the rest are counted."""


@dataclass
class Touched:
    """What keeping in touch wrote: the follow-ups it changed, as they were before (rows, for
    the undo of the change that set it off), and the ids of the notes it planned."""

    before: list[dict] = field(default_factory=list)
    planned: list[int] = field(default_factory=list)


def months_for(store: Store, contact: Contact) -> int:
    """Their cadence in months: the card's own, else the setting's (0: none)."""
    if contact.stay_in_touch_months is not None:
        return contact.stay_in_touch_months
    return int(setting(store, STAY_IN_TOUCH_SETTING))


def _day_of_the_latest(store: Store, *moments: datetime | None) -> date:
    """The user's day of the latest of `moments` that is known, else today."""
    known = [m for m in moments if m is not None]
    return local_day(max(known)) if known else store.clock.today()


def plan_after_the_end(store: Store, opportunity_id: int, only: int | None = None) -> list[int]:
    """A keeping-in-touch note to each person in an application that just ended whom you met or
    were in touch with (a step planned for someone never reached is no acquaintance), their cadence
    after the last time you were in touch (the end itself, at the latest), spaced from each other
    and from the application's other messages by the guard's rule. Nobody gets a second one
    while one is planned; a cadence of none plans nothing; `only` plans for that one person.
    The ids of the notes planned."""
    story = application_story(store, opportunity_id)
    if story is None or not story.opportunity.status.ends_the_process:
        return []
    rules = cadence(store)
    others = list(story.followups)
    planned = []
    ended = store.ended_at(opportunity_id) or store.clock.now()
    met = {person.id for r in story.rounds for person in r.people}
    for person in story.people:
        if person.id is None or only not in (None, person.id) or store.planned_stay_in_touch(person.id):
            continue
        touched = store.last_in_touch(person.id)
        if person.id not in met and touched is None:
            continue  # never met, never written to: there is no touch to keep
        last = _day_of_the_latest(store, touched, ended)
        step = stay_in_touch_step(last, months_for(store, person), person.name, others, person.id, rules)
        if step is None:
            continue
        made = store.add_followup(
            Followup(
                opportunity_id, step.kind, step.due_on, step.kind.direction, contact_id=person.id, subject=step.subject
            )
        )
        others.append(made)
        planned.append(made.id)
    return planned


def in_touch(store: Store, contact: Followup) -> Touched:
    """After you were in touch with someone — `contact`, a message to them or a reply from them,
    just written: each of their planned keeping-in-touch notes moves to their cadence after it,
    or is skipped when its application is under way again (a reply revived it); a
    keeping-in-touch note just sent plans the next one. Call it in the same transaction."""
    if contact.contact_id is None or (person := store.get_contact(contact.contact_id)) is None:
        return Touched()
    notes = [n for n in store.planned_stay_in_touch(person.id) if n.id != contact.id]
    taken = store.followups_as_they_are([n.id for n in notes]) if notes else None
    touched = Touched(before=taken.rows.get("followups", []) if taken else [])
    rules = cadence(store)
    last = _day_of_the_latest(store, store.last_in_touch(person.id))
    for note in notes:
        story = application_story(store, note.opportunity_id)
        if story is None:
            continue
        step = None
        if story.opportunity.status.ends_the_process:
            others = [f for f in story.followups if f.id != note.id]
            step = stay_in_touch_step(last, months_for(store, person), person.name, others, person.id, rules)
        if step is None:
            store.update_followup(replace(note, status=FollowupStatus.SKIPPED, done_at=store.clock.now()))
        elif step.due_on != note.due_on:
            store.update_followup(replace(note, due_on=step.due_on))
    if contact.kind is Kind.STAY_IN_TOUCH and contact.opportunity_id is not None:
        touched.planned = plan_after_the_end(store, contact.opportunity_id, only=person.id)
    return touched


def losing_touch(store: Store) -> tuple[list[LosingTouch], int]:
    """People of ended processes whose keeping-in-touch note is due or overdue (a step on the
    Timeline: the longest due first), then those with no note planned and no contact for longer
    than their cadence (the longest out of touch first); up to LOSING_TOUCH_SHOWN, and how many
    more. Only the notes listed are read whole."""
    today = store.clock.today()
    found: list[LosingTouch] = []
    seen: set[int] = set()
    due = store.count_stay_in_touch_due(today)  # those with a note due come first: only the first few are read
    for note, name, company in store.stay_in_touch_due(today, LOSING_TOUCH_SHOWN):
        if note.contact_id is None or note.contact_id in seen:
            continue
        seen.add(note.contact_id)
        last = store.last_in_touch(note.contact_id)
        found.append(LosingTouch(note.contact_id, name, company, local_day(last) if last else None, note.due_on, 0))
    if due >= LOSING_TOUCH_SHOWN:  # the list is full of notes due: the rest are counted, not read
        return found, due - len(found) + _out_of_touch_count(store, today)
    default = int(setting(store, STAY_IN_TOUCH_SETTING))
    soonest = store.clock.now() - relativedelta(months=1)  # the shortest cadence a card takes
    for person in store.ended_people(soonest):
        months = default if person.months is None else person.months
        last = _last_of(person)
        if person.contact_id not in seen and is_losing_touch(last, months, today):
            found.append(LosingTouch(person.contact_id, person.name, person.company, last, None, months))
    found.sort(key=lambda p: (p.due_on is None, p.due_on or p.last_in_touch or date.min, p.contact_id))
    return found[:LOSING_TOUCH_SHOWN], max(len(found) - LOSING_TOUCH_SHOWN, 0) + max(due - len(seen), 0)


def _out_of_touch_count(store: Store, today: date) -> int:
    """People of ended processes, no note planned, out of touch past their cadence."""
    default = int(setting(store, STAY_IN_TOUCH_SETTING))
    soonest = store.clock.now() - relativedelta(months=1)
    return sum(
        is_losing_touch(_last_of(person), default if person.months is None else person.months, today)
        for person in store.ended_people(soonest)
    )


def _last_of(person) -> date | None:
    moments = [m for m in (person.last_in_touch, person.ended_at) if m is not None]
    return local_day(max(moments)) if moments else None
