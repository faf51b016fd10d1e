"""Applications as the screens see them: the pipeline's list, adding one, moving its status."""

from __future__ import annotations

from dataclasses import dataclass

from followup_tui.domain.models import Opportunity, OpportunityListing, Status
from followup_tui.store import Store

STATUS_ORDER = list(Status)
"""The pipeline's order: the open applications first, in the order a search moves."""


def applications(store: Store) -> list[OpportunityListing]:
    """Every application, open ones first (the pipeline's order)."""
    return sorted(store.list_opportunities(), key=lambda item: STATUS_ORDER.index(item.opportunity.status))


def companies(store: Store) -> list[str]:
    """Every company already in the journal, for suggesting as one is typed."""
    return store.companies()


def add_application(store: Store, opportunity: Opportunity) -> Opportunity:
    return store.add_opportunity(opportunity)


@dataclass(frozen=True)
class StatusChange:
    """What moving one application to a status would do, to ask about before doing it."""

    opportunity_id: int
    company: str
    status: Status
    planned_followups: int

    @property
    def offers_skipping(self) -> bool:
        """Closing an application with steps still planned: ask whether to skip them too."""
        return not self.status.is_active and self.planned_followups > 0


def status_change(store: Store, opportunity_id: int, status: Status) -> StatusChange | None:
    """The change as it would be made, or None when there is nothing to change."""
    listing = next((o for o in store.list_opportunities() if o.opportunity.id == opportunity_id), None)
    if listing is None or listing.opportunity.status is status:
        return None
    return StatusChange(opportunity_id, listing.opportunity.company, status, listing.planned_followups)


def change_status(store: Store, change: StatusChange, *, skip_planned: bool = False) -> int:
    """Make the change; how many planned follow-ups were skipped with it."""
    return store.change_status(change.opportunity_id, change.status, skip_planned=skip_planned)
