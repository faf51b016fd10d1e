"""The versions each field of a synced row holds, as the row's `field_stamps` column keeps them.

One JSON object: a column's name → its versions, each `[at, device, seen]` for the one the record
shows (its value is the column's) and `[at, device, seen, value]` for the others; `seen` is a
list of `[device, moment]` pairs. `"*"` holds the version of every column not named, the row as
it was added. Written by the journal's triggers for a write made here, and by the sync for a
merge (`encode`, in one form, so two machines that agree hold the same text). A row from before
stamps were kept per field has none: every field is one version of moment 0.
"""

from __future__ import annotations

import json

from .sync_rules import FieldVersion


class _NoValue:
    """A version whose value is the column's (the one the record shows)."""

    def __repr__(self) -> str:
        return "<the column's value>"


_NO_VALUE = _NoValue()

ROW = "*"
"""The key of the version every column not named in the object has: the row as it was added."""
BEFORE_SYNC = FieldVersion(0, 0, (), _NO_VALUE)
RENEW = "renew"
"""A column's entry a write sets to ask the triggers for a new version of it, value unchanged
(keeping the text in the record, of two versions, is a write every machine must hear of)."""

Stamps = dict[str, list[FieldVersion]]


def decode(text: str | None) -> Stamps:
    """The versions `text` holds; `{}` for none, or for text that is not of the shape (a change
    file's values are checked before they reach here: `problem`)."""
    if not text:
        return {}
    try:
        found = json.loads(text)
    except (ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    stamps: Stamps = {}
    for column, entries in found.items():
        if isinstance(entries, list) and entries and all(_is_entry(e) for e in entries):
            stamps[column] = [_version(entry) for entry in entries]
    return stamps


def values_in(stamps: Stamps) -> list[tuple[str, object]]:
    """(column, value) of every version that holds a value of its own: what a change file would
    bring into the record, should that version come to be shown."""
    return [(column, v.value) for column, versions in stamps.items() for v in versions if v.value is not _NO_VALUE]


def versions_of(stamps: Stamps, column: str, value: object) -> list[FieldVersion]:
    """A column's versions, the one without a value of its own taking the column's `value`."""
    held = stamps.get(column) or stamps.get(ROW) or [BEFORE_SYNC]
    return [_with(version, value) if version.value is _NO_VALUE else version for version in held]


def held_as(versions: list[FieldVersion], shown: FieldVersion) -> list[FieldVersion]:
    """A column's versions as the row keeps them: the one it shows takes its value from the column."""
    return [_with(version, _NO_VALUE) if version.stamp == shown.stamp else version for version in versions]


def encode(stamps: Stamps) -> str:
    """`stamps` as the column keeps it, in one form (keys in order, versions by stamp), so two
    machines that agree hold the same text; a version's value is written out unless it is the
    column's (`held_as`)."""
    out: dict[str, list] = {}
    for column, versions in stamps.items():
        entries = []
        for version in sorted(versions, key=lambda v: v.stamp):
            entry: list = [version.at, version.device, [list(pair) for pair in version.seen]]
            if version.value is not _NO_VALUE:
                entry.append(version.value)
            entries.append(entry)
        out[column] = entries
    return json.dumps(out, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def problem(value: object) -> str | None:
    """What is wrong with `value` as a row's `field_stamps`, or None (nothing, or of the shape)."""
    if value is None:
        return None
    if not isinstance(value, str):
        return "is not text"
    if value == "":
        return None
    try:
        found = json.loads(value)
    except ValueError:
        return "is not JSON"
    if not isinstance(found, dict):
        return "is not an object of versions"
    for column, entries in found.items():
        if not isinstance(entries, list) or not entries or not all(_is_entry(e) for e in entries):
            return f"holds versions of {column!r} that are not of their shape"
    return None


LATEST_MOMENT = 2**53
"""No stamp is later than this (ms since 1970, some 285,000 years): a file's larger one is refused."""
MOST_DEVICES = 2**21
MOST_SEEN = 256
"""More devices than any journal is kept on: a version claiming to have seen more is refused."""


def whole_below(n: object, below: int) -> bool:
    """A whole number from 0 to just under `below` (never a bool, which Python counts as one)."""
    return isinstance(n, int) and not isinstance(n, bool) and 0 <= n < below


def _is_pair(pair: object) -> bool:
    return (
        isinstance(pair, list)
        and len(pair) == 2
        and whole_below(pair[0], MOST_DEVICES)
        and whole_below(pair[1], LATEST_MOMENT)
    )


def _is_entry(entry: object) -> bool:
    if not isinstance(entry, list) or len(entry) not in (3, 4):
        return False
    at, device, seen = entry[:3]
    return (
        whole_below(at, LATEST_MOMENT)
        and whole_below(device, MOST_DEVICES)
        and isinstance(seen, list)
        and len(seen) <= MOST_SEEN
        and all(_is_pair(pair) for pair in seen)
        and (len(entry) == 3 or entry[3] is None or isinstance(entry[3], (str, int, float)))
    )


def _version(entry: list) -> FieldVersion:
    value = entry[3] if len(entry) == 4 else _NO_VALUE
    return FieldVersion(entry[0], entry[1], tuple((d, m) for d, m in entry[2]), value)


def _with(version: FieldVersion, value: object) -> FieldVersion:
    return FieldVersion(version.at, version.device, version.seen, value)
