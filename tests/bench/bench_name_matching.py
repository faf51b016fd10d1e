"""How long importing an address book takes when every card is matched by name against the
journal's cards (the name rule: case and accents folded). Matching reads the cards' names once and
keeps them while the import writes, so a large import stays linear; prints seconds per step.

    .venv/bin/python tests/bench/bench_name_matching.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.services import vcard  # noqa: E402
from followup_tui.store import Store  # noqa: E402


def cards(count: int, first: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person Zoë {n}\r\nORG:Company {n % 50}\r\n"
        f"EMAIL:p{n}@x.example\r\nEND:VCARD\r\n"
        for n in range(first, first + count)
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "journal.db", Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc)))
        for count, first in ((1000, 0), (2000, 1000), (4000, 3000)):
            held = store.counts()["contacts"]
            started = time.perf_counter()
            vcard.import_vcards(store, cards(count, first))
            print(f"{count:>5} new cards into {held:>5} kept: {time.perf_counter() - started:5.2f} s")
        started = time.perf_counter()
        report = vcard.import_vcards(store, cards(4000, 3000))
        print(f"the last 4,000 again (each found by name): {time.perf_counter() - started:5.2f} s — {report.summary()}")
        store.close()


if __name__ == "__main__":
    main()
