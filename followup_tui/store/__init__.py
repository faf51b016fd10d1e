"""The store: the only code that talks to SQLite.

Store, Draft and AnswerMatch load on first use, so a quick read-only command (`followup due`)
can use `store.reader` without loading sqlite-utils.
"""

from .opening import JournalBusy, StoreError

__all__ = ["AnswerMatch", "Draft", "JournalBusy", "Store", "StoreError"]


def __getattr__(name: str):
    if name == "Store":
        from .store import Store

        return Store
    if name == "Draft":
        from .drafts import Draft

        return Draft
    if name == "AnswerMatch":
        from .interviews import AnswerMatch

        return AnswerMatch
    raise AttributeError(name)
