"""Reading the mail the user already has — Maildir folders, mbox files, one piped message —
read-only: a message is never moved, flagged or deleted.

Every message is untrusted input. Headers are decoded per RFC 2047 and their charsets; a body
is the first text/plain part (else an HTML part read as text); control characters are dropped
on the way in; a message larger than MOST_MESSAGE_BYTES, or with more than MOST_PARTS parts
(a MIME bomb), is skipped with a line; one that cannot be read is counted and skipped.
"""

from __future__ import annotations

import hashlib
import mailbox
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from followup_tui.domain.mail_meaning import MailMessage
from followup_tui.domain.text import without_controls

MOST_MESSAGE_BYTES = 2_000_000
"""Bigger than any reply about a job (attachments included, a CV or two): skipped, with a line."""
MOST_PARTS = 200
"""More MIME parts than this is a bomb, not a letter."""
MOST_BODY_CHARS = 20_000
"""Of a body, only this much is read: the meaning is in its first lines."""
SENT_NAMES = ("sent", "envoy", "gesendet", "enviad", "inviat", "verzonden")
"""A folder whose name holds one of these is where your own sent mail is."""

_PARSER = BytesParser(policy=policy.compat32)
_HEADERS = BytesHeaderParser(policy=policy.compat32)
"""The quick first look, at the headers only, to pass over a stranger's mail. (compat32, with
headers decoded here: the default policy's header objects cost a millisecond a message.)"""

Wanted = Callable[[str, tuple[str, ...], bool, tuple[str, ...]], bool]
"""Whether a message from this sender, to these recipients, in a Sent folder or not, may concern
the journal (`Journal.may_concern`); others are read no further than their headers."""


@dataclass
class Scan:
    """What reading some folders found: new messages, and what was skipped and why."""

    messages: list[MailMessage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One line per folder or message skipped, naming it."""
    unreadable: int = 0
    read_keys: dict[str, list[str]] = field(default_factory=dict)
    """By folder: the keys read this time, to remember so they are not read again."""
    read: int = 0
    """Messages read this time, those passed over after their headers included."""
    wanted: Wanted | None = None


class TooBig(ValueError):
    """A message over the bounds: skipped with a line."""


def is_sent_folder(path: Path) -> bool:
    return any(name in path.name.casefold() for name in SENT_NAMES)


def scan_folders(paths: list[Path], seen: dict[str, set[str]], wanted: Wanted | None = None) -> Scan:
    """Read every message in these Maildir folders and mbox files not in `seen` (by folder: the
    keys read before — Maildir file names, or an mbox's size and time as one key); of those
    `wanted` passes over, only the headers."""
    scan = Scan(wanted=wanted)
    for path in paths:
        path = Path(path).expanduser()
        try:
            _read_folder(path, seen, scan)
        except OSError as error:  # a folder that cannot be opened (permissions, a device): named, the rest read
            scan.skipped.append(f"{path}: cannot be read ({error.strerror or error})")
    return scan


def _read_folder(path: Path, seen: dict[str, set[str]], scan: Scan) -> None:
    source = str(path.resolve())
    if is_maildir(path):
        _read_maildir(path, source, seen.get(source, set()), scan)
    elif path.is_file() and is_mbox(path):
        _read_mbox(path, source, seen.get(source, set()), scan)
    elif not path.exists():
        scan.skipped.append(f"{path}: no such folder or file")
    else:
        scan.skipped.append(f"{path}: not a Maildir folder or an mbox file")


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def is_mbox(path: Path) -> bool:
    """An mbox starts with a "From " line (an empty file is an mbox with nothing in it yet)."""
    try:
        with path.open("rb") as file:
            start = file.read(5)
    except OSError:
        return False
    return start in (b"From ", b"")


def _read_maildir(path: Path, source: str, seen: set[str], scan: Scan) -> None:
    box = mailbox.Maildir(path, factory=None, create=False)
    sent = is_sent_folder(path)
    read = scan.read_keys.setdefault(source, [])
    try:
        keys = box.keys()
    except OSError as error:
        scan.skipped.append(f"{path}: cannot be read ({error.strerror or error})")
        return
    for key in keys:
        if key in seen:
            continue
        read.append(key)
        try:
            with box.get_file(key) as file:
                raw = file.read(MOST_MESSAGE_BYTES + 1)
            scan.read += 1
            if (message := message_from_bytes(raw, in_sent_folder=sent, wanted=scan.wanted)) is not None:
                scan.messages.append(message)
        except TooBig as error:
            scan.skipped.append(f"{path}/{key}: {error}")
        except (OSError, KeyError, ValueError, LookupError, TypeError, IndexError):
            scan.unreadable += 1


def _read_mbox(path: Path, source: str, seen: set[str], scan: Scan) -> None:
    try:
        stat = path.stat()
    except OSError as error:
        scan.skipped.append(f"{path}: cannot be read ({error.strerror or error})")
        return
    whole = f"@{stat.st_size}:{stat.st_mtime_ns}"
    if whole in seen:  # not changed since it was read
        return
    read = scan.read_keys.setdefault(source, [])
    read.append(whole)
    sent = is_sent_folder(path)
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        keys = box.keys()
    except OSError as error:
        scan.skipped.append(f"{path}: cannot be read ({error.strerror or error})")
        return
    for key in keys:
        try:
            with box.get_file(key) as file:
                raw = file.read(MOST_MESSAGE_BYTES + 1)
            scan.read += 1
            message = message_from_bytes(raw, in_sent_folder=sent, wanted=scan.wanted)
        except TooBig as error:
            scan.skipped.append(f"{path} message {key + 1}: {error}")
            continue
        except (OSError, KeyError, ValueError, LookupError, TypeError, IndexError):
            scan.unreadable += 1
            continue
        if message is not None and message.key not in seen:
            read.append(message.key)
            scan.messages.append(message)


def message_from_bytes(raw: bytes, *, in_sent_folder: bool = False, wanted: Wanted | None = None) -> MailMessage | None:
    """One message as the meaning table reads it (None when `wanted` passes over it); TooBig
    past the bounds."""
    if len(raw) > MOST_MESSAGE_BYTES:
        raise TooBig(f"larger than {MOST_MESSAGE_BYTES // 1_000_000} MB")
    head = _HEADERS.parsebytes(raw)
    _, sender = parseaddr(_decoded(head.get("from")))
    addresses = [_decoded(v) for v in head.get_all("to", []) + head.get_all("cc", [])]
    recipients = tuple(a.casefold() for _, a in getaddresses(addresses) if a)
    precedence = _decoded(head.get("precedence")).strip().casefold()
    bulk = bool(head.get("list-id") or head.get("list-unsubscribe")) or precedence in ("bulk", "list", "junk")
    replies_to = _message_ids(_decoded(head.get("in-reply-to")), _decoded(head.get("references")))
    if wanted is not None and (bulk or not wanted(sender.casefold(), recipients, in_sent_folder, replies_to)):
        return None
    if raw.lower().count(b"content-type:") > MOST_PARTS:  # counted before parsing: a bomb is never built
        raise TooBig(f"more than {MOST_PARTS} parts")
    try:
        parsed = _PARSER.parsebytes(raw)
        parts = list(_parts(parsed))
    except RecursionError:
        raise TooBig("nested too deep") from None
    name, _ = parseaddr(_decoded(parsed.get("from")))
    key = _decoded(parsed.get("message-id")).strip() or _stand_in_key(raw)
    return MailMessage(
        key=clean_line(key)[:300],
        sender=clean_line(sender).casefold(),
        sender_name=clean_line(name),
        recipients=recipients,
        sent_at=_sent_at(_decoded(parsed.get("date"))),
        subject=clean_line(_decoded(parsed.get("subject")))[:300],
        body=body_text(parts),
        in_sent_folder=in_sent_folder,
        bulk=bulk,
        automated=_decoded(parsed.get("auto-submitted", "no")).strip().casefold() not in ("", "no"),
        replies_to=replies_to,
    )


def _message_ids(*headers: str) -> tuple[str, ...]:
    """The Message-IDs named in In-Reply-To and References, as written (<…>), at most fifty."""
    return tuple(dict.fromkeys(clean_line(m)[:300] for h in headers for m in re.findall(r"<[^<>\s]+>", h)))[:50]


def _parts(parsed: Message) -> Iterator[Message]:
    """Every leaf part, in order; TooBig past MOST_PARTS (a MIME bomb)."""
    for count, part in enumerate(parsed.walk(), 1):
        if count > MOST_PARTS:
            raise TooBig(f"more than {MOST_PARTS} parts")
        if not part.is_multipart():
            yield part


def _decoded(value: object) -> str:
    """A header as text: RFC 2047 words decoded in their charsets; "" when missing. A header
    that cannot be decoded reads as it came."""
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (HeaderParseError, LookupError, UnicodeError, ValueError, TypeError):
        return str(value)


def _stand_in_key(raw: bytes) -> str:
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@no-message-id>"


def _sent_at(text: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(text) if text else None
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def body_text(parts: list[Message]) -> str:
    """The message's own words: its first text/plain part that is not an attachment, else its
    first HTML part read as text."""
    shown = [p for p in parts if "attachment" not in str(p.get("content-disposition", "")).casefold()]
    plain = next((p for p in shown if p.get_content_type() == "text/plain"), None)
    html = next((p for p in shown if p.get_content_type() == "text/html"), None)
    part = plain or html
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    payload = payload[: MOST_BODY_CHARS * 8]
    charset = part.get_content_charset() or "utf-8"
    try:
        content = payload.decode(charset, "replace")
    except (LookupError, ValueError):
        content = payload.decode("utf-8", "replace")
    if part is html:
        content = html_as_text(content)
    return clean_text(content[:MOST_BODY_CHARS])


def clean_text(text: str) -> str:
    """Text as kept: line breaks as "\\n", every other control character dropped."""
    return without_controls(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n")


def clean_line(text: str) -> str:
    return " ".join(without_controls(text, keep="\n\t").split())


class _TextOfHtml(HTMLParser):
    """What a person reads in an HTML body: its text, a line break per block, no script or style."""

    BLOCKS = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 blockquote table ul ol".split())
    HIDDEN = frozenset(("script", "style", "head", "title"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.pieces.append(data)


def html_as_text(html: str) -> str:
    reader = _TextOfHtml()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.pieces).splitlines())
    return "\n".join(line for line in lines if line)


def read_one(raw: bytes) -> MailMessage:
    """One message from standard input (a mail client's pipe); TooBig or ValueError when it
    cannot be read."""
    try:
        return message_from_bytes(raw)
    except TooBig:
        raise
    except (LookupError, TypeError, IndexError) as error:
        raise ValueError(f"not a message that can be read ({error})") from None


def each_path(setting_text: str) -> Iterator[Path]:
    """The folders a `mail.paths` setting names, separated by spaces (~ for home)."""
    for part in setting_text.split():
        yield Path(os.path.expanduser(part))
