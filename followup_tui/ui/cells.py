"""Fixed-width, markup-free cells for list rows: user text is shown exactly as typed."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import describe_due, describe_since, long_day
from followup_tui.domain.models import FollowupListing, FollowupStatus
from followup_tui.domain.text import one_line

__all__ = ["cell", "followup_columns", "followup_line", "one_line", "satisfaction_dots"]


def cell(text: str, width: int, style: str = "") -> Content:
    """`text` cut or padded to exactly `width` cells, then a two-space gutter."""
    content = Content(one_line(text)).truncate(width, ellipsis=True, pad=True)
    if style:
        content = content.stylize(style)
    return content + "  "


def satisfaction_dots(satisfaction: int | None) -> str:
    """A 1–5 score as filled dots out of five; blank when none was given."""
    if satisfaction is None:
        return ""
    return "●" * satisfaction + "○" * (5 - satisfaction)


def followup_line(entry: FollowupListing, today: date, *, person: bool = True) -> str:
    """One follow-up in a record's list: when (or when it closed), kind, person, subject — and for
    a reply, the day they said they would decide."""
    return "".join(followup_columns(entry, today, person=person))


def followup_columns(entry: FollowupListing, today: date, *, person: bool = True) -> tuple[str, str]:
    """`followup_line` in two: the fixed columns (when, kind, person), and the subject with the
    day they decide by, which wraps under itself rather than back under the date."""
    followup = entry.followup
    if followup.status is FollowupStatus.PLANNED:
        when = describe_due(followup.due_on, today)
    else:
        closed = local_day(followup.done_at) if followup.done_at else followup.due_on
        when = f"{followup.status.value} {describe_since(closed, today)}"
    lead = f"{when:<18} {followup.kind.label:<14} "
    if person:
        lead += f"{entry.contact_name or '—':<18} "
    text = one_line(followup.subject)
    if followup.decide_by:
        text += f" — they decide by {long_day(followup.decide_by, today)}"
    return lead, text
