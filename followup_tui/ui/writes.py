"""The one net every write from the screen passes through, whichever key or `enter` asked for it:
a busy journal (another copy writing), a value the journal will not keep, or a record another
copy changed is said in one line, and what was typed stays on the screen. Nothing stops the app.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from followup_tui.domain.forms import FieldRefused
from followup_tui.services.another_copy import RecordGone
from followup_tui.services.journal import JournalBusy

if TYPE_CHECKING:
    from .app import FollowupApp

TOLD = (JournalBusy, FieldRefused, RecordGone)
"""RecordGone covers ChangedElsewhere: a record another copy removed or changed under the write."""


def tell(app: FollowupApp, error: Exception) -> None:
    """Say what stopped a write, the way the app says each."""
    if isinstance(error, JournalBusy):
        app.tell_busy(error)
    elif isinstance(error, FieldRefused):
        app.tell_refused(error)
    else:
        app.tell_changed_elsewhere(error)


def told(app: FollowupApp, callback: Callable) -> Callable:
    """`callback`, saying (instead of raising) what stopped its write; it then returns None."""
    if inspect.iscoroutinefunction(callback):

        async def told_async(*args: Any, **kwargs: Any):
            try:
                return await callback(*args, **kwargs)
            except TOLD as error:
                tell(app, error)

        return functools.wraps(callback)(told_async)

    def told_sync(*args: Any, **kwargs: Any):
        try:
            return callback(*args, **kwargs)
        except TOLD as error:
            tell(app, error)

    return functools.wraps(callback)(told_sync)


def writes(method: Callable) -> Callable:
    """For a screen's method that writes (its save, from ctrl+s and from enter alike)."""

    @functools.wraps(method)
    def writing(self, *args: Any, **kwargs: Any):
        return told(self.app, functools.partial(method, self))(*args, **kwargs)

    return writing
