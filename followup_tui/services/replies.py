"""A reply from the company: what they said, when they expect to decide, and the check-ins it
makes premature — moved or skipped in the same step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind
from followup_tui.domain.replan import check_ins_replanned
from followup_tui.domain.story import Decision
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from . import story
from .another_copy import followup_as_shown
from .followups import cadence, recent_history
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


def reply_preview(store: Store, followup_id: int, decide_by: date | None = None) -> ReplyPreview | None:
    """What logging a reply today would move: with a new decision date, every planned check-in to
    where the rule now puts it (earlier or later); without one, those it makes premature."""
    about = followup_as_shown(store, followup_id)
    if about.opportunity_id is None:  # a note about the whole search: nobody replies
        return None
    today = store.clock.today()
    others = recent_history(store, about.opportunity_id, today)
    in_force = story.decision_of(store, about.opportunity_id)
    new_date = decide_by is not None and (in_force is None or decide_by != in_force.day)
    decision = decide_by or (in_force.day if in_force else None)
    moves = check_ins_replanned(today, decision, others, cadence(store), exact=new_date, today=today)
    whole = {f.id: f for f in store.planned_followups_of_opportunity(about.opportunity_id)}  # with their drafts
    moves = [(whole[f.id], day) for f, day in moves]
    return ReplyPreview(about, store.get_opportunity(about.opportunity_id).company, moves, in_force)


def record_reply(
    store: Store, followup_id: int, said: str = "", decide_by: date | None = None, premature: Premature = Premature.MOVE
) -> Undo:
    """Log a reply received today from the person of the follow-up, with what they said and the
    day they expect to decide; move or skip the check-ins it makes premature. One write."""
    with store.transaction():  # read and written under one lock: another copy cannot come between
        preview = reply_preview(store, followup_id, decide_by)
        about = preview.about
        changed = [f.id for f, _ in preview.moves] if premature is not Premature.KEEP else []
        before = store.followups_as_they_are(changed)
        for check_in, fits in preview.moves if changed else []:
            if premature is Premature.MOVE:
                store.update_followup(replace(check_in, due_on=fits))
            else:
                store.update_followup(replace(check_in, status=FollowupStatus.SKIPPED, done_at=store.clock.now()))
        reply = store.add_followup(
            Followup(
                about.opportunity_id,
                Kind.REPLY_RECEIVED,
                store.clock.today(),
                Direction.INBOUND,
                FollowupStatus.DONE,
                about.contact_id,
                about.interview_id,
                store.clock.now(),
                " ".join(said.split()) or f"Reply from {preview.company}",
                decide_by=decide_by,
            )
        )
        settled = store.settle(Snapshot(before.rows, {"followups": [reply.id]}))
    label = "reply logged"
    if changed:
        done = "moved" if premature is Premature.MOVE else "skipped"
        label += f", {len(changed)} check-in{'s' * (len(changed) != 1)} {done}"
    return Undo(label, snapshot=settled, select=f"followup-{followup_id}")
