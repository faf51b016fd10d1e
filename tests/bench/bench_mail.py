"""Scanning a Maildir of 10,000 messages: the first time (target ≤ 5 s) and again when nothing
is new (target ≤ 0.5 s: what was read is remembered by file name and not read again).

    python tests/bench/bench_mail.py [--messages 10000] [--runs 5]

Writes a Maildir of real-shaped mail (mostly newsletters and strangers, one in fifty from a
person in the sample search) to a temporary folder, then prints the first scan, the median of
the rescans with nothing new, and a rescan after 100 new messages arrive.
Machines here are shared: compare the ratios printed, not absolute numbers between runs.
"""

from __future__ import annotations

import argparse
import mailbox
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()
sys.path.insert(0, str(Path(__file__).parent.parent.parent))

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.services import mail_inbox  # noqa: E402
from followup_tui.store import Store  # noqa: E402
from tests.mail_samples import a_search, many_messages, message  # noqa: E402


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = Store.open(root / "journal.db", Clock.fixed(datetime.fromisoformat("2026-11-26T09:00:00+00:00")))
        a_search(store)
        box = mailbox.Maildir(root / "INBOX", create=True)
        for mail in many_messages(args.messages):
            box.add(mail)
        first, report = timed(lambda: mail_inbox.scan(store, [root / "INBOX"]))
        print(
            f"first scan of {args.messages:,} messages: {first:.2f} s "
            f"({report.read:,} read, {len(report.proposals)} proposals)  target ≤ 5 s"
        )
        again = [timed(lambda: mail_inbox.scan(store, [root / "INBOX"]))[0] for _ in range(args.runs)]
        print(
            f"rescan, nothing new: median {statistics.median(again) * 1000:.0f} ms, "
            f"worst {max(again) * 1000:.0f} ms over {args.runs} runs  target ≤ 500 ms"
        )
        for n, mail in enumerate(many_messages(100)):
            mail.replace_header("Message-ID", f"<late{n}@shop.example>")
            box.add(mail)
        late, report = timed(lambda: mail_inbox.scan(store, [root / "INBOX"]))
        print(f"rescan, 100 new: {late * 1000:.0f} ms ({report.read} read, {len(report.proposals)} proposals)")
        known = mailbox.Maildir(root / "FROM-GLOBEX", create=True)  # the worst case: every message read whole
        for n in range(args.messages // 5):
            known.add(
                message("dana.reyes@globex.com", f"Re: {n}", "We hope to decide by Friday.", key=f"<k{n}@globex.com>")
            )
        whole, report = timed(lambda: mail_inbox.scan(store, [root / "FROM-GLOBEX"]))
        print(
            f"worst case, {args.messages // 5:,} messages all from a person in the search: {whole:.2f} s "
            f"({whole / max(report.read, 1) * 1000:.2f} ms a message)"
        )
        store.close()


if __name__ == "__main__":
    main()
