"""Start, resume, edit, read and delete a debrief, and offer its plan: started from the Debriefs
pane, a debrief being read, or anywhere with ctrl+n."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.kinds import Kind
from followup_tui.services import interviews
from followup_tui.services.debriefs import NEW_DRAFT
from followup_tui.services.drafts import draft, drop_draft

from .cells import one_line
from .messages import JournalChanged

if TYPE_CHECKING:
    from followup_tui.services.followups import Replan
    from followup_tui.services.interviews import DebriefStart

    from .app import FollowupApp


def new_debrief(app: FollowupApp) -> None:
    """A new debrief, or — when one was left unsaved — the offer to resume it."""
    from .resume import ResumeDraftDialog

    left = draft(app.journal, NEW_DRAFT)
    if left is None:
        _open_form(app, interviews.new_debrief(app.journal, resume=False))
        return

    def chosen(choice: str | None) -> None:
        if choice == "resume":
            _open_form(app, interviews.new_debrief(app.journal, resume=True))
        elif choice == "discard":
            drop_draft(app.journal, NEW_DRAFT)
            app.post_message(JournalChanged())
            _open_form(app, interviews.new_debrief(app.journal, resume=False))

    app.push_screen(ResumeDraftDialog(left), chosen)


def edit_debrief(app: FollowupApp, interview_id: int) -> None:
    start = interviews.edit_debrief(app.journal, interview_id)
    if start is None:
        return
    if start.picked_up_at:
        app.notify(f"Picked up your unsaved changes from {start.picked_up_at.astimezone():%a %H:%M}.")
    _open_form(app, start, interviews.decision_day(app.journal, interview_id))


def _open_form(app: FollowupApp, start: DebriefStart, decision_was=None) -> None:
    from .debrief_form import DebriefFormScreen

    async def saved(saved_id: int | None) -> None:
        app.post_message(JournalChanged(select=f"interview-{saved_id}" if saved_id is not None else None))
        if saved_id is not None:
            debriefs = await app.action_show_pane("debriefs")
            debriefs.select_row(f"interview-{saved_id}")
            app.notify("Debrief saved.")
            if start.interview_id is None:
                offer_plan(app, saved_id)
            elif replan := interviews.replan_after_edit(app.journal, saved_id, decision_was):
                offer_replan(app, replan)

    screen = DebriefFormScreen(start.form, start.questions, start.draft_key, start.interview_id, start.title)
    app.push_screen(screen, saved)
    if start.dropped:
        app.notify(f"Left out of your draft: {'; '.join(start.dropped)}.", severity="warning", timeout=10)


def delete_interview(app: FollowupApp, interview_id: int) -> None:
    from .confirm import ConfirmDialog

    listing = interviews.interview(app.journal, interview_id)
    if listing is None:
        return
    starts = listing.interview.starts_at.astimezone()
    question = (
        f"Delete the {listing.interview.stage.label} interview with {listing.company} "
        f"on {long_day(local_day(starts), app.clock.today())}, and its debrief?"
    )

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        interviews.delete_interview(app.journal, interview_id)
        app.back_to_journal()
        app.post_message(JournalChanged(said="Interview and debrief deleted."))

    detail = "The application, the people you met and your follow-ups are kept."
    app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep it", detail=detail), answered)


def offer_replan(app: FollowupApp, replan: Replan) -> None:
    """The decision date moved: offer to move the check-ins it makes early or late, days shown."""
    from .confirm import ConfirmDialog

    today = app.clock.today()
    was = f" (it was {long_day(replan.was, today)})" if replan.was else ""
    question = f"They now expect to decide {long_day(replan.decision.day, today)}{was}. Move your check-ins to match?"
    detail = "\n".join(
        f"{one_line(followup.subject or followup.kind.label)[:36]:<37} {long_day(followup.due_on, today)} → "
        f"{long_day(day, today)}"
        for followup, day in replan.moves
    )

    def answered(yes: bool | None) -> None:
        if yes:
            app.post_message(JournalChanged(undo=interviews.move_check_ins(app.journal, replan)))

    app.push_screen(
        ConfirmDialog(question, yes="Move them", no="Keep the days", detail=detail, variant="primary"), answered
    )


def offer_plan(app: FollowupApp, interview_id: int) -> None:
    """After a new debrief: the planner's thank-yous and check-ins, to accept in one step."""
    from .confirm import ConfirmDialog

    offer = interviews.plan_offer(app.journal, interview_id)
    if not offer:
        return
    rows = []
    for planned in offer:
        what = planned.person if planned.step.kind not in (Kind.QUESTION, Kind.NOTE) else planned.step.subject
        rows.append(f"{long_day(planned.step.due_on, app.clock.today()):<16} {planned.step.kind.label:<10} {what}")
        rows += [f"{'':<27}+ {carried}" for carried in planned.carries]
    lines = "\n".join(rows)

    def answered(yes: bool | None) -> None:
        if yes:
            interviews.accept_offer(app.journal, interview_id, offer)
            app.post_message(JournalChanged(said=f"{len(offer)} follow-ups planned; they are on the Timeline (1)."))

    app.push_screen(
        ConfirmDialog("Plan these follow-ups?", yes="Plan them", no="Not now", detail=lines, variant="primary"),
        answered,
    )
