"""vCard files as real programs write them, read card by card into properties; and content lines
written back.

Phones, Outlook, Gmail, Apple and Lotus Notes each bend the format: vCard 2.1 with
quoted-printable values broken across lines by a trailing `=`, bare parameters (`TEL;HOME;PREF:`),
`CHARSET=` on a line, base64 text, commas left unescaped in text, files in Latin-1 or UTF-16, and
two exports pasted together in two encodings. Each card is decoded and read on its own: what is
odd in one card is a note on that card (what was read, and what would fix it), a card that cannot
be read at all is a CardSyntaxError for that card alone, and the rest of the file is read as if it
were not there. Time and memory are linear in the file: lines are joined once, never grown.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .content_lines import escape, unescape
from .text import CONTROLS, has_surrogates, without_surrogates

_BARE_TYPES = {"QUOTED-PRINTABLE": ("ENCODING", "QUOTED-PRINTABLE"), "BASE64": ("ENCODING", "BASE64")}
_BARE_TYPES |= {"8BIT": ("ENCODING", "8BIT"), "7BIT": ("ENCODING", "7BIT")}
_CHARSETS = {"UTF8": "utf-8", "LATIN1": "latin-1", "ISO-8859-1": "cp1252"}  # what "Latin-1" writers mean
LEGACY = "windows-1252"
"""What a card that is not UTF-8 is read as (Latin-1 files read the same, their controls aside)."""
MAX_PARAMETERS = 64
"""Parameters kept from one line; real writers use a handful."""
MAX_PARAM_VALUES = 32
"""Values kept of one parameter (TYPE=a,b,…) on one line."""
BINARY = ("PHOTO", "LOGO", "SOUND", "KEY")
"""Properties whose base64 value is a picture or a key, not text to decode."""

_BEGIN = re.compile(r"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE | re.MULTILINE)
_BEGIN_BYTES = re.compile(rb"(?:\A|(?<=\n)|(?<=\r))[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*(?=\r|\n|\Z)", re.IGNORECASE)
"""A card's first line in bytes whose lines may end in LF, CRLF or CR alone (each card's text is
made LF-only when it is decoded, so the file is never copied whole)."""
_QUOTED_PRINTABLE = re.compile("QUOTED-PRINTABLE", re.IGNORECASE)
MAX_PARAMETER_TEXT = 8192
"""Characters of one line's name and parameters that are read; real writers use a few dozen."""
_PARAM_CONTROLS = {code: None for code in CONTROLS}


class CardSyntaxError(ValueError):
    """A card that cannot be read, in words: which line, what is wrong, what would fix it."""


class NotTextEncoding(ValueError):
    """An encoding named for the file that is unknown or not a text encoding (rot13, base64)."""


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
            if value.isascii() and value.isdigit():
                return max(1, min(int(value), 100))
            return 1  # a bare PREF (vCard 2.1), or one whose number is not one
        return 1 if "pref" in self.types else 101

    def content_line(self) -> str:
        """The line as vCard 3.0 and 4.0 read it (no quoted-printable or charset left to undo)."""
        params = "".join(
            f";{key}={','.join(_param_value(_b_for_base64(key, v)) for v in values)}"
            for key, values in self.params.items()
            if key != "CHARSET"
        )
        return f"{self.group + '.' if self.group else ''}{self.name}{params}:{self.value}"


@dataclass(frozen=True)
class RawCard:
    properties: list[Property]
    line: int
    """Where its BEGIN:VCARD is in the file."""
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    """What was odd about its lines, each naming the line, what was read and what would fix it."""

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True)
class CardText:
    """One card's text as found in the file, before it is read: from its BEGIN:VCARD line (or
    the file's start, for lines before the first card) to the next card's."""

    text: str
    line: int
    encoding: str
    not_text: bool = False
    """It held lone surrogates (no text a file or the journal can hold), now each U+FFFD."""


def text_encoding(name: str) -> str | None:
    """`name` as a codec that turns bytes into text (the aliases writers use read as they mean),
    or None for one Python does not know or that is no text encoding (rot13, base64, hex)."""
    name = _CHARSETS.get(name.strip().upper().replace("_", "-"), name.strip())
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


class CardTexts:
    """The file cut into cards, each decoded only when it is read, so a large file is never
    held twice: `len()` is the number of cards (for progress), iterating gives each CardText,
    and `encoding` says how the file was read (`mixed` once UTF-8 and legacy cards were met)."""

    def __init__(self, data: bytes | str, begin: re.Pattern, encoding: str):
        self._data, self.encoding = data, encoding
        self._starts = [m.start() for m in begin.finditer(data)]
        self.cards = len(self._starts)
        """How many cards the file holds (each begins with BEGIN:VCARD)."""
        self.blank = not data or data.isspace()
        self._newline = b"\n" if isinstance(data, str) or b"\n" in data else b"\r"
        if not self._starts or self._starts[0] != 0:
            self._starts.insert(0, 0)  # what comes before the first card

    def __iter__(self) -> Iterator[CardText]:
        data, ends = self._data, [*self._starts[1:], len(self._data)]
        line, seen = 1, set()
        for start, end in zip(self._starts, ends, strict=True):
            if isinstance(data, str):
                text = data[start:end]
                if has_surrogates(text):  # text made from bytes that were no text: not storable
                    text = without_surrogates(text)
                    piece = CardText(text, line, self.encoding, not_text=True)
                else:
                    piece = CardText(text, line, self.encoding)
                line += data.count("\n", start, end)
            else:
                piece = _decoded(memoryview(data)[start:end], line)
                line += data.count(self._newline, start, end)
                seen.add(piece.encoding)
                if len(seen) > 1:
                    self.encoding = "mixed"
                elif self.encoding != "mixed":
                    self.encoding = piece.encoding
            yield piece


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    return True


def card_texts(data: bytes | str, encoding: str | None = None) -> CardTexts:
    """The file cut into cards, each decoded on its own.

    A named encoding reads the whole file (NotTextEncoding when it is unknown or no text
    encoding, ValueError when the file does not fit it); else a byte-order mark or UTF-16's zero
    bytes do; else each card is UTF-8 when it is valid UTF-8 and Windows-1252 when not, so two
    exports pasted together (one legacy, one UTF-8) both read right.
    """
    if isinstance(data, str):
        return _cut_text(data.lstrip("\ufeff"), "utf-8")
    if encoding:
        codec = text_encoding(encoding)
        if codec is None:
            what = "is not a text encoding" if _is_codec(encoding) else "is not an encoding this program knows"
            raise NotTextEncoding(f"{encoding!r} {what} (try utf-8, latin-1, utf-16)")
        try:
            return _cut_text(data.decode(codec).lstrip("\ufeff"), encoding)
        except UnicodeDecodeError as error:
            raise ValueError(f"the file is not {encoding} (byte {error.start} does not fit)") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _cut_text(data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16")
    head = data[:200]
    if head.count(b"\x00") > len(head) // 4:
        wide = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return _cut_text(data.decode(wide, errors="replace"), "utf-16")
    data = data.removeprefix(codecs.BOM_UTF8)
    return CardTexts(data, _BEGIN_BYTES, "utf-8")


def _cut_text(text: str, encoding: str) -> CardTexts:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CardTexts(text, _BEGIN, encoding)


def _decoded(raw: memoryview, line: int) -> CardText:
    try:
        text, encoding = str(raw, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = str(raw, "cp1252", errors="replace"), LEGACY
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    return CardText(text, line, encoding)


def outside_lines(piece: CardText) -> str | None:
    """What to say about text before the first card, or None when there is only blank space."""
    if piece.text.strip() and not _BEGIN.match(piece.text):
        return f"line {piece.line} is outside any card (each card starts with BEGIN:VCARD): it was not read"
    return None


_FOLDED_END = re.compile(r"\n(?![ \t])")
"""Where a folded line ends: a line break not followed by a space or tab (RFC 6350, 3.2)."""
_SOFT_BREAK_END = re.compile(r"(?<!=)\n")
"""Where a quoted-printable value ends: a line break after anything but `=` (vCard 2.1)."""


def read_card(piece: CardText) -> RawCard | None:
    """The card in `piece`, its lines unfolded and its values decoded; None for a piece that
    holds no card (text before the first one); CardSyntaxError when it cannot be read."""
    if not _BEGIN.match(piece.text):
        return None
    text = piece.text
    properties: list[Property] = []
    notes: list[str] = []
    if piece.not_text:
        notes.append("its text held characters that are not text (lone surrogates): each was read as \ufffd")
    pos = text.find("\n") + 1 if "\n" in text else len(text)  # past BEGIN:VCARD
    number = piece.line + 1
    while pos < len(text):
        at = number
        colon, first_end = text.find(":", pos), text.find("\n", pos)
        first_end = len(text) if first_end < 0 else first_end
        quoted_printable = 0 <= colon < first_end and _QUOTED_PRINTABLE.search(text, pos, colon) is not None
        ends = (_SOFT_BREAK_END if quoted_printable else _FOLDED_END).search(text, pos)
        end = ends.start() if ends else len(text)
        segment = text[pos:end]
        number += segment.count("\n") + 1
        pos = end + 1
        if quoted_printable:
            line = segment.replace("=\n", "") if "\n" in segment else segment
        else:
            line = segment.replace("\n ", "").replace("\n\t", "") if "\n" in segment else segment
        del segment
        if not line or line.isspace():
            continue
        if ":" not in line:
            raise CardSyntaxError(
                f"line {at} ({line.strip()[:40]!r}) has no ':' between a name and its value; "
                "a value that goes on should start its next line with a space"
            )
        prop = _property(line, at, notes)
        del line
        encoding = (prop.param("ENCODING") or ("",))[0].upper()
        if encoding == "QUOTED-PRINTABLE":
            prop = _quoted_printable_undone(prop, piece.encoding, notes)
        elif encoding in ("BASE64", "B"):
            runs_on = []
            while pos < len(text):  # vCard 2.1 base64 runs on until a blank line
                next_end = text.find("\n", pos)
                next_end = len(text) if next_end < 0 else next_end
                if not text[pos:next_end].strip() or ":" in text[pos:next_end]:
                    break
                runs_on.append(text[pos:next_end].strip())
                pos, number = next_end + 1, number + 1
            if runs_on:
                prop = replace(prop, value="".join([prop.value, *runs_on]))
            if prop.name not in BINARY:
                prop = _base64_undone(prop, notes)
        elif prop.param("CHARSET"):
            prop = replace(prop, params=_without(prop.params, "CHARSET"))  # the card is text already
        if prop.name == "END" and prop.value.strip().upper() == "VCARD":
            if text[pos:].strip():
                after = number + text.count("\n", pos, pos + text[pos:].index(text[pos:].strip()[:1]))
                notes.append(f"line {after} is outside any card (each card starts with BEGIN:VCARD): it was not read")
            return RawCard(properties, piece.line, piece.encoding, notes)
        properties.append(prop)
    raise CardSyntaxError(f"the card that starts at line {piece.line} never ends: add END:VCARD after it")


def _property(line: str, number: int, notes: list[str]) -> Property:
    """`group.NAME;params:value`, a colon inside a quoted parameter not ending the name."""
    head, value = _split_at_colon(line, number, notes)
    parts = _split_unquoted(head, ";", MAX_PARAMETERS + 1)
    if len(parts) > MAX_PARAMETERS + 1:
        parts = parts[: MAX_PARAMETERS + 1]
        notes.append(
            f"line {number} has more than {MAX_PARAMETERS} parameters: only the first {MAX_PARAMETERS} were read"
        )
    name = parts[0].strip()
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    controls = False
    for part in parts[1:]:
        if not part.isprintable():
            cleaned = part.translate(_PARAM_CONTROLS)
            controls = controls or cleaned != part
            part = cleaned
        key, has_value, raw = part.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not has_value:  # vCard 2.1: TEL;HOME;PREF · EMAIL;INTERNET · NOTE;QUOTED-PRINTABLE
            key, raw = _BARE_TYPES.get(key, ("PREF", "") if key == "PREF" else ("TYPE", key))
        kept = params.setdefault(key, [])
        room = MAX_PARAM_VALUES - len(kept)
        if key == "TYPE":
            values = _split_unquoted(raw, ",", room)
            if len(values) > room:
                values = values[:room]
                notes.append(
                    f"line {number} has more than {MAX_PARAM_VALUES} {key} values: "
                    f"only the first {MAX_PARAM_VALUES} were read"
                )
            kept.extend(v.strip().strip('"') for v in values)
        elif room > 0:
            kept.append(raw.strip('"'))
    if controls:
        notes.append(f"line {number} has control characters in its parameters: they were left out")
    return Property(name.upper(), {k: tuple(v) for k, v in params.items()}, value, group, number)


def _split_at_colon(line: str, number: int, notes: list[str]) -> tuple[str, str]:
    """The name and parameters, and the value. A quote opened in the parameters and never
    closed before a colon would swallow the value: the line is read to its first colon instead."""
    colon = line.find(":")
    if colon > MAX_PARAMETER_TEXT:
        head = line[:MAX_PARAMETER_TEXT]
        head = head[: max(head.rfind(";"), head.rfind(","), 1)]  # no value cut in two
        notes.append(
            f"line {number} has {colon:,} characters of parameters: only the first {MAX_PARAMETER_TEXT:,} were read"
        )
        return head.replace('"', ""), line[colon + 1 :]
    quote = line.find('"', 0, colon)
    if quote < 0:
        return line[:colon], line[colon + 1 :]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    notes.append(
        f"line {number} opens a quote in its parameters that never closes: it was read up to its first ':' "
        '(close the quote, e.g. TYPE="work")'
    )
    return line[:colon].replace('"', ""), line[colon + 1 :]


def _split_unquoted(text: str, separator: str, limit: int) -> list[str]:
    """`text` split at each `separator` outside double quotes, into at most `limit` + 1 parts
    (one more than `limit` says there were more; the rest is not split)."""
    if '"' not in text:
        return text.split(separator, limit)
    parts, begun, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[begun:index])
            begun = index + 1
            if len(parts) == limit:
                break
    parts.append(text[begun:])
    return parts


def _bytes_as_text(raw: bytes, charset: str, card_encoding: str, prop: Property, notes: list[str]) -> str:
    """Decoded bytes of a value, in the line's CHARSET when it names a text encoding, else as
    UTF-8 when they are, else in the legacy encoding."""
    codec = text_encoding(charset) if charset else None
    if charset and codec is None:
        notes.append(
            f"line {prop.line}: CHARSET={charset[:20]!r} is not a text encoding; its value was read as "
            "UTF-8 or Windows-1252 (name a charset such as UTF-8)"
        )
    if codec:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            notes.append(f"line {prop.line}: its value is not {charset[:20]}; it was read as the bytes fit")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252" if card_encoding == "utf-8" else _legacy(card_encoding), errors="replace")


def _legacy(encoding: str) -> str:
    return encoding if text_encoding(encoding) and encoding not in ("utf-16", "mixed") else "cp1252"


def _quoted_printable_undone(prop: Property, card_encoding: str, notes: list[str]) -> Property:
    """The value as text: quoted-printable undone, then read in the line's CHARSET."""
    value = prop.value
    raw = binascii.a2b_qp(value) if value.isascii() else quopri.decodestring(value.encode("utf-8", errors="replace"))
    text = _bytes_as_text(raw, (prop.param("CHARSET") or ("",))[0], card_encoding, prop, notes)
    del raw
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return replace(prop, params=_without(prop.params, "ENCODING", "CHARSET"), value=text)


def _base64_undone(prop: Property, notes: list[str]) -> Property:
    """A text value written in base64 (`FN;ENCODING=b:…`, 2.1's ENCODING=BASE64) as its text."""
    try:
        raw = base64.b64decode("".join(prop.value.split()), validate=True)
    except (binascii.Error, ValueError):
        notes.append(f"line {prop.line}: its value says it is base64 but is not; it was read as written")
        return replace(prop, params=_without(prop.params, "ENCODING", "CHARSET"))
    text = _bytes_as_text(raw, (prop.param("CHARSET") or ("",))[0], "utf-8", prop, notes)
    if prop.name not in ("N", "ADR", "ORG"):
        text = escape(text)  # the decoded text is the value itself; kept escaped as every other value
    return replace(prop, params=_without(prop.params, "ENCODING", "CHARSET"), value=text)


def _without(params: dict[str, tuple[str, ...]], *keys: str) -> dict[str, tuple[str, ...]]:
    return {k: v for k, v in params.items() if k not in keys}


def _b_for_base64(key: str, value: str) -> str:
    return "b" if key == "ENCODING" and value.upper() == "BASE64" else value


def _param_value(value: str) -> str:
    return f'"{value}"' if re.search(r"[:;,]", value) else value


_ESCAPE_OR_SEMICOLON = re.compile(r"\\.|;", re.DOTALL)


def components(value: str) -> list[str]:
    """A structured value (N, ORG, ADR) split at its unescaped semicolons (`\\\\;` is a
    backslash, then a separator; `\\;` is a semicolon), each part unescaped (RFC 6350, 3.4)."""
    parts, begun = [], 0
    for match in _ESCAPE_OR_SEMICOLON.finditer(value):
        if match[0] == ";":
            parts.append(unescape(value[begun : match.start()]))
            begun = match.end()
    parts.append(unescape(value[begun:]))
    return parts
