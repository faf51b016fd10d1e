"""What the app does for debriefs: start, resume, edit, read and delete one, and offer its plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup_tui.store import Store

    from .journal_screen import JournalScreen


class DebriefActions:
    """Mixed into the app; panes and screens call these as `self.app.…`."""

    store: Store
    journal: JournalScreen

    def action_new_debrief(self) -> None:
        """A new debrief, or — when one was left unsaved — the offer to resume it."""
        from followup_tui.domain.debrief_form import DebriefForm
        from followup_tui.domain.questions import DEFAULT_QUESTIONS
        from followup_tui.services.debriefs import NEW_DRAFT

        from .resume import ResumeDraftScreen

        draft = self.store.get_draft(NEW_DRAFT)
        if draft is None:
            self._open_form(DebriefForm(), DEFAULT_QUESTIONS, NEW_DRAFT)
            return

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self._open_form(DebriefForm.from_payload(draft.payload), DEFAULT_QUESTIONS, NEW_DRAFT)
            elif choice == "discard":
                self.store.delete_draft(NEW_DRAFT)
                self.reload_panes()
                self._open_form(DebriefForm(), DEFAULT_QUESTIONS, NEW_DRAFT)

        self.push_screen(ResumeDraftScreen(draft), chosen)

    def edit_debrief(self, interview_id: int) -> None:
        from followup_tui.domain.debrief_form import DebriefForm
        from followup_tui.services.debriefs import edit_draft_key, form_for

        key = edit_draft_key(interview_id)
        form, questions = form_for(self.store, interview_id)
        if draft := self.store.get_draft(key):
            form = DebriefForm.from_payload(draft.payload)
            self.notify(f"Picked up your unsaved changes from {draft.updated_at.astimezone():%a %H:%M}.")
        listing = self.store.get_interview(interview_id)
        self._open_form(form, questions, key, interview_id, f"Edit debrief — {listing.company}")

    def _open_form(self, form, questions, key: str, interview_id: int | None = None, title: str = "New debrief"):
        from .debrief_form import DebriefScreen

        async def saved(saved_id: int | None) -> None:
            self.reload_panes()
            if saved_id is not None:
                debriefs = await self.action_show_pane("debriefs")
                debriefs.select_row(f"interview-{saved_id}")
                self.notify("Debrief saved.")
                if interview_id is None:
                    self.offer_plan(saved_id)

        self.push_screen(DebriefScreen(form, questions, key, interview_id, title), saved)

    def open_debrief(self, interview_id: int) -> None:
        from .debrief_view import DebriefView

        self.push_screen(DebriefView(interview_id))

    def delete_interview(self, interview_id: int) -> None:
        from followup_tui.domain.dates import long_day

        from .confirm import ConfirmScreen

        listing = self.store.get_interview(interview_id)
        if listing is None:
            return
        starts = listing.interview.starts_at.astimezone()
        question = (
            f"Delete the {listing.interview.stage.label} interview with {listing.company} "
            f"on {long_day(starts.date())}, and its debrief?"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.store.delete_interview(interview_id)
            self.back_to_journal()
            self.reload_panes()
            self.notify("Interview and debrief deleted.")

        detail = "The application, the people you met and your follow-ups are kept."
        self.push_screen(ConfirmScreen(question, yes="Delete", no="Keep it", detail=detail), answered)

    def offer_plan(self, interview_id: int) -> None:
        """After a new debrief: the planner's thank-yous and check-ins, to accept in one step."""
        from followup_tui.domain.dates import long_day
        from followup_tui.services.timeline import accept_plan, propose_plan

        from .confirm import ConfirmScreen

        steps = propose_plan(self.store, interview_id)
        if not steps:
            return
        names = {c.id: c.name for c in self.store.interview_contacts(interview_id)}
        lines = "\n".join(
            f"{long_day(step.due_on):<16} {step.kind.label:<10} {names.get(step.contact_id, '')}" for step in steps
        )

        def answered(yes: bool | None) -> None:
            if yes:
                accept_plan(self.store, interview_id, steps)
                self.reload_panes()
                self.notify(f"{len(steps)} follow-ups planned; they are on the Timeline (1).")

        self.push_screen(
            ConfirmScreen("Plan these follow-ups?", yes="Plan them", no="Not now", detail=lines, variant="primary"),
            answered,
        )
