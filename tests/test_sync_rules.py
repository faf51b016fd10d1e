"""The journal's rules for one field written on two machines, as pure functions: which versions a
field keeps, which the record shows, and which are set aside for the user."""

from __future__ import annotations

import json

import pytest

from followup_tui.domain import field_stamps
from followup_tui.domain.sync_rules import FieldVersion, merge_versions, set_aside, shown_version

LAPTOP, DESKTOP, PHONE = 11, 22, 33


def written(at: int, device: int, value: object, seen: dict[int, int] | None = None) -> FieldVersion:
    return FieldVersion(at, device, tuple(sorted((seen or {}).items())), value)


def test_a_write_made_knowing_of_a_version_replaces_it():
    first = written(100, LAPTOP, "applied")
    later = written(200, DESKTOP, "saved", seen={LAPTOP: 100})
    assert merge_versions([first], [later]) == [later]
    assert merge_versions([later], [first]) == [later], "whichever arrives first"


def test_two_writes_made_without_seeing_each_other_are_both_kept():
    mine = written(100, LAPTOP, "mine")
    theirs = written(90, DESKTOP, "theirs")
    assert merge_versions([mine], [theirs]) == [theirs, mine]


def test_a_machine_own_later_write_replaces_its_earlier_one():
    assert merge_versions([written(100, LAPTOP, "a")], [written(150, LAPTOP, "b")]) == [written(150, LAPTOP, "b")]


def test_merging_is_the_same_in_any_order_and_twice_is_once():
    a = written(100, LAPTOP, "a")
    b = written(120, DESKTOP, "b")
    c = written(130, PHONE, "c", seen={LAPTOP: 100})  # knew of a, not of b
    orders = [[a, b, c], [c, b, a], [b, c, a]]
    results = set()
    for order in orders:
        held: list[FieldVersion] = []
        for version in order:
            held = merge_versions(held, [version])
            held = merge_versions(held, [version])
        results.add(tuple(held))
    assert results == {(b, c)}


@pytest.mark.parametrize(
    ("mine", "theirs", "shown"),
    [
        ("offer", "applied", "offer"),
        ("applied", "interviewing", "interviewing"),
        ("ghosted", "offer", "ghosted"),
    ],
)
def test_of_two_statuses_moved_at_once_the_one_further_along_is_shown(mine, theirs, shown):
    versions = merge_versions([written(100, LAPTOP, mine)], [written(200, DESKTOP, theirs)])
    assert shown_version("opportunities", "status", versions).value == shown


def test_a_status_moved_back_knowingly_is_shown_back():
    ghosted = written(100, LAPTOP, "ghosted")
    heard_back = written(200, DESKTOP, "interviewing", seen={LAPTOP: 100})
    assert shown_version("opportunities", "status", merge_versions([ghosted], [heard_back])).value == "interviewing"


def test_two_endings_at_once_show_the_later():
    versions = merge_versions([written(100, LAPTOP, "rejected")], [written(200, DESKTOP, "withdrawn")])
    assert shown_version("opportunities", "status", versions).value == "withdrawn"


def test_a_free_text_shows_the_later_version_and_sets_the_other_aside():
    versions = merge_versions([written(100, LAPTOP, "mine")], [written(200, DESKTOP, "theirs")])
    assert shown_version("opportunities", "notes", versions).value == "theirs"
    assert set_aside("opportunities", "notes", versions) == ["mine"]


def test_a_short_field_sets_nothing_aside_and_an_empty_or_equal_text_is_no_second_version():
    versions = merge_versions([written(100, LAPTOP, "Acme")], [written(200, DESKTOP, "Acme Inc")])
    assert set_aside("opportunities", "company", versions) == []
    same = merge_versions([written(100, LAPTOP, "same")], [written(200, DESKTOP, "same")])
    assert set_aside("opportunities", "notes", same) == []
    empty = merge_versions([written(100, LAPTOP, "  ")], [written(200, DESKTOP, "theirs")])
    assert set_aside("opportunities", "notes", empty) == []


def test_the_versions_a_row_keeps_read_back_as_written_in_one_form():
    shown = written(200, DESKTOP, "theirs", seen={LAPTOP: 90})
    other = written(100, LAPTOP, "mine")
    stamps = {"*": [written(1, LAPTOP, None)], "notes": field_stamps.held_as([other, shown], shown)}
    stamps["*"] = field_stamps.held_as(stamps["*"], stamps["*"][0])
    text = field_stamps.encode(stamps)
    assert text == '{"*":[[1,11,[]]],"notes":[[100,11,[],"mine"],[200,22,[[11,90]]]]}'
    back = field_stamps.decode(text)
    assert field_stamps.versions_of(back, "notes", "theirs") == [other, shown]
    assert [v.value for v in field_stamps.versions_of(back, "company", "Acme")] == ["Acme"], "the row's own version"
    assert field_stamps.encode(back) == text


@pytest.mark.parametrize(
    "text",
    [
        '{"notes": "x"}',
        "[1, 2]",
        "not json",
        '{"notes": [[1, 2]]}',
        '{"notes": [[1, 2, [[1]]]]}',
        '{"n": [[-1, 2, []]]}',
    ],
)
def test_versions_of_the_wrong_shape_are_refused_and_read_as_none(text):
    assert field_stamps.problem(text)
    assert field_stamps.decode(text) == {}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{"notes": "renew"}', "a write's own marker is never a version another machine sends"),
        ('{"notes": [[9007199254740993, 1, []]]}', "a moment past 2**53"),
        ('{"notes": [[1, 2097152, []]]}', "a device past the last"),
        ('{"notes": [[1, 2, [[3, 1.5]]]]}', "a moment that is not whole"),
        (
            '{"notes": [[1, 2, ' + json.dumps([[d, 1] for d in range(257)]) + "]]}",
            "more devices seen than any journal has",
        ),
    ],
)
def test_versions_out_of_range_are_refused(text, why):
    assert field_stamps.problem(text), why
