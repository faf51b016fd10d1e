"""Pipeline: every application and where it stands, so the search keeps going."""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from followup_tui.domain.dates import describe_due, describe_since
from followup_tui.domain.insights import describe_quiet, quiet_for
from followup_tui.domain.models import Status
from followup_tui.services.applications import STATUS_ORDER, applications
from followup_tui.services.pipeline import pipeline_nudge

from . import application_flows
from .application_view import STATUS_HINT, status_bindings
from .plain import Plain
from .table_pane import Column, TablePane


class PipelinePane(TablePane):
    EMPTY = (
        "No applications yet.\n\n"
        "Every application you are waiting on lives here — applied, interviewing, offer — so one "
        "quiet company never becomes the whole search. Press n to add one."
    )
    ROW_PREFIX = "opportunity"
    FILTER = "/ filter by company, role, status, source or notes"
    NO_MATCH = "No application matches {!r}. esc clears the filter."
    PAGE = 1_000_000  # one row per application: the whole pipeline is read at once
    COLUMNS = (
        Column("Status", 12, 12),
        Column("Company", 20, 10),
        Column("Role", 26, 8),
        Column("Last contact", 12, 12),
        Column("Next follow-up", 15, 15),
        Column("", 25, 13),  # how long it has been quiet, and whether to close it
    )
    GIVES_WAY = ("", "Last contact")
    BINDINGS = [
        Binding("e", "edit", "Edit", id="pipeline.edit"),
        Binding("delete", "delete", "Delete", id="pipeline.delete"),
        Binding("u", "undo", "Undo", id="pipeline.undo"),
        Binding("slash", "filter", "Filter", key_display="/", id="pipeline.filter"),
        Binding("v", "app.insights", "Insights", id="pipeline.insights"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="pipeline.clear-filter"),
        *status_bindings("pipeline"),
    ]

    def compose(self) -> ComposeResult:
        yield Plain(id="pipeline-nudge", classes="nudge")
        yield Plain(id="pipeline-summary")
        yield Plain(id="status-keys")
        yield self.filter_box()
        yield from super().compose()

    def reload(self) -> None:
        super().reload()
        nudge = pipeline_nudge(self.app.journal)
        banner = self.query_one("#pipeline-nudge", Static)
        banner.update(f"{nudge.text} Press n." if nudge else "")
        banner.display = nudge is not None

    def rows_of_store(self, offset: int, limit: int):
        if offset:
            return
        today = self.app.clock.today()
        listings = applications(self.app.journal, self.filter_text)
        counts = Counter(listing.opportunity.status for listing in listings)
        summary = self.query_one("#pipeline-summary", Static)
        summary.update("   ".join(f"{s.value} {counts[s]}" for s in STATUS_ORDER if counts[s]))
        hint = self.query_one("#status-keys", Static)
        hint.update(f"enter opens · {STATUS_HINT}")
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

    ADDS = "an application"

    def add(self) -> None:
        application_flows.new_application(self.app)

    def action_status(self, status: str) -> None:
        if (opportunity_id := self.selected_id()) is not None:
            application_flows.change_status(self.app, opportunity_id, Status(status))

    def action_edit(self) -> None:
        if (opportunity_id := self.selected_id()) is not None:
            application_flows.edit_application(self.app, opportunity_id)

    def action_delete(self) -> None:
        if (opportunity_id := self.selected_id()) is not None:
            application_flows.delete_application(self.app, opportunity_id)

    @on(DataTable.RowSelected, ".rows")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from .application_view import open_application

        open_application(self.app, int(event.row_key.value.removeprefix("opportunity-")))
