"""Which tables travel between machines, and the stamp every synced row carries.

Importable without sqlite-utils or apsw: the migration that adds the stamps (m022) and the
sync engine read the same lists, so a table is either synced and stamped, or neither.
"""

from __future__ import annotations

from pathlib import Path

MACHINE_TABLES = frozenset(
    {
        "settings",  # the sync folder, the theme and the holidays country are this machine's
        "drafts",  # a form's autosave belongs to the screen it was typed on
        "reminders_sent",  # what `notify` sent from this machine
        "mail_proposals",  # read from this machine's mailbox
        "mail_seen",
        "debrief_lines",  # made again from the answers by triggers on every machine
    }
)
"""Tables that stay on the machine that wrote them."""

SYNC_BOOKKEEPING_PREFIX = "sync_"
"""The sync engine's own tables (`sync_device`, `sync_applied`, `sync_deleted`) are never synced;
`sync_conflicts` is the one exception, so a conflict resolved on one machine is resolved on all."""

SHARED_SYNC_TABLES = frozenset({"sync_conflicts"})

DEVICE_BITS = 32
"""A device's ids are device × 2³² + n: 2²¹ device numbers fit under 2⁵³, so every id is exact
in JSON and JavaScript, and each device may add four billion rows to a table."""

MAX_DEVICE = 2**21 - 1


def device_range(device: int) -> tuple[int, int]:
    """The ids `device` allocates: [low, high)."""
    return device << DEVICE_BITS, (device + 1) << DEVICE_BITS


def synced_tables(tables: list[tuple[str, str | None]]) -> list[str]:
    """Of a journal's tables (name, CREATE statement, as sqlite_master lists them), those that
    travel between machines: not SQLite's own, not the migrations' record, not a machine's own,
    and never a full-text index (a virtual table) or the shadow tables it keeps its words in:
    those are made again by triggers on every machine."""
    virtual = [name for name, sql in tables if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL TABLE")]
    return [
        name
        for name, _sql in tables
        if name not in virtual
        and not any(name.startswith(f"{index}_") for index in virtual)
        and not name.startswith(("sqlite_", "_"))
        and name not in MACHINE_TABLES
        and (not name.startswith(SYNC_BOOKKEEPING_PREFIX) or name in SHARED_SYNC_TABLES)
    ]


NOW_MS = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
"""SQLite's clock as milliseconds since 1970: the stamp's `last_changed_at`."""


def stamp_triggers(table: str, key: list[str]) -> list[str]:
    """The triggers that keep `last_changed_at` and `last_changed_on` on `table`, and note in
    `sync_touched` each row written (by its primary key, `key`), so a sync reads only those.

    A write that sets the stamp itself (a change applied from another machine, an undo putting
    a row back) keeps it; any other write is stamped with this machine's device and a moment
    later than the row's last, so a row's stamp only ever moves forward, whatever the clocks.
    While the sync engine applies (sync_device.applying = 1) nothing is stamped here.
    """
    quiet = "(SELECT applying FROM sync_device) = 0"
    device = "(SELECT device FROM sync_device)"

    def touched(row: str) -> str:
        # not OR IGNORE: in a trigger fired by a link's ON DELETE action, SQLite's own ABORT wins
        values = f"json_array({', '.join(f'{row}.[{name}]' for name in key)})"
        return (
            f"INSERT INTO sync_touched (table_name, row_key) SELECT '{table}', {values} WHERE NOT EXISTS"
            f" (SELECT 1 FROM sync_touched WHERE table_name = '{table}' AND row_key = {values});"
        )

    return [
        f"CREATE TRIGGER [{table}_sync_added] AFTER INSERT ON [{table}] BEGIN {touched('NEW')} END",
        f"CREATE TRIGGER [{table}_sync_changed] AFTER UPDATE ON [{table}] BEGIN {touched('OLD')} {touched('NEW')} END",
        f"CREATE TRIGGER [{table}_sync_removed] AFTER DELETE ON [{table}] BEGIN {touched('OLD')} END",
        f"CREATE TRIGGER [{table}_stamp_added] AFTER INSERT ON [{table}]"
        f" WHEN NEW.last_changed_at IS NULL AND {quiet} BEGIN"
        f" UPDATE [{table}] SET last_changed_at = {NOW_MS}, last_changed_on = {device} WHERE rowid = NEW.rowid; END",
        f"CREATE TRIGGER [{table}_stamp_changed] AFTER UPDATE ON [{table}]"
        f" WHEN NEW.last_changed_at IS OLD.last_changed_at AND {quiet} BEGIN"
        f" UPDATE [{table}] SET last_changed_at = max({NOW_MS}, coalesce(OLD.last_changed_at, 0) + 1),"
        f" last_changed_on = {device} WHERE rowid = NEW.rowid; END",
    ]


def base_path_for(journal: Path) -> Path:
    """Where a journal's sync base lives: beside the journal, named as the journal's own (a plain
    copy of it as of the last sync, so `followup encrypt` offers to remove it with the backups)."""
    return journal.with_name(f"{journal.name}.sync-base")
