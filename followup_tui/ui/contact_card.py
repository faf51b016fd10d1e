"""One contact's card, with everything linked to it: interviews, and follow-ups to or from them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.models import CardDetails, Contact
from followup_tui.services.contacts import contact_card

from . import contact_flows
from .cells import followup_columns
from .plain import HangingLine, Plain
from .record_screen import RecordScreen

if TYPE_CHECKING:
    from .app import FollowupApp


class ContactCard(RecordScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="card.back"),
        Binding("e", "edit", "Edit", id="card.edit"),
        Binding("m", "toggle_details", "They have my details", id="card.details"),
        Binding("delete", "delete", "Delete", id="card.delete"),
    ]

    def __init__(self, contact_id: int):
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="contact-card")
        yield Footer()

    def refresh_record(self) -> None:
        body = self.query_one("#contact-card", VerticalScroll)
        body.remove_children()
        card = contact_card(self.app.journal, self.contact_id)
        if card is None:
            body.mount(Static("This contact no longer exists.", classes="form-title"))
            return
        contact = card.contact
        more = contact.details or CardDetails()
        lines = [Plain(contact.name, classes="form-title")]
        team = ", ".join(part for part in (contact.company, more.org_unit) if part)
        role = " at ".join(part for part in (contact.title, team) if part)
        if role:
            lines.append(Plain(role, classes="facts"))
        today = self.app.clock.today()
        lines += [Plain(f"{label:<9}{value}") for label, value in _detail_rows(contact, more, today)]
        if more.extra_lines:
            kept = f"{len(more.extra_lines)} more line{'s' * (len(more.extra_lines) != 1)} from its vCard"
            lines.append(Static(f"{kept}, kept for the next export.", classes="facts"))
        if not contact.email:
            lines.append(Static("No email yet — a thank-you needs one.", classes="warning"))
        mine = "They have your details." if contact.has_my_details else "They don't have your details yet (m)."
        lines.append(Static(mine, classes="facts" if contact.has_my_details else "warning"))
        lines.append(Plain(f"Stay in touch once a process ends: {card.stay_in_touch}; e to change it", classes="facts"))
        if contact.notes:
            lines += [Static("Notes", classes="prompt"), Plain(contact.notes, classes="answer")]
        lines.append(Static(f"Interviews ({len(card.interviews)})", classes="prompt"))
        for listing in card.interviews:
            day = long_day(local_day(listing.interview.starts_at), today)
            text = f"{day}  {listing.company} — {listing.interview.stage.label}"
            lines.append(Plain(text, classes="answer"))
        lines.append(Static(f"Follow-ups ({len(card.followups)})", classes="prompt"))
        for entry in card.followups:
            lines.append(HangingLine(*followup_columns(entry, today, person=False), classes="answer"))
        body.mount_all(lines)

    def action_edit(self) -> None:
        contact_flows.edit_contact(self.app, self.contact_id)

    def action_toggle_details(self) -> None:
        contact_flows.toggle_has_my_details(self.app, self.contact_id)

    def action_delete(self) -> None:
        contact_flows.delete_contact(self.app, self.contact_id)


def _detail_rows(contact: Contact, more: CardDetails, today: date) -> list[tuple[str, str]]:
    """Each way to reach them and what else the card says, with its type where it has one."""

    def typed(value: str, types: dict[str, list[str]]) -> str:
        return f"{value} ({', '.join(types[value])})" if types.get(value) else value

    rows = [("Email", typed(e, more.email_types)) for e in contact.emails]
    rows += [("Phone", typed(p, more.phone_types)) for p in contact.phones]
    if contact.profile_url:
        rows.append(("Profile", contact.profile_url))
    rows += [("Link", url) for url in more.urls]
    for address in more.addresses:
        kind = f" ({', '.join(address.types)})" if address.types else ""
        rows.append(("Address", ", ".join(address.text.splitlines()) + kind))
    if more.nickname:
        rows.append(("Nickname", more.nickname))
    if more.birthday:
        try:  # a whole date is written as every day is; "--04-12" (no year) as it came
            rows.append(("Birthday", long_day(date.fromisoformat(more.birthday), today)))
        except ValueError:
            rows.append(("Birthday", more.birthday))
    return rows


def open_contact(app: FollowupApp, record_id: int) -> None:
    """Open the record over whatever is showing (from its pane, or a card that names it)."""
    app.push_screen(ContactCard(record_id))
