"""The journal's records as plain rows: for `followup list`, and for CSV that job centres and
spreadsheets take (one row per record, ISO dates, a header)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from followup_tui.domain.models import Status
from followup_tui.domain.people import name_key
from followup_tui.store import Store

from .applications import applications

KINDS_OF_RECORD = ("applications", "followups", "contacts")


def application_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    for listing in applications(store):
        o = listing.opportunity
        if (status and o.status is not Status(status)) or (company and name_key(o.company) != name_key(company)):
            continue
        yield (
            {
                "id": o.id,
                "company": o.company,
                "role": o.role,
                "status": o.status.value,
                "source": o.source,
                "link": o.url,
                "applied_on": o.applied_on.isoformat() if o.applied_on else "",
                "last_contact_on": listing.last_contact_on.isoformat() if listing.last_contact_on else "",
                "next_followup_on": listing.next_followup_on.isoformat() if listing.next_followup_on else "",
                "planned_followups": listing.planned_followups,
                "pay_advertised": o.pay_advertised,
                "pay_asked": o.pay_asked,
                "pay_offered": o.pay_offered,
                "notes": o.notes,
            }
        )


def followup_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    """One row per follow-up, read one at a time (an export of a long search holds one)."""
    for entry in store.each_followup():
        f = entry.followup
        if (status and f.status.value != status) or (company and name_key(entry.company) != name_key(company)):
            continue
        yield (
            {
                "id": f.id,
                "due_on": f.due_on.isoformat(),
                "status": f.status.value,
                "kind": f.kind.label,
                "direction": f.direction.value,
                "company": entry.company,
                "role": entry.role,
                "person": entry.contact_name or "",
                "subject": f.subject,
                "done_at": f.done_at.isoformat() if f.done_at else "",
                "notes": f.notes,
            }
        )


def contact_rows(store: Store, status: str = "", company: str = "") -> Iterator[dict]:
    return (
        {
            "id": c.id,
            "name": c.name,
            "title": c.title,
            "company": c.company,
            "email": c.email,
            "phone": c.phone,
            "has_my_details": c.has_my_details,
        }
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


def as_text(rows: list[dict], kind: str, widest: int = 32) -> str:
    """The rows as aligned columns, one record a line, a header first; each cell on one line."""
    columns = SHOWN[kind]
    cells = [[" ".join(str(row[column]).split()) for column in columns] for row in rows]
    widths = [min(widest, max([len(column), *(len(line[i]) for line in cells)])) for i, column in enumerate(columns)]

    def line(values) -> str:
        fitted = [
            value if len(value) <= width else value[: width - 1] + "…"
            for value, width in zip(values, widths, strict=True)
        ]
        return "  ".join(f"{value:<{width}}" for value, width in zip(fitted, widths, strict=True)).rstrip()

    return "\n".join([line([c.replace("_", " ") for c in columns]), *(line(values) for values in cells)])


def as_csv(rows: Iterable[dict], kind: str, *, excel: bool = False) -> str:
    """The rows as CSV with a header line, through the standard `csv` module."""
    return "".join(csv_lines(rows, kind, excel=excel))


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


def csv_lines(rows: Iterable[dict], kind: str, *, excel: bool = False) -> Iterator[str]:
    """The header, then each row, as CSV lines written as the rows come: every field in double
    quotes (so a `;` or tab in a cell never splits it for a spreadsheet that reads another
    separator), each cell safe from formulas; `excel` puts a UTF-8 byte-order mark first, which
    Excel on Windows needs to read the file as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS[kind], lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    if excel:
        yield "\ufeff"
    writer.writeheader()
    for row in rows:
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})
    yield out.getvalue()


HEADERS = {
    "applications": (
        "id company role status source link applied_on last_contact_on next_followup_on planned_followups "
        "pay_advertised pay_asked pay_offered notes"
    ).split(),
    "followups": "id due_on status kind direction company role person subject done_at notes".split(),
    "contacts": "id name title company email phone has_my_details".split(),
}
