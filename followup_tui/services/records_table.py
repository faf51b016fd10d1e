"""The journal's records as plain rows: for `followup list`, and for CSV that job centres and
spreadsheets take (one row per record, ISO dates, a header).

A row carries every stored field of its record, under the column's own name — asked of the store,
so a column added by a migration is listed and exported without a word here — except when the
record was typed and last changed (`NOT_LISTED`; `export json` keeps those), and, beside the ids
of what it links to, the names a person reads (a follow-up's company, role and person). Values
travel typed and are written in one form per format (`json_value`, `cell_text`): JSON gives
true/false, null, arrays and objects; CSV and the lines of `list` give yes/no, an empty cell, a
list joined by "; " and an object as compact JSON. Everywhere a day is ISO `YYYY-MM-DD` and a
moment ISO with the user's UTC offset (`2026-11-26T10:00:00+01:00`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from enum import Enum

from followup_tui.domain.models import CardDetails, Kind, Status
from followup_tui.domain.people import name_key
from followup_tui.store import Store

from .applications import applications

KINDS_OF_RECORD = ("applications", "followups", "contacts")

TABLES = {"applications": "opportunities", "followups": "followups", "contacts": "contacts"}
"""The table each kind of record is stored in."""

NOT_LISTED = frozenset({"created_at", "updated_at", "last_changed_at", "last_changed_on", "field_stamps"})
"""Columns that say when (or on which machine) a record was typed or last changed, not what it
is: left out of `list` and CSV (they stay in `export json`, which keeps every table exactly)."""

DERIVED = {
    "applications": (
        "last_contact_on",
        "next_followup_on",
        "planned_followups",
        "cv",
        "cv_path",
        "cover_letter",
        "cover_letter_path",
    ),
    "followups": ("company", "role", "person"),
    "contacts": (),
}
"""What a row says beyond its record's columns, worked out from the records it links to."""


def fields(store: Store, kind: str) -> list[str]:
    """The keys of every row of `kind`, in order: the table's columns (as the store has them),
    then what is derived from the records it links to."""
    columns = store.table_columns()[TABLES[kind]]
    return [column for column in columns if column not in NOT_LISTED] + list(DERIVED[kind])


def _record_fields(record, columns: list[str]) -> dict:
    """The record's value for each column: a domain record names its fields as its table does."""
    return {column: getattr(record, column) for column in columns}


def _stored_columns(store: Store, kind: str) -> list[str]:
    return [column for column in fields(store, kind) if column not in DERIVED[kind]]


def application_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    columns = _stored_columns(store, "applications")
    sent = store.documents_by_application()
    for listing in applications(store):
        o = listing.opportunity
        if (status and o.status is not Status(status)) or (company and name_key(o.company) != name_key(company)):
            continue
        yield {
            **_record_fields(o, columns),
            "last_contact_on": listing.last_contact_on,
            "next_followup_on": listing.next_followup_on,
            "planned_followups": listing.planned_followups,
            **_documents_fields(sent.get(o.id, [])),
        }


def _documents_fields(documents: list) -> dict:
    """The CV and cover letter sent with an application: each its name and its path as typed."""
    fields = {"cv": "", "cv_path": "", "cover_letter": "", "cover_letter_path": ""}
    for document in documents:
        fields[document.role.value] = document.name
        fields[f"{document.role.value}_path"] = document.path
    return fields


def followup_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    """One row per follow-up, read one at a time (an export of a long search holds one)."""
    columns = _stored_columns(store, "followups")
    for entry in store.each_followup():
        f = entry.followup
        if (status and f.status.value != status) or (company and name_key(entry.company) != name_key(company)):
            continue
        yield {
            **_record_fields(f, columns),
            "company": entry.company,
            "role": entry.role,
            "person": entry.contact_name or "",
        }


def contact_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    columns = _stored_columns(store, "contacts")
    return (
        _record_fields(c, columns)
        for c in store.each_contact()
        if not company or name_key(c.company) == name_key(company)
    )


ROWS = {"applications": application_rows, "followups": followup_rows, "contacts": contact_rows}

SHOWN = {
    "applications": ("status", "company", "role", "next_followup_on"),
    "followups": ("due_on", "status", "kind", "person", "company", "subject"),
    "contacts": ("name", "company", "email"),
}
"""The columns `followup list` prints as text; --json and CSV carry them all."""


def json_value(value: object) -> object:
    """A row's value as JSON gives it: true/false, null, ISO days and moments, arrays, objects."""
    if isinstance(value, Kind):
        return value.label  # as the screens and `--kind` say it: thank-you
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, CardDetails):
        return dataclasses.asdict(value)
    return value


def json_row(row: dict) -> dict:
    return {key: json_value(value) for key, value in row.items()}


def cell_text(value: object) -> str:
    """A row's value as one cell of CSV or of `list`: yes/no, an empty cell for nothing, a list
    joined by "; ", an object as compact JSON."""
    value = json_value(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def as_text(rows: list[dict], kind: str, widest: int = 32, *, terminal: bool = True) -> str:
    """The rows one record a line, a header first, each cell on one line. For a `terminal`, aligned
    columns, a cell longer than `widest` cut with "…"; otherwise (a pipe, a file) every cell whole,
    the columns separated by a tab, for `cut -f`, `awk -F'\t'` and spreadsheets to read."""
    columns = SHOWN[kind]
    header = [c.replace("_", " ") for c in columns]
    cells = [[" ".join(cell_text(row[column]).split()) for column in columns] for row in rows]
    if not terminal:
        return "\n".join("\t".join(values) for values in [header, *cells])
    widths = [min(widest, max([len(column), *(len(line[i]) for line in cells)])) for i, column in enumerate(columns)]

    def line(values) -> str:
        fitted = [
            value if len(value) <= width else value[: width - 1] + "…"
            for value, width in zip(values, widths, strict=True)
        ]
        return "  ".join(f"{value:<{width}}" for value, width in zip(fitted, widths, strict=True)).rstrip()

    return "\n".join([line(header), *(line(values) for values in cells)])


def as_csv(rows: Iterable[dict], header: list[str], *, excel: bool = False) -> str:
    """The rows as CSV with a header line, through the standard `csv` module."""
    return "".join(csv_lines(rows, header, excel=excel))


FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
"""What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), and their
full-width forms, which some spreadsheets read the same; spaces, tabs or line breaks before one
are skipped by some spreadsheets, so they count too."""


def spreadsheet_cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is and never evaluates: text that starts like a
    formula (`=HYPERLINK(…)`, `=1+2`, `@SUM(…)`, and so `+44 20 7946 0000` or `-3`, which are text in
    this journal) gets a leading `'`, the mark spreadsheets take for "this is text"."""
    if isinstance(value, str) and value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[dict], header: list[str], *, excel: bool = False) -> Iterator[str]:
    """The `header` (`fields`), then each row, as CSV lines written as the rows come: every field in double
    quotes (so a `;` or tab in a cell never splits it for a spreadsheet that reads another
    separator), each cell safe from formulas; `excel` puts a UTF-8 byte-order mark first, which
    Excel on Windows needs to read the file as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    if excel:
        yield "\ufeff"
    writer.writeheader()
    for row in rows:
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        writer.writerow({key: spreadsheet_cell(cell_text(value)) for key, value in row.items()})
    yield out.getvalue()
