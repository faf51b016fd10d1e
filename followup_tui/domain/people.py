"""Who a line of text is about: "Send Raj the deck" is for Raj Patel, not for whoever came first."""

from __future__ import annotations

import re


def named_in(line: str, names: list[str]) -> int | None:
    """The index of the one person `line` names — by full name, else by first or last name alone —
    or None when it names nobody or several."""
    text = line.casefold()

    def mentions(word: str) -> bool:
        return bool(word) and re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", text) is not None

    for words in (lambda name: [name], lambda name: name.split()):
        found = {index for index, name in enumerate(names) if any(mentions(word) for word in words(name))}
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return None
    return None
