"""The `followup` command: the TUI by default, quick shell commands beside it.

Only the TUI imports Textual; every other command answers without loading it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from followup_tui import __version__
from followup_tui.domain.models import Kind
from followup_tui.domain.text import visible
from followup_tui.domain.values import ValueRefused
from followup_tui.services.reports import DEFAULT_DAYS, DEFAULT_LIMIT, MOST_DAYS_AHEAD, MOST_SHOWN
from followup_tui.store.opening import StoreError
from followup_tui.terminal import VisibleStream, say

from .common import Run, as_click_error, db_option, emit, output_option


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option(envvar="FOLLOWUP_DB")
@click.option("--debug", is_flag=True, help="Show full tracebacks for unexpected errors.")
@click.version_option(__version__, "-V", "--version", prog_name="followup")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """A keyboard-driven journal for the days after a job interview.

    Debrief while it is fresh, keep a card for everyone you met, and let followup
    plan every thank-you and check-in. Run with no command to open the journal.

    \b
    Right after an interview:   followup new
    What to do today:           followup due
    Look around first:          followup --db demo.db demo && followup --db demo.db

    Set FOLLOWUP_TODAY=YYYY-MM-DD to pretend it is another day (demos, screenshots).
    """
    if db is None and os.environ.get("FOLLOWUP_DB") == "":
        db = ""  # set to nothing: refused when a journal is opened, never taken for the default
    ctx.obj = Run(db=db, debug=debug)
    if ctx.invoked_subcommand is None:
        _run_tui(ctx.obj)


def _run_tui(run: Run, db: str | None = None, *, start_with_debrief: bool = False) -> None:
    from followup_tui.ui.launch import run_journal_app

    failure = run_journal_app(run.journal(db), start_with_debrief=start_with_debrief, debug=run.debug)
    if failure:
        raise click.ClickException(failure)


@cli.command(short_help="Debrief an interview you just had.")
@db_option()
@click.pass_obj
def new(run: Run, db: str | None) -> None:
    """Debrief an interview you just had (opens the app on a new debrief)."""
    _run_tui(run, db, start_with_debrief=True)


@cli.command(short_help="Find past debriefs that mention QUERY.")
@click.argument("query")
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1, MOST_SHOWN),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@db_option()
@click.pass_obj
def search(run: Run, query: str, limit: int, as_json: bool, db: str | None) -> None:
    """Find past debriefs that mention QUERY (taken literally: quotes, * and - are just text).

    Exits 1 when nothing matches, as grep does.
    """
    from followup_tui.services.reports import search_items, search_report

    try:
        items = search_items(run.journal(db), query, limit)
    except StoreError as error:
        raise as_click_error(error) from None
    text = search_report(items, query, run.clock().today(), as_json)
    if as_json:
        click.echo(text)  # a machine format, escaped by json_escaped
    elif items:
        say(text, marks=True)
    else:
        say(text, err=True)
    if not items:
        raise SystemExit(1)


@cli.command()
@click.option(
    "--within",
    "days",
    type=click.IntRange(0, MOST_DAYS_AHEAD),
    default=DEFAULT_DAYS,
    show_default=True,
    metavar="DAYS",
    help="Also list what is due in this many days.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@click.option(
    "--count", is_flag=True, help="Print how many are overdue or due today (nothing when none): for a prompt."
)
@click.option("--line", is_flag=True, help="Print one line, like '2 overdue · 1 today': for a status bar.")
@db_option()
@click.pass_obj
def due(run: Run, days: int, as_json: bool, count: bool, line: bool, db: str | None) -> None:
    """What is overdue, and what is due soon, soonest first."""
    from followup_tui.services.reports import due_count, due_items, due_line, due_report

    if as_json + count + line > 1:
        raise click.UsageError("--json, --count and --line each say it another way: pick one")
    today = run.clock().today()
    try:
        items = due_items(run.journal(db), days, today)
    except StoreError as error:
        raise as_click_error(error) from None
    if count or line:
        if text := (due_count if count else due_line)(items, today):
            click.echo(text)
        return
    text = due_report(items, today, days, as_json)
    if as_json:
        click.echo(text)  # a machine format, escaped by json_escaped
    else:
        say(text)


@cli.command(short_help="Add a follow-up from the shell; prints the date it read.")
@click.argument("text")
@click.option("--due", "when", required=True, help="When: tomorrow, next fri, in 3 days, 2026-12-03…")
@click.option(
    "--company",
    default="",
    help=(
        "The company it is for; taken from --contact's card when left out."
        " A note may go without: it is then about the whole search."
    ),
)
@click.option(
    "--new-company",
    is_flag=True,
    help="--company is new to the journal: start an application there (else asked on a terminal, refused in a script).",
)
@click.option("--contact", default="", help="Who it is to or from.")
@click.option(
    "--kind",
    type=click.Choice(sorted({*(k.value for k in Kind), *(k.label for k in Kind)}), case_sensitive=False),
    callback=lambda _context, _option, value: Kind.named(value),
    default="check-in",
    show_default=True,
    help="What it is, as the screens say it (check-in) or as stored (check_in).",
)
@db_option()
@click.pass_obj
def add(
    run: Run, text: str, when: str, company: str, new_company: bool, contact: str, kind: Kind, db: str | None
) -> None:
    """Add a follow-up TEXT due WHEN, and print the date it was read as.

    A date it cannot read is an error (exit 2), never today. A --company with no application yet
    is asked about on a terminal and refused in a script (exit 2, nothing written) unless
    --new-company says to start one.
    """
    from followup_tui.domain.dates import is_business_day, long_day, next_business_day
    from followup_tui.domain.when import AmbiguousDay, WhenError, read_when
    from followup_tui.services.debriefs import day_first
    from followup_tui.services.followups import FollowupRefused, add_by_names, company_of, new_names
    from followup_tui.services.public_holidays import holiday_calendar

    store = run.open(db)
    try:
        try:
            holidays = holiday_calendar(store)
            day = read_when(when, store.clock.now(), day_first=day_first(store), holidays=holidays).day
        except AmbiguousDay as error:
            if not _can_ask():
                say(f"Error: --due {when!r}: {error}", err=True)
                raise SystemExit(2) from None
            say(str(error), err=True)
            years = {str(choice.year): choice for choice in error.choices}
            day = years[click.prompt("Which year?", type=click.Choice(list(years)), err=True)]
        except WhenError as error:
            say(f"Error: --due {when!r}: {error}", err=True)
            raise SystemExit(2) from None
        try:
            new = new_names(store, company or company_of(store, contact), contact)
            if company and new.company and not new_company:
                new_company = _start_application(store, new.company)
            _, followup, warnings = add_by_names(
                store, text, day, company, contact, kind, new_company=new_company or not company
            )
        except FollowupRefused as error:
            say(f"Error: {ADD_OPTIONS[error.field]}: {error.problem}", err=True)
            raise SystemExit(2) from None
        say(
            f"Added {followup.kind.label} due {long_day(day, store.clock.today())} (read from {when!r}): "
            f"{followup.subject}"
        )
        if followup.kind is Kind.NEXT_INTERVIEW and followup.opportunity_id is not None:
            _offer_prepare(store, followup.opportunity_id)
    finally:
        store.close()
    if new:
        say(
            f"Note: {new.question().removeprefix('Add ').removesuffix('?')} — new to your journal, added too.", err=True
        )
    if not is_business_day(day, holidays):
        later = long_day(next_business_day(day, holidays), store.clock.today())
        say(
            f"Note: that is {'a ' + format(day, '%A') if day.weekday() >= 5 else 'a public holiday'}; "
            f"the next business day is {later}.",
            err=True,
        )
    for warning in warnings:
        say(f"Note: {warning}", err=True)


def _offer_prepare(store, opportunity_id: int) -> None:
    """A next interview was added: the planner's note to prepare a business day before it, asked
    about on a terminal; in a script, the command that plans it."""
    import shlex

    from followup_tui.domain.dates import long_day
    from followup_tui.services.followups import plan_prepare
    from followup_tui.services.prep import prepare_offer

    step = prepare_offer(store, opportunity_id)
    if step is None:
        return
    day = long_day(step.due_on, store.clock.today())
    if _can_ask():
        if click.confirm(f"Plan a note for {day}: {step.subject}?", default=True, err=True):
            plan_prepare(store, opportunity_id, step)
            say(f"Planned a note due {day}: {step.subject}")
        return
    company = store.get_opportunity(opportunity_id).company
    command = (
        f"followup add {shlex.quote(step.subject)} --due {step.due_on} --company {shlex.quote(company)} --kind note"
    )
    say(f"Note: to prepare the day before, {command}", err=True)


def _start_application(store, company: str) -> bool:
    """Whether to start an application at `company`, which the journal has none at: asked on a
    terminal (naming the close names it knows), refused in a script, since a typo ("Globx") would
    otherwise become an application; --new-company says it up front."""
    from followup_tui.services.applications import close_companies

    close = close_companies(store, company)
    meant = f"Did you mean {' or '.join(close)}?" if close else ""
    if not _can_ask():
        hint = f" ({meant[0].lower()}{meant[1:]})" if meant else ""
        say(f"Error: --company: no application at {company} yet{hint}; add --new-company to start one", err=True)
        raise SystemExit(2)
    if meant:
        say(meant, err=True)
    if click.confirm(f"No application at {visible(company, lines=False)} yet — add one?", default=False, err=True):
        return True
    say("Nothing was added.", err=True)
    raise SystemExit(1)


def _can_ask() -> bool:
    """A person is there to answer: stdin and stderr are a terminal (not a script, a pipe, cron)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


ADD_OPTIONS = {"subject": "TEXT", "company": "--company", "person": "--contact", "kind": "--kind"}
"""Which of `add`'s arguments each field of a follow-up comes from, to name in an error."""


def _setting_text(value, default) -> str:
    """A setting's value on one line: the first line of a long text, and whether it is the default."""
    lines = str(value).splitlines() or [""]
    text = lines[0] + (f" … (+{len(lines) - 1} more lines)" if len(lines) > 1 else "")
    if value in ("", None):
        text = "(not set)"
    if value == default:
        return f"{text}  (as it ships)" if value not in ("", None) else text
    return text


@cli.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@db_option()
@click.pass_obj
def settings(run: Run, key: str | None, value: str | None, as_json: bool, db: str | None) -> None:
    """List the settings, or set KEY to VALUE.

    \b
    followup settings me.name "Alex Morgan"
    followup settings cadence.spacing_business_days 4
    """
    import json

    from followup_tui.domain.text import json_escaped
    from followup_tui.services.settings import SETTINGS, change, current

    if key is not None and key not in SETTINGS:
        raise click.ClickException(f"no setting called {key!r}; `followup settings` lists them")
    store = run.open(db)
    try:
        if value is not None:
            try:
                value = change(store, key, value)
            except ValueError as error:
                raise click.ClickException(str(error)) from None
            say(f"{key} = {value}")
            return
        if as_json:
            shown = {setting.key: now for setting, now in current(store) if key is None or setting.key == key}
            click.echo(json_escaped(json.dumps(shown, ensure_ascii=False, indent=2)))
            return
        rows = [(setting, now) for setting, now in current(store) if key is None or setting.key == key]
        width = max(len(setting.key) for setting, _ in rows)
        for setting, now in rows:
            say(f"{setting.key:<{width}}  {_setting_text(now, setting.default)}")
            say(f"{'':<{width}}  {setting.help}")
    finally:
        store.close()


@cli.command(short_help="Print the shell completion script for bash, zsh or fish.")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the script that completes followup's commands and options in SHELL.

    \b
    bash:  followup completion bash > ~/.local/share/bash-completion/completions/followup
    zsh:   followup completion zsh > "${fpath[1]}/_followup"
    fish:  followup completion fish > ~/.config/fish/completions/followup.fish
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(cli, {}, "followup", "_FOLLOWUP_COMPLETE")
    click.echo(complete.source())


@cli.command(short_help="Copy the whole journal, consistently, to keep.")
@output_option("Where to write the copy (a name already taken gets -2, -3…).", replaces=False)
@db_option()
@click.pass_obj
def backup(run: Run, output: Path | None, db: str | None) -> None:
    """Copy the whole journal, consistently, to keep (default: beside it, dated).

    To restore, quit followup and copy the backup over the journal file.
    """
    store = run.open(db)
    try:
        stamp = store.clock.now().strftime("%Y-%m-%dT%H%M")
        target = output or store.path.with_name(f"{store.path.stem}-{stamp}.backup.db")
        try:
            written = store.backup(target)
        except StoreError as error:
            raise click.ClickException(f"cannot write a backup to {target}: {error}") from None
    finally:
        store.close()
    say(f"Backed up the journal to {written}")
    say(f"To restore it, close followup and copy it over {store.path}.")


@cli.command("list", short_help="List applications, follow-ups or contacts.")
@click.argument("kind", type=click.Choice(["applications", "followups", "contacts"]))
@click.option("--status", default="", help="Only these: an application's status, or a follow-up's (planned, done…).")
@click.option("--company", default="", help="Only those at this company.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: every field of each record.")
@db_option()
@click.pass_obj
def list_records(run: Run, kind: str, status: str, company: str, as_json: bool, db: str | None) -> None:
    """List the journal's applications, follow-ups or contacts, one a line (or as JSON).

    On a terminal, aligned columns, long cells cut; piped or redirected, every cell whole, the
    columns separated by tabs. --json gives every field: true/false, null, ISO days and moments.
    """
    import json

    from followup_tui.domain.kinds import FollowupStatus, Status
    from followup_tui.domain.text import json_escaped
    from followup_tui.services.records_table import ROWS, as_text, json_row

    statuses = {"applications": [s.value for s in Status], "followups": [s.value for s in FollowupStatus]}
    if status and status not in statuses.get(kind, []):
        known = ", ".join(statuses.get(kind, [])) or "none: contacts have no status"
        raise click.UsageError(f"--status for {kind}: one of {known}")
    store = run.open(db)
    try:
        rows = list(ROWS[kind](store, status, company))
    finally:
        store.close()
    if as_json:
        click.echo(json_escaped(json.dumps([json_row(row) for row in rows], ensure_ascii=False, indent=2)))
    elif rows:
        say(as_text(rows, kind, terminal=sys.stdout.isatty()))
    else:
        say(f"No {kind} {'match' if status or company else 'yet'}.", err=True)


@cli.command(short_help="A prep sheet for the next interview.")
@click.argument("company", required=False)
@click.option("--markdown", is_flag=True, help="Print it as Markdown.")
@click.option("--brief", is_flag=True, help="Only the 15-minute review: fits one 80x24 screen.")
@output_option("Write it to this file (private to you) instead of printing it.")
@db_option()
@click.pass_obj
def prep(run: Run, company: str | None, markdown: bool, brief: bool, output: Path | None, db: str | None) -> None:
    """A prep sheet for the next interview at COMPANY (default: the next one scheduled anywhere):
    the round, who you will meet and what they asked before, every question the company asked and
    what others ask, gaps to close, open loops, pay, and questions to ask.

    An unknown COMPANY exits 2, naming the close names the journal knows.
    """
    from followup_tui.services.prep import NOTHING_PLANNED, UnknownCompany, prep_for
    from followup_tui.services.prep_text import sheet_markdown, sheet_text

    store = run.open(db)
    try:
        try:
            sheet = prep_for(store, company)
        except UnknownCompany as error:
            say(f"Error: {error}", err=True)
            raise SystemExit(2) from None
    finally:
        store.close()
    if sheet is None:
        say(NOTHING_PLANNED)
        return
    text = sheet_markdown(sheet, brief=brief) if markdown else sheet_text(sheet, brief=brief)
    if output is None:
        say(text, end="")
    else:
        from followup_tui.domain.text import visible

        emit(visible(text), output, f"Wrote {output}")


@cli.command(short_help="Fill an empty journal with a made-up job search.")
@db_option()
@click.pass_obj
def demo(run: Run, db: str | None) -> None:
    """Fill an empty journal with a made-up job search, dated around today.

    Use a journal of its own: followup --db demo.db demo
    """
    from followup_tui.services.demo import DemoRefused, fill_demo, holds_the_demo

    store = run.open(db)
    try:
        if holds_the_demo(store):  # the README's try-it line, run a second time
            say(f"{store.path} already holds the sample job search; open it with: followup --db {store.path}")
            return
        counts = fill_demo(store)
    except DemoRefused as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()
    from followup_tui.domain.counts import counted

    say(
        f"Filled {store.path} with a sample job search: "
        f"{counted(counts['opportunities'], 'application')}, {counted(counts['interviews'], 'interview')} "
        f"({counts['debriefs']:,} debriefed), {counted(counts['contacts'], 'contact')}, "
        f"{counted(counts['followups'], 'follow-up')}."
    )
    say(f"Open it with: followup --db {store.path}")


from .exchange import export, import_  # noqa: E402 - commands of their own, added to the group
from .private import decrypt, encrypt, rekey  # noqa: E402
from .reminders import notify  # noqa: E402
from .sync import sync  # noqa: E402

cli.add_command(encrypt)
cli.add_command(decrypt)
cli.add_command(rekey)
cli.add_command(export)
cli.add_command(import_)
cli.add_command(notify)
cli.add_command(sync)

from .mail import mail  # noqa: E402 - a group of its own

cli.add_command(mail)

from .report import report  # noqa: E402 - a group of its own

cli.add_command(report)


def main() -> None:
    """Entry point: every message one line of text; no traceback unless --debug asks for one."""
    try:
        status = cli.main(prog_name="followup", standalone_mode=False)
    except click.exceptions.Abort:
        say("Aborted.", err=True)
        status = 1
    except click.ClickException as error:
        error.show(file=VisibleStream(sys.stderr))  # a usage error repeats what was typed
        status = error.exit_code
    except StoreError as error:  # the journal file itself: busy, full, damaged, locked…
        say(f"Error: {error}", err=True)
        status = getattr(error, "exit_code", 1)
    except ValueRefused as error:  # text no file can hold, from an argument
        say(f"Error: {error}; nothing was written", err=True)
        status = 2
    except Exception as error:  # the last line of defence
        if "--debug" in sys.argv[1:]:
            raise
        from followup_tui.services.journal import failure_line

        say(f"Error: {failure_line(error)}", err=True)
        status = 1
    sys.exit(status if isinstance(status, int) else 0)
