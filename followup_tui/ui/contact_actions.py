"""What the app does for contacts: open, add, edit and delete a card, and vCard in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup_tui.domain.models import Contact
    from followup_tui.store import Store

    from .journal_screen import JournalScreen


class ContactActions:
    """Mixed into the app; panes and screens call these as `self.app.…`."""

    store: Store
    journal: JournalScreen

    def open_contact(self, contact_id: int) -> None:
        from .contact_card import ContactCard

        self.push_screen(ContactCard(contact_id))

    def new_contact(self) -> None:
        from .contact_form import ContactFormScreen

        self.push_screen(ContactFormScreen(), self._contact_saved)

    def edit_contact(self, contact_id: int) -> None:
        from .contact_form import ContactFormScreen

        contact = self.store.get_contact(contact_id)
        if contact is not None:
            self.push_screen(ContactFormScreen(contact), self._contact_saved)

    def _contact_saved(self, contact: Contact | None) -> None:
        from .contacts_pane import ContactsPane

        self._refresh_everything()
        if contact is not None:
            for pane in self.journal.query(ContactsPane):  # when it has been built
                pane.select_row(f"contact-{contact.id}")
            self.notify(f"Saved {contact.name}.")

    def toggle_has_my_details(self, contact_id: int) -> None:
        contact = self.store.get_contact(contact_id)
        if contact is None:
            return
        contact.has_my_details = not contact.has_my_details
        self.store.update_contact(contact)
        self._refresh_everything()
        they = "have" if contact.has_my_details else "don't have"
        self.notify(f"{contact.name}: they {they} your details.")

    def delete_contact(self, contact_id: int) -> None:
        from .confirm import ConfirmScreen

        contact = self.store.get_contact(contact_id)
        if contact is None:
            return
        interviews = len(self.store.interviews_with(contact_id))
        followups = len(self.store.followups_with(contact_id))
        detail = (
            f"This unlinks them from {interviews} interview{'s' * (interviews != 1)} and "
            f"{followups} follow-up{'s' * (followups != 1)}, which stay in your journal."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.store.delete_contact(contact_id)
                self.back_to_journal()
                self.reload_panes()
                self.notify(f"Deleted {contact.name}.")

        self.push_screen(ConfirmScreen(f"Delete {contact.name}?", yes="Delete", no="Keep", detail=detail), answered)

    def import_vcard(self) -> None:
        from followup_tui.services.files import ImportFileError, read_import
        from followup_tui.services.vcard import VCardError, import_vcards

        from .contacts_pane import default_vcard_path
        from .path_prompt import PathPrompt

        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                report = import_vcards(self.store, read_import(Path(path)))
            except ImportFileError as error:
                self.notify(f"{_sentence(str(error))}.", severity="error")
                return
            except VCardError as error:
                self.notify(f"{path}: {error}. Nothing was imported.", severity="error", timeout=10)
                return
            self.reload_panes()
            self.notify(f"Imported {path}: {report.summary()}.")

        self.push_screen(PathPrompt("Import contacts from which vCard file?", str(default_vcard_path())), chosen)

    def export_vcard(self) -> None:
        from followup_tui.services.files import write_private
        from followup_tui.services.vcard import contacts_to_vcard

        from .contacts_pane import default_vcard_path
        from .path_prompt import PathPrompt

        def chosen(path: str | None) -> None:
            if not path:
                return
            contacts = self.store.list_contacts()
            try:
                write_private(Path(path), contacts_to_vcard(contacts))
            except OSError as error:
                self.notify(f"Cannot write {path}: {error.strerror or error}", severity="error")
                return
            self.notify(f"Wrote {len(contacts)} contacts to {path}.")

        self.push_screen(PathPrompt("Export every contact to which vCard file?", str(default_vcard_path())), chosen)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
