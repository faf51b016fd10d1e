"""Time and peak memory of reading hostile and large vCard files, one case per process.

    python tests/bench/bench_vcard_reader.py [--timeout 180] [CASE ...]

Cases: `photo` (a 10 MB file whose first card holds a 6 MB folded photo), `soft-breaks` (6 MB of
quoted-printable soft line breaks in one note), `types` (one line with 5 million TYPE values),
`many` (a 10 MB file of many ordinary cards). Each file is built in memory, then read with
`parse_vcards` (every contact held in a list, as the app holds them between reading and writing)
and, where the reader has it, `each_contact` (each card as it is read, as `followup import vcard`
writes them) — each twice, once timed and once while tracemalloc watches: the peak is what the
reader allocated on top of the file's bytes. The targets: the photo file in at most 2 s, and
every peak at most 3x the file. A case still running after --timeout seconds is reported as such
(the old reader was quadratic).
"""

from __future__ import annotations

import argparse
import base64
import subprocess
import sys
import time
import tracemalloc

MB = 1_000_000


def ordinary_cards(size: int, start: int = 0) -> bytes:
    """Cards as a phone exports them, until `size` bytes."""
    pieces, total, n = [], 0, start
    while total < size:
        card = (
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"UID:card-{n:08d}\r\nFN:Person Number{n}\r\nN:Number{n};Person;;;\r\n"
            f"ORG:Company {n % 700};Team {n % 13}\r\nTITLE:Engineer\r\n"
            f"EMAIL;TYPE=INTERNET,WORK,PREF:person{n}@company{n % 700}.example\r\n"
            f"TEL;TYPE=CELL:+44 7700 {n % 1_000_000:06d}\r\n"
            "NOTE:Met at the meetup\\, talked about the on-call rota and the roadmap.\r\n"
            "END:VCARD\r\n"
        ).encode()
        pieces.append(card)
        total += len(card)
        n += 1
    return b"".join(pieces)


def folded(value: str, first: str) -> str:
    body = first + value
    return "\r\n ".join(body[i : i + 74] for i in range(0, len(body), 74)) + "\r\n"


def photo_file() -> bytes:
    photo = base64.b64encode(bytes(range(256)) * (4_500_000 // 256)).decode()[: 6 * MB]
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n" + folded(photo, "PHOTO;ENCODING=b;TYPE=JPEG:")
    card += "END:VCARD\r\n"
    data = card.encode()
    return data + ordinary_cards(10 * MB - len(data))


def soft_breaks_file() -> bytes:
    chunk = "caf=C3=A9 meetup " * 4  # 68 characters, then a soft break
    count = 6 * MB // (len(chunk) + 3)
    note = "=\r\n".join([chunk] * count)
    note = f"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:{note}"
    text = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Long Note\r\n{note}\r\nEND:VCARD\r\n"
    return text.encode()


def types_file() -> bytes:
    types = ",".join(["WORK"] * 5_000_000)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Types\r\nEMAIL;TYPE={types}:a@b.example\r\nEND:VCARD\r\n".encode()


CASES = {
    "photo": photo_file,
    "soft-breaks": soft_breaks_file,
    "types": types_file,
    "many": lambda: ordinary_cards(10 * MB),
}


def measure(case: str) -> str:
    from followup_tui.services import vcard

    data = CASES[case]()
    lines = [_measured(case, "all contacts held", data, lambda: len(vcard.parse_vcards(data).contacts))]
    if hasattr(vcard, "each_contact"):  # the reader as an import uses it: each card written as it is read
        streamed = lambda: sum(1 for _ in vcard.each_contact(data, None, vcard.ParsedCards([])))  # noqa: E731
        lines.append(_measured(case, "streamed", data, streamed))
    return "\n".join(lines)


def _measured(case: str, how: str, data: bytes, read) -> str:
    began = time.perf_counter()
    count = read()
    seconds = time.perf_counter() - began  # timed on its own: tracemalloc slows every allocation
    tracemalloc.start()
    read()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (
        f"{case:12} {how:18} {len(data) / MB:5.1f} MB file {seconds:7.2f} s  peak {peak / MB:7.1f} MB "
        f"({peak / len(data):5.2f}x the file)  {count} contacts"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=list(CASES))
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(args.one), flush=True)
        return
    for case in args.cases:
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--one", case], capture_output=True, text=True, timeout=args.timeout
            )
            print(done.stdout.strip() or f"{case:12} failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
        except subprocess.TimeoutExpired:
            print(f"{case:12} still running after {args.timeout:.0f} s: stopped", flush=True)


if __name__ == "__main__":
    main()
