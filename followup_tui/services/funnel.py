"""What is working, as Insights and `followup report funnel` show it: the funnel of the whole
search, by source, by CV and by the week applied, read once from the journal's facts."""

from __future__ import annotations

from followup_tui.domain.dates import long_day
from followup_tui.domain.funnel import STAGES, TOO_FEW_TO_SAY, Funnel, FunnelReport, funnel_report
from followup_tui.domain.text import one_line
from followup_tui.store import Store

from .followups import week_starts

WEEKS_SHOWN = 8
"""Weeks the funnel by week covers, up to this one: two months, what a search looks back on."""


def funnel(store: Store, weeks: int = WEEKS_SHOWN) -> FunnelReport:
    """The funnel as things stand today, by the user's calendar weeks."""
    return funnel_report(store.application_facts(), store.clock.today(), weeks=weeks, week_starts=week_starts(store))


def response_told(days: float | None) -> str:
    """ "A first response came a median 4 days after applying.", or that none came yet."""
    if days is None:
        return "No response logged yet."
    return f"A first response came a median {days:g} day{'s' * (days != 1)} after applying."


LABEL_WIDTH = 20
"""Cells of a row's label: with the counts, a row fits 80 columns, "too few to say" and all."""


def funnel_line(group: Funnel, width: int = LABEL_WIDTH) -> str:
    """One group as a table row: its label, then each stage's count with its rate, or "too few to
    say" instead of rates."""
    label = one_line(group.label)
    label = label if len(label) <= width else label[: width - 1] + "…"
    cells = [f"{group.applied:>7}"]
    for stage in range(1, len(STAGES)):
        cells.append(f"{group.counts[stage]:>4} {group.percent(stage):>4}")
    tail = "  too few to say" if group.too_few and group.applied else ""
    return f"{label:<{width}}{''.join(cells)}{tail}".rstrip()


def table_head(title: str, width: int = LABEL_WIDTH) -> str:
    """The header over `funnel_line` rows."""
    return f"{title:<{width}}{'applied':>7}{'replied':>9}{'interv.':>9}{'offer':>9}"


def funnel_text(report: FunnelReport, today) -> str:
    """The report as text, for the terminal or a pipe."""
    if report.is_empty:
        return (
            "No applications yet. Add one (followup, then n on the Pipeline) and log what comes back:\n"
            "replies, interviews and offers make the funnel."
        )
    overall = report.overall
    lines = ["What is working", "", table_head(""), funnel_line(overall), ""]
    lines.append(response_told(overall.median_days))
    lines += ["", table_head("By source"), *(funnel_line(group) for group in report.sources)]
    lines += ["", table_head("By CV"), *(funnel_line(group) for group in report.cvs)]
    lines += ["", table_head("By week applied")]
    for week in report.weeks:
        lines.append(funnel_line(Funnel(long_day(week.week.first, today), week.funnel.counts)))
    lines += [
        "",
        f"Rates are shares of each group's applications; under {TOO_FEW_TO_SAY} it is too few to say.",
        "An interview counts as a reply, an offer as an interview. Recent weeks may still hear back.",
    ]
    return "\n".join(lines)


def funnel_json(report: FunnelReport) -> dict:
    """The report as JSON: each group with its counts, its rates (null when too few to say) and
    its median days to a first response."""

    def group(funnel: Funnel) -> dict:
        return {
            "label": funnel.label,
            **dict(zip(STAGES, funnel.counts, strict=True)),
            "too_few_to_say": funnel.too_few,
            "rates": {name: funnel.rate(stage) for stage, name in enumerate(STAGES) if stage},
            "step_rates": {name: funnel.step_rate(stage) for stage, name in enumerate(STAGES) if stage},
            "median_days_to_first_response": funnel.median_days,
        }

    return {
        "stages": list(STAGES),
        "too_few_below": TOO_FEW_TO_SAY,
        "overall": group(report.overall),
        "by_source": [group(f) for f in report.sources],
        "by_cv": [group(f) for f in report.cvs],
        "by_week": [
            {"week_first": w.week.first.isoformat(), "week_last": w.week.last.isoformat(), **group(w.funnel)}
            for w in report.weeks
        ],
    }
