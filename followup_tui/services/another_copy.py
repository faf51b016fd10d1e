"""Another copy of followup (a second terminal, a script running `followup add`) may change the
journal while this one shows it. A key acts on what the person saw or not at all, and the app
notices the other copy's writes to redraw.
"""

from __future__ import annotations

from followup_tui.domain.dates import long_day
from followup_tui.domain.models import Followup
from followup_tui.store import Store
from followup_tui.store.opening import RecordGone as RecordGone  # what the store says of a row gone


class ChangedElsewhere(RecordGone):
    """What the person acted on was changed or removed by another copy since it was shown: said
    in one line, nothing written, and the screen redrawn to show it as it is now. (A RecordGone
    from the store, the row removed under a write, is told the same way.)"""


def followup_as_shown(
    store: Store, followup_id: int, shown: Followup | None = None, *, compared: tuple[str, ...] = ()
) -> Followup:
    """The follow-up as it is now; ChangedElsewhere when it is gone, or is no longer `shown` (in
    the `compared` fields only, when given: the composer's own draft changes subject and body)."""
    now = store.get_followup(followup_id)
    if now is None:
        raise ChangedElsewhere("That follow-up was removed in another copy of followup")
    if shown is not None and _differs(now, shown, compared):
        due = long_day(now.due_on, store.clock.today())
        raise ChangedElsewhere(
            f"That follow-up was changed in another copy of followup (now “{now.subject}”, "
            f"{now.status.value}, {due}); nothing was done to it"
        )
    return now


def _differs(now: Followup, shown: Followup, compared: tuple[str, ...]) -> bool:
    if not compared:
        return now != shown
    return any(getattr(now, name) != getattr(shown, name) for name in compared)


class JournalWatch:
    """Whether another copy has written since the last look (SQLite's data_version, which this
    copy's own writes never move)."""

    def __init__(self, store: Store):
        self.store = store
        self.seen = store.data_version()

    def changed_elsewhere(self) -> bool:
        version = self.store.data_version()
        changed, self.seen = version != self.seen, version
        return changed
