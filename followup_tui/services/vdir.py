"""A vdir: one file per card or event in a folder, the layout khard, khal and vdirsyncer read and
sync to CardDAV and CalDAV servers (https://vdirsyncer.pimutils.org/en/stable/vdir.html).

Files are named by UID and rewritten only when their text changed, so a sync sends only what
changed; a file this journal wrote whose record is gone is removed, so the deletion syncs too.
Files it did not write — another program's, or another journal's (each file's PRODID names the
journal) — are never touched.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from followup_tui.store import Store

from .calendar import PRODID as CALENDAR
from .calendar import calendar_files, journal_id, vdir_prodid
from .files import write_private
from .vcard import PRODID as CARDS
from .vcard import card_text


@dataclass(frozen=True)
class VdirReport:
    written: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        return f"{self.written} written, {self.unchanged} unchanged, {self.removed} removed"


def file_name(uid: str, suffix: str) -> str:
    """A file name for `uid` that every file system takes; a UID that had to be changed gets a
    short hash of itself, so two never share a name."""
    safe = re.sub(r"[^A-Za-z0-9._@-]", "_", uid)[:120].lstrip(".") or "item"
    if safe != uid:
        safe += "-" + hashlib.sha1(uid.encode()).hexdigest()[:8]
    return safe + suffix


def contacts_vdir(store: Store, folder: Path) -> VdirReport:
    """Every card in `folder`, one `.vcf` per card, for khard or vdirsyncer."""
    prodid = vdir_prodid(CARDS, journal_id(store))
    cards = {c.uid or f"contact-{c.id}": card_text(c, prodid) for c in store.each_contact()}
    return sync_vdir(folder, cards, ".vcf", prodid)


def calendar_vdir(store: Store, folder: Path) -> VdirReport:
    """Every upcoming interview and planned follow-up in `folder`, one `.ics` each, for khal."""
    return sync_vdir(folder, calendar_files(store), ".ics", vdir_prodid(CALENDAR, journal_id(store)))


def sync_vdir(folder: Path, items: dict[str, str], suffix: str, prodid: str) -> VdirReport:
    """Make `folder` hold exactly `items` (text by UID) as `{uid}{suffix}` files, besides files
    that are not ours. OSError in words for a folder that cannot be made or written."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file, not a folder")
    if not folder.parent.is_dir():
        raise FileNotFoundError(f"the folder {folder.parent} does not exist")
    folder.mkdir(exist_ok=True)
    wanted = {file_name(uid, suffix): text for uid, text in items.items()}
    written = unchanged = removed = 0
    for name, text in wanted.items():
        path = folder / name
        try:
            same = _content(path.read_bytes().decode("utf-8")) == _content(text)
        except (OSError, UnicodeDecodeError):
            same = False
        if same:
            unchanged += 1
        else:
            write_private(path, text)
            written += 1
    for path in folder.glob(f"*{suffix}"):
        if path.name not in wanted and _is_ours(path, prodid):
            path.unlink()
            removed += 1
    return VdirReport(written, unchanged, removed)


def _content(text: str) -> str:
    """What a file says, less the moment it was written (an event's DTSTAMP changes every time)."""
    return re.sub(r"^DTSTAMP:[^\r\n]*\r?\n", "", text, flags=re.MULTILINE)


def _is_ours(path: Path, prodid: str) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return f"PRODID:{prodid}".encode() in head
