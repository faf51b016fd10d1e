"""A vCard import from the Contacts pane: the file is read on a worker thread while a dialog
counts the cards, then the report — what was added, each problem by card and line — in a dialog
of its own. Whatever the file holds, the app stays up."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button
from textual.worker import get_current_worker

from followup_tui.services import contacts

from .dialog import Dialog
from .plain import Plain


class ReadingStopped(Exception):
    """The person closed the dialog: the worker stops at the next card."""


class VCardReading(Dialog[object]):
    """Reads the file away from the screen, saying how far it has got; dismisses with the cards
    read (ParsedCards), a sentence saying why nothing could be read, or None when closed."""

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
            self.app.call_from_thread(self.show_progress, done, total)

        try:
            result: object = contacts.read_vcard_file(self.path, progress)
        except ReadingStopped:
            return
        except (ImportFileError, VCardError) as error:
            result = f"{_sentence(str(error))}."
        except Exception as error:  # whatever the file holds, the app stays up
            result = f"The file could not be read: {failure_line(error)}."
        if not worker.is_cancelled:
            self.app.call_from_thread(self.dismiss, result)

    def show_progress(self, done: int, total: int) -> None:
        self.query_one("#confirm-detail", Plain).update(f"Reading cards… {done:,} of {total:,}")

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
    problems = [_sentence(problem) for problem in report.problems]
    notes = [_sentence(note) for note in report.notes()]
    count = len(report.problems)
    summary = f"{_sentence(report.summary())}."
    if count:
        summary += f" {count} problem{'s' * (count != 1)}: each card was imported without what it names."
    return VCardReport(f"Imported {path}", summary, problems + notes)


def refused_dialog(path: Path, why: str) -> VCardReport:
    return VCardReport(f"Nothing was imported from {path}", why, [], refused=True)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
