"""The command line's one way to a person: every line it prints goes through `say`.

Lines carry names, subjects, answers, file names and whatever was typed as an argument, so
each is passed through `visible` first: a control character (ESC, BEL, CR, C1) shows as a
picture of itself, whether stdout is a terminal or a pipe, and text that cannot be encoded
never stops the command. The only styling is the bold of a search match, put in here, after
the text has been made safe. Kept small: `followup due` imports it before anything else.
"""

from __future__ import annotations

import os
import sys

from followup_tui.domain.text import visible

MARK_START, MARK_END = "\x02", "\x03"
"""Where a search match starts and ends in a line handed to `say(..., marks=True)`."""

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def shown(text: str, *, marks: bool = False, styled: bool = False) -> str:
    """`text` as `say` would print it (without the newline)."""
    if not marks:
        return visible(text)
    start, end = (BOLD, PLAIN) if styled else ("", "")
    pieces = []
    for number, run in enumerate(text.split(MARK_START)):
        if number:
            inside, _, after = run.partition(MARK_END)
            pieces.append(f"{start}{visible(inside)}{end}{visible(after)}")
        else:
            pieces.append(visible(run))
    return "".join(pieces)


def styling_wanted(stream=None) -> bool:
    """Bold only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def say(text: str = "", *, err: bool = False, marks: bool = False, end: str = "\n") -> None:
    """Print `text` to stdout (or stderr) as text; with `marks`, search matches in bold when
    the stream is a terminal that wants styling."""
    stream = sys.stderr if err else sys.stdout
    stream.write(shown(text, marks=marks, styled=marks and styling_wanted(stream)) + end)
    stream.flush()


class VisibleStream:
    """A text stream that shows what is written to it as `say` does, for messages click
    writes itself (usage errors, which repeat what was typed)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(visible(text))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False
