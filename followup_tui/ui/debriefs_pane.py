"""Debriefs: every interview, newest first, with how it felt."""

from __future__ import annotations

from followup_tui.domain.models import InterviewListing

from .cells import satisfaction_dots
from .table_pane import TablePane


class DebriefsPane(TablePane):
    EMPTY = (
        "No interviews recorded yet.\n\n"
        "Right after an interview, debrief while it is fresh: what went well, what you would "
        "do differently, what they asked. Your debriefs collect here, newest first."
    )
    COLUMNS = (("Date", 17), ("Company", 22), ("Role", 32), ("Stage", 13), ("Satisfaction", 12))

    def rows_of_store(self):
        for listing in self.app.store.list_interviews():
            yield f"interview-{listing.interview.id}", _cells(listing)


def _cells(listing: InterviewListing) -> list[str]:
    interview = listing.interview
    when = interview.starts_at.astimezone()
    satisfaction = satisfaction_dots(listing.satisfaction) if listing.has_debrief else "not debriefed"
    return [
        f"{when:%a %d %b %Y}",
        listing.company,
        listing.role,
        interview.stage.label,
        satisfaction,
    ]
