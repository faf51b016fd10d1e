"""The journal's one App: a header, four panes in tabs, and a footer of live keys."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from .pane import JournalPane
from .panes import PANE_BY_ID, PANES

if TYPE_CHECKING:
    from followup_tui.domain.clock import Clock
    from followup_tui.domain.models import Contact, Opportunity, Status
    from followup_tui.store import Store


class JournalScreen(Screen):
    """The main screen: the four panes, one visible at a time.

    Only the Timeline is built for the first frame; each other pane is built, and reads
    the store, the first time it is shown — so the app opens as fast on a long search.
    """

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with TabbedContent(initial="timeline", id="panes"):
            for number, pane in enumerate(PANES, start=1):
                with TabPane(f"{number} {pane.title}", id=pane.id):
                    if pane.id == "timeline":
                        yield pane.widget()(id=f"{pane.id}-pane")
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, asyncio.Event] = {}

    async def on_mount(self) -> None:
        await self.show("timeline")

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        await self.show(event.pane.id)

    async def show(self, pane_id: str) -> JournalPane:
        """Build the pane if need be, bring its rows up to date the first time, and focus them."""
        pane = await self.built_pane(pane_id)
        if not pane.loaded:
            pane.reload()
        pane.focus_rows()
        self.app.refresh_bindings()
        return pane

    async def built_pane(self, pane_id: str) -> JournalPane:
        """The pane, built on first use; a second caller while it is being built waits for it."""
        if pane_id not in self._built:
            self._built[pane_id] = built = asyncio.Event()
            if pane_id != "timeline":
                await self.query_one(f"#{pane_id}", TabPane).mount(PANE_BY_ID[pane_id].widget()(id=f"{pane_id}-pane"))
            built.set()
        await self._built[pane_id].wait()
        return self.query_one(f"#{pane_id}-pane", JournalPane)


class FollowupApp(App[None]):
    """followup: a journal for the days after a job interview."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    BINDINGS = [
        *(
            # The tabs show these numbers, so the footer need not.
            Binding(str(number), f"show_pane('{pane.id}')", pane.title, show=False, id=f"pane.{pane.id}")
            for number, pane in enumerate(PANES, start=1)
        ),
        Binding("n", "add", "New", id="app.add"),
        Binding("ctrl+n", "new_debrief", "New debrief", id="app.new-debrief"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "leave", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock | None = None,
        *,
        start_with_debrief: bool = False,
        welcome: bool = False,
        show_tracebacks: bool = True,
    ):
        super().__init__()
        self.store = store
        self.clock = clock or store.clock
        self.start_with_debrief = start_with_debrief
        self.welcome = welcome
        self.show_tracebacks = show_tracebacks
        self.failure: str | None = None
        """Why the app stopped on an error, in one line, when tracebacks are not wanted."""

    def _handle_exception(self, error: Exception) -> None:
        """An error stops the app with one line (kept in `failure`); the traceback only when asked for.

        Every form has autosaved its draft by then, so stopping loses nothing typed.
        """
        if self.show_tracebacks:
            super()._handle_exception(error)
            return
        import sqlite3

        if isinstance(error, sqlite3.DatabaseError):
            where = self.store.path or "the journal"
            self.failure = (
                f"{where} could not be read or written ({error}); if it is damaged, "
                "restore your latest backup (see README: Where your data lives)"
            )
        else:
            self.failure = f"unexpected {type(error).__name__}: {error} (run with --debug for details)"
        self.exit(return_code=1)

    def on_mount(self) -> None:
        self.sub_title = f"{self.clock.today():%A %d %B %Y}"
        if self.start_with_debrief:
            self.call_after_refresh(self.action_new_debrief)
        elif self.welcome:
            self.call_after_refresh(self._welcome)

    def _welcome(self) -> None:
        from .welcome import WelcomeScreen

        def begin(choice: str | None) -> None:
            if choice == "debrief":
                self.action_new_debrief()
            elif choice == "sample":
                self.action_load_sample_data()

        self.push_screen(WelcomeScreen(self.store.path), begin)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Pane keys work on the journal (and close help); a form keeps its keys to itself."""
        if action in ("show_pane", "help", "new_debrief", "load_sample_data", "leave"):
            return isinstance(self.screen, JournalScreen) or getattr(self.screen, "passes_pane_keys", False)
        if action == "add":
            return isinstance(self.screen, JournalScreen) and hasattr(self.active_pane(), "add")
        return True

    def active_pane(self) -> JournalPane:
        active = self.journal.query_one(TabbedContent).active
        return self.journal.query_one(f"#{active}-pane", JournalPane)

    def action_add(self) -> None:
        """`n`: a new item of the active pane's own kind."""
        self.active_pane().add()

    async def action_leave(self) -> None:
        """`q`: quit from the journal (in a form, q is just a letter)."""
        await self.action_quit()

    async def action_quit(self) -> None:
        """Quit, writing any open form's draft first: quitting never loses typed text."""
        if hasattr(self.screen, "save_draft"):  # the debrief, contact and application forms
            self.screen.save_draft()
        self.exit()

    def get_default_screen(self) -> Screen:
        self.journal = JournalScreen()
        return self.journal

    def back_to_journal(self) -> None:
        """Close whatever is open over the panes."""
        while self.screen is not self.journal:
            self.pop_screen()

    async def action_show_pane(self, pane_id: str) -> JournalPane:
        """Switch to a pane from anywhere, built and up to date."""
        self.back_to_journal()
        self.journal.query_one(TabbedContent).active = pane_id
        return await self.journal.show(pane_id)

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_load_sample_data(self) -> None:
        """Fill an empty journal with the demo search, so a newcomer can look around."""
        from followup_tui.services.demo import DemoRefused, fill_demo

        try:
            counts = fill_demo(self.store)
        except DemoRefused:
            self.notify("Sample data only goes into an empty journal.", severity="warning")
            return
        self.reload_panes()
        if isinstance(self.screen, JournalScreen):
            self.active_pane().focus_rows()
        self.notify(
            f"Loaded {counts['opportunities']} sample applications and "
            f"{counts['followups']} follow-ups. Start a fresh journal file for your real search."
        )

    # -- debriefs ----------------------------------------------------------------------

    def action_new_debrief(self) -> None:
        """A new debrief, or — when one was left unsaved — the offer to resume it."""
        from followup_tui.domain.debrief_form import DebriefForm
        from followup_tui.domain.questions import DEFAULT_QUESTIONS
        from followup_tui.services.debriefs import NEW_DRAFT

        from .resume import ResumeDraftScreen

        draft = self.store.get_draft(NEW_DRAFT)
        if draft is None:
            self._open_form(DebriefForm(), DEFAULT_QUESTIONS, NEW_DRAFT)
            return

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self._open_form(DebriefForm.from_payload(draft.payload), DEFAULT_QUESTIONS, NEW_DRAFT)
            elif choice == "discard":
                self.store.delete_draft(NEW_DRAFT)
                self.reload_panes()
                self._open_form(DebriefForm(), DEFAULT_QUESTIONS, NEW_DRAFT)

        self.push_screen(ResumeDraftScreen(draft), chosen)

    def edit_debrief(self, interview_id: int) -> None:
        from followup_tui.domain.debrief_form import DebriefForm
        from followup_tui.services.debriefs import edit_draft_key, form_for

        key = edit_draft_key(interview_id)
        form, questions = form_for(self.store, interview_id)
        if draft := self.store.get_draft(key):
            form = DebriefForm.from_payload(draft.payload)
            self.notify(f"Picked up your unsaved changes from {draft.updated_at.astimezone():%a %H:%M}.")
        listing = self.store.get_interview(interview_id)
        self._open_form(form, questions, key, interview_id, f"Edit debrief — {listing.company}")

    def _open_form(self, form, questions, key: str, interview_id: int | None = None, title: str = "New debrief"):
        from .debrief_form import DebriefScreen

        async def saved(saved_id: int | None) -> None:
            self.reload_panes()
            if saved_id is not None:
                debriefs = await self.action_show_pane("debriefs")
                debriefs.select_row(f"interview-{saved_id}")
                self.notify("Debrief saved.")
                if interview_id is None:
                    self.offer_plan(saved_id)

        self.push_screen(DebriefScreen(form, questions, key, interview_id, title), saved)

    def open_debrief(self, interview_id: int) -> None:
        from .debrief_view import DebriefView

        self.push_screen(DebriefView(interview_id))

    def delete_interview(self, interview_id: int) -> None:
        from followup_tui.domain.dates import long_day

        from .confirm import ConfirmScreen

        listing = self.store.get_interview(interview_id)
        if listing is None:
            return
        starts = listing.interview.starts_at.astimezone()
        question = (
            f"Delete the {listing.interview.stage.label} interview with {listing.company} "
            f"on {long_day(starts.date())}, and its debrief?"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.store.delete_interview(interview_id)
            self.back_to_journal()
            self.reload_panes()
            self.notify("Interview and debrief deleted.")

        detail = "The application, the people you met and your follow-ups are kept."
        self.push_screen(ConfirmScreen(question, yes="Delete", no="Keep it", detail=detail), answered)

    # -- contacts ------------------------------------------------------------------------

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
        from followup_tui.services.vcard import VCardError, import_vcards

        from .contacts_pane import default_vcard_path
        from .path_prompt import PathPrompt

        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                text = Path(path).expanduser().read_text(encoding="utf-8-sig")
                report = import_vcards(self.store, text)
            except (OSError, UnicodeDecodeError) as error:
                self.notify(f"Cannot read {path}: {getattr(error, 'strerror', None) or error}", severity="error")
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

    # -- timeline ------------------------------------------------------------------------

    def new_followup(self) -> None:
        from .new_followup import NewFollowupScreen
        from .timeline_pane import TimelinePane

        def added(result) -> None:
            if result is None:
                return
            undo, warnings = result
            pane = self.journal.query_one(TimelinePane)
            pane.last_action = undo
            self.reload_panes()
            self.refresh_bindings()
            pane.select_followup(undo.created)
            self.notify("Follow-up added. u undoes it.")
            if warnings:
                self.notify("; ".join(warnings), title="A little pushy?", severity="warning", timeout=8)

        self.push_screen(NewFollowupScreen(), added)

    def offer_plan(self, interview_id: int) -> None:
        """After a new debrief: the planner's thank-yous and check-ins, to accept in one step."""
        from followup_tui.domain.dates import long_day
        from followup_tui.services.timeline import accept_plan, propose_plan

        from .confirm import ConfirmScreen

        steps = propose_plan(self.store, interview_id)
        if not steps:
            return
        names = {c.id: c.name for c in self.store.interview_contacts(interview_id)}
        lines = "\n".join(
            f"{long_day(step.due_on):<16} {step.kind.label:<10} {names.get(step.contact_id, '')}" for step in steps
        )

        def answered(yes: bool | None) -> None:
            if yes:
                accept_plan(self.store, interview_id, steps)
                self.reload_panes()
                self.notify(f"{len(steps)} follow-ups planned; they are on the Timeline (1).")

        self.push_screen(
            ConfirmScreen("Plan these follow-ups?", yes="Plan them", no="Not now", detail=lines, variant="primary"),
            answered,
        )

    # -- pipeline ------------------------------------------------------------------------

    def new_application(self) -> None:
        from .application_form import ApplicationFormScreen
        from .pipeline_pane import PipelinePane

        def saved(opportunity: Opportunity | None) -> None:
            self.reload_panes()
            if opportunity is not None:
                for pane in self.journal.query(PipelinePane):  # when it has been built
                    pane.select_row(f"opportunity-{opportunity.id}")
                self.notify(f"Added {opportunity.company} to your pipeline.")

        self.push_screen(ApplicationFormScreen(), saved)

    def change_status(self, opportunity_id: int, status: Status) -> None:
        """One keypress, one write; closing an application offers to skip what was planned for it."""
        from .confirm import ConfirmScreen

        listing = next((o for o in self.store.list_opportunities() if o.opportunity.id == opportunity_id), None)
        if listing is None or listing.opportunity.status is status:
            return
        name = listing.opportunity.company

        def apply(skip: bool | None) -> None:
            skipped = self.store.change_status(opportunity_id, status, skip_planned=bool(skip))
            self.reload_panes()
            extra = f"; {skipped} planned follow-up{'s' * (skipped != 1)} skipped" if skipped else ""
            self.notify(f"{name} is now {status.value}{extra}.")

        if status.is_active or not listing.planned_followups:
            apply(False)
            return
        count = listing.planned_followups
        self.push_screen(
            ConfirmScreen(
                f"{name} is {status.value}. Skip its {count} planned follow-up{'s' * (count != 1)} too?",
                yes="Skip them",
                no="Keep them",
            ),
            apply,
        )

    def action_insights(self) -> None:
        from .insights_screen import InsightsScreen

        self.push_screen(InsightsScreen())

    def action_settings(self) -> None:
        from .settings_screen import SettingsScreen

        self.push_screen(SettingsScreen())

    def _refresh_everything(self) -> None:
        """Redraw the panes and any card open over them."""
        self.reload_panes()
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_card"):
                screen.refresh_card()

    def reload_panes(self) -> None:
        """Redraw the panes already shown; the others read the store when first shown."""
        for pane in self.journal.query(JournalPane):
            if pane.loaded:
                pane.reload()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for pane in PANES:
            yield SystemCommand(
                f"Show {pane.title}",
                pane.purpose.capitalize(),
                lambda pane_id=pane.id: self.call_later(self.action_show_pane, pane_id),
            )
        if self.store.is_empty():
            yield SystemCommand(
                "Load sample data", "Fill this empty journal with a made-up job search", self.action_load_sample_data
            )
        yield SystemCommand("Insights", "What your debriefs teach, and how follow-ups go", self.action_insights)
        yield SystemCommand(
            "Settings", "Your name and signature, the follow-up rules, message templates", self.action_settings
        )
        yield SystemCommand("Help", "Every key, and what each pane is for", self.action_help)
        yield from super().get_system_commands(screen)
