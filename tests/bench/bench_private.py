"""A private journal against the same journal plain, side by side: `followup due` and the app's
first frame, each a fresh process, with the key already unlocked for the session (the config
file's `remember_key = session`) — the target is at most 5% more than plain. Also what the other
sources cost once: the passphrase's derivation (scrypt) and the keyring package's start-up.

    python tests/bench/bench_private.py [--interviews 10000] [--followups 50000] [--runs 9]

bench_journal.py prints the same table for its large journal. Machines here are shared: compare
the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_timeline import journal_arguments, large_and_demo  # noqa: E402
from build_large_journal import FIXED_NOW  # noqa: E402

PASSPHRASE = "a passphrase for the benchmark"


def private_copy(plain: Path, folder: Path) -> tuple[Path, dict]:
    """A private copy of the journal `plain`, and the environment that opens it as a session that
    has unlocked it once (the key kept in a private runtime folder, no key command set)."""
    from followup_tui.domain.clock import Clock
    from followup_tui.store import Store
    from followup_tui.store.privacy import encrypt_journal

    store = Store.open(plain, Clock.fixed(FIXED_NOW))
    private = store.backup(folder / "private.db")
    store.close()
    encrypt_journal(private, PASSPHRASE)
    config, runtime = folder / "config", folder / "runtime"
    (config / "followup").mkdir(parents=True)
    (config / "followup" / "config").write_text("remember_key = session\n")
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "FOLLOWUP_TODAY": FIXED_NOW.date().isoformat(),
        "XDG_CONFIG_HOME": str(config),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = f"{shlex.quote(sys.executable)} -c {shlex.quote(f'print({PASSPHRASE!r})')}"
    unlocked = subprocess.run(
        [sys.executable, "-m", "followup_tui", "due", "--db", str(private)],
        env={**env, "FOLLOWUP_KEY_COMMAND": command},
        stdout=subprocess.DEVNULL,
    )
    assert unlocked.returncode == 0, "the session's first unlock"
    return private, env


def process_ms(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def first_frame_ms(journal: Path, env: dict) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(HERE / "first_frame.py"), "followup", str(journal)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    while (line := process.stdout.readline()) not in (b"frame\n", b""):
        pass
    elapsed = (time.perf_counter() - started) * 1000
    process.kill()
    process.wait()
    if line != b"frame\n":
        raise RuntimeError(f"the app on {journal} drew no frame")
    return elapsed


def interleaved(runs: int, **commands) -> dict[str, float]:
    """The median of each, run in turn so a busy moment of the machine hits them all alike."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, measure in commands.items():
            timings[name].append(measure())
    return {name: statistics.median(values) for name, values in timings.items()}


def private_figures(plain: Path, folder: Path, runs: int) -> list[str]:
    """The table's lines: plain against private for `followup due` and the first frame."""
    from followup_tui.store import unlock

    private, env = private_copy(plain, folder)
    followup = [sys.executable, "-m", "followup_tui"]
    timed = interleaved(
        runs,
        due_plain=lambda: process_ms([*followup, "due", "--db", str(plain)], env),
        due_private=lambda: process_ms([*followup, "due", "--db", str(private)], env),
        frame_plain=lambda: first_frame_ms(plain, env),
        frame_private=lambda: first_frame_ms(private, env),
        floor=lambda: process_ms([sys.executable, "-c", "import sqlite3"], env),
        keyring=lambda: process_ms([sys.executable, "-c", "import keyring; keyring.get_keyring()"], env),
    )
    started = time.perf_counter()
    unlock.open_sealed(unlock.read_key_file(unlock.key_file_of(private)), PASSPHRASE, private)
    derivation = (time.perf_counter() - started) * 1000
    lines = ["private journal, key unlocked for the session   plain       private     ratio   target"]
    for label, name in (("followup due", "due"), ("first frame of the app", "frame")):
        mine, theirs = timed[f"{name}_plain"], timed[f"{name}_private"]
        verdict = "met" if theirs <= 1.05 * mine else "missed"
        lines.append(f"  {label:<44} {mine:7.0f} ms {theirs:7.0f} ms  {theirs / mine:5.3f}x  <= 1.05x {verdict}")
    lines.append(f"  python -c 'import sqlite3' (floor)          {timed['floor']:7.0f} ms")
    lines.append(
        f"  once per unlock, other sources: the passphrase's derivation {derivation:5.0f} ms;"
        f" python -c 'import keyring; keyring.get_keyring()' {timed['keyring']:5.0f} ms"
    )
    return lines


def main() -> None:
    args = journal_arguments(runs=9)
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        large_path = large.path
        large.close()
        demo.close()
        print("\n".join(private_figures(large_path, Path(folder), args.runs)))


if __name__ == "__main__":
    main()
