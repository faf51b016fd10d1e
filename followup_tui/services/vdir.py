"""A vdir: one file per card or event in a folder, the layout khard, khal and vdirsyncer read and
sync to CardDAV and CalDAV servers (https://vdirsyncer.pimutils.org/en/stable/vdir.html).

A file is this journal's only when its own text says so: a PRODID naming this journal's id
(`vdir_prodid`). Its name or UID proves nothing — khard names a card after its UID too, and an
imported card keeps its UID. Files that are not ours (another program's, another journal's, a
pipe, a link) are never opened for writing, renamed over or removed.

Ours are named by UID and rewritten only when their text changed, so a sync sends only what
changed; one whose record is gone is removed, so the deletion syncs too. A UID that a file not
ours already holds is left out and reported: a collection holds one item per UID (CardDAV's and
CalDAV's no-uid-conflict rule), so a second copy would not sync. A UID whose usual name is taken
by a file not ours, or by another UID's name in another case, gets a name of its own with a
hash of the UID; the names of one export never collide, case aside.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from followup_tui.domain.content_lines import first_value, first_values, owner_of, unescape
from followup_tui.store import Store

from .calendar import PRODID as CALENDAR
from .calendar import calendar_files, journal_id, vdir_prodid
from .files import left_unfinished, read_regular, temporary_for, write_private, write_private_new
from .vcard import PRODID as CARDS
from .vcard import card_text

LARGEST_ITEM = 16 * 1024 * 1024
"""A file in the folder is read up to this much to learn whose it is (a card with a photo is large)."""


@dataclass(frozen=True)
class LeftAlone:
    """A record not written because a file that is not ours already holds its UID."""

    name: str
    file: str
    owner: str

    def line(self) -> str:
        return f"{self.owner} already has {self.name} in {self.file}; left as it is"


@dataclass(frozen=True)
class VdirReport:
    written: int
    unchanged: int
    removed: int
    left_alone: tuple[LeftAlone, ...] = ()
    cleared: int = 0
    """Temporary files of an export that was cut short, proven ours and removed."""

    def summary(self) -> str:
        text = f"{self.written} written, {self.unchanged} unchanged, {self.removed} removed"
        if self.left_alone:
            text += f", {len(self.left_alone)} left alone"
        if self.cleared:
            text += f", {self.cleared} unfinished file{'s' * (self.cleared != 1)} of an earlier export cleared"
        return text


def file_name(uid: str, suffix: str) -> str:
    """The usual file name for `uid`, one every file system takes; a UID that had to be changed
    gets a short hash of itself, so two never share a name."""
    safe = _safe(uid)
    if safe != uid:
        safe += "-" + hashlib.sha1(uid.encode()).hexdigest()[:8]
    return safe + suffix


def _safe(uid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]", "_", uid)[:120].lstrip(".") or "item"


def _names_for(uid: str, suffix: str):
    """File names for `uid`, best first: the usual one, then with ever longer hashes of the UID,
    then numbered — endless, so a free one is always found."""
    yield file_name(uid, suffix)
    digest = hashlib.sha256(uid.encode()).hexdigest()
    for length in (8, 16, 64):
        yield f"{_safe(uid)}-{digest[:length]}{suffix}"
    number = 2
    while True:
        yield f"{_safe(uid)}-{digest}-{number}{suffix}"
        number += 1


def contacts_vdir(store: Store, folder: Path) -> VdirReport:
    """Every card in `folder`, one `.vcf` per card, for khard or vdirsyncer."""
    prodid = vdir_prodid(CARDS, journal_id(store))
    cards = {c.uid or f"contact-{c.id}": card_text(c, prodid) for c in store.each_contact()}
    return sync_vdir(folder, cards, ".vcf", prodid)


def calendar_vdir(store: Store, folder: Path) -> VdirReport:
    """Every upcoming interview and planned follow-up in `folder`, one `.ics` each, for khal."""
    return sync_vdir(folder, calendar_files(store), ".ics", vdir_prodid(CALENDAR, journal_id(store)))


@dataclass
class _Found:
    """A file in the folder, and what its text says of it."""

    name: str
    ours: bool = False
    uid: str = ""
    owner: str = "another program"
    text: str = ""


@dataclass
class _Plan:
    names: dict[str, str] = field(default_factory=dict)
    """The file name each UID is written to."""
    left_alone: list[LeftAlone] = field(default_factory=list)


def sync_vdir(folder: Path, items: dict[str, str], suffix: str, prodid: str) -> VdirReport:
    """Make `folder` hold exactly `items` (text by UID) as files of ours, besides files that are
    not ours. OSError in words for a folder that cannot be made or written."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file, not a folder")
    if not folder.parent.is_dir():
        raise FileNotFoundError(f"the folder {folder.parent} does not exist")
    folder.mkdir(mode=0o700, exist_ok=True)
    found, stale = _look_in(folder, suffix, prodid)
    plan = _plan(found, items, suffix)
    ours_by_name = {f.name: f for f in found if f.ours}
    written = unchanged = removed = 0
    left_alone = plan.left_alone
    for uid, name in plan.names.items():
        text, path = items[uid], folder / name
        own = ours_by_name.get(name)
        if own is not None and _content(own.text) == _content(text):
            unchanged += 1
            continue
        try:
            if own is not None:
                if not _still_ours(path, prodid):  # replaced since it was read: theirs now
                    raise FileExistsError(name)
                write_private(path, text)
            else:
                write_private_new(path, text)
        except FileExistsError:
            left_alone.append(LeftAlone(_label(text, uid), name, "another program"))
            continue
        written += 1
    kept = set(plan.names.values())
    for own in ours_by_name.values():
        if own.name not in kept and _still_ours(folder / own.name, prodid):
            (folder / own.name).unlink()
            removed += 1
    cleared = 0
    for name in stale:
        if left_unfinished(folder / name) and _still_ours(folder / name, prodid):
            (folder / name).unlink(missing_ok=True)
            cleared += 1
    return VdirReport(written, unchanged, removed, tuple(left_alone), cleared)


def _look_in(folder: Path, suffix: str, prodid: str) -> tuple[list[_Found], list[str]]:
    """Every file in `folder` with the suffix, and what it says of itself; and the names of our
    temporary files that an export cut short may have left (still to be proven ours)."""
    found, stale = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if (made_for := temporary_for(name)) and made_for.casefold().endswith(suffix):
                stale.append(name)
            elif name.casefold().endswith(suffix):
                found.append(_read(folder / name, prodid))
    return sorted(found, key=lambda f: f.name), stale


def _read(path: Path, prodid: str) -> _Found:
    data = read_regular(path, LARGEST_ITEM)
    if data is None:  # a pipe, a link, a folder, a device: not ours, and never read
        return _Found(path.name)
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    values = first_values(text, "PRODID", "UID")
    said, uid = values["PRODID"], unescape(values["UID"] or "").strip()
    if said == prodid:
        return _Found(path.name, ours=True, uid=uid, text=text)
    return _Found(path.name, uid=uid, owner=owner_of(said))


def _plan(found: list[_Found], items: dict[str, str], suffix: str) -> _Plan:
    """Which file each UID goes to: a file of ours that holds it keeps its name; a UID a file
    not ours holds is left alone; the others get the first name no file in the folder has and no
    other UID was given, case aside."""
    plan = _Plan()
    theirs = {f.uid: f for f in found if not f.ours and f.uid}
    ours = {}
    for own in found:
        if own.ours and own.uid:
            ours.setdefault(own.uid, own)
    taken = {f.name.casefold() for f in found}
    given: set[str] = set()
    waiting = []
    for uid in sorted(items):
        if (other := theirs.get(uid)) is not None:
            plan.left_alone.append(LeftAlone(_label(items[uid], uid), other.name, other.owner))
        elif (own := ours.get(uid)) is not None and own.name.casefold() not in given:
            plan.names[uid] = own.name
            given.add(own.name.casefold())
        else:
            waiting.append(uid)
    for uid in waiting:
        name = next(n for n in _names_for(uid, suffix) if n.casefold() not in taken and n.casefold() not in given)
        plan.names[uid] = name
        given.add(name.casefold())
    return plan


def _label(text: str, uid: str) -> str:
    """Who or what a card or event is, for a message: its name or summary."""
    return unescape(first_value(text, "FN") or first_value(text, "SUMMARY") or uid)


def _still_ours(path: Path, prodid: str) -> bool:
    """Whether `path` is, right now, a regular file whose own text names this journal."""
    data = read_regular(path, LARGEST_ITEM)
    return data is not None and first_value(data.decode("utf-8", errors="replace"), "PRODID") == prodid


def _content(text: str) -> str:
    """What a file says, less the moment it was written (an event's DTSTAMP changes every time)."""
    return re.sub(r"^DTSTAMP:[^\r\n]*\r?\n", "", text, flags=re.MULTILINE)
