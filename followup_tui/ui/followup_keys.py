"""The keys that act on one follow-up, said once: the Timeline binds them to its highlighted row,
and a follow-up's details to the one it shows."""

from __future__ import annotations

FOLLOWUP_KEYS = [
    ("c", "compose", "Compose", "compose"),
    ("e", "edit", "Edit", "edit"),
    ("d", "act('complete')", "Done", "done"),
    ("s", "act('snooze')", "Snooze", "snooze"),
    ("r", "reschedule", "Reschedule", "reschedule"),
    ("x", "act('skip')", "Skip", "skip"),
    ("i", "reply", "Reply came", "reply"),
]
"""The keys that act on one follow-up: on the Timeline's highlighted row, and in its details."""
