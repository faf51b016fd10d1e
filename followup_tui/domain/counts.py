"""Counts said in words that agree in number: "1 upcoming interview", "2 upcoming interviews"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for exactly one; thousands grouped ("1,204 follow-ups").
    `plural` for a noun that is not made plural by an s ("1 reply", "2 replies")."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
