"""Fixed-width, markup-free cells for list rows: user text is shown exactly as typed."""

from __future__ import annotations

from textual.content import Content

from followup_tui.domain.text import one_line

__all__ = ["cell", "one_line", "satisfaction_dots"]


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
