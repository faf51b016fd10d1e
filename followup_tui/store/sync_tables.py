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
"""The sync engine's own tables (`sync_device`, `sync_applied`, `sync_conflicts`, ...) are never
synced: what a sync set aside travels in the rows themselves (`field_stamps`), so a conflict
settled on one machine is settled on all by the write that settles it."""

SHARED_IN_M022 = frozenset({"sync_conflicts"})
"""The one bookkeeping table that travelled until stamps were kept per field (m023)."""

FIELD_STAMPS = "field_stamps"
STAMP_COLUMNS = frozenset({"last_changed_at", "last_changed_on", FIELD_STAMPS})
"""A synced row's stamps: when and where it last changed, and each field's versions (m023)."""

DEVICE_BITS = 32
"""A device's ids are device × 2³² + n: 2²¹ device numbers fit under 2⁵³, so every id is exact
in JSON and JavaScript, and each device may add four billion rows to a table."""

MAX_DEVICE = 2**21 - 1


def device_range(device: int) -> tuple[int, int]:
    """The ids `device` allocates: [low, high)."""
    return device << DEVICE_BITS, (device + 1) << DEVICE_BITS


def synced_tables(tables: list[tuple[str, str | None]], shared: frozenset[str] = frozenset()) -> list[str]:
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
        and (not name.startswith(SYNC_BOOKKEEPING_PREFIX) or name in shared)
    ]


NOW_MS = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
"""SQLite's clock as milliseconds since 1970: the stamp's `last_changed_at`."""


def _touched_triggers(table: str, key: list[str]) -> list[str]:
    """The triggers that note in `sync_touched` each row of `table` written (by its primary key,
    `key`), so a sync reads only those: the same in m022's stamps and in m023's."""

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
    ]


def stamp_triggers_per_row(table: str, key: list[str]) -> list[str]:
    """As m022 made them (m023 replaced them with `stamp_triggers`): the triggers that keep
    `last_changed_at` and `last_changed_on` on `table`, and note in
    `sync_touched` each row written (by its primary key, `key`), so a sync reads only those.

    A write that sets the stamp itself (a change applied from another machine, an undo putting
    a row back) keeps it; any other write is stamped with this machine's device and a moment
    later than the row's last, so a row's stamp only ever moves forward, whatever the clocks.
    While the sync engine applies (sync_device.applying = 1) nothing is stamped here.
    """
    quiet = "(SELECT applying FROM sync_device) = 0"
    device = "(SELECT device FROM sync_device)"

    return [
        *_touched_triggers(table, key),
        f"CREATE TRIGGER [{table}_stamp_added] AFTER INSERT ON [{table}]"
        f" WHEN NEW.last_changed_at IS NULL AND {quiet} BEGIN"
        f" UPDATE [{table}] SET last_changed_at = {NOW_MS}, last_changed_on = {device} WHERE rowid = NEW.rowid; END",
        f"CREATE TRIGGER [{table}_stamp_changed] AFTER UPDATE ON [{table}]"
        f" WHEN NEW.last_changed_at IS OLD.last_changed_at AND {quiet} BEGIN"
        f" UPDATE [{table}] SET last_changed_at = max({NOW_MS}, coalesce(OLD.last_changed_at, 0) + 1),"
        f" last_changed_on = {device} WHERE rowid = NEW.rowid; END",
    ]


def stamp_triggers(table: str, key: list[str], columns: list[str], free_text: list[str]) -> list[str]:
    """The triggers that stamp each write to `table` (primary key `key`, fields `columns`) and
    note in `sync_touched` each row written, so a sync reads only those.

    A write made here moves this machine's clock forward (`sync_device.clock`: never back, and
    past the row's last stamp) and stamps the row with it: `last_changed_at`/`_on`, and in
    `field_stamps` a new version of each field it changed (`domain.field_stamps`), which knows
    of every version this machine holds (`sync_applied`'s moments, and the field's own). A write
    that sets the row's stamp itself (a change applied by the sync) is left as it is, and while
    the sync engine applies (sync_device.applying = 1) nothing is stamped. A write that changes
    a free text (`free_text`) here settles the two versions of it this machine set aside.
    """
    quiet = "(SELECT applying FROM sync_device) = 0"
    clock = "(SELECT clock FROM sync_device)"
    device = "(SELECT device FROM sync_device)"

    applied = "SELECT device AS d, clock AS m FROM sync_applied"
    seen_now = f"(SELECT coalesce(json_group_array(json(json_array(d, m))), '[]') FROM ({applied} ORDER BY d))"

    def changed(name: str) -> str:
        return f"(OLD.[{name}] IS NOT NEW.[{name}] OR json_extract(NEW.{FIELD_STAMPS}, '$.\"{name}\"') = 'renew')"

    def version(name: str) -> str:
        held = (
            f"coalesce(json_extract(OLD.{FIELD_STAMPS}, '$.\"{name}\"'),"
            f" json_extract(OLD.{FIELD_STAMPS}, '$.\"*\"'), '[]')"
        )
        seen = (
            "(SELECT coalesce(json_group_array(json(json_array(d, m))), '[]') FROM"
            f" (SELECT d, max(m) AS m FROM ({applied}"
            f" UNION ALL SELECT json_extract(e.value, '$[1]'), json_extract(e.value, '$[0]') FROM json_each({held}) e"
            f" UNION ALL SELECT json_extract(s.value, '$[0]'), json_extract(s.value, '$[1]')"
            f" FROM json_each({held}) e, json_each(e.value, '$[2]') s)"
            " GROUP BY d ORDER BY d))"
        )
        return (
            f"SELECT '{name}' AS k, json_array(json_array({clock}, {device}, json({seen}))) AS v WHERE {changed(name)}"
        )

    fields = [name for name in columns if name not in STAMP_COLUMNS]
    versions = " UNION ALL ".join(version(name) for name in fields)
    patched = (
        f"json_patch(coalesce(NEW.{FIELD_STAMPS}, '{{}}'), (SELECT json_group_object(k, json(v)) FROM ({versions})))"
    )
    in_order = (
        f"(SELECT json_group_object(key, json(value)) FROM (SELECT key, value FROM json_each({patched}) ORDER BY key))"
    )
    settled = ""
    if free_text and key == ["id"]:
        which = " OR ".join(f"(column_name = '{name}' AND {changed(name)})" for name in free_text)
        settled = (
            f" DELETE FROM sync_conflicts WHERE kind = 'two_versions' AND table_name = '{table}'"
            f" AND row_key = json_array(NEW.id) AND ({which});"
        )
    return [
        *_touched_triggers(table, key),
        f"CREATE TRIGGER [{table}_stamp_added] AFTER INSERT ON [{table}]"
        f" WHEN NEW.last_changed_at IS NULL AND {quiet} BEGIN"
        f" UPDATE sync_device SET clock = max(clock + 1, {NOW_MS});"
        f" UPDATE [{table}] SET last_changed_at = {clock}, last_changed_on = {device},"
        f" {FIELD_STAMPS} = coalesce(NEW.{FIELD_STAMPS},"
        f" json_object('*', json_array(json_array({clock}, {device}, json({seen_now})))))"
        " WHERE rowid = NEW.rowid; END",
        f"CREATE TRIGGER [{table}_stamp_changed] AFTER UPDATE ON [{table}]"
        f" WHEN NEW.last_changed_at IS OLD.last_changed_at AND {quiet} BEGIN"
        f" UPDATE sync_device SET clock = max(clock + 1, {NOW_MS}, coalesce(OLD.last_changed_at, 0) + 1);"
        f" UPDATE [{table}] SET last_changed_at = {clock}, last_changed_on = {device},"
        f" {FIELD_STAMPS} = {in_order} WHERE rowid = NEW.rowid;{settled} END",
    ]


def base_path_for(journal: Path) -> Path:
    """Where a journal's sync base lives: beside the journal, named as the journal's own (a plain
    copy of it as of the last sync, so `followup encrypt` offers to remove it with the backups)."""
    return journal.with_name(f"{journal.name}.sync-base")
