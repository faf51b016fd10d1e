"""The `?` screen: every key that works where help was asked for, and what each pane is for."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .dialog import Dialog
from .panes import ON_THE_PANES, PANES
from .plain import Plain

PANE_GUIDE = "\n".join(f"{n} {pane.title:<10} {pane.purpose}" for n, pane in enumerate(PANES, start=1))


WHERE = ("on every pane", "anywhere", "on this pane", "in this list")
"""Where a key in help works, in the order help lists them."""

TEXTUAL_OWN = {
    (key.strip(), b.action)
    for b in (*App.BINDINGS, *Screen.BINDINGS)
    if isinstance(b, Binding)
    for key in b.key.split(",")
}
"""Keys every Textual app has (focus next, copy, ctrl+q): not this journal's to explain; the
command palette's ctrl+p, which the README documents, is kept."""


def key_rows(bindings: dict[str, ActiveBinding], display: Callable[[Binding], str]) -> list[tuple[str, str, str]]:
    """(where, keys, what they do) for every enabled, described binding.

    Keys that do the same thing share a row: those that work on every pane first (the number
    keys, `?`, `q`), then those that work anywhere (the palette), then the pane's own (`n`
    among them, since what it adds is the pane's), and last those of the focused list.
    """
    grouped: dict[tuple[int, str], list[str]] = {}
    for active in bindings.values():
        binding = active.binding
        if binding.description and active.enabled and (binding.key, binding.action) not in TEXTUAL_OWN:
            where, description = _where(active)
            grouped.setdefault((where, description), []).append(display(binding))
    ordered = sorted(grouped.items(), key=lambda item: item[0][0])
    return [(WHERE[where], " ".join(keys), text) for (where, text), keys in ordered]


def _where(active: ActiveBinding) -> tuple[int, str]:
    """Where the key works (an index into WHERE), and what it does there."""
    from .journal_screen import JournalScreen
    from .pane import JournalPane

    node, binding = active.node, active.binding
    action = binding.action.removeprefix("app.").partition("(")[0]
    if isinstance(node, App):
        if action == "add":  # n: what it adds is the pane's own kind
            journal = getattr(node, "journal_screen", None)
            adds = getattr(journal.active_pane() if journal else None, "ADDS", None)
            return 2, f"Add {adds}" if adds else binding.description
        return (0 if action in ON_THE_PANES else 1), binding.description
    if isinstance(node, Screen):
        return (0 if isinstance(node, JournalScreen) else 2), binding.description
    return (2 if isinstance(node, JournalPane) else 3), binding.description


class HelpDialog(Dialog[None]):
    """Lists the keys of the screen it was opened from."""

    passes_pane_keys = True
    """The number keys, `?` and `q` work here as on the journal (the app checks this)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        # The number keys still switch panes; the app closes help on the way.
        *(Binding(str(n), f"app.show_pane('{pane.id}')", show=False) for n, pane in enumerate(PANES, start=1)),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]):
        super().__init__()
        self.bindings_shown = bindings

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys", classes="help-heading")
            table = DataTable(show_cursor=False, zebra_stripes=True, id="help-keys")
            table.add_columns("Where", "Key", "What it does")
            yield table
            yield Static("Panes", classes="help-heading")
            yield Plain(PANE_GUIDE, id="help-panes")
            yield Static("esc closes this help.", classes="help-footnote")

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        for where, keys, description in key_rows(self.bindings_shown, self.app.get_key_display):
            table.add_row(Text(where, style="dim"), Text(keys, style="bold"), Text(description))
