"""The inbox of proposals: what messages in your mailbox may mean, beside what would change.
`y` applies the highlighted one (one change, `u` takes it back), `n` puts it away; nothing is
written otherwise."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.services import mail_inbox
from followup_tui.services.mail_inbox import ProposalView

from .cells import one_line
from .dialog import Dialog
from .messages import JournalChanged
from .plain import Plain
from .writes import writes


class MailProposalsDialog(Dialog[None]):
    """Lists every open proposal; the highlighted one in full below the list."""

    DEFAULT_CSS = """
    MailProposalsDialog #confirm-dialog {
        width: 96;
        max-height: 100%;
        padding: 0 2;
    }
    MailProposalsDialog #proposals {
        height: auto;
        max-height: 7;
        margin: 1 0 0 0;
    }
    MailProposalsDialog #proposal-message {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $primary;
        max-height: 6;
    }
    MailProposalsDialog #proposal-change {
        margin: 1 0 0 0;
        text-style: bold;
        color: $accent;
    }
    """

    BINDINGS = [
        Binding("y", "apply", "Apply", id="mail.apply"),
        Binding("n", "dismiss_one", "Dismiss", id="mail.dismiss"),
        Binding("e", "edit", "Edit first", id="mail.edit"),
        Binding("escape", "close", "Later", id="mail.later"),
    ]

    def __init__(self, proposals: list[ProposalView]):
        super().__init__()
        self.proposals = proposals

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="harmless"):
            yield Static(mail_inbox.inbox_title(len(self.proposals)), id="confirm-question")
            yield OptionList(*self._options(), id="proposals")
            yield Plain("", id="proposal-message")
            yield Plain("", id="proposal-change")
            yield Static(
                "y applies it (u undoes) · e edits it first · n dismisses it · esc: later", id="confirm-detail"
            )

    def _options(self) -> list[Option]:
        return [  # a sender or a subject is text, never markup
            Option(Content(one_line(f"{p.meaning:<10} {p.when:<11} {p.who} — {p.subject}")), id=f"proposal-{p.id}")
            for p in self.proposals
        ]

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._show(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    @property
    def chosen(self) -> ProposalView | None:
        index = self.query_one(OptionList).highlighted
        return self.proposals[index] if index is not None and index < len(self.proposals) else None

    def _show(self, index: int) -> None:
        if not self.proposals:
            return
        p = self.proposals[min(index, len(self.proposals) - 1)]
        self.query_one("#proposal-message", Plain).update(
            f"From {p.sender}, {p.when}\nSubject: {p.subject}\n\n{p.first_lines or '(no text)'}"
        )
        self.query_one("#proposal-change", Plain).update(f"y: {p.change}")

    @writes
    def action_apply(self) -> None:
        if (p := self.chosen) is None:
            return
        undo = mail_inbox.apply(self.app.journal, p.id)
        self.app.post_message(JournalChanged(undo=undo, pane_id="timeline"))
        self._next()

    def action_edit(self) -> None:
        """`e`: a reply opens in the reply form, filled from the message, to check before saving."""
        from .reply_dialog import ReplyDialog

        if (p := self.chosen) is None:
            return
        form = mail_inbox.reply_form(self.app.journal, p.id)
        if form is None:
            self.app.notify("This change has no form to open: y applies it as shown, n dismisses it.")
            return
        self.app.push_screen(ReplyDialog(form.followup_id, form.filled), lambda undo: self._recorded(p.id, undo))

    @writes
    def _recorded(self, proposal_id: int, undo) -> None:
        """The reply saved from its form (or None: cancelled, and the proposal waits)."""
        if undo is not None:
            undone = mail_inbox.applied_by_hand(self.app.journal, proposal_id, undo)
            self.app.post_message(JournalChanged(undo=undone, pane_id="timeline"))
            self._next()

    @writes
    def action_dismiss_one(self) -> None:
        if (p := self.chosen) is None:
            return
        mail_inbox.dismiss(self.app.journal, p.id)
        self.app.notify(f"Dismissed: {p.subject}")
        self._next()

    def _next(self) -> None:
        """The list as it is now; closed once none is left."""
        self.proposals = mail_inbox.inbox(self.app.journal)
        if not self.proposals:
            self.dismiss(None)
            return
        listing = self.query_one(OptionList)
        was = listing.highlighted or 0
        listing.clear_options()
        listing.add_options(self._options())
        listing.highlighted = min(was, len(self.proposals) - 1)
        self.query_one("#confirm-question", Static).update(mail_inbox.inbox_title(len(self.proposals)))
        self._show(listing.highlighted)

    def action_close(self) -> None:
        self.dismiss(None)
