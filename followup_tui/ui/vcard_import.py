"""A vCard import from the Contacts pane: the file is read on a worker thread while a dialog
counts the cards, then the report — what was added, each problem by card and line — in a dialog
of its own. Whatever the file holds, the app stays up."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button
from textual.worker import get_current_worker

from followup_tui.domain.text import sentence
from followup_tui.services import contacts

from .dialog import Dialog
from .plain import Plain


class ReadingStopped(Exception):
    """The person closed the dialog: the worker stops at the next card."""


class VCardReading(Dialog[object]):
    """Reads the file on a worker thread, then writes what was read in steps the screen draws
    between (the journal's connection belongs to the app's thread), saying how far it has got;
    dismisses with the ImportReport, a sentence saying why nothing was imported, or None when
    stopped with escape (and then nothing is written)."""

    BINDINGS = [Binding("escape", "stop", "Stop", id="vcard-reading.stop")]

    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Plain(f"Importing {self.path}", id="confirm-question")
            yield Plain("Reading cards…", id="confirm-detail")

    def on_mount(self) -> None:
        self.read()

    @work(thread=True, exclusive=True, group="vcard-import", exit_on_error=False)
    def read(self) -> None:
        from followup_tui.services.files import ImportFileError
        from followup_tui.services.journal import failure_line
        from followup_tui.services.vcard import VCardError

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise ReadingStopped
            self.app.call_from_thread(self.show_progress, "Reading", done, total)

        try:
            parsed = contacts.read_vcard_file(self.path, progress)
        except ReadingStopped:
            return
        except (ImportFileError, VCardError) as error:
            self.app.call_from_thread(self.dismiss, f"{sentence(str(error))}.")
            return
        except Exception as error:  # whatever the file holds, the app stays up
            self.app.call_from_thread(self.dismiss, f"The file could not be read: {failure_line(error)}.")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.write, parsed)

    @work(exclusive=True, group="vcard-import", exit_on_error=False)
    async def write(self, parsed) -> None:
        from followup_tui.services.journal import JournalBusy, failure_line

        report, steps = contacts.import_read_cards(self.app.journal, parsed)
        total = len(parsed.contacts)
        try:
            for written in steps:
                self.show_progress("Writing", written, total)
                await asyncio.sleep(0.001)  # the screen draws, and escape is heard
        except JournalBusy as error:
            self.dismiss(f"{sentence(str(error))}. Nothing was imported; try again when it is done.")
            return
        except Exception as error:  # written in one transaction: a failure leaves the journal as it was
            self.dismiss(
                f"The cards could not be written: {failure_line(error, self.app.journal)}. Nothing was imported."
            )
            return
        finally:
            steps.close()  # stopped before the last step: the transaction is rolled back
        self.dismiss(report)

    def show_progress(self, doing: str, done: int, total: int) -> None:
        self.query_one("#confirm-detail", Plain).update(f"{doing} cards… {done:,} of {total:,}")

    def action_stop(self) -> None:
        self.workers.cancel_group(self, "vcard-import")
        self.dismiss(None)


class VCardReport(Dialog[None]):
    """What an import did: the counts, then every problem (card, line, what was done, the fix)
    and every note, in a list that scrolls; enter or escape closes it."""

    DEFAULT_CSS = """
    VCardReport #vcard-problems {
        height: auto;
        max-height: 20;
        margin: 1 0 0 0;
    }
    VCardReport #confirm-dialog.refused {
        border: round $error;
    }
    """

    BINDINGS = [Binding("escape,enter", "close", "Close", id="vcard-report.close")]

    def __init__(self, title: str, summary: str, lines: list[str], *, refused: bool = False):
        super().__init__()
        self.title_text, self.summary, self.lines, self.refused = title, summary, lines, refused

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="refused" if self.refused else ""):
            yield Plain(self.title_text, id="confirm-question")
            yield Plain(self.summary, id="confirm-detail")
            if self.lines:
                with VerticalScroll(id="vcard-problems"):
                    yield Plain("\n".join(f"• {line}" for line in self.lines), id="vcard-problem-lines")
            with Horizontal(id="confirm-buttons"):
                yield Button("Close (enter)", variant="primary", id="vcard-report-close")

    def on_mount(self) -> None:
        self.query_one("#vcard-report-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def report_dialog(path: Path, report) -> VCardReport:
    """The dialog for an ImportReport: problems first (each its own line), then the notes."""
    problems = [sentence(problem) for problem in report.problems]
    notes = [sentence(note) for note in report.notes()]
    count = len(report.problems)
    summary = f"{sentence(report.summary())}."
    if count:
        summary += f" {count:,} problem{'s' * (count != 1)}, each with its card, its line and what was done:"
    return VCardReport(f"Imported {path}", summary, problems + notes)


def refused_dialog(path: Path, why: str) -> VCardReport:
    return VCardReport(f"Nothing was imported from {path}", why, [], refused=True)
