"""What `followup due` and `followup search` print, shared by the quick path (`quick.py`) and the
full command line (`cli.py`), so both say exactly the same. Kept light: the quick path imports it
before anything else, so it reads the journal with the plain reader, not the store.
"""

from __future__ import annotations

from datetime import date, timedelta

from followup_tui.domain.dates import MOST_DAYS_AWAY

DEFAULT_DAYS = 7
"""`due` lists what is due within this many days unless `--within` says otherwise."""
DEFAULT_LIMIT = 20
"""`search` shows this many debriefs unless `-n` says otherwise."""
MOST_DAYS_AHEAD = MOST_DAYS_AWAY
"""`--within` reaches as far ahead as a follow-up may be due (ten years); more is refused (by
click, with its usual message)."""
MOST_SHOWN = 10_000
"""`search -n` shows at most this many debriefs."""


# -- due ---------------------------------------------------------------------------------------


def due_items(db: str | None, days: int, today: date) -> list:
    """Planned follow-ups up to `days` ahead, from the journal named by `db` (or the default)."""
    from followup_tui.services.journal import journal_path
    from followup_tui.store.reader import due_until

    return due_until(journal_path(db), today + timedelta(days=max(days, 0)))


def due_report(items: list, today: date, days: int, as_json: bool) -> str:
    """What `followup due` prints for `items` (the store's DueItem tuples, soonest first)."""
    if as_json:
        import json

        from followup_tui.domain.text import json_escaped

        return json_escaped(
            json.dumps(
                [
                    {
                        "id": item.id,
                        "due": item.due_on.isoformat(),
                        "kind": item.kind.value,
                        "company": item.company,
                        "role": item.role,
                        "person": item.person,
                        "subject": item.subject,
                        "overdue": item.due_on < today,
                    }
                    for item in items
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    if not items:
        from followup_tui.domain.counts import counted

        return f"Nothing due in the next {counted(days, 'day')}." if days else "Nothing overdue or due today."
    from followup_tui.domain.dates import describe_due

    when: dict[date, str] = {}  # a long list has many steps on each day: word each day once
    for item in items:
        if item.due_on not in when:
            when[item.due_on] = f"{item.due_on}  {describe_due(item.due_on, today):<16}"
    return "\n".join(
        f"{when[item.due_on]} {item.kind.label:<14} {item.person or '—':<20} {item.company or '—':<22} {item.subject}"
        for item in items
    )


def due_now(items: list, today: date) -> tuple[int, int]:
    """How many follow-ups are overdue, and how many due today."""
    overdue = sum(1 for item in items if item.due_on < today)
    return overdue, sum(1 for item in items if item.due_on == today)


def due_count(items: list, today: date) -> str:
    """For a shell prompt: how many are overdue or due today — nothing at all when none is."""
    total = sum(due_now(items, today))
    return str(total) if total else ""


def due_line(items: list, today: date) -> str:
    """For a status bar: "2 overdue · 1 today" — nothing when nothing is due."""
    overdue, due_today = due_now(items, today)
    parts = [f"{overdue} overdue" if overdue else "", f"{due_today} today" if due_today else ""]
    return " · ".join(part for part in parts if part)


# -- search ------------------------------------------------------------------------------------


def search_items(db: str | None, query: str, limit: int) -> list:
    from followup_tui.domain.text import without_surrogates
    from followup_tui.services.journal import journal_path
    from followup_tui.store.reader import search, search_stories

    path, query = journal_path(db), without_surrogates(query)
    return [*search(path, query, limit), *search_stories(path, query, limit)]


def search_report(items: list, query: str, today: date | None = None, as_json: bool = False) -> str:
    """What `followup search` prints: each debrief's day, company and round, and the answer that
    matched, the match between the terminal module's marks (`say(..., marks=True)` bolds it);
    the lines of an answer kept apart by " / ". With `as_json`, the same as a list of objects."""
    stories = [item for item in items if not hasattr(item, "starts_at")]  # the story bank's
    items = [item for item in items if hasattr(item, "starts_at")]
    if as_json:
        import json

        from followup_tui.domain.text import json_escaped

        found: list[dict] = [
            {
                "interview": item.starts_at.astimezone().isoformat(timespec="seconds"),  # with the user's offset
                "company": item.company,
                "role": item.role,
                "stage": item.stage.value,
                "question": item.prompt,
                "excerpt": item.excerpt.replace("\x02", "").replace("\x03", ""),
            }
            for item in items
        ]
        found += [
            {"story": s.title, "tags": [t for t in s.tags.split(", ") if t], "excerpt": _unmarked(s.excerpt)}
            for s in stories
        ]
        return json_escaped(json.dumps(found, ensure_ascii=False, indent=2))
    if not items and not stories:
        return f"No debrief or story mentions {query!r}."
    from followup_tui.domain.clock import local_day
    from followup_tui.domain.dates import long_day

    lines = []
    for item in items:
        title = " — ".join(part for part in (item.company, item.role) if part)
        lines.append(f"{long_day(local_day(item.starts_at), today)}  {title}  ({item.stage.label})")
        excerpt = " / ".join(" ".join(line.split()) for line in item.excerpt.splitlines() if line.strip())
        lines.append(f"    {item.prompt}  {excerpt}")
    for s in stories:
        lines.append(" — ".join(part for part in (f"Story: {s.title}", s.tags) if part))
        lines.append("    " + " / ".join(" ".join(line.split()) for line in s.excerpt.splitlines() if line.strip()))
    return "\n".join(lines)


def _unmarked(excerpt: str) -> str:
    return excerpt.replace("\x02", "").replace("\x03", "")
