"""Dates people type — "tomorrow", "next fri 2pm", "in 3 business days", "3 Dec" — read strictly.

dateutil reads absolute dates but knows no relative words, and its fuzzy mode turns
garbage into a date near today. So this is a small grammar of our own: text either
matches one of the shapes below and names a real date, or it is an error that says
why. It never falls back to today.

Shapes (case and extra spaces do not matter; a time may follow any of them,
optionally after "at": 14:30, 9am, 2:15pm):

- today, tomorrow, yesterday, now
- mon … sun, this fri (this week's), next fri (next week's), last fri (the latest before today)
- next week (its Monday), after the weekend (the coming Monday), end of week / eow (this week's
  Friday), end of next week, end of month / eom (its last business day)
- in 3 days, in 2 weeks, in two weeks, in 2 business days, in 2 months, in a week / fortnight /
  month, fortnight; 2 weeks from now, two weeks from today; 3 days ago; +3d, +2w, -1d (a count is
  digits or a word from one to twelve)
- monday week (a week after the coming Monday, as in "a week on Monday")
- ISO 2026-12-03; 3 Dec, Dec 3, 3 December 2026, Dec 3, 2026, 3 Dec '27 (a year has four digits
  or an apostrophe, so "Dec 40" is an error, not the year 2040)
- numeric 3/12, 3/12/2026, 3.12.26 — day first or month first, as set

Direction: a field about the past (`past=True`: the day you applied, when the interview was)
reads a bare weekday and a date without a year as the most recent one; any other field as the
next one (today included either way). But a date without a year that was *just past* — within
the last `JUST_PAST_DAYS` days, as "1 Dec" typed on 2 Dec — is not quietly read as next year in
a field about what is to come: it is `AmbiguousDay`, whose message asks for the year ("1 Dec was
yesterday — add the year: 1 Dec 2026 or 1 Dec 2027"). Further back than that, next year is what
a person means ("3 Mar" in December). Days are the user's local day (`clock.local_day`).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .clock import local_day
from .dates import MOST_DAYS_AWAY, NO_HOLIDAYS, add_business_days, long_day, within_reach

WEEKDAYS = {
    "mon": MO, "monday": MO,
    "tue": TU, "tues": TU, "tuesday": TU,
    "wed": WE, "weds": WE, "wednesday": WE,
    "thu": TH, "thur": TH, "thurs": TH, "thursday": TH,
    "fri": FR, "friday": FR,
    "sat": SA, "saturday": SA,
    "sun": SU, "sunday": SU,
}  # fmt: skip
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months",
}  # fmt: skip
MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december"),
), start=1) for name in names}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
JUST_PAST_DAYS = 30
"""A date without a year this many days back or fewer is "just past": asked about, never taken
as next year's in a field about what is to come."""

_TIME = re.compile(r"(?:\s+|^)(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$")
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<n>\d{1,4})\s*(?P<unit>d|w)")
_COUNT = rf"(?P<n>\d{{1,4}}|{'|'.join(NUMBER_WORDS)})"
_SPAN = rf"{_COUNT}\s+(?P<business>business\s+|working\s+)?(?P<unit>days?|weeks?|fortnights?|months?)"
_IN = re.compile(rf"in\s+{_SPAN}")
_FROM_NOW = re.compile(rf"{_SPAN}\s+from\s+(?:now|today)")
_AGO = re.compile(rf"{_SPAN}\s+ago")
_WEEKDAY_WEEK = re.compile(r"(?P<day>[a-z]+)\s+week")
_WEEKDAY = re.compile(r"(?:(?P<which>this|next|last)\s+)?(?P<day>[a-z]+)")
_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_YEAR = r"(?:,?\s+(?P<y>\d{4}|'\d{2}))?"
_DAY_MONTH = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTH})\.?{_YEAR}")
_MONTH_DAY = re.compile(rf"(?P<mon>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d{2}|\d{4}))?")


class WhenError(ValueError):
    """Text that is not a date this app can read; the message says why."""


class AmbiguousDay(WhenError):
    """A date typed without a year that was just past: this year's (gone) or next year's? The
    message asks; `choices` are the two days, the earlier first."""

    def __init__(self, typed: date, choices: tuple[date, date], today: date) -> None:
        self.choices = choices
        gone = (today - choices[0]).days
        was = "yesterday" if gone == 1 else f"{gone} days ago"
        said = f"{typed.day} {typed:%b}"
        years = " or ".join(f"{said} {day.year}" for day in choices)
        super().__init__(f"{said} was {was} — add the year: {years}")


@dataclass(frozen=True)
class When:
    """A date read from text, and the time of day if one was given."""

    day: date
    at: time | None = None

    def moment(self, zone: tzinfo | None, default: time) -> datetime:
        return datetime.combine(self.day, self.at or default, zone)

    def describe(self, today: date | None = None) -> str:
        """How the text was read, for the preview beside a date field."""
        text = long_day(self.day, today)
        return f"{text}, {self.at:%H:%M}" if self.at else text


def read_when(
    text: str, now: datetime, *, day_first: bool = True, past: bool = False, holidays: Container[date] = NO_HOLIDAYS
) -> When:
    """Read `text` as a date (and maybe a time) relative to `now`, or raise WhenError; `past` for
    a field about what already happened (see the module's "Direction"). Business days skip
    `holidays` as well as weekends."""
    now = now.astimezone()  # the user's own hour, whatever zone `now` was told in
    today = local_day(now)
    cleaned = " ".join(text.lower().replace(",", ", ").split()).replace(" ,", ",")
    if not cleaned:
        raise WhenError("enter a date, e.g. today, tomorrow 2pm, next fri, 3 Dec")
    if cleaned == "now":
        return When(today, now.time().replace(second=0, microsecond=0))
    day_text, at = _split_time(cleaned)
    if day_text is None:
        return When(today, at)
    try:
        day = _read_day(day_text, today, day_first, past, holidays)
    except TooFar:
        raise _too_far(text) from None
    if not within_reach(day, today):
        raise _too_far(text)
    return When(day, at)


class TooFar(WhenError):
    """A date further than MOST_DAYS_AWAY from today, whichever way it was written."""


def _too_far(text: str) -> WhenError:
    return WhenError(f"{text.strip()!r} is too far from today; give a day within ten years of it")


def _split_time(text: str) -> tuple[str | None, time | None]:
    """Split a trailing time of day off; a lone time means today."""
    match = _TIME.search(text)
    if not match:
        return text, None
    rest = text[: match.start()].strip()
    said_at = match.group().strip().startswith("at")
    if not (match["m"] or match["ampm"] or said_at):
        # "dec 3" ends in a number that is a day, not a time.
        return text, None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise WhenError(f"{hour}{match['ampm']} is not a time of day")
        hour = hour % 12 + (12 if match["ampm"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise WhenError(f"{match.group().strip()} is not a time of day")
    return (rest or None), time(hour, minute)


def _read_day(text: str, today: date, day_first: bool, past: bool, holidays: Container[date]) -> date:
    simple = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if text in simple:
        return today + timedelta(days=simple[text])
    text = text.replace("end of the", "end of")
    if (phrase := _phrase(text, today, holidays)) is not None:
        return phrase
    if text in ("fortnight", "a fortnight"):
        return _shift(today, 2, "weeks", business=False)
    if match := _OFFSET.fullmatch(text):
        count = int(match["n"]) * (-1 if match["sign"] == "-" else 1)
        return _shift(today, count, UNITS[match["unit"]], business=False)
    if match := _IN.fullmatch(text) or _FROM_NOW.fullmatch(text) or _AGO.fullmatch(text):
        return _span(match, today, holidays, ago=text.endswith("ago"))
    if (match := _WEEKDAY_WEEK.fullmatch(text)) and match["day"] in WEEKDAYS:
        return _weekday(today, WEEKDAYS[match["day"]], None) + timedelta(days=7)
    if (match := _WEEKDAY.fullmatch(text)) and match["day"] in WEEKDAYS:
        return _weekday(today, WEEKDAYS[match["day"]], match["which"] or ("last-or-today" if past else None))
    if _ISO.fullmatch(text):
        return _absolute(text, today, day_first=False)
    if match := _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text):
        return _named_month(match, today, past)
    if match := _NUMERIC.fullmatch(text):
        return _numeric(match, today, day_first, past)
    raise WhenError("not a date I can read; try today, tomorrow 2pm, next fri, in 3 days, 3 Dec or 2026-12-03")


def _span(match: re.Match, today: date, holidays: Container[date], *, ago: bool) -> date:
    """In 3 days, two weeks from now, 2 business days ago, a fortnight ago: a count of units from today."""
    count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]]
    unit = match["unit"].rstrip("s") + "s"
    if unit == "fortnights":
        count, unit = count * 2, "weeks"
    return _shift(today, -count if ago else count, unit, business=bool(match["business"]), holidays=holidays)


def _shift(today: date, count: int, unit: str, *, business: bool, holidays: Container[date] = NO_HOLIDAYS) -> date:
    days = abs(count) * (7 if unit == "weeks" else 1)
    if days > MOST_DAYS_AWAY or (unit == "months" and abs(count) > MOST_DAYS_AWAY // 30):
        raise TooFar()
    if business:
        if unit == "months":
            raise WhenError("business months are not a thing; say in 2 months, or in 40 business days")
        return add_business_days(today, count * (5 if unit == "weeks" else 1), holidays)
    return today + relativedelta(**{unit: count})


def _phrase(text: str, today: date, holidays: Container[date]) -> date | None:
    """The week and month phrases: next week, after the weekend, end of (next) week, end of month."""
    monday = today + relativedelta(weekday=MO(-1))
    if text == "next week":
        return monday + timedelta(days=7)
    if text == "after the weekend":
        return today + relativedelta(days=+1, weekday=MO(+1))
    if text in ("end of week", "eow", "end of this week"):
        friday = monday + timedelta(days=4)
        return friday if friday >= today else friday + timedelta(days=7)
    if text == "end of next week":
        return monday + timedelta(days=11)
    if text in ("end of month", "eom", "end of this month"):
        last = today + relativedelta(day=31)
        return add_business_days(last + timedelta(days=1), -1, holidays)
    return None


def _weekday(today: date, weekday, which: str | None) -> date:
    if which == "last-or-today":  # a bare weekday in a field about the past
        return today + relativedelta(weekday=weekday(-1))
    if which == "last":
        return today + relativedelta(days=-1, weekday=weekday(-1))
    if which == "this":
        return today + relativedelta(weekday=MO(-1)) + relativedelta(weekday=weekday(+1))
    if which == "next":
        next_monday = today + relativedelta(days=+1, weekday=MO(+1))
        return next_monday + relativedelta(weekday=weekday(+1))
    return today + relativedelta(weekday=weekday(+1))


def _absolute(text: str, today: date, *, day_first: bool) -> date:
    """Month-name and ISO dates, through dateutil; a missing year is this year."""
    from dateutil.parser import ParserError  # here: loading the parser costs the app's start-up 15 ms
    from dateutil.parser import parse as parse_absolute

    try:
        return parse_absolute(text, default=datetime(today.year, 1, 1), dayfirst=day_first).date()
    except (ParserError, OverflowError, ValueError) as error:
        raise WhenError(f"{text!r} is not a date ({_reason(error)})") from None


def _named_month(match: re.Match, today: date, past: bool) -> date:
    """3 Dec, Dec 3, 3 December 2026, Dec 3 '27: a day that cannot exist is an error naming it."""
    day, month = int(match["d"]), MONTHS[match["mon"]]
    year = match["y"]
    if year:
        return _real_day(int(year.lstrip("'")) + (2000 if year.startswith("'") else 0), month, day)
    return _nearest(today, month, day, past)


def _nearest(today: date, month: int, day: int, past: bool, *, ask: bool = True) -> date:
    """The day without a year: the next one from today, or (`past`) the latest up to today —
    29 February in the nearest leap year. Not `past`, a day just past is AmbiguousDay."""
    _real_day(2000, month, day)  # a day no year has (31 April) is said as such
    if not past and ask:
        latest = _nearest(today, month, day, past=True)
        if 0 < (today - latest).days <= JUST_PAST_DAYS:
            coming = _nearest(today, month, day, past=False, ask=False)
            raise AmbiguousDay(latest, (latest, coming), today)
    step = -1 if past else 1
    for year in range(today.year, today.year + 9 * step, step):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate <= today) if past else (candidate >= today):
            return candidate
    raise WhenError(f"there is no {day} {_month_name(month)} near today")


def _real_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= day <= 31:
            raise WhenError(f"there is no {day} {_month_name(month)}; a day of the month is 1 to 31") from None
        if year == 2000:  # the leap year stands for "any year"
            raise WhenError(f"there is no {day} {_month_name(month)}") from None
        raise WhenError(f"there is no {day} {_month_name(month)} in {year}") from None


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def _numeric(match: re.Match, today: date, day_first: bool, past: bool = False) -> date:
    first, second = int(match["a"]), int(match["b"])
    day, month = (first, second) if day_first else (second, first)
    order = "day/month" if day_first else "month/day"
    try:
        if not match["y"]:
            date(2000, month, day)  # a day no year has: said as out of range below
            return _nearest(today, month, day, past)
        year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        return date(year, month, day)
    except AmbiguousDay:
        raise
    except (ValueError, WhenError) as error:
        raise WhenError(f"{match.group()!r} is not a date when read as {order} ({_reason(error)})") from None


def _reason(error: Exception) -> str:
    text = str(error).split(":")[0]
    return text[0].lower() + text[1:] if text else "unreadable"
