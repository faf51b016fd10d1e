"""The prep sheet as readable text (for `followup prep`), as Markdown, and as the brief review
that fits one 80×24 screen."""

from __future__ import annotations

from followup_tui.domain.prep import cut
from followup_tui.domain.text import one_line

from .export import markdown_text
from .prep import Entry, PrepSheet, Section

BRIEF_WIDTH = 80


def sheet_text(sheet: PrepSheet, *, brief: bool = False) -> str:
    """The sheet as lines a person reads in a terminal (user text as text: `say` shows controls)."""
    if brief:
        return brief_text(sheet)
    lines = [sheet.title, ""]
    lines += [f"{note}" for note in sheet.notes]
    if sheet.notes:
        lines.append("")
    for section in sheet.sections:
        lines.append(heading(section))
        for entry in section.entries:
            lines.append(f"  {entry_line(entry)}")
            if entry.warning:
                lines.append(f"    ! {entry.warning}")
            lines += [f"    {detail}" for detail in entry.details]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def heading(section: Section) -> str:
    return f"{section.number}. {one_line(section.title)}"


def entry_line(entry: Entry) -> str:
    """ "Mon 23 Nov technical  How would you stop a reminder being sent twice?  (asked 2 times)"."""
    text = one_line(entry.text)
    if entry.lead:
        text = f"{one_line(entry.lead)}: {text}"
    if entry.note:
        text = f"{text}  ({one_line(entry.note)})"
    return text


def brief_lines(sheet: PrepSheet, width: int = BRIEF_WIDTH) -> list[str]:
    """The 15-minute review, each line cut to `width`: the title, then each part's lines."""
    lines = [cut(sheet.title, width)]
    for section in sheet.brief:
        if section.title == "Pay":
            lines.append(cut(f"Pay: {one_line(section.entries[0].text)}", width))
            continue
        lines.append(cut(one_line(section.title), width))
        for entry in section.entries:
            text = entry_line(entry)
            if entry.warning:
                text = f"{text}  ! {one_line(entry.warning)}"
            lines.append(cut(f"  {text}", width))
    return lines


def brief_text(sheet: PrepSheet) -> str:
    return "\n".join(brief_lines(sheet)) + "\n"


def sheet_markdown(sheet: PrepSheet, *, brief: bool = False) -> str:
    """The sheet as Markdown: user text escaped so it reads as typed (`export.markdown_text`)."""
    sections = sheet.brief if brief else sheet.sections
    lines = [f"# {markdown_text(one_line(sheet.title))}", ""]
    for note in sheet.notes:
        lines += [f"_{markdown_text(note)}_", ""]
    for section in sections:
        lines += [f"## {section.number}. {markdown_text(one_line(section.title))}", ""]
        for entry in section.entries:
            text = markdown_text(one_line(entry.text))
            if entry.lead:
                text = f"**{markdown_text(one_line(entry.lead))}:** {text}"
            if entry.note:
                text = f"{text} _({markdown_text(one_line(entry.note))})_"
            lines.append(f"- {text}")
            if entry.warning:
                lines.append(f"  - ⚠ {markdown_text(one_line(entry.warning))}")
            lines += [f"  - {markdown_text(one_line(detail))}" for detail in entry.details]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
