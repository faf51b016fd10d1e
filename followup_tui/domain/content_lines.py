"""Content lines, as vCard (RFC 6350) and iCalendar (RFC 5545) both write them: a value escaped
and unescaped, a line folded at 75 octets, the first value of a property, and who wrote a file
(its PRODID). Shared by the address book and the calendar, so neither format owns the other's rules.
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def unescape(value: str) -> str:
    """A text value as the person wrote it: `\\n` a line break, `\\,` `\\;` `\\:` `\\\\` themselves.
    An unescaped comma stays a comma (many writers leave them)."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def escape(value: str) -> str:
    """Text for a vCard or iCalendar value: backslash, semicolon, comma and line breaks escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def folded(line: str) -> str:
    """One content line, CRLF-ended, folded so no line is longer than 75 octets (RFC 5545 3.1,
    RFC 6350 3.2), never inside a character."""
    if len(line.encode()) <= 75:
        return line + "\r\n"
    parts, part, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(part))
            part, size, limit = [], 0, 74  # a continuation line begins with a space
        part.append(char)
        size += width
    parts.append("".join(part))
    return "\r\n ".join(parts) + "\r\n"


def first_value(text: str, name: str) -> str | None:
    """The value of the first `name` property in vCard or iCalendar `text` (lines unfolded), or None."""
    return first_values(text, name)[name]


def first_values(text: str, *names: str) -> dict[str, str | None]:
    """The value of the first property of each of `names` in `text` (lines unfolded once), or None."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    found = {}
    for name in names:
        match = re.search(rf"^{name}(?:;[^:\r\n]*)?:([^\r\n]*)", unfolded, flags=re.MULTILINE | re.IGNORECASE)
        found[name] = match[1].strip() if match else None
    return found


def owner_of(prodid: str | None) -> str:
    """Who wrote a file, as its PRODID says, for a message: another journal, or another program."""
    maker = (prodid or "").strip("-/ ").split("//")[0].strip()
    if maker == "followup-tui":
        return "another journal"
    return f"another program ({maker})" if maker else "another program"
