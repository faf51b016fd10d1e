"""Pipeline: every application and where it stands, so the search keeps going."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.widgets import Static

from followup_tui.domain.models import Status
from followup_tui.domain.timeline import describe_due, describe_since

from .table_pane import TablePane

STATUS_ORDER = list(Status)


class PipelinePane(TablePane):
    EMPTY = (
        "No applications yet.\n\n"
        "Every application you are waiting on lives here — applied, interviewing, offer — "
        "so one quiet company never becomes the whole search."
    )
    PAGE = 1_000_000
    COLUMNS = (("Status", 13), ("Company", 22), ("Role", 32), ("Last contact", 14), ("Next follow-up", 18))

    def compose(self) -> ComposeResult:
        yield Static(id="pipeline-summary", markup=False)
        yield from super().compose()

    def rows_of_store(self, offset: int, limit: int):
        if offset:  # one read fills the pipeline: it is one row per application
            return
        today = self.app.clock.today()
        listings = sorted(
            self.app.store.list_opportunities(),
            key=lambda listing: STATUS_ORDER.index(listing.opportunity.status),
        )
        counts = Counter(listing.opportunity.status for listing in listings)
        summary = self.query_one("#pipeline-summary", Static)
        summary.update("   ".join(f"{status.value} {counts[status]}" for status in STATUS_ORDER if counts[status]))
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
                ],
            )
