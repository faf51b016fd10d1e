"""People's names as the journal matches them, and who a line of text is about: "Send Raj the
deck" is for Raj Patel, not for whoever came first."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """A name (of a person or a company) as it is matched: case and accents folded, spaces
    collapsed, so "zoe  celik" finds Zoë Çelik. Search, suggestions, --contact and --company,
    duplicates and imports all compare names through this one rule."""
    if name.isascii():  # most names: no accents to take off, and five times quicker
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def named_in(line: str, names: list[str]) -> int | None:
    """The index of the one person `line` names — by full name, else by first or last name alone —
    or None when it names nobody or several."""
    text = name_key(line)

    def mentions(word: str) -> bool:
        return bool(word) and re.search(rf"(?<!\w){re.escape(name_key(word))}(?!\w)", text) is not None

    for words in (lambda name: [name], lambda name: name.split()):
        found = {index for index, name in enumerate(names) if any(mentions(word) for word in words(name))}
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return None
    return None
