"""Text that leaves the journal for a person: shown as text, never as terminal control.

Names, notes and answers come from people and from files other people wrote (a recruiter's
vCard, a pasted email). Any of them can hold ESC, BEL, CR or a C1 control such as CSI
(U+009B) — bytes a terminal obeys: retitle the window, rewrite the clipboard (OSC 52), clear
the screen. `visible` turns every such character into a harmless picture of itself, so the
person sees that something odd is there and the terminal sees only text. Every way out —
the app's widgets and notifications, every line the command line prints, each export — goes
through it or through a format's own escaping built on `CONTROLS`.
"""

from __future__ import annotations

from functools import cache

CONTROLS = frozenset((*range(0x00, 0x20), *range(0x7F, 0xA0)))
"""Code points a terminal may act on: C0 (NUL to US), DEL and C1 (U+0080 to U+009F)."""

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟, e.g. ESC shows as ␛
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 has no pictures of its own
_KEEP_LINES = {**_PICTURES, ord("\n"): "\n", ord("\t"): "\t"}
_ONE_LINE = {**_PICTURES, ord("\n"): " ", ord("\t"): " "}


def visible(text: str, *, lines: bool = True) -> str:
    """`text` with every control character shown as a picture of itself (ESC as ␛).

    With `lines`, line breaks and tabs stay as they are (CR LF and a lone CR read as a line
    break); without, they become spaces, for a one-line cell. Unpaired surrogates, which no
    terminal or file can take, become U+FFFD.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    shown = text.translate(_KEEP_LINES if lines else _ONE_LINE)
    return without_surrogates(shown)


def without_surrogates(text: str) -> str:
    """`text` with each unpaired surrogate (from undecodable bytes) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
    return text


def without_controls(text: str, *, keep: str = "") -> str:
    """`text` with control characters dropped (those in `keep` stay), for formats such as
    iCalendar and vCard whose text may not hold them."""
    return without_surrogates(text.translate(_dropped(keep)))


@cache
def _dropped(keep: str) -> dict[int, None]:
    """The translation table that drops every control but those in `keep` (made once per `keep`:
    an export asks for it for every line)."""
    return {code: None for code in CONTROLS if chr(code) not in keep}


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs become spaces, controls are shown."""
    return visible(text, lines=False)


def header_line(text: str) -> str:
    """`text` fit for a message header (To, Subject): one line, no control characters, since a
    line break there would start a header of its own."""
    return " ".join(without_controls(text, keep="\n\t").split())


def has_surrogates(text: str) -> bool:
    """True when `text` holds an unpaired surrogate: not text any file or terminal can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def json_escaped(document: str) -> str:
    """A JSON document (from `json.dumps(..., ensure_ascii=False)`) with DEL, C1 and unpaired
    surrogates written as \\u escapes, as JSON allows: the same data, but no byte a terminal
    obeys, and a file that encodes as UTF-8. (json.dumps escapes C0 itself.)"""
    escaped = document.translate(_JSON_ESCAPES)
    if not has_surrogates(escaped):
        return escaped
    return "".join(f"\\u{ord(c):04x}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in escaped)


def sentence(text: str) -> str:
    """`text` begun with a capital, to stand as a sentence of its own ("moved to Fri" → "Moved to Fri")."""
    return text[:1].upper() + text[1:]
