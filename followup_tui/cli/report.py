"""`followup report …`: what the journal says about the search as a whole — what is working (the
funnel), and the record of the search a job centre asks for (the activity record)."""

from __future__ import annotations

from pathlib import Path

import click

from followup_tui.terminal import say

from .common import OptionRefused, Run, db_option, emit, output_option


@click.group(short_help="Reports on your search: what is working, and the activity record a job centre asks for.")
def report() -> None:
    """Reports over the whole journal, printed, written to a file, or as JSON for a script."""


@report.command(short_help="Applied → replied → interviewed → offer, by source, CV and week.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option(
    "--weeks",
    type=click.IntRange(1, 104),
    default=8,
    show_default=True,
    help="How many weeks, up to this one, the funnel by week covers.",
)
@db_option()
@click.pass_obj
def funnel(run: Run, as_json: bool, weeks: int, db: str | None) -> None:
    """What is working: how many applications got a reply, an interview and an offer — for the
    whole search, by source, by the CV sent, and by the week applied — with rates ("too few to
    say" under five applications) and the median days to a first response. An interview counts as
    a reply and an offer as an interview, whether or not the reply was logged."""
    from followup_tui.services.funnel import funnel as read_funnel
    from followup_tui.services.funnel import funnel_json, funnel_text

    store = run.open(db)
    try:
        found = read_funnel(store, weeks)
        today = store.clock.today()
    finally:
        store.close()
    if as_json:
        import json

        from followup_tui.domain.text import json_escaped

        click.echo(json_escaped(json.dumps(funnel_json(found), ensure_ascii=False, indent=1)))
    else:
        say(funnel_text(found, today))


def _day(store, option: str, text: str | None, default):
    """The day `text` names, read as every date here (a past day when no year is given), else
    `default`; a day it cannot read is one line and exit 2."""
    from followup_tui.domain.when import WhenError, read_when
    from followup_tui.services.debriefs import day_first

    if text is None:
        return default
    try:
        return read_when(text, store.clock.now(), day_first=day_first(store), past=True).day
    except WhenError as error:
        raise OptionRefused(f"{option} {text!r}: {error}") from None


@report.command(short_help="What you did to find work, day by day, with each week against your goal.")
@click.option("--from", "from_", metavar="DAY", help="The first day (default: the first day of this week).")
@click.option("--to", "to", metavar="DAY", help="The last day (default: today).")
@click.option("--csv", "as_csv", is_flag=True, help="As CSV for a spreadsheet: the rows only, days YYYY-MM-DD.")
@click.option("--markdown", is_flag=True, help="As Markdown: a table, then the weeks.")
@click.option("--excel", is_flag=True, help="With --csv: start with the byte-order mark Excel on Windows needs.")
@output_option("Write the report to this file (private to you) instead of printing it.")
@db_option()
@click.pass_obj
def activity(
    run: Run,
    from_: str | None,
    to: str | None,
    as_csv: bool,
    markdown: bool,
    excel: bool,
    output: Path | None,
    db: str | None,
) -> None:
    """One row per activity from --from to --to — an application sent, a message sent, an
    interview, a reply — with its date, employer, the person contacted, method (email, portal,
    phone, video, in person), position and result (where the application stands now); then each
    week against the weekly goal (`goal.applications_per_week`). The fields and their wording are
    the `report` setting's: plain, us-state, or bewerbungsnachweis (German headings). DAY is read
    as every date here: 2026-11-02, 2 Nov, last monday, 3 weeks ago."""
    from followup_tui.domain.week import week_of
    from followup_tui.services.activity import SpanRefused, activity_report, report_csv, report_markdown, report_text
    from followup_tui.services.followups import week_starts

    if as_csv and markdown:
        raise OptionRefused("choose one of --csv and --markdown")
    if excel and not as_csv:
        raise OptionRefused("--excel goes with --csv")
    store = run.open(db)
    try:
        today = store.clock.today()
        first = _day(store, "--from", from_, week_of(today, week_starts(store)).first)
        last = _day(store, "--to", to, today)
        try:
            made = activity_report(store, first, last)
        except SpanRefused as error:
            raise OptionRefused(str(error)) from None
        if as_csv:
            pieces = report_csv(made, excel=excel)
        else:
            pieces = [report_markdown(made) if markdown else report_text(made)]
        if output is None and not as_csv:
            for line in pieces[0].splitlines():
                say(line)
            return
        count = len(made.rows)
        emit(pieces, output, f"Wrote {count} activit{'y' if count == 1 else 'ies'} to {output}")
    finally:
        store.close()
