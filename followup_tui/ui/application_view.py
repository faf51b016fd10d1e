"""One application in full: where it stands and how it got there, what it pays, the posting as it
was, and everything that belongs to it — its interviews, follow-ups and people."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.models import Status
from followup_tui.services.applications import ApplicationRecord, application_record
from followup_tui.services.documents import DocumentNow, files_now

from . import application_flows
from .cells import followup_columns
from .plain import HangingLine, Plain
from .record_screen import RecordScreen

if TYPE_CHECKING:
    from .app import FollowupApp

STATUS_KEYS = {
    "s": Status.SAVED,
    "a": Status.APPLIED,
    "i": Status.INTERVIEWING,
    "o": Status.OFFER,
    "y": Status.ACCEPTED,
    "r": Status.REJECTED,
    "w": Status.WITHDRAWN,
    "g": Status.GHOSTED,
    "c": Status.CLOSED,
}
"""The keys that move an application, on the Pipeline and on the open application alike."""

STATUS_HINT = "mark: " + " ".join(
    f"({key}){status.value[1:]}" if status.value.startswith(key) else f"{status.value} ({key})"
    for key, status in STATUS_KEYS.items()
)
"""The status keys in a line: (s)aved (a)pplied … accepted (y) …"""


def status_bindings(prefix: str) -> list[Binding]:
    return [
        Binding(key, f"status('{status.value}')", f"Mark {status.value}", show=False, id=f"{prefix}.{status.value}")
        for key, status in STATUS_KEYS.items()
    ]


class ApplicationView(RecordScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="application-view.back"),
        Binding("e", "edit", "Edit", id="application-view.edit"),
        Binding("l", "open_link", "Open link", id="application-view.link"),
        Binding("delete", "delete", "Delete", id="application-view.delete"),
        Binding("p", "prepare", "Prepare next round", id="application-view.prepare"),
        Binding("f", "documents", "CV & letter", id="application-view.documents"),
        *status_bindings("application-view"),
    ]

    def __init__(self, opportunity_id: int):
        super().__init__()
        self.opportunity_id = opportunity_id
        self.link = ""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="application-view")
        yield Footer()

    def refresh_record(self) -> None:
        body = self.query_one("#application-view", VerticalScroll)
        body.remove_children()
        record = application_record(self.app.journal, self.opportunity_id)
        if record is None:
            self.link = ""
            body.mount(Static("This application no longer exists.", classes="form-title"))
            return
        self.link = record.opportunity.url
        mounted = body.mount_all(list(self._lines(record)))
        self.refresh_bindings()
        if record.documents:
            self.call_later(self._check_files_once_shown, mounted, record.documents)

    async def _check_files_once_shown(self, mounted, documents) -> None:
        """The files are read once their lines are on the screen: read sooner, the answer could
        come back to the lines being taken down, leaving the new ones "checking" for good."""
        await mounted
        self.check_files(documents)

    def _lines(self, record: ApplicationRecord):
        o = record.opportunity
        today = self.app.clock.today()
        yield Plain(" — ".join(part for part in (o.company, o.role) if part), classes="form-title")
        if record.history:

            def day_of(step) -> date:
                """The day a step is of record: the day applied as the person gave it, not the day typed."""
                return o.applied_on if step.status is Status.APPLIED and o.applied_on else local_day(step.at)

            latest = record.history[-1]
            yield Plain(f"{o.status.value} since {long_day(day_of(latest), today)}", classes="facts")
            moves = " → ".join(f"{step.status.value} {long_day(day_of(step), today)}" for step in record.history)
            yield Plain(f"History  {moves}", classes="facts")
        facts = [
            ("Source", o.source),
            ("Link", f"{o.url}  (l opens it)" if o.url else ""),
            (
                "Applied",
                long_day(o.applied_on, today) if o.applied_on else ("not yet" if o.status is Status.SAVED else ""),
            ),
            ("Pay", _pay(o.pay_advertised, o.pay_asked, o.pay_offered)),
            ("Decides", record.decision.told(today) if record.decision else ""),
        ]
        for label, value in facts:
            if value:
                yield Plain(f"{label:<9}{value}")
        yield Static("Sent with it", classes="prompt")
        if not record.documents:
            yield Static("No CV or cover letter noted yet: f says which went.", classes="hint")
        for document in record.documents:
            yield HangingLine(
                f"{document.role.heading:<14}",
                f"{document.name} — {document.path} — checking the file…" if document.path else document.name,
                classes=f"answer document-{document.role.value}",  # a class: a redraw mounts before the old goes
            )
        for title, text in (("Notes", o.notes), ("Job description", o.job_description)):
            if text:
                yield Static(title, classes="prompt")
                yield Plain(text, classes="answer")
        yield Static(f"Interviews ({len(record.interviews)})", classes="prompt")
        for listing in record.interviews:
            interview = listing.interview
            score = f" — felt {listing.satisfaction}/5" if listing.satisfaction else ""
            debrief = "" if listing.has_debrief else " — no debrief yet"
            text = f"{long_day(local_day(interview.starts_at), today)}  {interview.stage.label}{score}{debrief}"
            yield Plain(text, classes="answer")
        yield Static(f"Follow-ups ({len(record.followups)})", classes="prompt")
        for entry in record.followups:
            yield HangingLine(*followup_columns(entry, today), classes="answer")
        yield Static(f"People ({len(record.contacts)})", classes="prompt")
        for contact in record.contacts:
            about = ", ".join(part for part in (contact.title, contact.email or "no email yet") if part)
            yield Plain(f"{contact.name} — {about}", classes="answer")
        yield Static(f"e edit · f CV & letter · l open link · del delete · {STATUS_HINT} · esc back", classes="hint")

    @work(thread=True, exclusive=True, group="document-files", exit_on_error=False)
    def check_files(self, documents) -> None:
        """Read each document's file again, off the screen's thread, and say how it compares."""
        found = files_now(documents)
        self.app.call_from_thread(self.show_files, found)

    def show_files(self, found: list[DocumentNow]) -> None:
        for now in found:
            for line in self.query(f".document-{now.document.role.value}").results(HangingLine):
                line.query(".hanging-text").first(Plain).update(now.told())

    def action_documents(self) -> None:
        application_flows.choose_documents(self.app, self.opportunity_id)

    def action_edit(self) -> None:
        application_flows.edit_application(self.app, self.opportunity_id)

    def action_delete(self) -> None:
        application_flows.delete_application(self.app, self.opportunity_id)

    def action_prepare(self) -> None:
        from .prep_screen import open_prep

        open_prep(self.app, self.opportunity_id)

    def action_status(self, status: str) -> None:
        application_flows.change_status(self.app, self.opportunity_id, Status(status))

    def action_open_link(self) -> None:
        if self.link:
            self.app.open_url(self.link)
            self.notify(f"Opening {self.link}")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "open_link":
            return bool(self.link)
        return True


def _pay(advertised: str, asked: str, offered: str) -> str:
    parts = [
        f"{label} {value}" for label, value in (("advertised", advertised), ("asked", asked), ("offered", offered))
    ]
    return " · ".join(part for part, value in zip(parts, (advertised, asked, offered), strict=True) if value)


def open_application(app: FollowupApp, record_id: int) -> None:
    """Open the record over whatever is showing (from its pane, or a card that names it)."""
    app.push_screen(ApplicationView(record_id))
