"""The one module that names the database driver: the DB-API module the journal is opened with,
and the errors it raises. A second driver (SQLCipher, for a private journal, whose errors are not
sqlite3's) changes this file alone; the rest of the store says `driver.Error`."""

from __future__ import annotations

import sqlite3

connect = sqlite3.connect
Connection = sqlite3.Connection
Error = sqlite3.Error
DatabaseError = sqlite3.DatabaseError
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError
