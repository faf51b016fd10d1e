"""`followup export` and `followup import`: the journal out to files and folders other
programs read (JSON, Markdown, CSV, vCard, iCalendar, vdir folders), and back in."""

from __future__ import annotations

from pathlib import Path

import click

from followup_tui.store.opening import StoreError
from followup_tui.terminal import say

from .common import Run, db_option, emit, output_option, sync_vdir, vdir_option


@click.group()
def export() -> None:
    """Write the journal out: json (all of it), markdown, csv, vcard, ics."""


@export.command("csv")
@click.argument("kind", type=click.Choice(["applications", "followups", "contacts"]))
@output_option("Write the CSV to this file (private to you) instead of printing it.")
@click.option("--excel", is_flag=True, help="Start with a UTF-8 byte-order mark, which Excel on Windows needs.")
@db_option()
@click.pass_obj
def export_csv(run: Run, kind: str, output: Path | None, excel: bool, db: str | None) -> None:
    """One row per application, follow-up or contact, every field with a header: days ISO
    (YYYY-MM-DD), moments ISO with their offset, yes/no, UTF-8. A cell that starts like a formula
    (= + - @) starts with ' so a spreadsheet shows it as text."""
    from followup_tui.domain.counts import counted
    from followup_tui.services.files import Counted
    from followup_tui.services.records_table import ROWS, csv_lines, fields

    store = run.open(db)
    try:
        rows = Counted(ROWS[kind](store))
        noun = {"applications": "application", "followups": "follow-up", "contacts": "contact"}[kind]
        emit(
            csv_lines(rows, fields(store, kind), excel=excel),
            output,
            lambda: f"Wrote {counted(rows.count, noun)} to {output}",
        )
    finally:
        store.close()


@export.command("markdown")
@output_option("File to write (default: print).")
@db_option()
@click.pass_obj
def export_markdown(run: Run, output: Path | None, db: str | None) -> None:
    """Every debrief as a readable Markdown journal, newest first."""
    from followup_tui.services.export import markdown_pieces

    store = run.open(db)
    try:
        emit(markdown_pieces(store), output, f"Wrote {output}")
    finally:
        store.close()


@export.command("vcard")
@output_option("File to write (default: print).")
@vdir_option("card")
@db_option()
@click.pass_obj
def export_vcard(run: Run, output: Path | None, vdir: Path | None, db: str | None) -> None:
    """Every contact as a vCard 3.0 file, for any address book; or, with --vdir, a folder of one
    card each (updated in place, removed when the contact is)."""
    from followup_tui.domain.counts import counted
    from followup_tui.services.files import Counted
    from followup_tui.services.vcard import vcard_pieces
    from followup_tui.services.vdir import contacts_vdir

    if vdir is not None and output is not None:
        raise click.UsageError("give --output or --vdir, not both")
    store = run.open(db)
    try:
        if vdir is not None:
            sync_vdir(lambda folder: contacts_vdir(store, folder), vdir)
            return
        contacts = Counted(store.each_contact())
        emit(vcard_pieces(contacts), output, lambda: f"Wrote {counted(contacts.count, 'contact')} to {output}")
    finally:
        store.close()


@export.command("ics")
@output_option("File to write (default: print).")
@click.option("--feed", is_flag=True, help="Write the calendar.feed file now (it is rewritten after every change).")
@vdir_option("event")
@db_option()
@click.pass_obj
def export_ics(run: Run, output: Path | None, feed: bool, vdir: Path | None, db: str | None) -> None:
    """Planned follow-ups and upcoming interviews as an iCalendar file; exporting again updates,
    never duplicates. With --vdir, a folder of one event each (as khal reads)."""
    from followup_tui.domain.counts import counted
    from followup_tui.services.calendar import IcsTally, ics_pieces
    from followup_tui.services.calendar_feed import FeedError, feed_path, write_feed
    from followup_tui.services.vdir import calendar_vdir

    if sum((feed, output is not None, vdir is not None)) > 1:
        raise click.UsageError("give one of --output, --feed and --vdir")
    store = run.open(db)
    tally = IcsTally()

    def done() -> str:
        withdrawn = f", {tally.done:,} done lately (on their day, as done)" if tally.done else ""
        interviews = f", {counted(tally.interviews, 'upcoming interview')}" if tally.interviews else ""
        return f"Wrote {counted(tally.planned, 'planned follow-up')}{withdrawn}{interviews} to {output}"

    try:
        if vdir is not None:
            sync_vdir(lambda folder: calendar_vdir(store, folder), vdir)
        elif feed:
            output = feed_path(store)
            tally = write_feed(store)
            say(f"Wrote {counted(tally.planned, 'planned follow-up')} to the calendar feed {output}")
        else:
            emit(ics_pieces(store, tally), output, done)
    except FeedError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()


@export.command("json")
@output_option("File to write (default: print).")
@db_option()
@click.pass_obj
def export_json(run: Run, output: Path | None, db: str | None) -> None:
    """The whole journal, every table and its history, as one JSON document to keep or restore."""
    from followup_tui.services.portable import json_pieces

    store = run.open(db)
    try:
        emit(json_pieces(store), output, f"Wrote the whole journal to {output}")
    finally:
        store.close()


@click.group("import")
def import_() -> None:
    """Bring records in: json (a whole journal), vcard (contacts)."""


def _import_file(run: Run, db: str | None, file: Path, load, refusals, *, as_bytes: bool = False):
    """Read FILE whole, then `load(store, text)` (the bytes, `as_bytes`, for a format that says
    its own encoding); a refusal is one line, and nothing is imported."""
    from followup_tui.services.files import ImportFileError, read_import, read_import_bytes

    try:
        text = read_import_bytes(file) if as_bytes else read_import(file)
    except ImportFileError as error:
        raise click.ClickException(str(error)) from None
    store = run.open(db)
    try:
        return load(store, text)
    except refusals as error:
        raise click.ClickException(f"{file}: {error}; nothing was imported") from None
    finally:
        store.close()


@import_.command("vcard")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encoding", help="The file's encoding, when it is not found by itself (latin-1, cp1252, utf-16…).")
@click.option("--strict", is_flag=True, help="All or nothing: any problem in any card, and nothing is imported.")
@db_option()
@click.pass_obj
def import_vcard(run: Run, file: Path, encoding: str | None, strict: bool, db: str | None) -> None:
    """Add the contacts in a vCard FILE (2.1, 3.0 or 4.0, as phones, Outlook, Gmail and Apple
    write them); a card already here is updated, never duplicated. Card by card: a card that
    cannot be read is skipped, a field that fails its check is left out, each named on stderr,
    and the rest is imported. With --strict, any problem and nothing is (exit 1)."""
    from followup_tui.services.vcard import VCardError, import_vcards

    def load(store, data: bytes):
        try:
            return import_vcards(store, data, encoding, strict=strict)
        except VCardError as error:
            for problem in error.problems:
                say(f"Problem: {problem}", err=True)
            raise

    report = _import_file(run, db, file, load, VCardError, as_bytes=True)
    say(f"Imported {file}: {report.summary()}.")
    for label, names in (("added", report.added), ("updated", report.updated)):
        for name in names:
            say(f"  {label}: {name}")
    for problem in report.problems:
        say(f"Problem: {problem}", err=True)
    for note in report.notes():
        say(f"Note: {note}.", err=True)


@import_.command("json")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option()
@click.pass_obj
def import_json(run: Run, file: Path, db: str | None) -> None:
    """Restore a journal from a `followup export json` FILE into a new, empty journal."""
    from followup_tui.services.portable import JournalFileError
    from followup_tui.services.portable import import_json as restore

    restored = _import_file(run, db, file, restore, (JournalFileError, StoreError))
    say(f"Restored {file}: {restored.summary()}.")
