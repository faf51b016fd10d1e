"""An application's story, read for the screens and the other services: one read each, and the
facts derived from it in `domain.story` — never worked out here."""

from __future__ import annotations

from collections.abc import Iterable

from followup_tui.domain.clear_ups import keeps_a_promise
from followup_tui.domain.models import Followup
from followup_tui.domain.story import Decision, Story, decision_in_force
from followup_tui.store import Store


def application_story(store: Store, opportunity_id: int) -> Story | None:
    """Everything known of one application; None when it is gone."""
    return store.application_story(opportunity_id)


def decisions(store: Store, opportunity_ids: Iterable[int]) -> dict[int, Decision]:
    """The decision date in force for each of these applications that has one."""
    words = store.decision_words(opportunity_ids)
    return {opportunity_id: d for opportunity_id, said in words.items() if (d := decision_in_force(said))}


def decision_of(store: Store, opportunity_id: int | None) -> Decision | None:
    return decisions(store, [opportunity_id]).get(opportunity_id) if opportunity_id is not None else None


def promised_steps(store: Store, steps: Iterable[Followup]) -> set[int]:
    """Which of these follow-ups keep a promise (the guard never calls them too soon)."""
    return {f.id for f in steps if f.id is not None and keeps_a_promise(f.kind, f.subject)}
