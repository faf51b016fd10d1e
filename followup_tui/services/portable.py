"""The whole journal as one JSON document, and back: nothing about a job search is locked in.

The document (`followup export json`):

    {
      "format": "followup-tui journal",
      "format_version": 1,
      "app_version": "0.1.0",
      "schema": ["m001_initial_schema", ...],      # the migrations the journal had
      "exported_at": "2026-11-26T09:00:00+00:00",
      "tables": {
        "opportunities": [{"id": 1, "company": "...", ...}, ...],
        ...                                          # every table of followup_tui/store/schema.py
      }
    }

Each table is a list of its rows, each row an object of column → value exactly as stored
(dates and moments as ISO text, ids kept), so `followup import json` into an empty journal
restores it exactly: exporting that journal again gives the same tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from followup_tui import __version__
from followup_tui.domain.application_form import PAY_FIELDS
from followup_tui.domain.contact_form import email_problem
from followup_tui.domain.counts import counted
from followup_tui.domain.kinds import Kind
from followup_tui.domain.pay import PayError, read_pay
from followup_tui.domain.story_bank import STORY_PARTS
from followup_tui.domain.text import json_escaped
from followup_tui.domain.values import (
    PROFILE_EXAMPLE,
    card_details_problem,
    column_problem,
    length_problem,
    link_problem,
)
from followup_tui.store import Store
from followup_tui.store.portable import JOURNAL_TABLES
from followup_tui.store.rows import moment_text

from .settings import ON_THIS_MACHINE, stored_setting_problem

FORMAT = "followup-tui journal"
FORMAT_VERSION = 1


class JournalFileError(ValueError):
    """A file that is not a journal export this version can restore; the message says why."""


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]

    def summary(self) -> str:
        shown = [counted(count, *_row_nouns(table)) for table, count in self.counts.items() if count]
        return ", ".join(shown) or "an empty journal"


def _row_nouns(table: str) -> tuple[str, str]:
    """A table's rows in words, one and many: "1 opportunity", "2 status changes"."""
    many = table.replace("_", " ")
    if table == "documents_sent":
        return "document sent", many
    return ("opportunity" if table == "opportunities" else many.removesuffix("s")), many


def export_json(store: Store) -> str:
    return "".join(json_pieces(store))


def json_pieces(store: Store) -> Iterator[str]:
    """The export, written as it is read: the header, then each table's rows one line each, so
    a journal of any size is never held whole."""
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema": store.applied_migrations(),
        "exported_at": moment_text(store.clock.now()),
    }
    yield json_escaped(json.dumps(head, ensure_ascii=False, indent=1)[:-2]) + ',\n "tables": {'
    for number, table in enumerate(JOURNAL_TABLES):
        yield f"{',' if number else ''}\n  {json.dumps(table)}: ["
        rows = store.table_rows(table)
        if table == "settings":  # less those naming files on this machine (the calendar feed)
            rows = (row for row in rows if row["key"] not in ON_THIS_MACHINE)
        for index, row in enumerate(rows):
            yield f"{',' if index else ''}\n   {json_escaped(json.dumps(row, ensure_ascii=False))}"
        yield "\n  ]"
    yield "\n }\n}\n"


def import_json(store: Store, text: str) -> Restored:
    """Restore the export `text` into the empty journal `store`, whole or not at all."""
    tables = read_export(text, store.applied_migrations(), store.table_columns(), today=store.clock.today())
    store.load_tables(tables)
    return Restored({table: len(tables.get(table, [])) for table in JOURNAL_TABLES})


def read_export(
    text: str, known_schema: list[str], columns: dict[str, list[str]], *, today: date | None = None
) -> dict[str, list[dict]]:
    """The tables of an export, checked for shape before anything is written; given `today`,
    every day and moment must also lie in the range a form takes."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise JournalFileError(f"not JSON ({error})") from None
    except RecursionError:
        raise JournalFileError("not a journal export (its JSON is nested far too deeply)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise JournalFileError(f'not a followup-tui journal export (no "format": "{FORMAT}")')
    if document.get("format_version") != FORMAT_VERSION:
        raise JournalFileError(
            f"format version {document.get('format_version')!r} is not one this release reads "
            f"({FORMAT_VERSION}); upgrade followup-tui"
        )
    schema = document.get("schema")
    if not isinstance(schema, list) or any(name not in known_schema for name in schema):
        raise JournalFileError("written by a newer followup-tui; upgrade followup-tui to restore it")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise JournalFileError('no "tables" object')
    for table, rows in tables.items():
        if table not in columns:
            raise JournalFileError(f"unknown table {table!r}")
        if not isinstance(rows, list):
            raise JournalFileError(f"{table} is not a list of rows")
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise JournalFileError(f"{table} row {number} is not an object")
            if unknown := [name for name in row if name not in columns[table]]:
                raise JournalFileError(f"{table} row {number} has unknown column {unknown[0]!r}")
            for name, value in row.items():
                if not (value is None or isinstance(value, (str, int, float))):
                    raise JournalFileError(f"{table} row {number}: {name} holds a {type(value).__name__}")
            if problem := _row_problem(table, row, today):
                which = f" (id {row['id']})" if isinstance(row.get("id"), int) else ""
                raise JournalFileError(f"{table} row {number}{which}: {problem}")
    return tables


STORY_TEXT = (*(name for name, _ in STORY_PARTS), "tags")

_RECORDS = {"opportunities", "contacts", "interviews", "followups", "debrief_answers", "stories", "story_questions"}
"""Tables whose text a person typed, held to the same lengths as the forms (drafts and settings
hold other things)."""


def _row_problem(table: str, row: dict, today: date | None) -> str | None:
    """What is wrong with a row's values, checked as the forms and settings check them."""
    for name, value in row.items():
        if problem := column_problem(table, name, value, today):
            return f"{name} {problem}"
        if isinstance(value, str) and table in _RECORDS and (problem := length_problem(name, value)):
            return f"{name} {problem}"
    if table == "followups" and row.get("opportunity_id") is None and Kind(row.get("kind", "note")).needs_application:
        return "opportunity_id is missing: only a note can be about the whole search"
    if table == "stories" and not any(str(row.get(name) or "").strip() for name in STORY_TEXT):
        return "every field is empty (a story with nothing in it is not restored)"
    if table == "opportunities":
        if row.get("url") and (problem := link_problem(row["url"])):
            return f"url {problem}"
        for name in PAY_FIELDS:
            if row.get(name) and (problem := _pay_problem(row[name])):
                return f"{name} {problem}"
    if table == "contacts":
        if row.get("profile_url") and (problem := link_problem(row["profile_url"], PROFILE_EXAMPLE)):
            return f"profile_url {problem}"
        for name in ("email",):
            if row.get(name) and (problem := email_problem(row[name])):
                return f"{name} {row[name]!r}: {problem}"
        if row.get("details") is not None and (problem := card_details_problem(row["details"])):
            return f"details {problem}"
        for name in ("other_emails", "other_phones"):
            if row.get(name) is not None and not _is_text_list(row[name]):
                return f"{name} should be a JSON list of text"
    if table == "settings":
        try:
            value = json.loads(row.get("value") or "")
        except ValueError:
            return "value is not JSON"
        if problem := stored_setting_problem(str(row.get("key")), value):
            return f"{row.get('key')!r} {problem}"
    if table == "drafts":
        try:
            payload = json.loads(row.get("payload") or "")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return "payload should be a JSON object"
    return None


def _pay_problem(text: str) -> str | None:
    """As the application form reads pay: an amount or range it can read."""
    try:
        read_pay(text)
    except PayError as error:
        return str(error)
    return None


def _is_text_list(text: str) -> bool:
    try:
        values = json.loads(text)
    except ValueError:
        return False
    return isinstance(values, list) and all(isinstance(v, str) and column_problem("", "", v) is None for v in values)
