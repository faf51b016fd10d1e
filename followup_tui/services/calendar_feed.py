"""A calendar file that keeps itself current: the `calendar.feed` setting names a file the app
and the command line rewrite after every change, so a calendar subscribed to it (or a synced
folder that khal, vdirsyncer or a phone reads) always shows what is planned.

The file is written whole through a temporary file and replaced in one step, mode 0600, so a
calendar reading it never sees half of it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.store import Store
from followup_tui.store.opening import StoreError

from .files import check_output, write_private

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .calendar import IcsTally

FEED_SETTING = "calendar.feed"


class FeedError(Exception):
    """The feed could not be written, in one line; the change that asked for it is saved."""


def check_feed_path(text: str) -> str:
    """The `calendar.feed` setting as it is kept: "" for none, else the absolute path of a file
    that can be written. ValueError in one line for a folder that does not exist or cannot be
    written, or a file that is something other than a calendar (it would be replaced)."""
    text = text.strip()
    if not text:
        return ""
    path = Path(text).expanduser().absolute()
    try:
        check_output(path)
    except OSError as error:
        raise ValueError(f"calendar.feed: {error}") from None
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ValueError(f"calendar.feed: the folder {path.parent} cannot be written")
    if path.exists() and not _is_a_calendar(path):
        raise ValueError(f"calendar.feed: {path} holds something other than a calendar; name a new file")
    return str(path)


def _is_a_calendar(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            start = file.read(64)
    except OSError:
        return False
    return start == b"" or start.lstrip(b"\xef\xbb\xbf").upper().startswith(b"BEGIN:VCALENDAR")


def feed_path(store: Store) -> Path | None:
    """The file the user asked to keep current, or None."""
    value = store.get_setting(FEED_SETTING, "")
    return Path(value) if isinstance(value, str) and value else None


def write_feed(store: Store, path: Path | None = None) -> IcsTally:
    """Write the calendar to `path` (the feed by default). FeedError in one line when it cannot."""
    path = path or feed_path(store)
    if path is None:
        raise FeedError(f"no calendar feed is set; set one with: followup settings {FEED_SETTING} FILE")
    from .calendar import IcsTally, ics_pieces

    tally = IcsTally()
    try:
        write_private(path, ics_pieces(store, tally))
    except OSError as error:
        raise FeedError(f"the calendar feed {path} could not be written: {error.strerror or error}") from None
    return tally


def refresh_feed(journal: Path, clock: Clock) -> Path | None:
    """Rewrite the feed of the journal at `journal`, if it has one, through a connection of its
    own (so it can run beside the app's). Returns the feed written, or None when none is set;
    FeedError when it cannot be written."""
    try:
        store = Store.open(journal, clock)
    except StoreError as error:
        raise FeedError(f"the calendar feed could not be updated: {error}") from None
    try:
        if (path := feed_path(store)) is None:
            return None
        write_feed(store, path)
        return path
    except StoreError as error:
        raise FeedError(f"the calendar feed could not be updated: {error}") from None
    finally:
        store.close()


class FeedKeeper:
    """Rewrites a journal's feed on a thread of its own after each change, so the app never
    waits for it: changes that come while it writes are folded into one more rewrite, and a
    feed that cannot be written is reported once (until it can be again)."""

    def __init__(self, journal: Path, clock: Clock, on_error: Callable[[str], None]):
        self.journal, self.clock, self.on_error = journal, clock, on_error
        self._lock = threading.Lock()
        self._wanted = False
        self._thread: threading.Thread | None = None
        self._failing = False

    def changed(self) -> None:
        """The journal changed: rewrite the feed soon (at once if nothing is being written)."""
        with self._lock:
            self._wanted = True
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._write, name="calendar-feed", daemon=True)
            self._thread.start()

    def finish(self, timeout: float = 10.0) -> None:
        """Wait for a rewrite under way, so the app does not quit halfway through one."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _write(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._thread = None
                    return
                self._wanted = False
            try:
                refresh_feed(self.journal, self.clock)
                self._failing = False
            except Exception as error:  # on this thread nothing else would hear of it: said, once
                if not self._failing:
                    self._failing = True
                    self.on_error(str(error) if isinstance(error, FeedError) else f"the calendar feed: {error}")
