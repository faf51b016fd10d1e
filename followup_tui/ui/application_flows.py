"""Open, add, edit, move and delete an application: started from the Pipeline or from the open
application, each ends in one service call, a redraw with the record under the cursor, and a
way back with `u` on the Pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.domain.models import Status
from followup_tui.services import applications

from .messages import JournalChanged

if TYPE_CHECKING:
    from followup_tui.domain.models import Opportunity
    from followup_tui.services.undo import Undo

    from .app import FollowupApp

PANE = "pipeline"


def new_application(app: FollowupApp) -> None:
    from .application_form import ApplicationFormScreen

    app.push_screen(ApplicationFormScreen(), lambda saved: _saved(app, saved, "Added {} to your pipeline"))


def edit_application(app: FollowupApp, opportunity_id: int) -> None:
    from .application_form import ApplicationFormScreen

    if (opportunity := applications.application(app.journal, opportunity_id)) is not None:
        app.push_screen(ApplicationFormScreen(opportunity), lambda saved: _saved(app, saved, "Saved {}"))


def _saved(app: FollowupApp, saved: tuple[Opportunity, Undo] | None, message: str) -> None:
    if saved is None:
        return
    opportunity, undo = saved
    app.post_message(JournalChanged(undo=undo, pane_id=PANE, said=message.format(opportunity.company)))


def change_status(app: FollowupApp, opportunity_id: int, status: Status, pane_id: str = PANE) -> None:
    """One keypress, one write; closing an application offers to skip what was planned for it.
    `u` on `pane_id` takes it back."""
    from .confirm import ConfirmDialog

    change = applications.status_change(app.journal, opportunity_id, status)
    if change is None:
        return

    def apply(skip: bool | None) -> None:
        skipped, undo = applications.change_status(app.journal, change, skip_planned=bool(skip))
        extra = f"; {skipped} planned follow-up{'s' * (skipped != 1)} skipped" if skipped else ""
        app.post_message(
            JournalChanged(undo=undo, pane_id=pane_id, said=f"{change.company} is now {change.status.value}{extra}")
        )

    if not change.offers_skipping:
        apply(False)
        return
    count = change.planned_followups
    question = f"{change.company} is {change.status.value}. Skip its {count} planned follow-up{'s' * (count != 1)} too?"
    app.push_screen(ConfirmDialog(question, yes="Skip them", no="Keep them"), apply)


def delete_application(app: FollowupApp, opportunity_id: int) -> None:
    """Say what goes with it; with debriefs in it, ask a second time, naming them."""
    from .confirm import ConfirmDialog

    deletion = applications.deletion(app.journal, opportunity_id)
    if deletion is None:
        return

    def delete() -> None:
        undo = applications.delete_application(app.journal, opportunity_id)
        app.back_to_journal()
        app.post_message(JournalChanged(undo=undo, pane_id=PANE))

    def first(yes: bool | None) -> None:
        if not yes:
            return
        if not deletion.takes_debriefs:
            delete()
            return
        count = deletion.debriefs
        app.push_screen(
            ConfirmDialog(
                f"Delete {count} debrief{'s' * (count != 1)} with it?",
                yes="Delete them too",
                no="Keep everything",
                detail="What you wrote after those interviews goes with the application. "
                "u on the Pipeline brings it all back, right after.",
            ),
            lambda sure: delete() if sure else None,
        )

    app.push_screen(
        ConfirmDialog(f"Delete {deletion.company}?", yes="Delete", no="Keep", detail=deletion.describe()), first
    )


def choose_documents(app: FollowupApp, opportunity_id: int) -> None:
    """Which CV and cover letter went with it: the dialog reads the files, one write keeps them."""
    from followup_tui.services import documents

    from .documents_dialog import DocumentsDialog
    from .writes import told

    opportunity = applications.application(app.journal, opportunity_id)
    if opportunity is None:
        return

    def chosen(attached: list[documents.Attached] | None) -> None:
        if attached is None:
            return
        said, undo = documents.save_documents(app.journal, opportunity_id, attached)
        app.post_message(JournalChanged(undo=undo, pane_id=PANE, said=said))

    dialog = DocumentsDialog(
        opportunity.company,
        documents.documents_of(app.journal, opportunity_id),
        documents.used_before(app.journal),
    )
    app.push_screen(dialog, told(app, chosen))
