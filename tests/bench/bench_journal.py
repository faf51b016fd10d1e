"""The whole journal's figures, side by side from one run: the table in the README.

    python tests/bench/bench_journal.py [--interviews 10000] [--followups 50000] [--runs 9]

Builds a large journal (10,000 interviews with 100,000 debrief answers, a contact for each
interviewer, 50,000 follow-ups) and an empty one, then prints:
- time to the first frame: a bare Textual app showing one label, the app on the empty
  journal, the app on the large one (each a fresh process, to the first frame drawn), and
  when `down` pressed at the large journal's first frame is answered;
- `followup due` and `followup search` against `python -c "import sqlite3"`, and each
  command's own query, timed in-process;
- `followup due` and the first frame on the large journal made private, against it plain;
- search and save p95 on the large journal;
- keypress to repaint in each pane, large against the demo journal (an empty list has
  nothing to repaint);
- peak memory and time of each export, large against the demo journal;
- `d` on one follow-up with 1,000,000 follow-ups on its application next to 100.
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_action_at_scale import journal_with_history, press_d  # noqa: E402
from bench_debriefs import percentile, queries, time_saves, time_search  # noqa: E402
from bench_exports import export_figures  # noqa: E402
from bench_private import interleaved, private_figures  # noqa: E402
from bench_timeline import journal_arguments, large_and_demo  # noqa: E402
from build_large_journal import FIXED_NOW  # noqa: E402

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.services.debriefs import search_debriefs  # noqa: E402
from followup_tui.store import Store  # noqa: E402
from followup_tui.store.reader import due_until  # noqa: E402

ENV = {**os.environ, "FOLLOWUP_TODAY": FIXED_NOW.date().isoformat()}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as people run it: with Python's bytecode cache


def process_ms(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def first_frame_ms(args: list[str], said: bytes = b"frame\n") -> float:
    """From starting a process to its first frame drawn (first_frame.py says when), or to
    another line it `said` (with --down: "answered", the key pressed at the first frame)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(HERE / "first_frame.py"), *args],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    while (line := process.stdout.readline()) not in (said, b""):
        pass
    elapsed = (time.perf_counter() - started) * 1000
    process.kill()
    process.wait()
    if line != said:
        raise RuntimeError(f"{args} never said {said!r}")
    return elapsed


def in_process_ms(work, repeat: int = 20) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.perf_counter() - started) / repeat * 1000


async def keypress_ms(store: Store, pane_key: str, presses: int = 25) -> float:
    """Median time from a key reaching the app to the next frame drawn, in one pane."""
    from followup_tui.ui.app import FollowupApp

    frames: list[float] = []

    class Timed(FollowupApp):
        CSS_PATH = str(Path(sys.modules[FollowupApp.__module__].__file__).parent / FollowupApp.CSS_PATH)

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

    app = Timed(store)
    timings = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(pane_key)
        await pilot.pause(0.2)
        for _ in range(presses):
            seen = len(frames)
            started = time.perf_counter()
            await pilot.press("down")
            while len(frames) == seen and time.perf_counter() - started < 2:
                await asyncio.sleep(0.001)
            if len(frames) > seen:
                timings.append((frames[seen] - started) * 1000)
            await pilot.pause()
    return statistics.median(timings) if timings else float("nan")


def main() -> None:
    args = journal_arguments(runs=9)
    import followup_tui

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(followup_tui.__file__).parent)], env=ENV)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        large_path, empty_path = large.path, Path(folder) / "empty.db"
        counts = large.counts()
        answers = large.db["debrief_answers"].count
        Store.open(empty_path, Clock.fixed(FIXED_NOW)).close()
        print(
            f"large journal: {counts['interviews']:,} interviews, {answers:,} answers, "
            f"{counts['contacts']:,} contacts, {counts['followups']:,} follow-ups "
            f"(built in {time.perf_counter() - started:.0f} s)\n"
        )

        frame = interleaved(
            args.runs,
            bare=lambda: first_frame_ms(["bare"]),
            empty=lambda: first_frame_ms(["followup", str(empty_path)]),
            large=lambda: first_frame_ms(["followup", str(large_path)]),
            key=lambda: first_frame_ms(["followup", str(large_path), "--down"], b"answered\n"),
        )
        print("time to first frame (fresh process)      median      vs bare app   target")
        print(f"  bare Textual app, one label           {frame['bare']:7.0f} ms")
        for name in ("empty", "large"):
            label = f"followup, {name} journal"
            print(f"  {label:<36}  {frame[name]:7.0f} ms   {frame[name] / frame['bare']:8.2f}x   <= 1.25x")
        print(f"  down pressed at the first frame, large  {frame['key']:6.0f} ms   (answered, from the start)")

        today = FIXED_NOW.date()
        due_query = in_process_ms(lambda: due_until(large_path, today + timedelta(days=7)))
        search_query = in_process_ms(lambda: search_debriefs(large, "queue", limit=20))
        followup = [sys.executable, "-m", "followup_tui"]
        shell = interleaved(
            args.runs * 2,
            floor=lambda: process_ms([sys.executable, "-c", "import sqlite3"]),
            due=lambda: process_ms([*followup, "due", "--db", str(large_path)]),
            search=lambda: process_ms([*followup, "search", "queue", "--db", str(large_path)]),
        )
        print("\ncommand line (large journal)             median      query alone   target: 1.5 x floor + query")
        print(f"  python -c 'import sqlite3' (floor)    {shell['floor']:7.0f} ms")
        for name, query in (("due", due_query), ("search queue", search_query)):
            measured = shell[name.split()[0]]
            target = 1.5 * shell["floor"] + query
            verdict = "met" if measured <= target else "missed"
            print(f"  followup {name:<28} {measured:7.0f} ms   {query:8.1f} ms   {target:5.0f} ms  {verdict}")

        print("\nthe same journal private (encrypted), side by side (bench_private.py)")
        print("\n".join(private_figures(large_path, Path(folder), args.runs)))

        texts = queries(random.Random(3), 1_000)
        searches = [ms for timings in time_search(large, texts).values() for ms in timings]
        saves = time_saves(large, 200)
        print("\nlarge journal, in-process                p50         p95           target")
        for label, samples, target in (
            ("search, 1,000 varied queries", searches, 20),
            ("saving a debrief, 200 saves", saves, 30),
        ):
            p50, p95 = percentile(samples, 50), percentile(samples, 95)
            print(f"  {label:<36}  {p50:7.1f} ms   {p95:7.1f} ms   p95 <= {target} ms")

        print("\nkeypress to repaint (down in the list)   demo        large         ratio")
        for key, pane in (("1", "Timeline"), ("2", "Debriefs"), ("3", "Contacts"), ("4", "Pipeline")):
            small = asyncio.run(keypress_ms(demo, key))
            big = asyncio.run(keypress_ms(large, key))
            print(f"  {pane:<36} {small:7.1f} ms   {big:7.1f} ms   {big / small:8.2f}x")

        large.close()
        demo.close()
        print("\npeak memory and time of each export (a process each; bench_exports.py)")
        print("\n".join(export_figures(Path(folder) / "demo.db", large_path, Path(folder))))

        print("\nd on one follow-up, and the Timeline after it (bench_action_at_scale.py)")
        stores = {size: journal_with_history(Path(folder) / f"history-{size}.db", size) for size in (100, 1_000_000)}
        took = {size: statistics.median(press_d(store) for _ in range(5)) for size, store in stores.items()}
        ratio = took[1_000_000] / took[100]
        print(f"  100 follow-ups on its application        {took[100]:7.1f} ms")
        print(f"  1,000,000 follow-ups on its application  {took[1_000_000]:7.1f} ms   {ratio:5.2f}x")


if __name__ == "__main__":
    main()
