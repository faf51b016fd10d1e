"""Timeline: every follow-up, grouped Overdue / Today / This week / Later / Done."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from followup_tui.domain.models import Direction, FollowupListing, FollowupStatus
from followup_tui.domain.timeline import (
    Group,
    describe_due,
    describe_since,
    group_timeline,
)
from followup_tui.services.pipeline import pipeline_nudge

from .cells import cell, one_line
from .pane import JournalPane

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
        "and check-ins spaced so they are never pushy; they appear here, the next action first."
    )

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-nudge", classes="nudge", markup=False)
        yield from super().compose()

    def reload(self) -> None:
        super().reload()
        nudge = pipeline_nudge(self.app.store)
        banner = self.query_one("#timeline-nudge", Static)
        banner.update(f"{nudge.text} (on the Pipeline, 4)" if nudge else "")
        banner.display = nudge is not None

    def make_list(self) -> OptionList:
        return OptionList(id="timeline-list", classes="rows")

    def fill(self) -> int:
        rows = self.query_one(OptionList)
        kept = rows.highlighted_option.id if rows.highlighted_option else None
        today = self.app.clock.today()
        options: list[Option] = []
        groups = group_timeline(self.app.store.list_followups(), today)
        for timeline_group in groups:
            heading = Content.assemble(
                (timeline_group.group.value, GROUP_STYLES[timeline_group.group]),
                (f"  {len(timeline_group.entries)}", "dim"),
            )
            options.append(Option(heading, id=f"group-{timeline_group.group.name}", disabled=True))
            options.extend(
                Option(_row(entry, timeline_group.group, today), id=f"followup-{entry.followup.id}")
                for entry in timeline_group.entries
            )
        rows.set_options(options)
        rows.highlighted = _index_of(rows, kept) if kept else None
        if rows.highlighted is None:
            rows.action_first()  # the first follow-up, not a group heading
        return sum(len(g.entries) for g in groups)


def _index_of(rows: OptionList, option_id: str) -> int | None:
    try:
        return rows.get_option_index(option_id)
    except OptionDoesNotExist:
        return None


def _row(entry: FollowupListing, group: Group, today: date) -> Content:
    followup = entry.followup
    if group is Group.DONE:
        closed = followup.done_at.astimezone().date() if followup.done_at else followup.due_on
        when = describe_since(closed, today)
    else:
        when = describe_due(followup.due_on, today)
    arrow = "←" if followup.direction is Direction.INBOUND else "→"
    when_style = "bold $text-error" if group is Group.OVERDUE else ""
    subject = Content(one_line(followup.subject))
    if followup.status is FollowupStatus.SKIPPED:
        subject = Content.assemble("skipped: ", subject).stylize("dim")
    return Content.assemble(
        cell(when, 16, when_style),
        cell(f"{arrow} {followup.kind.label}", 16),
        cell(entry.contact_name or "—", 18),
        cell(entry.company, 20, "bold"),
        subject,
    )
