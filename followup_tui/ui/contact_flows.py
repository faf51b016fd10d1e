"""Open, add, edit and delete a contact card, and vCard in and out: started from the Contacts
pane or from an open card, each ends in one service call and a redraw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from followup_tui.services import contacts

from .messages import JournalChanged

if TYPE_CHECKING:
    from followup_tui.domain.models import Contact
    from followup_tui.services.undo import Undo

    from .app import FollowupApp


def new_contact(app: FollowupApp) -> None:
    from .contact_form import ContactFormScreen

    app.push_screen(ContactFormScreen(), lambda saved: _saved(app, saved))


def edit_contact(app: FollowupApp, contact_id: int) -> None:
    from .contact_form import ContactFormScreen

    if (card := contacts.contact(app.journal, contact_id)) is not None:
        app.push_screen(ContactFormScreen(card), lambda saved: _saved(app, saved))


def _saved(app: FollowupApp, saved: tuple[Contact, Undo | None] | None) -> None:
    if saved is None:
        app.post_message(JournalChanged())
        return
    contact, undo = saved
    if undo is None:  # the card already kept was chosen: nothing was written
        app.post_message(JournalChanged(select=f"contact-{contact.id}"))
        return
    app.post_message(JournalChanged(undo=undo, pane_id="contacts", said=f"Saved {contact.name}"))


def toggle_has_my_details(app: FollowupApp, contact_id: int) -> None:
    if (toggled := contacts.toggle_has_my_details(app.journal, contact_id)) is not None:
        app.post_message(JournalChanged(undo=toggled[1], pane_id="contacts"))


def delete_contact(app: FollowupApp, contact_id: int) -> None:
    from .confirm import ConfirmDialog

    card = contacts.contact_card(app.journal, contact_id)
    if card is None:
        return
    interviews, followups = len(card.interviews), len(card.followups)
    detail = (
        f"This unlinks them from {interviews} interview{'s' * (interviews != 1)} and "
        f"{followups} follow-up{'s' * (followups != 1)}, which stay in your journal."
    )

    def answered(yes: bool | None) -> None:
        if yes:
            undo = contacts.delete_contact(app.journal, contact_id)
            app.back_to_journal()
            app.post_message(JournalChanged(undo=undo, pane_id="contacts"))

    name = card.contact.name
    app.push_screen(ConfirmDialog(f"Delete {name}?", yes="Delete", no="Keep", detail=detail), answered)


def import_vcard(app: FollowupApp) -> None:
    """Ask for a file; a dialog reads it on a worker and writes what was read through one service
    call, counting the cards; then the report, in a dialog."""
    from .vcard_import import VCardReading, refused_dialog, report_dialog

    def imported(path: Path, report: object) -> None:
        if report is None:  # stopped by the person: nothing was written
            return
        if isinstance(report, str):
            app.push_screen(refused_dialog(path, report))
            return
        app.post_message(JournalChanged())
        app.push_screen(report_dialog(path, report))

    def chosen(path: Path) -> None:
        app.push_screen(VCardReading(path), lambda report: imported(path, report))

    _ask_vcard_path(app, "Import contacts from which vCard file?", chosen)


def export_vcard(app: FollowupApp) -> None:
    def chosen(path: Path) -> None:
        try:
            count = contacts.export_vcard_file(app.journal, path)
        except OSError as error:
            app.notify(f"Cannot write {path}: {error.strerror or error}", severity="error")
            return
        app.notify(f"Wrote {count} contacts to {path}.")

    _ask_vcard_path(app, "Export every contact to which vCard file?", chosen)


DEFAULT_VCARD = "~/followup-contacts.vcf"


def _ask_vcard_path(app: FollowupApp, question: str, then: Callable[[Path], None]) -> None:
    """Ask for a vCard file (the usual one offered) and go on with it, unless the answer is none."""
    from .path_prompt import PathPrompt

    def answered(path: str | None) -> None:
        if path:
            then(Path(path))

    app.push_screen(PathPrompt(question, str(Path(DEFAULT_VCARD).expanduser())), answered)
