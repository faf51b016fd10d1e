"""Week: this week against the one before, the weekly goal and its streak, and the applications
that have stalled, each with the one thing to do next. `[` and `]` step through the weeks."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.domain.models import Status
from followup_tui.domain.week import COUNTED, NOTHING_COUNTED, Stalled, change_told, streak_told
from followup_tui.services.journal import is_empty
from followup_tui.services.week import PLANNED_AS, WeekReview, plan_next_step, week_review

from . import application_flows
from .cells import one_line
from .messages import JournalChanged
from .pane import SAMPLE_DATA_HINT, JournalPane
from .plain import Plain

NOTHING_STALLED = "Nothing stalled: every open application has a step planned or has moved in the last two weeks."


class WeekPane(JournalPane):
    BINDINGS = [
        Binding("left_square_bracket", "earlier", "Week before", key_display="[", id="week.earlier"),
        Binding("right_square_bracket", "later", "Week after", key_display="]", id="week.later"),
        Binding("p", "plan", "Plan it", id="week.plan"),
        Binding("g", "status('ghosted')", "Mark ghosted", id="week.ghosted"),
        Binding("w", "status('withdrawn')", "Withdraw", id="week.withdrawn"),
        Binding("u", "undo", "Undo", id="week.undo"),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("end", "scroll_end", "End", show=False),
        Binding("home", "scroll_home", "Home", show=False),
    ]
    """The pane scrolls as a whole (the list of people losing touch comes under the stalled ones):
    with the pane focused these keys scroll it, with the list focused they move in the list."""
    can_focus = True
    """With nothing stalled there is no list to hold the focus: the pane does, for `[` and `]`."""
    weeks_back: int = 0
    """Which week is on show: 0 this week, 1 the week before, and so on."""
    review: WeekReview | None = None

    def compose(self) -> ComposeResult:
        yield Plain(id="week-heading")
        yield Plain(id="week-counts")
        yield Plain(id="week-goal")
        yield Plain(classes="empty-state")
        yield Plain(id="week-stalled-heading")
        yield self.make_list()
        yield Plain(id="week-losing-touch-heading")
        yield Plain(id="week-losing-touch")

    def make_list(self) -> Widget:
        return OptionList(id="week-stalled", classes="rows")

    def reload(self) -> None:
        self.loaded = True
        self.review = review = week_review(self.app.journal, self.weeks_back)
        self.journal_is_empty = is_empty(self.app.journal)
        today = review.today
        self.query_one("#week-heading", Static).update(review.week.told(today))
        self.query_one("#week-counts", Static).update(_counts_table(review))
        self.query_one("#week-goal", Static).update(
            f"Goal: {review.goal_line}\n{streak_told(review.streak, review.is_this_week)}"
        )
        empty = self.query_one(".empty-state", Static)
        note = NOTHING_COUNTED
        if self.journal_is_empty:
            note = f"{note}\n\n{SAMPLE_DATA_HINT}"
        empty.update(note)
        empty.display = review.counts.is_empty
        heading = f"Stalled now · {len(review.stalled) + review.more_stalled}" if review.stalled else NOTHING_STALLED
        if review.more_stalled:
            heading += f" ({len(review.stalled)} silent longest shown)"
        if review.stalled:
            heading += " · enter opens · p plans it · g ghosted · w withdraw"
        self.query_one("#week-stalled-heading", Static).update(heading)
        stalled_list = self.query_one("#week-stalled", OptionList)
        highlighted = stalled_list.highlighted
        stalled_list.set_options(
            Option(Content(f"{one_line(s.headline)}\n  → {s.advice}"), id=f"opportunity-{s.opportunity_id}")
            for s in review.stalled
        )
        if review.stalled:
            stalled_list.highlighted = min(highlighted or 0, len(review.stalled) - 1)
        if not review.stalled and stalled_list.has_focus:
            self.focus()  # the keys stay with the pane when its list empties
        stalled_list.display = bool(review.stalled)
        if review.stalled and self.has_focus:
            stalled_list.focus()  # and go back to the list when it fills again
        heading, losing = (
            self.query_one("#week-losing-touch-heading", Static),
            self.query_one("#week-losing-touch", Static),
        )
        heading.update(_losing_touch_heading(review))
        losing.update("\n".join(one_line(person.told(review.today)) for person in review.losing_touch))
        heading.display = losing.display = bool(review.losing_touch)
        self.refresh_bindings()

    def focus_rows(self) -> None:
        stalled_list = self.query_one("#week-stalled", OptionList)
        if stalled_list.display:
            stalled_list.focus()
        else:
            self.focus()

    def action_earlier(self) -> None:
        self.weeks_back += 1
        self.reload()

    def action_later(self) -> None:
        if self.weeks_back:
            self.weeks_back -= 1
            self.reload()

    def selected_id(self) -> int | None:
        stalled_list = self.query_one("#week-stalled", OptionList)
        if not stalled_list.display or stalled_list.highlighted is None:
            return None
        option = stalled_list.get_option_at_index(stalled_list.highlighted)
        return int(option.id.removeprefix("opportunity-"))

    def selected(self) -> Stalled | None:
        """The stalled application under the cursor, as the pane shows it."""
        opportunity_id = self.selected_id()
        shown = self.review.stalled if self.review else []
        return next((s for s in shown if s.opportunity_id == opportunity_id), None)

    def action_plan(self) -> None:
        """`p`: its check-in or closing note on the Timeline, due today."""
        if (stalled_one := self.selected()) is None:
            return
        if (undo := plan_next_step(self.app.journal, stalled_one)) is not None:
            said = f"{undo.label.capitalize()}: {stalled_one.company} is on the Timeline"
            self.post_message(JournalChanged(undo=undo, pane_id="week", said=said))

    def action_status(self, status: str) -> None:
        if (opportunity_id := self.selected_id()) is not None:
            application_flows.change_status(self.app, opportunity_id, Status(status), pane_id="week")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "later":
            return self.weeks_back > 0
        if action == "status":
            return self.selected_id() is not None
        if action == "plan":
            return (stalled_one := self.selected()) is not None and stalled_one.action in PLANNED_AS
        return super().check_action(action, parameters)

    @on(OptionList.OptionSelected, "#week-stalled")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from .application_view import open_application

        open_application(self.app, int(event.option.id.removeprefix("opportunity-")))

    @on(OptionList.OptionHighlighted, "#week-stalled")
    def _moved(self) -> None:
        self.refresh_bindings()


def _counts_table(review: WeekReview) -> str:
    """Each count this week and the week before, and how it moved: plain columns, no markup."""
    now, before = ("This week", "Last week") if review.is_this_week else ("That week", "Week before")
    label_width = max(len(label) for _, label in COUNTED)
    lines = [f"{'':<{label_width}}  {now:>10}  {before:>11}"]
    for field, label in COUNTED:
        a, b = getattr(review.counts, field), getattr(review.before, field)
        lines.append(f"{label:<{label_width}}  {a:>10}  {b:>11}  {change_told(a, b)}")
    return "\n".join(lines)


def _losing_touch_heading(review: WeekReview) -> str:
    """ "Losing touch · 2": people of ended processes whose keeping-in-touch note is due, or out of touch too long."""
    heading = f"Losing touch · {len(review.losing_touch) + review.more_losing_touch}"
    if review.more_losing_touch:
        heading += f" ({len(review.losing_touch)} longest out of touch shown)"
    return heading
