"""The journal's one App: the journal screen, the keys that work everywhere, and the redraw after
every write.

What each pane does lives with the pane; what a pane and a card share lives in `contact_flows` and
`debrief_flows`. Every screen, pane and flow tells the app that the journal changed with one
`JournalChanged` message, which the app alone handles.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from followup_tui.domain.text import sentence, visible
from followup_tui.services.another_copy import JournalWatch
from followup_tui.services.calendar_feed import FeedKeeper, feed_path
from followup_tui.services.journal import failure_line, get_ready_to_write, is_empty, where
from followup_tui.services.sync import SyncKeeper, folder_of

from .commands import JournalCommands
from .journal_screen import JournalScreen
from .messages import JournalChanged
from .pane import JournalPane
from .panes import ON_THE_PANES, PANES
from .plain import NO_TERMINAL_CONTROL
from .screen_styles import SCREEN_STYLES_PATH
from .writes import told

if TYPE_CHECKING:
    from followup_tui.domain.clock import Clock
    from followup_tui.services.journal import Journal
    from followup_tui.services.undo import Undo


TYPED_AHEAD_SECONDS = 0.5
"""The longest tab waits for the keys typed before it to land in their field."""

BUSY_PATIENCE_SECONDS = 1.0
"""How long a write from the app waits for another copy of followup (after the store's first
try): the screen cannot redraw while it waits, so the app says the journal is busy instead."""


class FollowupApp(App[None]):
    """followup: a journal for the days after a job interview."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    COMMANDS = {JournalCommands}
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
        journal: Journal,
        clock: Clock | None = None,
        *,
        start_with_debrief: bool = False,
        welcome: bool = False,
        show_tracebacks: bool = True,
    ):
        super().__init__()
        self.journal = journal
        """The open journal, handed to every service call: the app's one door to the data."""
        journal.patience = BUSY_PATIENCE_SECONDS
        self.clock = clock or journal.clock
        self.start_with_debrief = start_with_debrief
        self.welcome = welcome
        self.show_tracebacks = show_tracebacks
        self.failure: str | None = None
        """Why the app stopped on an error, in one line, when tracebacks are not wanted."""
        self.undos: dict[str, Undo | None] = {}
        """Each pane's last change, for its `u` (kept here, so a pane not built yet keeps one too)."""
        self.feed = FeedKeeper(journal.path, self.clock, self._feed_failed) if journal.path else None
        """Keeps the calendar.feed file current, on a thread of its own, after every change."""
        self.watch = JournalWatch(journal)
        """Notices another copy's writes, to redraw at the next key or when the terminal gets focus."""
        self.sync_keeper = (
            SyncKeeper(journal.path, lambda: folder_of(journal), self._synced, self._sync_failed)
            if journal.path
            else None
        )
        """Shares the journal with the user's other machines (`sync.folder`), off the UI thread."""

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key's action, under the same net as every write (see `writes`): a busy journal
        or a record another copy changed is said, never fatal."""
        result = await told(self, super().run_action)(action, default_namespace, namespaces)
        return True if result is None else result

    async def on_event(self, event: events.Event) -> None:
        """A key, first: if another copy changed what the cursor was on, the list is redrawn
        and the key, meant for the row as it was, is not acted on. Tab in a field moves on only
        once the keys typed before it have landed there, so a burst of typing ("Grace⇥Navy")
        fills each field in turn instead of the first."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._caught_up_with_another_copy():
                return
            if event.key in ("tab", "shift+tab") and await self._moved_on(event.key):
                return
        await super().on_event(event)

    async def _moved_on(self, key: str) -> bool:
        """Tab or shift+tab from a text field, done here rather than in the field: the keys before
        it are let land first, then a suggestion is taken or the focus moves. True when done."""
        from textual.command import CommandPalette
        from textual.widgets import Input

        from .suggest import SuggestingInput

        field = self.focused
        if not isinstance(field, Input) or isinstance(self.screen, CommandPalette):  # the palette's own keys
            return False
        landed = asyncio.Event()
        if field.call_later(landed.set):  # queued behind the keys already sent to the field
            try:
                await asyncio.wait_for(landed.wait(), TYPED_AHEAD_SECONDS)
            except TimeoutError:
                pass
        if key == "tab" and isinstance(field, SuggestingInput) and field.take_suggestion():
            return True
        if key == "tab":
            self.screen.focus_next()
        else:
            self.screen.focus_previous()
        return True

    def on_app_focus(self) -> None:
        """Back in the terminal: show what another copy wrote meanwhile."""
        self._caught_up_with_another_copy()

    def _caught_up_with_another_copy(self) -> bool:
        """Redraw when another copy wrote since the last look; True when that moved or changed the
        row under the cursor, which is then said."""
        if not self.watch.changed_elsewhere():
            return False
        from textual.widgets import Input

        on_rows = self.screen is getattr(self, "journal_screen", None) and not isinstance(self.focused, Input)
        pane = self.journal_screen.active_pane() if on_rows else None  # typing in a filter is never held back
        seen = pane.highlighted_state() if pane else None
        self._redraw_journal()
        if pane is None or pane.highlighted_state() == seen:
            return False
        self.notify(
            "Another copy of followup changed this list, and the row you were on with it. "
            "The list is up to date: check the highlighted row, then press the key again.",
            title="Changed elsewhere",
            severity="warning",
            timeout=8,
        )
        return True

    def tell_changed_elsewhere(self, error: Exception) -> None:
        """What a key was meant for changed or went in another copy: said, nothing done, redrawn."""
        self.notify(f"{error}. The journal is redrawn as it is now.", title="Changed elsewhere", severity="warning")
        self.back_to_journal_if_gone()
        self._redraw_journal()

    def back_to_journal_if_gone(self) -> None:
        """A dialog about a record that is gone has nothing left to show."""
        from .followup_details import FollowupDetails

        while isinstance(self.screen, FollowupDetails):
            self.pop_screen()

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):
        """As Textual's, with the answer's callback kept alive through a busy journal too."""
        if callback is not None:
            callback = told(self, callback)
        return super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)

    def tell_refused(self, error: Exception) -> None:
        """A value the journal will not keep (too long, not text) that no form caught: said, and
        nothing written — what was typed is still on the screen."""
        self.notify(f"{sentence(str(error))}. Nothing was written.", title="Not saved", severity="error", timeout=10)

    def tell_busy(self, error: Exception) -> None:
        self.notify(
            f"{error}. Nothing was lost: what you typed is still here, so try again in a moment.",
            title="The journal is busy",
            severity="warning",
            timeout=8,
        )

    def get_line_filters(self):
        """Textual's filters, then one that keeps control characters away from the terminal."""
        return [*super().get_line_filters(), NO_TERMINAL_CONTROL]

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=False) -> None:
        """Every notification shows its text as text: names in it are never read as markup,
        and control characters show as pictures (see `plain`)."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """An error stops the app with one line (kept in `failure`); the traceback only when asked for.

        Every form has autosaved its draft by then, so stopping loses nothing typed.
        """
        if self.show_tracebacks:
            super()._handle_exception(error)
            return
        self.failure = failure_line(error, self.journal)
        self.exit(return_code=1)

    def on_mount(self) -> None:
        self.sub_title = f"{self.clock.today():%A %d %B %Y}"
        self.call_after_refresh(self._after_first_frame)
        if self.start_with_debrief:
            self.call_after_refresh(self.action_new_debrief)
        elif self.welcome:
            self.call_after_refresh(self._welcome)
        else:
            self.call_after_refresh(self._mail_waiting)

    def _after_first_frame(self) -> None:
        """What the first frame does not need loads while the person reads it, so their first
        change, and the first screen they open, do not wait for it."""
        self.run_worker(get_ready_to_write, name="get ready to write", thread=True, exit_on_error=False)
        self._warn_of_a_synced_folder()
        if self.sync_keeper is not None:
            self.sync_keeper.changed(at_once=True)
        if not self.stylesheet.has_source(str(SCREEN_STYLES_PATH)):  # as Textual loads a screen's CSS_PATH
            self.stylesheet.read(SCREEN_STYLES_PATH)
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def _mail_waiting(self) -> None:
        """On opening: the messages a scan of your mailbox proposed, if any wait for y or n."""
        from followup_tui.services.mail_inbox import count_open

        if count_open(self.journal):
            self.action_mail_proposals()

    def action_mail_proposals(self) -> None:
        from followup_tui.services.mail_inbox import inbox

        from .mail_proposals import MailProposalsDialog

        waiting = inbox(self.journal)
        if not waiting:
            self.notify("No messages wait: followup mail scan reads your mailbox (or mail read, from mutt or aerc).")
            return
        self.push_screen(MailProposalsDialog(waiting))

    def _welcome(self) -> None:
        """The first run: who you are (skippable), then how to begin."""
        from .about_you import AboutYouDialog
        from .welcome import WelcomeDialog

        def begin(choice: str | None) -> None:
            if choice == "debrief":
                self.action_new_debrief()
            elif choice == "sample":
                self.action_load_sample_data()

        self.push_screen(AboutYouDialog(), lambda _: self.push_screen(WelcomeDialog(where(self.journal)), begin))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Pane keys work on the journal (and close help); a form keeps its keys to itself."""
        if action in ON_THE_PANES:
            return isinstance(self.screen, JournalScreen) or getattr(self.screen, "passes_pane_keys", False)
        if action == "add":
            pane = self.journal_screen.active_pane() if isinstance(self.screen, JournalScreen) else None
            return pane is not None and pane.ADDS is not None
        return True

    def action_add(self) -> None:
        """`n`: a new item of the active pane's own kind."""
        if pane := self.journal_screen.active_pane():
            pane.add()

    async def action_leave(self) -> None:
        """`q`: quit from the journal (in a form, q is just a letter)."""
        await self.action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c, pressed out of habit (in a text field it copies): how to quit from here."""
        if self.check_action("leave", ()):
            self.notify("Press q to quit followup.", title="Quit?")
        else:
            self.notify(
                "Press ctrl+q to quit followup (a form keeps what you typed as a draft), or esc to go back.",
                title="Quit?",
            )

    async def action_quit(self) -> None:
        """Quit, writing any open form's draft first: quitting never loses typed text."""
        from .autosave import AutosavingForm

        if isinstance(self.screen, AutosavingForm):
            self.screen.save_draft()
        self.exit()

    def get_default_screen(self) -> Screen:
        self.journal_screen = JournalScreen()
        return self.journal_screen

    def back_to_journal(self) -> None:
        """Close whatever is open over the panes."""
        while self.screen is not self.journal_screen:
            self.pop_screen()

    async def action_show_pane(self, pane_id: str) -> JournalPane:
        """Switch to a pane from anywhere, built and up to date."""
        self.back_to_journal()
        return await self.journal_screen.show(pane_id)

    def action_help(self) -> None:
        from .help_screen import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.screen.active_bindings))

    def action_load_sample_data(self) -> None:
        """Fill an empty journal with the demo search, so a newcomer can look around."""
        from followup_tui.services.demo import DemoRefused, fill_demo

        try:
            counts = fill_demo(self.journal)
        except DemoRefused:
            self.notify("Sample data only goes into an empty journal.", severity="warning")
            return
        self.reload_panes()
        if isinstance(self.screen, JournalScreen) and (pane := self.journal_screen.active_pane()):
            pane.focus_rows()
        self.notify(
            f"Loaded {counts['opportunities']} sample applications and "
            f"{counts['followups']} follow-ups. Start a fresh journal file for your real search."
        )

    def action_new_debrief(self) -> None:
        """ctrl+n: a new debrief, or the one left unsaved."""
        from .debrief_flows import new_debrief

        new_debrief(self)

    def action_insights(self) -> None:
        from .insights_screen import InsightsScreen

        self.push_screen(InsightsScreen())

    def action_prepare(self) -> None:
        from .prep_screen import open_prep

        open_prep(self)

    def action_story_bank(self) -> None:
        from .story_bank import open_story_bank

        open_story_bank(self)

    def action_settings(self) -> None:
        from .settings_screen import SettingsScreen

        self.push_screen(SettingsScreen())

    def on_journal_changed(self, message: JournalChanged) -> None:
        """The one place a change reaches: remembered for `u`, redrawn, and said (and, with a sync
        folder set, sent to the other machines a moment later)."""
        if self.sync_keeper is not None:
            self.sync_keeper.changed()
        if message.undo is not None:
            self.undos[message.pane_id] = message.undo
            self._redraw_journal(select=message.undo.select)
            self.notify(f"{message.said or sentence(message.undo.label)}. u undoes it.")
            return
        self._redraw_journal(select=message.select)
        if message.said:
            self.notify(message.said)

    def _redraw_journal(self, select: str | None = None) -> None:
        """Redraw the panes and any card open over them, after a write; `select` a row by its key."""
        from .record_screen import RecordScreen

        self.keep_feed_current()
        self.reload_panes()
        for screen in self.screen_stack:
            if isinstance(screen, RecordScreen):
                screen.refresh_record()
        if select is not None:
            for pane in self.journal_screen.query(JournalPane):  # those built so far
                pane.select_row(select)
        self.refresh_bindings()

    def keep_feed_current(self) -> None:
        """After a change: the calendar feed, if one is set, is rewritten in the background."""
        if self.feed is not None and feed_path(self.journal) is not None:
            self.feed.changed()

    def _feed_failed(self, problem: str) -> None:
        """Said once from the feed's thread: the change itself is saved."""
        message = f"{problem[:1].upper()}{problem[1:]}. Your change is saved; the feed catches up when it can."
        try:
            self.call_from_thread(self.notify, message, title="Calendar feed", severity="warning", timeout=10)
        except RuntimeError:  # the app has already closed
            pass

    async def on_unmount(self) -> None:
        if self.feed is not None:
            self.feed.finish()
        if self.sync_keeper is not None:
            self.sync_keeper.finish()

    def _warn_of_a_synced_folder(self) -> None:
        from followup_tui.services.sync import warning_once

        try:
            warning = warning_once(self.journal)
        except Exception:  # a warning that cannot be given is no reason to stop
            return
        if warning:
            self.notify(f"{sentence(warning)}.", title="Synced folder", severity="warning", timeout=15)

    def _synced(self, synced) -> None:
        """Said from the sync's thread: what arrived is drawn, and what was set aside offered."""
        try:
            self.call_from_thread(self._show_synced, synced)
        except RuntimeError:  # the app has already closed
            pass

    def _show_synced(self, synced) -> None:
        from followup_tui.domain.counts import counted

        if synced.arrived:
            self.watch.changed_elsewhere()  # taken in here, not at the next key
            self._redraw_journal()
            self.notify(f"Synced: {counted(synced.arrived, 'change')} arrived from your other machines.", title="Sync")
        if synced.conflicts:
            self.notify(
                f"The sync set {counted(len(synced.conflicts), 'thing')} aside for you to choose:"
                " ctrl+p, then Sync: what was set aside.",
                title="Sync",
                severity="warning",
                timeout=12,
            )
        if synced.waiting:
            more = len(synced.waiting) - 1
            also = f" ({counted(more, 'other device')} waiting too: followup sync says which.)" if more else ""
            self.notify(f"{sentence(synced.waiting[0])}.{also}", title="Sync", severity="warning", timeout=10)

    def _sync_failed(self, problem: str) -> None:
        try:
            self.call_from_thread(self.notify, f"{sentence(problem)}.", title="Sync", severity="warning", timeout=10)
        except RuntimeError:
            pass

    def action_sync_conflicts(self) -> None:
        """One dialog per thing a sync set aside, until all are settled or the person says later."""
        from followup_tui.services.sync import conflicts

        waiting = conflicts(self.journal)
        if not waiting:
            self.notify("Nothing is set aside: every sync so far settled itself.", title="Sync")
            return
        self._offer_conflict(waiting)

    def _offer_conflict(self, waiting) -> None:
        from followup_tui.services.journal import StoreError
        from followup_tui.services.sync import settle

        from .sync_conflict_dialog import SyncConflictDialog

        first, rest = waiting[0], waiting[1:]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            try:
                settle(self.journal, first.id, "this" if choice == "dismiss" else choice)
            except StoreError as error:  # settled meanwhile on another machine, or the journal busy
                self.notify(f"{sentence(str(error))}.", title="Sync", severity="warning")
                return
            self._redraw_journal()
            if self.sync_keeper is not None:
                self.sync_keeper.changed()
            if rest:
                self._offer_conflict(rest)

        self.push_screen(SyncConflictDialog(first, len(rest)), chosen)

    def reload_panes(self) -> None:
        """Redraw the panes already shown; the others read the store when first shown."""
        for pane in self.journal_screen.query(JournalPane):
            if pane.loaded:
                pane.reload()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for pane in PANES:
            yield SystemCommand(
                f"Show {pane.title}",
                pane.purpose.capitalize(),
                lambda pane_id=pane.id: self.call_later(self.action_show_pane, pane_id),
            )
        if is_empty(self.journal):
            yield SystemCommand(
                "Load sample data", "Fill this empty journal with a made-up job search", self.action_load_sample_data
            )
        yield SystemCommand("Insights", "What your debriefs teach, and how follow-ups go", self.action_insights)
        yield SystemCommand(
            "Prepare the next interview",
            "Who you will meet, what they asked before, your gaps, open loops, pay said",
            self.action_prepare,
        )
        yield SystemCommand(
            "Story bank",
            "Your STAR stories: tagged, linked to the questions they answer, offered on the prep sheet",
            self.action_story_bank,
        )
        yield SystemCommand(
            "Mail proposals",
            "What messages in your mailbox may mean: y applies one, n dismisses it",
            self.action_mail_proposals,
        )
        yield SystemCommand(
            "Sync: what was set aside",
            "Two versions of a text changed on two machines: keep one, or both",
            self.action_sync_conflicts,
        )
        yield SystemCommand(
            "Settings", "Your name and signature, the follow-up rules, message templates", self.action_settings
        )
        yield SystemCommand("Help", "Every key, and what each pane is for", self.action_help)
        # Of Textual's own, the two that mean something here, behind the journal's (Keys,
        # Maximize and Screenshot are for developing an app, not for keeping a journal).
        yield SystemCommand("Theme", "Change the colours of the app", self.action_change_theme)
        yield SystemCommand("Quit", "Quit followup; an open form keeps what you typed as a draft", self.action_quit)
