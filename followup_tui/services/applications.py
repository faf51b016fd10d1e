"""Applications as the screens see them: the pipeline's list, one application in full, and every
change to one — add, edit, move, delete — each with its way back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from followup_tui.domain.documents import DocumentSent
from followup_tui.domain.models import (
    Contact,
    FollowupListing,
    InterviewListing,
    Opportunity,
    OpportunityListing,
    Status,
)
from followup_tui.domain.people import name_key
from followup_tui.domain.story import Decision
from followup_tui.store import Store
from followup_tui.store.applications import StatusStep
from followup_tui.store.snapshots import Snapshot

from .story import decision_of
from .undo import Undo

STATUS_ORDER = list(Status)
"""The pipeline's order: saved leads, then open applications in the order a search moves, then closed."""


def applications(store: Store, matching: str = "") -> list[OpportunityListing]:
    """Every application in the pipeline's order; with `matching`, those whose company, role,
    status, source or notes hold that text, whatever its case."""
    listings = store.list_opportunities()
    if words := name_key(matching).split():
        listings = [listing for listing in listings if all(word in _searchable(listing) for word in words)]
    return sorted(listings, key=lambda item: STATUS_ORDER.index(item.opportunity.status))


def _searchable(listing: OpportunityListing) -> str:
    o = listing.opportunity
    return name_key(" ".join((o.company, o.role, o.status.value, o.source, o.notes)))


def companies(store: Store) -> list[str]:
    """Every company already in the journal, for suggesting as one is typed."""
    return store.companies()


def close_companies(store: Store, typed: str, most: int = 3) -> list[str]:
    """The companies the journal knows whose names are close to `typed` — a typo ("Globx" for
    Globex) or the start of the name ("acme" for Acme Cloud) —, closest first, compared by the
    name rule."""
    from difflib import get_close_matches

    known = {name_key(company): company for company in store.companies()}
    wanted = name_key(typed)
    starting = [key for key in known if wanted and key.startswith(wanted + " ")]
    close = get_close_matches(wanted, list(known), n=most, cutoff=0.75)
    return [known[key] for key in dict.fromkeys([*starting, *close])][:most]


def application(store: Store, opportunity_id: int) -> Opportunity | None:
    return store.get_opportunity(opportunity_id)


@dataclass(frozen=True)
class ApplicationRecord:
    """One application opened: its fields, how its status moved, and what belongs to it."""

    opportunity: Opportunity
    history: list[StatusStep]
    interviews: list[InterviewListing]
    followups: list[FollowupListing]
    contacts: list[Contact]
    decision: Decision | None = None
    """When they expect to decide, as things stand, and who said so."""
    documents: list[DocumentSent] = field(default_factory=list)
    """The CV and cover letter sent with it (their files are checked apart: `files_now`)."""


def application_record(store: Store, opportunity_id: int) -> ApplicationRecord | None:
    opportunity = store.get_opportunity(opportunity_id)
    if opportunity is None:
        return None
    return ApplicationRecord(
        opportunity,
        store.status_history(opportunity_id),
        store.interviews_of_opportunity(opportunity_id),
        store.followup_listings_of_opportunity(opportunity_id),
        store.contacts_of_opportunity(opportunity_id),
        decision_of(store, opportunity_id),
        store.documents_of(opportunity_id),
    )


def save_application(store: Store, opportunity: Opportunity) -> tuple[Opportunity, Undo]:
    """Add the application, or write over the stored one with its id; and how to take it back."""
    if opportunity.id is None:
        with store.transaction():
            added = store.add_opportunity(opportunity)
            made = store.settle(Snapshot(created={"opportunities": [added.id]}))
        return added, Undo(f"added {added.company}", snapshot=made)
    with store.transaction():
        was = store.get_opportunity(opportunity.id)
        before = store.update_opportunity(opportunity)
        ended = was is not None and was.status is not opportunity.status
        if staying := _stay_in_touch(store, opportunity.id, opportunity.status) if ended else []:
            before = store.settle(replace(before, created={**before.created, "followups": staying}))
    return opportunity, Undo(f"edited {opportunity.company}", snapshot=before, select=_row(opportunity.id))


def _row(opportunity_id: int) -> str:
    return f"opportunity-{opportunity_id}"


@dataclass(frozen=True)
class Deletion:
    """What deleting one application would take with it, to say before doing it."""

    opportunity_id: int
    company: str
    interviews: int
    debriefs: int
    followups: int

    @property
    def takes_debriefs(self) -> bool:
        return self.debriefs > 0

    def describe(self) -> str:
        parts = [
            _count(self.interviews, "interview"),
            _count(self.debriefs, "debrief"),
            _count(self.followups, "follow-up"),
        ]
        what = ", ".join(part for part in parts if part)
        return f"This also deletes its {what}. Contacts stay." if what else "Nothing else belongs to it."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}" if n else ""


def deletion(store: Store, opportunity_id: int) -> Deletion | None:
    opportunity = store.get_opportunity(opportunity_id)
    if opportunity is None:
        return None
    counts = store.application_counts(opportunity_id)
    return Deletion(opportunity_id, opportunity.company, counts["interviews"], counts["debriefs"], counts["followups"])


def delete_application(store: Store, opportunity_id: int) -> Undo:
    taken = store.delete_opportunity(opportunity_id)
    company = taken.rows["opportunities"][0]["company"] if taken.count("opportunities") else "the application"
    return Undo(f"deleted {company}", snapshot=taken, select=_row(opportunity_id))


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
        return not self.status.is_active and self.status is not Status.SAVED and self.planned_followups > 0


def status_change(store: Store, opportunity_id: int, status: Status) -> StatusChange | None:
    """The change as it would be made, or None when there is nothing to change."""
    listing = store.opportunity_listing(opportunity_id)
    if listing is None or listing.opportunity.status is status:
        return None
    return StatusChange(opportunity_id, listing.opportunity.company, status, listing.planned_followups)


def change_status(store: Store, change: StatusChange, *, skip_planned: bool = False) -> tuple[int, Undo]:
    """Make the change; how many planned follow-ups were skipped with it, and how to take it back."""
    with store.transaction():
        before = store.change_status(change.opportunity_id, change.status, skip_planned=skip_planned)
        staying = _stay_in_touch(store, change.opportunity_id, change.status)
        if staying:
            before = store.settle(replace(before, created={**before.created, "followups": staying}))
    label = f"{change.company} marked {change.status.value}"
    if staying:
        label += f", {len(staying)} keeping-in-touch note{'s' * (len(staying) != 1)} planned"
    return before.count("followups"), Undo(label, snapshot=before, select=_row(change.opportunity_id))


def _stay_in_touch(store: Store, opportunity_id: int, status: Status) -> list[int]:
    """A process that just ended: a keeping-in-touch note to each person in it (the ids)."""
    from .stay_in_touch import plan_after_the_end

    return plan_after_the_end(store, opportunity_id) if status.ends_the_process else []
