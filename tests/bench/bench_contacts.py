"""The Contacts pane at 10,000 cards against 100: a keystroke in the filter, until it has repainted.

Two figures per size: the pane's own work for a keystroke (filter query and table rebuild,
timed around the handler), and the whole round trip as the test pilot sees it (key press
to the next idle frame), beside the same round trip for a key that filters nothing, which
is the pilot's own overhead.

    python tests/bench/bench_contacts.py [--contacts 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.domain.models import Contact  # noqa: E402
from followup_tui.store import Store  # noqa: E402

FIRST = ["Ada", "Grace", "Alan", "Kenji", "Zoë", "Ana", "Priya", "Olu", "Sabine", "Tom", "Mira", "Jonas", "Lea"]
LAST = ["Lovelace", "Hopper", "Turing", "Watanabe", "Achterberg", "Beltrán", "Raman", "Adeyemi", "Krüger", "Ito"]
COMPANIES = ["Northwind", "Lumen Health", "Brightwater", "Quarry & Co", "Tessellate", "Fernleaf", "Kestrel"]
TYPED = "lumen"  # typed one key at a time, then erased


def fill(store: Store, count: int) -> None:
    rng = random.Random(5)
    with store.transaction():
        for n in range(count):
            first, last, company = rng.choice(FIRST), rng.choice(LAST), rng.choice(COMPANIES)
            store.add_contact(
                Contact(
                    name=f"{first} {last} {n}",
                    company=f"{company} {n % 97}",
                    title="Engineer",
                    email=f"{first.lower()}.{n}@example.com",
                    notes=rng.choice(["met at PyCon", "", "referral"]),
                )
            )


async def keystrokes(store: Store) -> dict[str, list[float]]:
    from textual.widgets import Input

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.contacts_pane import ContactsPane

    timings: dict[str, list[float]] = {"handler": [], "round trip": [], "pilot overhead": []}
    app = FollowupApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "slash")
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        field = app.screen.query_one("#contact-filter", Input)
        for _ in range(3):
            for key in [*TYPED, *["backspace"] * len(TYPED)]:
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                timings["round trip"].append((time.perf_counter() - started) * 1000)
        for n in range(1, len(TYPED) * 3):
            with field.prevent(Input.Changed):
                field.value = TYPED[: n % len(TYPED) + 1]
            started = time.perf_counter()
            pane.reload()
            timings["handler"].append((time.perf_counter() - started) * 1000)
        for _ in range(15):  # a key the filter never sees: the pilot's own cost
            started = time.perf_counter()
            await pilot.press("right")
            await pilot.pause()
            timings["pilot overhead"].append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=10_000)
    args = parser.parse_args()
    clock = Clock.fixed(datetime(2026, 11, 26, 9, tzinfo=timezone.utc))
    with tempfile.TemporaryDirectory() as folder:
        figures = {}
        for count in (100, args.contacts):
            store = Store.open(Path(folder) / f"{count}.db", clock)
            fill(store, count)
            figures[count] = asyncio.run(keystrokes(store))
            store.close()
    small, large = figures[100], figures[args.contacts]
    print("Contacts filter, one keystroke (median / p95)")
    print(f"{'':<28}{'100 cards':>20}{f'{args.contacts:,} cards':>22}{'ratio of p95':>14}")
    for label in small:
        s95, l95 = _p95(small[label]), _p95(large[label])
        print(
            f"{label:<28}{statistics.median(small[label]):8.1f} / {s95:6.1f} ms"
            f"{statistics.median(large[label]):10.1f} / {l95:6.1f} ms{l95 / s95:12.2f}x"
        )
    print("target: a keystroke repaints within 50 ms at 10,000 cards")


def _p95(timings: list[float]) -> float:
    return sorted(timings)[int(len(timings) * 0.95)]


if __name__ == "__main__":
    main()
