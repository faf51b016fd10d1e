"""The activity record, as `followup report activity` prints it: the rows of the form the
`report` setting chooses, and each week totalled against the weekly goal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from followup_tui.domain.activity import (
    ActivityFacts,
    ReportForm,
    activities_in,
    applications_in,
    report_form,
    weeks_between,
)
from followup_tui.domain.dates import long_day
from followup_tui.domain.text import one_line
from followup_tui.domain.week import Week
from followup_tui.store import Store

from .followups import week_starts
from .records_table import csv_lines
from .settings import GOAL_SETTING, REPORT_SETTING, setting

MOST_DAYS = 3660
"""The longest span one report covers: ten years, as far as any day the journal takes."""


class SpanRefused(ValueError):
    """--from after --to, or a span past MOST_DAYS: said in words."""


@dataclass(frozen=True)
class ActivityReport:
    first: date
    last: date
    form: ReportForm
    rows: list[ActivityFacts]
    weeks: list[str]
    """Each week's line against the goal, oldest first."""
    who: str
    """Your name (the `me.name` setting), for the heading."""
    today: date


def activity_report(store: Store, first: date, last: date) -> ActivityReport:
    """What was done on the user's days `first` to `last`, in the form the `report` setting
    names; the first and last week count only the days asked for."""
    if first > last:
        raise SpanRefused(f"--from ({first.isoformat()}) is after --to ({last.isoformat()})")
    if (last - first).days > MOST_DAYS:
        raise SpanRefused(f"a report covers at most {MOST_DAYS} days")
    today = store.clock.today()
    form = report_form(str(setting(store, REPORT_SETTING)))
    found = store.activities(first, last, store.clock.now())
    goal = int(setting(store, GOAL_SETTING))
    lines = []
    for week in weeks_between(first, last, week_starts(store)):
        if week.first > today:
            break  # a week still to come has nothing to measure against the goal yet
        days = Week(max(week.first, first), min(week.last, last))
        lines.append(form.week_line(days, week, applications_in(days, found), activities_in(days, found), goal, today))
    return ActivityReport(first, last, form, found, lines, str(setting(store, "me.name")), today)


def _heading(report: ActivityReport) -> str:
    form = report.form
    if form.german:
        span = f"{report.first:%d.%m.%Y} – {report.last:%d.%m.%Y}"
        who = f" · {report.who}" if report.who else ""
        return f"{form.title}{who} · {span}"
    span = f"{long_day(report.first)} – {long_day(report.last)}"
    who = f" · {report.who}" if report.who else ""
    return f"{form.title}{who} · {span}"


def _nothing(report: ActivityReport) -> str:
    if report.form.german:
        return "Keine Aktivitäten in diesem Zeitraum."
    return (
        "Nothing in these days: the record lists the applications you add (the day applied), the "
        "messages you mark sent, the replies you log and your interviews."
    )


def _weeks_heading(report: ActivityReport) -> str:
    return "Wochen" if report.form.german else "Weeks, against your goal"


def report_text(report: ActivityReport) -> str:
    """Aligned columns, every cell whole and on one line; then the weeks."""
    header = report.form.header
    cells = [list(report.form.row(facts).values()) for facts in report.rows]
    lines = [one_line(_heading(report)), ""]
    if cells:
        widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
        for values in [header, ["-" * w for w in widths], *cells]:
            lines.append("  ".join(f"{v:<{w}}" for v, w in zip(values, widths, strict=True)).rstrip())
    else:
        lines.append(_nothing(report))
    lines += ["", _weeks_heading(report) + ":", *(f"  {line}" for line in report.weeks)]
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    """A cell of a Markdown table that reads as typed: backslashes, pipes and the marks that
    would emphasise, link or quote escaped."""
    escaped = "".join(f"\\{ch}" if ch in "\\|*_`[]<>#~" else ch for ch in text)
    return escaped or " "


def report_markdown(report: ActivityReport) -> str:
    """A heading, a table of the rows, then the weeks as a list."""
    lines = [f"# {_markdown_cell(one_line(_heading(report)))}", ""]
    header = report.form.header
    if report.rows:
        lines.append("| " + " | ".join(_markdown_cell(h) for h in header) + " |")
        lines.append("|" + "|".join(" --- " for _ in header) + "|")
        for facts in report.rows:
            lines.append("| " + " | ".join(_markdown_cell(v) for v in report.form.row(facts).values()) + " |")
    else:
        lines.append(_markdown_cell(_nothing(report)))
    lines += ["", f"## {_weeks_heading(report)}", "", *(f"- {_markdown_cell(line)}" for line in report.weeks)]
    return "\n".join(lines) + "\n"


def report_csv(report: ActivityReport, *, excel: bool = False) -> Iterator[str]:
    """The rows only, under the form's headings, through the journal's one CSV writer
    (spreadsheet-safe); days YYYY-MM-DD, as every CSV here."""
    return csv_lines((report.form.row(facts, iso=True) for facts in report.rows), report.form.header, excel=excel)
