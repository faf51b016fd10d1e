"""The store: the only code that talks to SQLite."""

from .opening import StoreError
from .store import Store

__all__ = ["Store", "StoreError"]
