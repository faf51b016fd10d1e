"""The store: the only code that talks to SQLite."""

from .opening import StoreError
from .store import AnswerMatch, Draft, Store

__all__ = ["AnswerMatch", "Draft", "Store", "StoreError"]
