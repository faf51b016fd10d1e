"""Typing a name the journal already knows: a grey suggestion, and Tab to take it as a shell does."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from followup_tui.domain.people import name_key


class SuggestingInput(Input):
    """An Input whose grey suggestion Tab accepts (→ too); with none showing, Tab moves on. The app
    hands Tab here only once every key typed before it has landed (see `FollowupApp.on_event`), so
    the suggestion is worked out from all of it, then and there."""

    BINDINGS = [Binding("tab", "accept_suggestion", "Take the suggestion", show=False)]

    def take_suggestion(self) -> bool:
        """Complete what is typed with the name it suggests, if there is one; whether it did."""
        if not self.cursor_at_end:
            return False
        suggester = self.suggester
        suggestion = suggester.suggestion_for(self.value) if isinstance(suggester, SuggestNames) else self._suggestion
        if suggestion and len(suggestion) > len(self.value):
            self.value = suggestion
            self.cursor_position = len(suggestion)
            return True
        return False

    def action_accept_suggestion(self) -> None:
        if not (self.has_focus and self.take_suggestion()):
            self.screen.focus_next()


class SuggestNames(Suggester):
    """Suggests a known name for what is being typed — with `several`, for the last of a
    comma-separated list — the names `first()` gives (the company's own people) ahead of the rest."""

    def __init__(self, names: Iterable[str], first: Callable[[], Iterable[str]] | None = None, *, several=False):
        super().__init__(use_cache=False, case_sensitive=True)  # the list's own case is kept
        self.names, self.first, self.several = list(names), first, several

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggestion_for(value)

    def suggestion_for(self, value: str) -> str | None:
        """The whole value with the name it would complete to, or None."""
        last = value.rpartition(",")[2] if self.several else value
        typed = last.lstrip()
        if not typed:
            return None
        wanted = name_key(typed) + (" " if typed[-1].isspace() else "")  # "zoe" finds Zoë, "Zoe " not Zoey
        for name in [*(self.first() if self.first else ()), *self.names]:
            if len(name) > len(typed) and name_key(name).startswith(wanted):
                return value[: len(value) - len(typed)] + name
        return None


def line_input(name: str, value: str, placeholder: str, names: Iterable[str] | None = None) -> Input:
    """A form's one-line field; with `names` (the companies known, say), one whose grey
    suggestion tab takes, as every form's company field does."""
    if names is None:
        return Input(value, placeholder=placeholder, id=name, compact=True)
    return SuggestingInput(value, placeholder=placeholder, id=name, compact=True, suggester=SuggestNames(names))
