"""Pay as people type it — `85k`, `85,000`, `€85 000`, `85-95k`, `USD 120k a year` — read into one
plain form (`€85,000–95,000`), so the advertised range, the ask and the offer line up."""

from __future__ import annotations

import re

CURRENCIES = {"€": "€", "$": "$", "£": "£", "¥": "¥", "₹": "₹", "eur": "€", "usd": "$", "gbp": "£"}
CODES = ("aud", "cad", "chf", "cny", "dkk", "inr", "jpy", "nok", "nzd", "pln", "sek", "sgd")
PERIODS = {
    "a year": ("year", "yr", "y", "annum", "pa", "p.a.", "annually", "yearly"),
    "a month": ("month", "mo", "monthly"),
    "an hour": ("hour", "hr", "h", "hourly"),
    "a day": ("day", "daily"),
}
EXAMPLES = "85k, 85,000, €85 000 or 85-95k"

_DIGITS = r"\d[\d,. \u00a0\u202f']*\d|\d"
_SYMBOLS = "|".join(re.escape(c) for c in sorted([*CURRENCIES, *CODES], key=len, reverse=True))
_PAY = re.compile(
    rf"^(?P<pre>{_SYMBOLS})?\s*(?P<low>{_DIGITS})\s*(?P<low_unit>[km])?"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<pre2>{_SYMBOLS})?\s*(?P<high>{_DIGITS})\s*(?P<high_unit>[km])?)?"
    rf"\s*(?P<post>{_SYMBOLS})?\s*(?:(?:/|per\b|an?\b)\s*(?P<period>[a-z.]+))?$",
    re.IGNORECASE,
)


class PayError(ValueError):
    """Pay that cannot be read, in words to show beside the field."""


def read_pay(text: str) -> str:
    """`text` in the one plain form, "" for nothing; PayError when it is not an amount or range."""
    text = " ".join(text.split())
    if not text:
        return ""
    match = _PAY.match(text)
    if not match:
        raise PayError(f"Can't read {text!r} as pay; try {EXAMPLES}.")
    currencies = {c.lower() for c in (match["pre"], match["pre2"], match["post"]) if c}
    if len(currencies) > 1:
        raise PayError(f"{text!r} names two currencies; give one.")
    high_unit = (match["high_unit"] or "").strip().lower()
    low_unit = (match["low_unit"] or "").strip().lower() or high_unit  # 85-95k: the k is for both
    low = _amount(match["low"], low_unit, text)
    high = _amount(match["high"], high_unit, text) if match["high"] else None
    if high is not None and high < low:
        raise PayError(f"{text!r} runs from more to less; write the lower figure first.")
    period = _period(match["period"], text) if match["period"] else ""
    symbol = _symbol(currencies.pop()) if currencies else ""
    figure = f"{symbol}{low:,}" if high is None or high == low else f"{symbol}{low:,}–{high:,}"
    return f"{figure} {period}".strip()


def _symbol(currency: str) -> str:
    return CURRENCIES.get(currency, currency.upper() + " ")


def _amount(digits: str, unit: str, text: str) -> int:
    digits = re.sub(r"[\s\u00a0\u202f']", "", digits)
    if unit in ("k", "m"):  # 85.5k, 85,5k: the mark is a decimal point
        value = float(digits.replace(",", "."))
        return round(value * (1_000 if unit == "k" else 1_000_000))
    groups = re.split(r"[.,]", digits)
    if len(groups) == 1:
        return int(digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):  # 85,000 or 85.000: thousands
        return int("".join(groups))
    if len(groups) == 2 and len(groups[1]) == 2:  # 85000.50: cents
        return round(float(".".join(groups)))
    raise PayError(f"Can't read {text!r} as pay; try {EXAMPLES}.")


def _period(word: str, text: str) -> str:
    word = word.lower().rstrip(".") if word.lower() != "p.a." else word.lower()
    for period, words in PERIODS.items():
        if word in words:
            return period
    raise PayError(f"{text!r}: per what? Try 'a year', 'a month' or 'an hour'.")
