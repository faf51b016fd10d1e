"""A calendar file that keeps itself current: the `calendar.feed` setting names a file the app
and the command line rewrite after every change, so a calendar subscribed to it (or a synced
folder that khal, vdirsyncer or a phone reads) always shows what is planned.

The file is written whole through a temporary file and replaced in one step, mode 0600, so a
calendar reading it never sees half of it.
"""

from __future__ import annotations

import glob
import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.domain.content_lines import first_value, owner_of
from followup_tui.store import Store
from followup_tui.store.opening import StoreError

from .files import LARGEST_IMPORT, check_output, left_unfinished, read_regular, temporary_for, write_private

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .calendar import IcsTally

FEED_SETTING = "calendar.feed"


class FeedError(Exception):
    """The feed could not be written, in one line; the change that asked for it is saved."""


def check_feed_path(text: str) -> str:
    """The `calendar.feed` setting as it is kept: "" for none, else the absolute path of a file
    that can be written. ValueError in one line for a folder that does not exist or cannot be
    written, or a link (replacing it would replace a file of the user's). Whose the file is, is
    `check_feed_owner`'s question."""
    text = text.strip()
    if not text:
        return ""
    path = Path(text).expanduser().absolute()
    try:
        check_output(path)
    except OSError as error:
        raise ValueError(f"calendar.feed: {error}") from None
    if path.is_symlink():
        raise ValueError(f"calendar.feed: {path} is a link; name the file it points to, or a new file")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ValueError(f"calendar.feed: the folder {path.parent} cannot be written")
    return str(path)


def check_feed_owner(path: Path, store: Store) -> None:
    """ValueError in one line, naming the file, when `path` holds something this journal did not
    write: the feed is replaced after every change, so only a new file, an empty one, or this
    journal's own calendar may be named."""
    from .calendar import journal_id

    if (reason := not_ours(path, journal_id(store))) is not None:
        raise ValueError(f"calendar.feed: {path} {reason}, and would be replaced; name a new file")


HEAD = 64 * 1024
"""How much of a feed is read to find its PRODID, which comes before its first event."""


def not_ours(path: Path, journal: str) -> str | None:
    """Why the file at `path` is not this journal's feed to replace, or None when it may be written:
    there is no file, it is empty, or it is a calendar whose PRODID names this journal (or, for a
    feed written before the PRODID did, whose every event's UID names it)."""
    from .calendar import PRODID, journal_prodid_of

    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISLNK(found.st_mode):
        return "is a link"
    if stat.S_ISREG(found.st_mode) and found.st_size == 0:
        return None
    data = read_regular(path, HEAD)
    if data is None:
        return "is not a regular file"
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.upper().startswith("BEGIN:VCALENDAR"):
        return "holds something other than a calendar"
    said = first_value(re.split("BEGIN:VEVENT", text, maxsplit=1, flags=re.IGNORECASE)[0], "PRODID")
    if said == journal_prodid_of(journal) or (said == PRODID and _every_event_is_of(path, journal)):
        return None
    return f"is a calendar {'another journal' if owner_of(said) == 'another journal' else 'another program'} wrote"


def _every_event_is_of(path: Path, journal: str) -> bool:
    """Whether a feed written before feeds named their journal holds events and only events of
    `journal` (each UID names the journal it is from)."""
    from .calendar import UID_DOMAIN

    data = read_regular(path, LARGEST_IMPORT)
    if data is None:
        return False
    unfolded = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8", errors="replace"))
    uids = re.findall(r"^UID:([^\r\n]*)", unfolded, flags=re.MULTILINE)
    return bool(uids) and all(uid.strip().endswith(f"-{journal}@{UID_DOMAIN}") for uid in uids)


def feed_path(store: Store) -> Path | None:
    """The file the user asked to keep current, or None."""
    value = store.get_setting(FEED_SETTING, "")
    return Path(value) if isinstance(value, str) and value else None


def write_feed(store: Store, path: Path | None = None) -> IcsTally:
    """Write the calendar to `path` (the feed by default). FeedError in one line when it cannot."""
    path = path or feed_path(store)
    if path is None:
        raise FeedError(f"no calendar feed is set; set one with: followup settings {FEED_SETTING} FILE")
    from .calendar import IcsTally, ics_pieces, journal_id

    journal = journal_id(store)
    if (reason := not_ours(path, journal)) is not None:  # the user may have put a file of theirs there since
        raise FeedError(
            f"the calendar feed {path} {reason}; left as it is, not replaced (set calendar.feed to a new file)"
        )
    tally = IcsTally()
    try:
        _clear_unfinished(path, journal)
        write_private(path, ics_pieces(store, tally), only_new=not os.path.lexists(path))
    except FileExistsError:
        raise FeedError(f"the calendar feed {path} was made by another program just now; left as it is") from None
    except OSError as error:
        raise FeedError(f"the calendar feed {path} could not be written: {error.strerror or error}") from None
    return tally


def _clear_unfinished(path: Path, journal: str) -> None:
    """Remove the temporary files a feed write that was cut short left beside `path`: those
    whose name is of the pattern and whose text names this journal."""
    from .calendar import journal_prodid_of

    for other in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        data = read_regular(other, HEAD)
        if temporary_for(other.name) == path.name and data is not None and left_unfinished(other):
            head = re.split("BEGIN:VEVENT", data.decode("utf-8", errors="replace"), maxsplit=1)[0]
            if first_value(head, "PRODID") == journal_prodid_of(journal):
                other.unlink(missing_ok=True)


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
