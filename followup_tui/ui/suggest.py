"""Typing a name the journal already knows: a grey suggestion, and Tab to take it as a shell does."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from followup_tui.domain.people import name_key


class SuggestingInput(Input):
    """An Input whose grey suggestion Tab accepts (→ too); with none showing, Tab moves on."""

    BINDINGS = [Binding("tab", "accept_suggestion", "Take the suggestion", show=False)]

    def action_accept_suggestion(self) -> None:
        suggestion = self._suggestion
        if self.has_focus and suggestion and len(suggestion) > len(self.value) and self.cursor_at_end:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


class SuggestNames(Suggester):
    """Suggests a known name for what is being typed — with `several`, for the last of a
    comma-separated list — the names `first()` gives (the company's own people) ahead of the rest."""

    def __init__(self, names: Iterable[str], first: Callable[[], Iterable[str]] | None = None, *, several=False):
        super().__init__(use_cache=False, case_sensitive=True)  # the list's own case is kept
        self.names, self.first, self.several = list(names), first, several

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2] if self.several else value
        typed = last.lstrip()
        if not typed:
            return None
        wanted = name_key(typed) + (" " if typed[-1].isspace() else "")  # "zoe" finds Zoë, "Zoe " not Zoey
        for name in [*(self.first() if self.first else ()), *self.names]:
            if len(name) > len(typed) and name_key(name).startswith(wanted):
                return value[: len(value) - len(typed)] + name
        return None
