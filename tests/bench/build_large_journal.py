"""Build a large journal for the benchmarks: interviews with full debriefs, varied words.

python tests/bench/build_large_journal.py PATH [--interviews 10000]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from followup_tui.domain.clock import Clock
from followup_tui.domain.debrief_form import CheckedDebrief
from followup_tui.domain.models import DebriefAnswer, Stage
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.services.debriefs import record_debrief
from followup_tui.store import Store

FIXED_NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
FIVE_STAGES = [Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.ONSITE, Stage.FINAL, Stage.OTHER]
"""The rounds this journal was first built with: the same draws, so its figures compare across releases."""

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "sun", "gor", "fe", "ni", "bak", "tur", "zel", "qua"]
COMMON = (
    "the a and to of in on for with about team role system design interview question answer went well "
    "asked they we I my their manager engineer data queue cache latency on-call deploy pipeline python "
    "rust go kubernetes database schema test review feedback offer salary culture remote office"
).split()


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    picked = [rng.choice(COMMON) if rng.random() < 0.6 else rng.choice(words) for _ in range(rng.randint(6, 30))]
    return " ".join(picked).capitalize() + rng.choice([".", "!", "?", " (C++, Go).", " — see notes."])


def build(path: Path, interviews: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    words = vocabulary(rng)
    store = Store.open(path, Clock.fixed(FIXED_NOW))
    companies = [
        f"{rng.choice(words).capitalize()} {rng.choice(['Labs', 'Inc', 'Health', 'Systems', 'Co'])}"
        for _ in range(max(interviews // 20, 1))
    ]
    with store.transaction():
        for n in range(interviews):
            answers = [DebriefAnswer(q.key, q.prompt, sentence(rng, words)) for q in DEFAULT_QUESTIONS]
            checked = CheckedDebrief(
                company=rng.choice(companies),
                role=rng.choice(["Backend Engineer", "Data Engineer", "SRE", "Staff Engineer"]),
                starts_at=FIXED_NOW - timedelta(hours=n * 7),
                stage=rng.choice(FIVE_STAGES),
                format="video",
                interviewers=[f"{rng.choice(words).capitalize()} {rng.choice(words).capitalize()}"],
                decision_on=None,
                satisfaction=rng.randint(1, 5),
                answers=answers,
            )
            record_debrief(store, checked)
    return store


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--interviews", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    store = build(args.path, args.interviews)
    counts = store.counts()
    print(f"built {counts} in {time.perf_counter() - started:.1f} s")
