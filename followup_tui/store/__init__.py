"""The store: the only code that talks to SQLite."""

from .drafts import Draft
from .interviews import AnswerMatch
from .opening import StoreError
from .store import Store

__all__ = ["AnswerMatch", "Draft", "Store", "StoreError"]
