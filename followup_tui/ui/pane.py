"""What the panes share: a list of the store's rows, or a note on how to fill it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from followup_tui.services.journal import is_empty
from followup_tui.services.undo import Undo, undo

from .messages import JournalChanged
from .plain import Plain

if TYPE_CHECKING:
    from .app import FollowupApp

SAMPLE_DATA_HINT = (
    "New to followup? Press ctrl+p and choose “Load sample data” to look around with a made-up job search."
)


class JournalPane(Vertical):
    """A pane that shows one list of the journal, or an empty state that says what to do."""

    EMPTY: ClassVar[str] = ""
    """Shown in place of the list while it has no rows."""

    app: FollowupApp
    journal_is_empty: bool = True
    """As of the last reload: whether the journal holds no application yet."""
    loaded: bool = False
    """Panes read the store when first shown, so opening the app costs one pane, not four."""

    def compose(self) -> ComposeResult:
        yield Plain(classes="empty-state")
        yield self.make_list()

    def make_list(self) -> Widget:
        raise NotImplementedError

    @property
    def rows(self) -> Widget:
        return self.query_one(".rows")

    def reload(self) -> None:
        """Read the store again and redraw, keeping the cursor where it was."""
        self.loaded = True
        count = self.fill()
        empty = self.query_one(".empty-state", Static)
        note = self.EMPTY
        self.journal_is_empty = is_empty(self.app.journal)
        if self.journal_is_empty:
            note = f"{note}\n\n{SAMPLE_DATA_HINT}"
        empty.update(note)
        empty.display = count == 0
        self.rows.display = count > 0
        self.refresh_bindings()  # keys that act on a row are offered only when there is one

    def fill(self) -> int:
        """Put the store's rows in the list; return how many there are."""
        raise NotImplementedError

    ADDS: ClassVar[str | None] = None
    """What `n` adds on this pane ("a follow-up"), or None: then `n` is not offered here."""

    def add(self) -> None:
        """`n`: a new item of this pane's own kind (only called on a pane that ADDS one)."""

    def focus_rows(self) -> None:
        if self.rows.display:
            self.rows.focus()

    def select_row(self, key: str) -> None:
        """Put the cursor on the record with this row key, if the list holds it."""

    def highlighted_state(self) -> object:
        """What the cursor is on, as shown: when a redraw changes it, a key meant for the row
        the person saw is not acted on."""
        return None

    # -- one step back ----------------------------------------------------------------------

    @property
    def pane_id(self) -> str:
        return (self.id or "").removesuffix("-pane")

    @property
    def last_action(self) -> Undo | None:
        """The last change made from this pane (or a card opened from it), for `u` to take back."""
        return self.app.undos.get(self.pane_id)

    @last_action.setter
    def last_action(self, action: Undo | None) -> None:
        self.app.undos[self.pane_id] = action

    def action_undo(self) -> None:
        if (action := self.last_action) is None:
            return
        undone = undo(self.app.journal, action)
        self.last_action = None
        self.post_message(JournalChanged(select=action.select))
        if not undone.done:
            self.notify(
                f"Nothing taken back: {'; '.join(undone.notes)}.",
                title=f"Can't undo “{action.label}”",
                severity="warning",
            )
        elif undone.notes:
            self.notify(
                f"Took back “{action.label}”, except: {'; '.join(undone.notes)}.",
                title="Undone in part",
                severity="warning",
            )
        else:
            self.notify(f"Took back “{action.label}”: as it was before.")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "undo":
            return self.last_action is not None
        return True
