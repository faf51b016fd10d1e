"""Peak memory and time of every export, on the demo journal and on a large one, side by side.

    python tests/bench/bench_exports.py [--interviews 10000] [--followups 50000]

Each export runs as its own `followup export ... -o FILE` process; its peak resident memory is
the high-water mark the kernel keeps for that program (VmHWM, read as it exits — ru_maxrss would
also count the benchmark's own memory, copied at the fork). Exports are written as they are
read, so the large journal's figures should sit close to the demo's. Compare ratios.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent))

from bench_timeline import journal_arguments, large_and_demo  # noqa: E402
from build_large_journal import FIXED_NOW  # noqa: E402

EXPORTS = [["json"], ["ics"], ["vcard"], ["markdown"], ["csv", "followups"], ["csv", "applications"]]
ENV = {**os.environ, "FOLLOWUP_TODAY": FIXED_NOW.date().isoformat()}


PEAK = (
    "import atexit, sys\n"
    "def said():\n"
    "    kb = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
    "    sys.stderr.write(f'peak-kb {kb}\\n')\n"
    "atexit.register(said)\n"
    "sys.argv = ['followup', *sys.argv[1:]]\n"
    "from followup_tui.cli import main\n"
    "main()\n"
)
"""Runs the command line as `followup` does, and says its memory's high-water mark as it exits."""


def peak(db: Path, export: list[str], out: Path) -> tuple[float, float, int]:
    """(peak MiB, seconds, bytes written) of one export in a process of its own."""
    command = [sys.executable, "-c", PEAK, "--db", str(db), "export", *export, "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(export)} failed: {done.stderr}")
    kb = int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak-kb")))
    return kb / 1024, took, out.stat().st_size


def export_figures(small: Path, large: Path, folder: Path) -> list[str]:
    """The table: each export's peak memory and time on both journals."""
    lines = [f"  {'export':<22} {'demo':>22} {'large':>30}  memory ratio"]
    for export in EXPORTS:
        name = " ".join(export)
        a = peak(small, export, folder / "small.out")
        b = peak(large, export, folder / "large.out")
        lines.append(
            f"  {name:<22} {a[0]:6.1f} MiB {a[1]:5.2f} s {a[2] / 1e6:5.2f} MB"
            f"   {b[0]:6.1f} MiB {b[1]:6.2f} s {b[2] / 1e6:7.1f} MB  {b[0] / a[0]:5.2f}x"
        )
    return lines


def main() -> None:
    args = journal_arguments()
    with tempfile.TemporaryDirectory() as folder:
        large, demo = large_and_demo(Path(folder), args.interviews, args.followups)
        counts = large.counts()
        large.close()
        demo.close()
        print(f"large journal: {counts['interviews']:,} interviews, {counts['followups']:,} follow-ups\n")
        print("\n".join(export_figures(Path(folder) / "demo.db", Path(folder) / "large.db", Path(folder))))


if __name__ == "__main__":
    main()
