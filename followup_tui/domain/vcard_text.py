"""vCard files as real programs write them, read into properties; and content lines written back.

Phones, Outlook, Gmail, Apple and Lotus Notes each bend the format: vCard 2.1 with
quoted-printable values broken across lines by a trailing `=`, bare parameters (`TEL;HOME;PREF:`),
`CHARSET=` on a line, commas left unescaped in text, files in Latin-1 or UTF-16. This reader takes
all of them; a line it truly cannot read is an error naming the line and what would fix it.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, replace

_BARE_TYPES = {"QUOTED-PRINTABLE": ("ENCODING", "QUOTED-PRINTABLE"), "BASE64": ("ENCODING", "BASE64")}
_CHARSETS = {"UTF8": "utf-8", "LATIN1": "latin-1", "ISO-8859-1": "cp1252"}  # what "Latin-1" writers mean


class CardSyntaxError(ValueError):
    """A card that cannot be read, in words: which line, what is wrong, what would fix it."""


@dataclass(frozen=True)
class Property:
    """One content line: `group.NAME;PARAM=VALUE:value`, its value decoded but still escaped."""

    name: str
    params: dict[str, tuple[str, ...]]
    value: str
    group: str = ""
    line: int = 0

    def param(self, key: str) -> tuple[str, ...]:
        return self.params.get(key, ())

    @property
    def types(self) -> tuple[str, ...]:
        """TYPE values in lower case, however they were written (TYPE=a,b · TYPE=a;TYPE=b · bare a;b)."""
        return tuple(t.lower() for value in self.param("TYPE") for t in value.split(",") if t)

    @property
    def preference(self) -> int:
        """1 (most preferred) to 100; 101 when the line says nothing (RFC 6350, 5.3)."""
        for value in self.param("PREF"):
            if value.isdigit():
                return max(1, min(int(value), 100))
            return 1  # a bare PREF (vCard 2.1)
        return 1 if "pref" in self.types else 101

    def content_line(self) -> str:
        """The line as vCard 3.0 and 4.0 read it (no encoding or charset left to undo)."""
        params = "".join(
            f";{key}={','.join(_param_value(v) for v in values)}"
            for key, values in self.params.items()
            if key not in ("ENCODING", "CHARSET")
        )
        return f"{self.group + '.' if self.group else ''}{self.name}{params}:{self.value}"


@dataclass(frozen=True)
class RawCard:
    properties: list[Property]
    line: int
    """Where its BEGIN:VCARD is in the file."""

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


def decode_file(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read as: the one named, else its byte-order mark,
    else UTF-16 by its zero bytes, else UTF-8, else Windows-1252 (which Latin-1 files also read as).
    ValueError when a named encoding is unknown or does not fit the file."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(
                f"{encoding!r} is not an encoding this program knows (try utf-8, latin-1, utf-16)"
            ) from None
        try:
            return data.decode(encoding).lstrip("\ufeff"), encoding
        except UnicodeDecodeError as error:
            raise ValueError(f"the file is not {encoding} (byte {error.start} does not fit)") from None
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16"
    head = data[:200]
    if head.count(b"\x00") > len(head) // 4:
        wide = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return data.decode(wide, errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def read_cards(text: str) -> list[RawCard]:
    """Every card in `text`, its lines unfolded and its values decoded; CardSyntaxError for a
    line that cannot be part of a card."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cards: list[RawCard] = []
    current: list[Property] | None = None
    begun = 0
    number = 0
    while number < len(lines):
        start = number
        line = lines[number]
        number += 1
        if "QUOTED-PRINTABLE" in line.partition(":")[0].upper():
            while line.endswith("=") and number < len(lines):  # a soft line break (vCard 2.1), kept raw
                line = line[:-1] + lines[number]
                number += 1
        else:
            while number < len(lines) and lines[number][:1] in (" ", "\t"):  # folded (RFC 6350, 3.2)
                line += lines[number][1:]
                number += 1
        if not line.strip():
            continue
        if current is None:
            if line.strip().upper() == "BEGIN:VCARD":
                current, begun = [], start + 1
                continue
            raise CardSyntaxError(f"line {start + 1} is outside any card: each card starts with BEGIN:VCARD")
        if ":" not in line:
            raise CardSyntaxError(
                f"line {start + 1} ({line.strip()[:40]!r}) has no ':' between a name and its value; "
                "a value that goes on should start its next line with a space"
            )
        prop = _property(line, start + 1)
        if prop.param("ENCODING") and prop.param("ENCODING")[0].upper() == "QUOTED-PRINTABLE":
            prop = _quoted_printable_undone(prop)
        elif prop.param("ENCODING") and prop.param("ENCODING")[0].upper() in ("BASE64", "B"):
            while number < len(lines) and lines[number].strip() and ":" not in lines[number]:
                number += 1  # vCard 2.1 base64 runs on until a blank line
        elif prop.param("CHARSET"):
            prop = replace(prop, params=_without(prop.params, "CHARSET"))  # the file is text already
        if prop.name == "END" and prop.value.strip().upper() == "VCARD":
            cards.append(RawCard(current, begun))
            current = None
        elif prop.name == "BEGIN":
            raise CardSyntaxError(
                f"line {start + 1}: a card starts inside card at line {begun}; is its END:VCARD missing?"
            )
        else:
            current.append(prop)
    if current is not None:
        raise CardSyntaxError(f"the card that starts at line {begun} never ends: add END:VCARD after it")
    return cards


def _property(line: str, number: int) -> Property:
    """`group.NAME;params:value`, a colon inside a quoted parameter not ending the name."""
    head, value = _split_at_colon(line)
    parts = _split_unquoted(head, ";")
    name = parts[0].strip()
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, has_value, raw = part.partition("=")
        key = key.strip().upper()
        if not has_value:  # vCard 2.1: TEL;HOME;PREF · EMAIL;INTERNET · NOTE;QUOTED-PRINTABLE
            key, raw = _BARE_TYPES.get(key, ("PREF", "") if key == "PREF" else ("TYPE", key))
        values = [v.strip().strip('"') for v in _split_unquoted(raw, ",")] if key == "TYPE" else [raw.strip('"')]
        params.setdefault(key, []).extend(values)
    return Property(name.upper(), {k: tuple(v) for k, v in params.items()}, value, group, number)


def _split_at_colon(line: str) -> tuple[str, str]:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _quoted_printable_undone(prop: Property) -> Property:
    """The value as text: quoted-printable undone, then read in the line's CHARSET."""
    charset = (prop.param("CHARSET") or ("utf-8",))[0]
    charset = _CHARSETS.get(charset.upper().replace("_", "-"), charset)
    raw = quopri.decodestring(prop.value.encode("utf-8"))
    try:
        text = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("utf-8", errors="replace") if _is_utf8(raw) else raw.decode("cp1252", errors="replace")
    return replace(prop, params=_without(prop.params, "ENCODING", "CHARSET"), value=text.replace("\r\n", "\n"))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _without(params: dict[str, tuple[str, ...]], *keys: str) -> dict[str, tuple[str, ...]]:
    return {k: v for k, v in params.items() if k not in keys}


def _param_value(value: str) -> str:
    return f'"{value}"' if re.search(r"[:;,]", value) else value


def unescape(value: str) -> str:
    """A text value as the person wrote it: `\\n` a line break, `\\,` `\\;` `\\:` `\\\\` themselves.
    An unescaped comma stays a comma (many writers leave them)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value, flags=re.DOTALL)


def components(value: str) -> list[str]:
    """A structured value (N, ORG, ADR) split at unescaped semicolons, each part unescaped."""
    return [unescape(part) for part in re.split(r"(?<!\\);", value)]


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
