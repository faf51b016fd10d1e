"""Which CV and cover letter went with an application: a small dialog from its card (`f`), each
document a name (the versions sent before are suggested; tab takes one, and its path with it)
and the file's path as typed. The files are read in a worker thread, so a large or slow file
never holds the screen."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from followup_tui.domain.documents import DocumentSent, DocumentsForm, UsedBefore, check_documents
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.kinds import DocumentRole
from followup_tui.services.documents import Attached, fingerprints, names_for, path_for

from .dialog import Dialog
from .fields import labelled_field, show_field_errors
from .plain import Plain
from .suggest import SuggestingInput, SuggestNames

FIELDS = [
    ("cv_name", "CV", "a name for this version: cv-backend-v3", DocumentRole.CV),
    ("cv_path", "CV file", "~/cv/backend-v3.pdf", None),
    ("letter_name", "Letter", "the cover letter's name, if one went", DocumentRole.COVER_LETTER),
    ("letter_path", "Letter file", "~/letters/globex.pdf", None),
]

HINT = "tab takes a suggestion · ctrl+s save · esc cancel. A file is fingerprinted as you save, to notice a change."


class DocumentsDialog(Dialog[list[Attached] | None]):
    """Dismisses with the documents chosen, each with its file read (an empty list clears them),
    or None when the user backs out."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="documents.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="documents.cancel"),
    ]

    DEFAULT_CSS = """
    DocumentsDialog #confirm-dialog { width: 84; }
    DocumentsDialog .field-label { width: 12; }
    """

    def __init__(self, company: str, documents: list[DocumentSent], used: list[UsedBefore]):
        super().__init__()
        self.company, self.documents, self.used = company, documents, used
        self.reading = False

    def compose(self) -> ComposeResult:
        form = DocumentsForm.of(self.documents)
        paths = list(dict.fromkeys(u.path for u in self.used if u.path))
        with Vertical(id="confirm-dialog"):
            yield Plain(f"What went to {self.company}", id="confirm-question")
            for name, label, placeholder, role in FIELDS:
                known = names_for(self.used, role) if role else paths
                control = SuggestingInput(
                    getattr(form, name), placeholder=placeholder, id=name, compact=True, suggester=SuggestNames(known)
                )
                yield from labelled_field(name, label, control)
            yield Plain(HINT, id="confirm-detail")

    def on_mount(self) -> None:
        self.query_one("#cv_name", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A version sent before, named again: its path comes with it, unless one is typed."""
        self.query_one(f"#{event.input.id}-error", Label).display = False
        if event.input.id in ("cv_name", "letter_name"):
            path = self.query_one(f"#{event.input.id.removesuffix('_name')}_path", Input)
            if not path.value and (known := path_for(self.used, event.value.strip())):
                path.value = known

    def read_form(self) -> DocumentsForm:
        return DocumentsForm(**{name: self.query_one(f"#{name}", Input).value for name, *_ in FIELDS})

    def action_save(self) -> None:
        if self.reading:
            return
        try:
            chosen = check_documents(self.read_form())
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            return
        self.reading = True
        self.query_one("#confirm-detail", Plain).update("Reading the files…")
        self.read_files(chosen)

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def read_files(self, chosen) -> None:
        """Each new file's fingerprint, off the screen's thread; never raises (`fingerprint`)."""
        attached = fingerprints(chosen, self.documents)
        self.app.call_from_thread(self.dismiss, attached)
