"""Debriefs at scale: search and save p95, and the Debriefs pane on a large journal vs an empty one.

    python tests/bench/bench_debriefs.py [--interviews 10000]

Prints figures side by side from one run; machines here are shared, so compare the
ratios, not the absolute numbers, between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from build_large_journal import FIXED_NOW, build, sentence, vocabulary  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.domain.debrief_form import CheckedDebrief  # noqa: E402
from followup_tui.domain.models import DebriefAnswer, Stage  # noqa: E402
from followup_tui.domain.questions import DEFAULT_QUESTIONS  # noqa: E402
from followup_tui.services.debriefs import record_debrief, search_debriefs  # noqa: E402
from followup_tui.store import Store  # noqa: E402

HOSTILE = ['"', "*", "-", ".", "+", "AND", "NEAR(", "(((", '"unclosed', "c++", "a OR b", "x*", "-minus", "^", "col:x"]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(int(len(ordered) * pct / 100), len(ordered) - 1)]


KINDS = [  # (kind of query, share of the 1,000)
    ("one word", 30),
    ("two words", 20),
    ("prefix while typing", 20),
    ("common word", 15),
    ("word + symbols", 10),
    ("symbols only", 5),
]


def queries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(kind, text) pairs in the shares of KINDS, shuffled."""
    words = vocabulary(random.Random(7))
    makers = {
        "one word": lambda: rng.choice(words),
        "two words": lambda: f"{rng.choice(words)} {rng.choice(words)}",
        "prefix while typing": lambda: rng.choice(words)[:3],
        "common word": lambda: rng.choice(["queue", "on-call", "design", "python", "feedback", "offer", "the"]),
        "word + symbols": lambda: f"{rng.choice(words)} {rng.choice(HOSTILE)}",
        "symbols only": lambda: rng.choice([h for h in HOSTILE if not any(c.isalnum() for c in h)]),
    }
    made = [(kind, makers[kind]()) for kind, share in KINDS for _ in range(count * share // 100)]
    rng.shuffle(made)
    return made


def time_search(store: Store, texts: list[tuple[str, str]]) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for kind, text in texts:
        started = time.perf_counter()
        search_debriefs(store, text)
        timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    return timings


def time_saves(store: Store, count: int) -> list[float]:
    rng = random.Random(11)
    words = vocabulary(rng)
    timings = []
    for n in range(count):
        checked = CheckedDebrief(
            company=f"Bench {n % 17}",
            role="Engineer",
            starts_at=FIXED_NOW,
            stage=Stage.ONSITE,
            format="video",
            interviewers=[f"Person {n}"],
            decision_on=None,
            satisfaction=3,
            answers=[DebriefAnswer(q.key, q.prompt, sentence(rng, words)) for q in DEFAULT_QUESTIONS],
        )
        started = time.perf_counter()
        record_debrief(store, checked)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def time_pane(store: Store, keypresses: int = 30) -> tuple[float, float, float]:
    """(first frame of the app, switching to Debriefs, a keypress in its list) in ms."""
    from followup_tui.ui.app import FollowupApp

    started = time.perf_counter()
    app = FollowupApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first_frame = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        await pilot.press("2")
        await pilot.pause()
        switch = (time.perf_counter() - started) * 1000
        presses = []
        for _ in range(keypresses):
            started = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            presses.append((time.perf_counter() - started) * 1000)
    return first_frame, switch, statistics.median(presses)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        large = build(Path(folder) / "large.db", args.interviews)
        answers = large.db["debrief_answers"].count
        print(f"built {args.interviews:,} interviews, {answers:,} answers in {time.perf_counter() - started:.1f} s")
        empty = Store.open(Path(folder) / "empty.db", Clock.fixed(FIXED_NOW))

        texts = queries(random.Random(3), args.queries)
        by_kind = time_search(large, texts)
        search = [ms for timings in by_kind.values() for ms in timings]
        print(
            f"search  ({len(texts)} queries): p50 {percentile(search, 50):6.2f} ms   "
            f"p95 {percentile(search, 95):6.2f} ms   max {max(search):6.2f} ms   (target p95 <= 20 ms)"
        )
        for kind, timings in by_kind.items():
            print(f"    {kind:<20} {len(timings):4} queries   p95 {percentile(timings, 95):6.2f} ms")
        saves = time_saves(large, args.saves)
        print(
            f"save    ({len(saves)} debriefs):  p50 {percentile(saves, 50):6.2f} ms   "
            f"p95 {percentile(saves, 95):6.2f} ms   max {max(saves):6.2f} ms   (target p95 <= 30 ms)"
        )

        print("\nDebriefs pane          empty journal   large journal   ratio")
        small_figures = asyncio.run(time_pane(empty))
        large_figures = asyncio.run(time_pane(large))
        labels = ("first frame", "switch to pane", "keypress in list")
        for label, small, big in zip(labels, small_figures, large_figures, strict=True):
            print(f"{label:<20} {small:10.1f} ms   {big:10.1f} ms   {big / small:5.2f}x")


if __name__ == "__main__":
    main()
