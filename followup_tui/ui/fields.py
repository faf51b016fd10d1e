"""Form fields: a label, the control, a date preview and an error message beside it."""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date, datetime

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import NO_HOLIDAYS, is_business_day, long_day, next_business_day
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.when import AmbiguousDay, When, WhenError, read_when

from .plain import PlainLabel


def labelled_field(name: str, label: str, control: Widget, preview: bool = False) -> ComposeResult:
    """Label | control, with `#{name}-preview` (if asked for) and a hidden `#{name}-error` under it."""
    with Horizontal(classes="field"):
        yield Label(label, classes="field-label")
        with Vertical(classes="field-control"):
            yield control
            if preview:
                yield PlainLabel("", id=f"{name}-preview", classes="preview")
            error = PlainLabel("", id=f"{name}-error", classes="field-error")
            error.display = False
            yield error


def preview_date(
    label: Label,
    text: str,
    now: datetime,
    day_first: bool,
    *,
    optional: bool = False,
    past: bool = False,
    due: bool = False,
    holidays: Container[date] = NO_HOLIDAYS,
) -> When | None:
    """Show in `label` how `text` reads as a date — or why it does not — and return what it read.

    An empty optional field shows nothing; unreadable text is never taken as today. `past` reads
    it as a field about what happened; `due` says when the day is already past, or not a
    business day (and which is the next one: ctrl+b takes it).
    """
    if optional and not text.strip():
        label.update("")
        label.remove_class("bad")
        return None
    try:
        when = read_when(text, now, day_first=day_first, past=past, holidays=holidays)
    except WhenError as error:  # a day just past without a year (AmbiguousDay) is a question, not a mistake
        label.update(f"{'?' if isinstance(error, AmbiguousDay) else '✗'} {error}")
        label.add_class("bad")
        return None
    note = ""
    if due and when.day < local_day(now):
        note = " — that is in the past"
    elif due and not is_business_day(when.day, holidays):
        what = f"a {when.day:%A}" if when.day.weekday() >= 5 else "a public holiday"
        later = long_day(next_business_day(when.day, holidays), local_day(now))
        note = f" — {what}; ctrl+b takes the next business day, {later}"
    label.update(f"→ {when.describe(local_day(now))}{note}")
    label.remove_class("bad")
    return when


class ChecksFieldsAsLeft:
    """For a form's screen: each field's check runs as the field is left (tab, enter, a click
    elsewhere), its message put beside it or taken away — not only at save. The form says what
    is wrong in `field_errors` (its one check, as at save); an empty field waits for the save,
    so tabbing past one not yet filled in says nothing, and a date field's preview already says
    how it reads as it is typed."""

    def field_errors(self) -> dict[str, str]:
        """What the form's check says of each field now, by field id (none: {})."""
        raise NotImplementedError

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        control = event.widget
        value = getattr(control, "value", None)
        if value is None:
            value = getattr(control, "text", None)
        if not control.id or not isinstance(value, str) or not value.strip():
            return
        found = self.query(f"#{control.id}-error")  # type: ignore[attr-defined]
        if found and not self.query(f"#{control.id}-preview"):  # type: ignore[attr-defined]  # a date says as typed
            show_field_error(found.first(Label), self.field_errors().get(control.id))


def errors_of(check: Callable[[], object]) -> dict[str, str]:
    """What a form's check refuses, by field (none: {}): each form's `field_errors` is its own
    check, run as at save."""
    try:
        check()
    except FormErrors as problems:
        return problems.errors
    return {}


def show_field_error(label: Label, message: str | None) -> None:
    """The message beside a field, or none."""
    label.update(message or "")
    label.display = message is not None


def show_field_errors(screen: Screen, errors: dict[str, str]) -> None:
    """Put each message beside its field, and the cursor in the first field to fix."""
    for field, message in errors.items():
        found = screen.query(f"#{field}-error")
        if not found:  # a field with no line of its own for errors (a debrief answer)
            screen.notify(message, severity="error")
            continue
        show_field_error(found.first(Label), message)
    screen.query_one(f"#{next(iter(errors))}").focus()
