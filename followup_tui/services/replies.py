"""A reply from the company: what they said, when they expect to decide, and the check-ins it
makes premature — moved or skipped in the same step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from followup_tui.domain.cadence import is_message
from followup_tui.domain.forms import FieldRefused
from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind, Status
from followup_tui.domain.replan import check_ins_replanned
from followup_tui.domain.story import Decision
from followup_tui.domain.values import length_problem, reach_problem
from followup_tui.domain.week import revived
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from . import story
from .another_copy import followup_as_shown
from .followups import cadence, card_for, recent_history
from .stay_in_touch import in_touch
from .undo import Undo


class Premature(StrEnum):
    """What to do with the check-ins a reply makes premature."""

    MOVE = "move"
    SKIP = "skip"
    KEEP = "keep"


@dataclass(frozen=True)
class ReplyPreview:
    """What recording a reply would change: each premature check-in and the day it fits now."""

    about: Followup
    company: str
    moves: list[tuple[Followup, date]]
    decision: Decision | None = None
    """The decision date in force before this reply."""
    people: tuple[str, ...] = ()
    """Everyone in the process, to suggest as the one who replied."""
    person: str = ""
    """Whom the follow-up is to: who replied, unless told otherwise."""


def reply_preview(
    store: Store, followup_id: int, decide_by: date | None = None, on: date | None = None, *, sent_first: bool = False
) -> ReplyPreview | None:
    """What logging a reply that came `on` a day (today by default) would move: with a new decision
    date, every planned check-in to where the rule now puts it (earlier or later); without one,
    those it makes premature."""
    about = followup_as_shown(store, followup_id)
    if about.opportunity_id is None:  # a note about the whole search: nobody replies
        return None
    today = store.clock.today()
    heard = min(on or today, today)
    others = recent_history(store, about.opportunity_id, today)
    if sent_first and answers_a_planned_message(about):  # it went out before they answered: sent, not moved
        others = [
            replace(f, status=FollowupStatus.DONE, done_at=store.clock.now()) if f.id == about.id else f for f in others
        ]
    in_force = story.decision_of(store, about.opportunity_id)
    new_date = decide_by is not None and (in_force is None or decide_by != in_force.day)
    decision = decide_by or (in_force.day if in_force else None)
    moves = check_ins_replanned(heard, decision, others, cadence(store), exact=new_date, today=today)
    told = story.application_story(store, about.opportunity_id)  # its people and planned steps, read by index
    whole = {f.id: f for f in told.followups if f.status is FollowupStatus.PLANNED}  # with their drafts
    moves = [(whole[f.id], day) for f, day in moves]
    people = tuple(person.name for person in told.people)
    person = told.contacts[about.contact_id].name if about.contact_id in told.contacts else ""
    return ReplyPreview(about, told.opportunity.company, moves, in_force, people, person)


def _revive(store: Store, opportunity_id: int) -> Snapshot | None:
    """A reply to an application marked ghosted brings it back (interviewing, or applied when it
    had no interview), in its history like any move; how it was, or None when it was not ghosted."""
    opportunity = store.get_opportunity(opportunity_id)
    if opportunity is None or opportunity.status is not Status.GHOSTED:
        return None
    return store.change_status(opportunity_id, revived(store.had_interviews(opportunity_id)))


def answers_a_planned_message(about: Followup) -> bool:
    """A reply logged on a message still planned: did it go out first? (The dialog asks.)"""
    return about.status is FollowupStatus.PLANNED and is_message(about)


class ReplyRefused(FieldRefused):
    """A reply that cannot be logged as asked: which field, and why."""


def record_reply(
    store: Store,
    followup_id: int,
    said: str = "",
    decide_by: date | None = None,
    premature: Premature = Premature.MOVE,
    *,
    person: str = "",
    on: date | None = None,
    sent_first: bool = False,
) -> Undo:
    """Log a reply from `person` (the follow-up's, unless named; a new name gets a card) that came
    `on` a day (today unless said), with what they said and the day they expect to decide; move or
    skip the check-ins it makes premature. One write, one undo."""
    today = store.clock.today()
    on = on or today
    if on > today:
        raise ReplyRefused("on", "a reply that came in the future? Give today or a day before it")
    if problem := reach_problem(on, today):
        raise ReplyRefused("on", problem)
    if problem := length_problem("name", person):
        raise ReplyRefused("person", problem)
    with store.transaction():  # read and written under one lock: another copy cannot come between
        preview = reply_preview(store, followup_id, decide_by, on, sent_first=sent_first)
        about = preview.about
        marked = [about.id] if sent_first and answers_a_planned_message(about) else []
        made: dict[str, list[int]] = {}
        contact_id = card_for(store, person, preview.company, made) if person.strip() else about.contact_id
        changed = [f.id for f, _ in preview.moves] if premature is not Premature.KEEP else []
        before = store.followups_as_they_are([*marked, *changed])
        if marked:  # the message they answered went out first: it is done, as sent before the reply
            store.update_followup(replace(about, status=FollowupStatus.DONE, done_at=store.clock.now()))
        for check_in, fits in preview.moves if changed else []:
            if premature is Premature.MOVE:
                store.update_followup(replace(check_in, due_on=fits))
            else:
                store.update_followup(replace(check_in, status=FollowupStatus.SKIPPED, done_at=store.clock.now()))
        reply = store.add_followup(
            Followup(
                about.opportunity_id,
                Kind.REPLY_RECEIVED,
                on,
                Direction.INBOUND,
                FollowupStatus.DONE,
                contact_id,
                about.interview_id,
                store.clock.now() - timedelta(days=(today - on).days),
                " ".join(said.split()) or f"Reply from {preview.company}",
                decide_by=decide_by,
            )
        )
        taken, created = dict(before.rows), {**made, "followups": [reply.id]}
        revived = _revive(store, about.opportunity_id)
        if revived is not None:
            taken["opportunities"] = revived.rows["opportunities"]
            created["status_changes"] = revived.created["status_changes"]
        touched = in_touch(store, reply)  # their keeping-in-touch note moves: a reply is contact
        moved = {row["id"] for row in taken.get("followups", [])}
        taken["followups"] = [*taken.get("followups", []), *(row for row in touched.before if row["id"] not in moved)]
        settled = store.settle(Snapshot(taken, created))
    label = "reply logged"
    if marked:
        label += f", {about.subject or about.kind.label} marked sent"
    if revived is not None:
        label += f", {preview.company} back to {store.get_opportunity(about.opportunity_id).status.value}"
    if changed:
        done = "moved" if premature is Premature.MOVE else "skipped"
        label += f", {len(changed)} check-in{'s' * (len(changed) != 1)} {done}"
    return Undo(label, snapshot=settled, select=f"followup-{followup_id}")
