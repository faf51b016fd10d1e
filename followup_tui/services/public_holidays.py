"""The public holidays business days skip: the `holidays` setting, read through the maintained
`holidays` package (loaded only when a country is set)."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from functools import lru_cache

from followup_tui.domain.dates import NO_HOLIDAYS
from followup_tui.store import Store

EXAMPLES = "US, GB-SCT or DE-BY"


def holiday_calendar(store: Store) -> Container[date]:
    """The calendar the `holidays` setting names; no holidays (weekends only) when it is empty."""
    return calendar_for(str(store.get_setting("holidays", "") or ""))


@lru_cache(maxsize=8)
def calendar_for(name: str) -> Container[date]:
    """The public holidays of a country (`US`), optionally one subdivision of it (`DE-BY`);
    ValueError in words for a name the package does not know."""
    if not name.strip():
        return NO_HOLIDAYS
    import holidays  # here: only a journal that names a country pays for loading it

    country, _, subdivision = name.strip().upper().partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None)
    except NotImplementedError:
        raise ValueError(f"no public holidays are known for {name.strip()!r}; use a code like {EXAMPLES}") from None
