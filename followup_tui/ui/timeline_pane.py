"""Timeline: every follow-up, grouped Overdue / Today / This week / Later / Done, acted on by key."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import describe_due, describe_since, long_day
from followup_tui.domain.models import Direction, Followup, FollowupListing, FollowupStatus
from followup_tui.domain.story import LATE
from followup_tui.domain.text import sentence
from followup_tui.domain.timeline import Group
from followup_tui.services import followups as actions
from followup_tui.services.pipeline import pipeline_nudge

from .cells import cell, one_line
from .followup_keys import FOLLOWUP_KEYS
from .messages import JournalChanged
from .pane import JournalPane
from .plain import Plain

QUICK_ACTIONS = {"complete": actions.complete, "snooze": actions.snooze, "skip": actions.skip}
"""The one-key actions on the highlighted follow-up, by the name their bindings give."""

GROUP_STYLES = {
    Group.OVERDUE: "bold $error",
    Group.TODAY: "bold $warning",
    Group.THIS_WEEK: "bold $accent",
    Group.LATER: "bold $primary",
    Group.DONE: "bold",
}


class TimelinePane(JournalPane):
    EMPTY = (
        "No follow-ups yet.\n\n"
        "When you record an interview, followup plans a thank-you to each interviewer "
        "and check-ins spaced so they are never pushy; they appear here, the next action first. "
        "Press n to add one by hand."
    )
    BINDINGS = [
        *(Binding(key, action, label, id=f"timeline.{name}") for key, action, label, name in FOLLOWUP_KEYS),
        Binding("u", "undo", "Undo", id="timeline.undo"),
        Binding("p", "person", "Their card", show=False, id="timeline.person"),
        Binding("h", "toggle_done", "Show done", id="timeline.toggle-done"),
    ]

    show_done = False
    warnings: dict[int, str] = {}
    missing_email: dict[int, str] = {}
    columns: Columns | None = None
    warnings_ready = False
    _filled = 0
    shown: dict[int, Followup]
    closed_count = 0
    """Each row's follow-up as the list shows it: a key acts on that, or says it changed elsewhere."""

    def compose(self) -> ComposeResult:
        self.shown = {}
        yield Plain(id="timeline-nudge", classes="nudge")
        yield from super().compose()
        warning = Plain(id="timeline-warning")
        warning.display = False
        yield warning

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._explain_highlighted()

    def _explain_highlighted(self) -> None:
        """Under the list, why the highlighted row is flagged: the guard's reason, or a missing email."""
        selected = self.selected() or -1
        text = ""
        if (warning := self.warnings.get(selected)) and LATE in warning:
            text = f"! {sentence(warning)} (c)."
        elif warning:
            text = f"! A little pushy? {warning}. Go ahead if it is worth it."
        elif name := self.missing_email.get(selected):
            text = f"@ {name} has no email address yet — p opens their card to add one."
        line = self.query_one("#timeline-warning", Static)
        line.update(text)
        line.display = bool(text)

    def on_resize(self) -> None:
        if self.loaded and columns_for(self._list_width()) != self.columns:
            self.fill()

    def _list_width(self) -> int:
        """Cells a row has: the pane's width, less the list's scrollbar and padding."""
        return (self.size.width or self.app.size.width) - 4

    def make_list(self) -> OptionList:
        return OptionList(id="timeline-list", classes="rows")

    def reload(self) -> None:
        super().reload()
        nudge = pipeline_nudge(self.app.journal)
        banner = self.query_one("#timeline-nudge", Static)
        banner.update(f"{nudge.text} Press 4, then n." if nudge else "")
        banner.display = nudge is not None

    def fill(self) -> int:
        """The Timeline page from the journal. The first fill puts up a screenful without the
        guard's flags, so the first frame comes at once; the whole page, flagged, follows it."""
        rows = self.query_one(OptionList)
        kept = rows.highlighted_option.id if rows.highlighted_option else None
        kept_index = rows.highlighted
        today = self.app.clock.today()
        first_time = not self.warnings_ready
        screenful = self.app.size.height
        reading = screenful if first_time else actions.GROUP_LIMIT
        page = actions.timeline_page(self.app.journal, show_done=self.show_done, reading=reading)
        warnings = {} if first_time else actions.pushy_flags(self.app.journal, page.entries)
        self.warnings = warnings
        self.missing_email = {e.followup.id: e.contact_name for e in page.entries if needs_email(e)}
        self.shown = {e.followup.id: e.followup for e in page.entries}
        self.closed_count = page.closed_count
        self.columns = columns_for(self._list_width())
        options = self._options(page, today, warnings)
        rows.set_options(islice(options, screenful) if first_time else options)
        _keep_place(rows, kept, kept_index)
        self._filled += 1
        if first_time:
            self.call_after_refresh(self._fill_whole_page, self._filled)
        return sum(group.total for group in page.groups) + (0 if self.show_done else page.closed_count)

    def _options(self, page: actions.TimelinePage, today: date, warnings: dict[int, str]) -> Iterator[Option]:
        """The page's rows, each group under its heading, as the list shows them."""
        for group in page.groups:
            yield _heading(group.group, group.total, hidden=False, more=group.more)
            for entry in group.entries:
                row = _row(entry, group.group, today, warnings.get(entry.followup.id), self.columns)
                yield Option(row, id=f"followup-{entry.followup.id}")
        if page.closed_count and not self.show_done:
            yield _heading(Group.DONE, page.closed_count, hidden=True, more=0)

    def _fill_whole_page(self, filled: int) -> None:
        """Once the first frame is up: every row of the page, with the guard's flags."""
        self.warnings_ready = True
        if filled == self._filled:  # else a later fill is on its way, and does this itself
            self.fill()
            self._explain_highlighted()

    # -- acting on the highlighted follow-up -------------------------------------------------

    def selected(self) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id or not option.id.startswith("followup-"):
            return None
        return int(option.id.removeprefix("followup-"))

    ROW_ACTIONS = frozenset({*(action.partition("(")[0] for _, action, _, _ in FOLLOWUP_KEYS), "person"})
    """The keys that act on the highlighted follow-up: not offered while there is none."""

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in self.ROW_ACTIONS:
            return self.selected() is not None
        if action == "toggle_done":  # offered once something is done, to show or hide
            return self.show_done or self.closed_count > 0
        return super().check_action(action, parameters)

    def highlighted_state(self) -> object:
        followup_id = self.selected()
        return followup_id, self.shown.get(followup_id)

    def _as_shown(self, followup_id: int):
        """The follow-up's details, when it is still as the row shows it (else ChangedElsewhere)."""
        return actions.followup_details(self.app.journal, followup_id, self.shown.get(followup_id))

    def _done_with(self, undo: actions.Undo) -> None:
        self.post_message(JournalChanged(undo=undo, pane_id="timeline"))

    def action_act(self, name: str) -> None:
        if (followup_id := self.selected()) is not None:
            self._done_with(QUICK_ACTIONS[name](self.app.journal, followup_id, self.shown.get(followup_id)))

    def action_compose(self) -> None:
        """`c`: write the message for the highlighted follow-up — or, for a step that is not a
        message (a note, the next interview), its notes."""
        if (followup_id := self.selected()) is None:
            return
        details = self._as_shown(followup_id)
        if not details.followup.kind.has_draft:
            self.notify(f"A {details.followup.kind.label} is not a message: its notes are here.")
            self._open_form(followup_id, "Follow-up saved")
            return
        if details.stale is not None:
            self._offer_to_fold(details)
            return
        self._open_composer(followup_id)

    def _offer_to_fold(self, details: actions.FollowupDetails) -> None:
        """A thank-you too late to send as one: fold it into the next check-in, skip it, or write it."""
        from .stale_dialog import StaleThankYouDialog

        followup = details.followup

        def chosen(choice: str | None) -> None:
            if choice == "write":
                self._open_composer(followup.id)
            elif choice in ("fold", "skip"):
                act = actions.fold_into_check_in if choice == "fold" else actions.skip
                self._done_with(act(self.app.journal, followup.id, followup))

        person = details.person.name if details.person else ""
        dialog = StaleThankYouDialog(details.stale, self.app.clock.today(), person, details.stale_to)
        self.app.push_screen(dialog, chosen)

    def _open_composer(self, followup_id: int) -> None:
        from .composer import ComposerScreen

        def closed(sent) -> None:
            if sent is not None:
                self.last_action = None
            next_step = sent.next_step if sent is not None else None
            self.post_message(JournalChanged(select=f"followup-{next_step.id}" if next_step else None))
            if sent is not None:
                self.notify(_after_sending(sent, self.app.clock.today()), timeout=8)

        self.app.push_screen(ComposerScreen(followup_id), closed)

    def action_reschedule(self) -> None:
        if (followup_id := self.selected()) is None:
            return
        details = self._as_shown(followup_id)
        shown = details.followup
        from .date_prompt import DatePrompt

        def chosen(day: date | None) -> None:
            if day is not None:
                undo = actions.reschedule(self.app.journal, followup_id, day, shown)
                self._done_with(undo)
                self._warn_about(followup_id)

        what = shown.subject or (details.opportunity.company if details.opportunity else shown.kind.label)
        question = f"Move “{what}” from {long_day(shown.due_on, self.app.clock.today())} to:"
        self.app.push_screen(DatePrompt(question), chosen)

    def action_reply(self) -> None:
        """`i`: a reply came — what they said, when they decide, and the check-ins it makes premature."""
        if (followup_id := self.selected()) is None:
            return
        details = self._as_shown(followup_id)
        if details.opportunity is None:
            self.notify("This note is about the whole search: no one is there to reply.")
            return
        from .reply_dialog import ReplyDialog

        def recorded(undo: actions.Undo | None) -> None:
            if undo is not None:
                self._done_with(undo)

        self.app.push_screen(ReplyDialog(followup_id), recorded)

    def action_person(self) -> None:
        """`p`: the card of the highlighted follow-up's person, to add an email, say."""
        if (followup_id := self.selected()) is None:
            return
        details = self._as_shown(followup_id)
        if details.person is None:
            self.notify("This follow-up names nobody: e sets who it is for.")
            return
        from .contact_card import open_contact

        open_contact(self.app, details.person.id)

    def action_toggle_done(self) -> None:
        self.show_done = not self.show_done
        self.reload()

    ADDS = "a follow-up"

    def add(self) -> None:
        self._open_form(None, "Follow-up added")

    def action_edit(self) -> None:
        """`e`: correct the highlighted follow-up — what, to whom, kind, day, notes."""
        if (followup_id := self.selected()) is not None:
            self._as_shown(followup_id)
            self._open_form(followup_id, "Follow-up saved")

    def _open_form(self, followup_id: int | None, message: str) -> None:
        from .followup_form import FollowupFormDialog

        def closed(result: tuple | None) -> None:
            if result is None:
                return
            undo, warnings, prepare = result
            self.post_message(JournalChanged(undo=undo, pane_id="timeline", said=message))
            if warnings:
                self.notify("; ".join(warnings), title="A little pushy?", severity="warning", timeout=8)
            if prepare is not None and prepare[1] is not None:
                self._offer_prepare(*prepare)

        self.app.push_screen(FollowupFormDialog(followup_id), closed)

    def _offer_prepare(self, opportunity_id: int, step) -> None:
        """A next interview was planned: offer the note to prepare for it the business day before."""
        from .confirm import ConfirmDialog

        day = long_day(step.due_on, self.app.clock.today())

        def answered(yes: bool | None) -> None:
            if yes:
                undo = actions.plan_prepare(self.app.journal, opportunity_id, step)
                self.post_message(JournalChanged(undo=undo, pane_id="timeline", said="Planned: " + step.subject))

        question = f"Plan a note for {day}: {step.subject}?"
        detail = "It opens the prep sheet (p) and reaches your calendar feed and `followup notify` like any step."
        self.app.push_screen(
            ConfirmDialog(question, yes="Plan it", no="Not now", detail=detail, variant="primary"), answered
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (followup_id := self.selected()) is not None:
            try:
                self._as_shown(followup_id)
            except actions.ChangedElsewhere as error:
                self.app.tell_changed_elsewhere(error)
                return
            actions_by_key = {key: action for key, action, _, _ in FOLLOWUP_KEYS}

            shown = self.shown.get(followup_id)

            def chosen(key: str | None) -> None:
                if key == "prepare" and shown is not None and shown.opportunity_id is not None:
                    from .prep_screen import open_prep

                    open_prep(self.app, shown.opportunity_id)
                elif key in actions_by_key:  # the details were of the highlighted follow-up: act on it here
                    actions.followup_as_shown(self.app.journal, followup_id, shown)  # as the dialog showed it
                    self.call_later(self.run_action, actions_by_key[key])

            from .followup_details import FollowupDetails

            self.app.push_screen(FollowupDetails(followup_id), chosen)

    def select_followup(self, followup_id: int | None) -> None:
        self.select_row(f"followup-{followup_id}")

    def select_row(self, key: str) -> None:
        rows = self.query_one(OptionList)
        try:
            rows.highlighted = rows.get_option_index(key)
        except OptionDoesNotExist:
            pass

    def _warn_about(self, followup_id: int) -> None:
        if warnings := actions.warnings_about(self.app.journal, followup_id):
            self.notify("; ".join(warnings), title="A little pushy?", severity="warning", timeout=8)


def _heading(group: Group, total: int, *, hidden: bool, more: int) -> Option:
    note = "  — h shows them" if hidden else f"  — and {more:,} more after these" if more > 0 else ""
    counted = f"{total:,}+" if total >= actions.COUNTED_UP_TO else f"{total:,}"
    label = Content.assemble((group.value, GROUP_STYLES[group]), (f"  {counted}", "dim"), (note, "dim italic"))
    return Option(label, id=f"group-{group.name}", disabled=True)


def _after_sending(sent, today: date) -> str:
    """What marking a message sent did, in a sentence."""
    step = sent.next_step
    if step is None:
        return "Marked sent. Nothing more is planned: enough check-ins went unanswered — time to move on."
    planned = "planned" if sent.planned_now else "already planned"
    said = f"Marked sent. Next, {planned}: {step.kind.label} “{step.subject}”, {describe_due(step.due_on, today)}"
    if sent.stale is not None:
        return f"{said} — {sent.stale.told(today)} (c)."
    return f"{said}."


def _keep_place(rows: OptionList, kept: str | None, kept_index: int | None) -> None:
    """The same follow-up stays highlighted; if it moved away, the one now in its place does."""
    if kept:
        try:
            rows.highlighted = rows.get_option_index(kept)
            return
        except OptionDoesNotExist:
            pass
    if kept_index is None or not rows.option_count:
        rows.action_first()  # the first follow-up, not a group heading
        return
    index = min(kept_index, rows.option_count - 1)
    while index < rows.option_count - 1 and rows.get_option_at_index(index).disabled:
        index += 1
    while index > 0 and rows.get_option_at_index(index).disabled:
        index -= 1
    rows.highlighted = index


@dataclass(frozen=True)
class Columns:
    """How wide each column of a Timeline row is; 0 leaves a column out. The subject takes the rest."""

    when: int
    kind: int
    person: int
    company: int

    @property
    def fixed(self) -> int:
        """Cells taken before the subject: the flag, and each column shown with its gutter."""
        return FLAG + sum(width + 2 for width in (self.when, self.kind, self.person, self.company) if width)


FLAG = 2
"""The flag cell starting each row: `!` the guard would flag it, `@` its person has no email."""

LAYOUTS = (
    Columns(when=16, kind=16, person=18, company=20),
    Columns(when=15, kind=14, person=14, company=16),
    Columns(when=15, kind=13, person=0, company=14),
    Columns(when=12, kind=12, person=0, company=12),
    Columns(when=12, kind=0, person=0, company=12),
)
"""From the widest terminal to the narrowest: the person goes first, then the kind; the subject
always keeps at least SUBJECT cells."""

SUBJECT = 26


def columns_for(width: int) -> Columns:
    """The widest layout that leaves the subject its room in a list `width` cells wide."""
    return next((layout for layout in LAYOUTS if width - layout.fixed >= SUBJECT), LAYOUTS[-1])


def _row(entry: FollowupListing, group: Group, today: date, warning: str | None, columns: Columns) -> Content:
    followup = entry.followup
    if group is Group.DONE:
        closed = local_day(followup.done_at) if followup.done_at else followup.due_on
        when = describe_since(closed, today)
    else:
        when = describe_due(followup.due_on, today)
    arrow = "←" if followup.direction is Direction.INBOUND else "→"
    when_style = "bold $text-error" if group is Group.OVERDUE else ""
    subject = Content(one_line(followup.subject))
    if followup.status is FollowupStatus.SKIPPED:
        subject = Content.assemble("skipped: ", subject).stylize("dim")
    if warning:  # flagged here; the line under the list explains the highlighted one
        flag = Content.styled("! ", "bold $text-warning")
    elif needs_email(entry):
        flag = Content.styled("@ ", "$text-warning")
    else:
        flag = Content("  ")
    parts = [flag, cell(when, columns.when, when_style)]
    if columns.kind:
        parts.append(cell(f"{arrow} {followup.kind.label}", columns.kind))
    if columns.person:
        parts.append(cell(entry.contact_name or "—", columns.person))
    if columns.company:
        parts.append(cell(entry.company, columns.company, "bold") if entry.company else cell("—", columns.company))
    return Content.assemble(*parts, subject)


def needs_email(entry: FollowupListing) -> bool:
    """A message still to send to someone whose card has no email address."""
    followup = entry.followup
    return (
        followup.status is FollowupStatus.PLANNED
        and followup.kind.is_message
        and entry.contact_name is not None
        and not entry.contact_has_email
    )
