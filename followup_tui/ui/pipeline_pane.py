"""Pipeline: every application and where it stands, so the search keeps going."""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from followup_tui.domain.dates import describe_due, describe_since
from followup_tui.domain.insights import describe_quiet, quiet_for
from followup_tui.domain.models import Opportunity, Status
from followup_tui.services.applications import STATUS_ORDER, applications, change_status, status_change
from followup_tui.services.pipeline import pipeline_nudge

from .plain import Plain
from .table_pane import TablePane

STATUS_KEYS = {
    "a": Status.APPLIED,
    "i": Status.INTERVIEWING,
    "o": Status.OFFER,
    "y": Status.ACCEPTED,
    "r": Status.REJECTED,
    "w": Status.WITHDRAWN,
    "c": Status.CLOSED,
}


class PipelinePane(TablePane):
    EMPTY = (
        "No applications yet.\n\n"
        "Every application you are waiting on lives here — applied, interviewing, offer — so one "
        "quiet company never becomes the whole search. Press n to add one."
    )
    PAGE = 1_000_000  # one row per application: the whole pipeline is read at once
    COLUMNS = (("Status", 12), ("Company", 20), ("Role", 26), ("Last contact", 12), ("Next follow-up", 15), ("", 18))
    BINDINGS = [
        *(
            Binding(key, f"status('{status.value}')", f"Mark {status.value}", show=False, id=f"pipeline.{status.value}")
            for key, status in STATUS_KEYS.items()
        ),
        Binding("v", "app.insights", "Insights", id="pipeline.insights"),
    ]

    def compose(self) -> ComposeResult:
        yield Plain(id="pipeline-nudge", classes="nudge")
        yield Plain(id="pipeline-summary")
        yield Plain(id="status-keys")
        yield from super().compose()

    def reload(self) -> None:
        super().reload()
        nudge = pipeline_nudge(self.app.journal)
        banner = self.query_one("#pipeline-nudge", Static)
        banner.update(nudge.text if nudge else "")
        banner.display = nudge is not None

    def rows_of_store(self, offset: int, limit: int):
        if offset:
            return
        today = self.app.clock.today()
        listings = applications(self.app.journal)
        counts = Counter(listing.opportunity.status for listing in listings)
        summary = self.query_one("#pipeline-summary", Static)
        summary.update("   ".join(f"{s.value} {counts[s]}" for s in STATUS_ORDER if counts[s]))
        hint = self.query_one("#status-keys", Static)
        hint.update(
            "mark the selected one: " + " · ".join(f"{key} {status.value}" for key, status in STATUS_KEYS.items())
        )
        hint.display = bool(listings)
        summary.display = bool(listings)
        for listing in listings:
            opportunity = listing.opportunity
            yield (
                f"opportunity-{opportunity.id}",
                [
                    opportunity.status.value,
                    opportunity.company,
                    opportunity.role,
                    describe_since(listing.last_contact_on, today) if listing.last_contact_on else "—",
                    describe_due(listing.next_followup_on, today) if listing.next_followup_on else "—",
                    describe_quiet(quiet_for(listing, today)),
                ],
            )

    def add(self) -> None:
        from .application_form import ApplicationFormScreen

        def saved(opportunity: Opportunity | None) -> None:
            self.app.refresh_journal(select=f"opportunity-{opportunity.id}" if opportunity else None)
            if opportunity is not None:
                self.notify(f"Added {opportunity.company} to your pipeline.")

        self.app.push_screen(ApplicationFormScreen(), saved)

    def selected_opportunity(self) -> int | None:
        table = self.query_one(".rows", DataTable)
        if not table.row_count or not table.display:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value.removeprefix("opportunity-"))

    def action_status(self, status: str) -> None:
        """One keypress, one write; closing an application offers to skip what was planned for it."""
        from .confirm import ConfirmScreen

        if (opportunity_id := self.selected_opportunity()) is None:
            return
        change = status_change(self.app.journal, opportunity_id, Status(status))
        if change is None:
            return

        def apply(skip: bool | None) -> None:
            skipped = change_status(self.app.journal, change, skip_planned=bool(skip))
            self.app.refresh_journal()
            extra = f"; {skipped} planned follow-up{'s' * (skipped != 1)} skipped" if skipped else ""
            self.notify(f"{change.company} is now {change.status.value}{extra}.")

        if not change.offers_skipping:
            apply(False)
            return
        count = change.planned_followups
        question = (
            f"{change.company} is {change.status.value}. Skip its {count} planned follow-up{'s' * (count != 1)} too?"
        )
        self.app.push_screen(ConfirmScreen(question, yes="Skip them", no="Keep them"), apply)

    @on(DataTable.RowSelected, ".rows")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
