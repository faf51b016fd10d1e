"""`followup report …`: what the journal says about the search as a whole, printed."""

from __future__ import annotations

import click

from followup_tui.terminal import say

from .common import Run, db_option


@click.group(short_help="Print what the search shows: what is working.")
def report() -> None:
    """Reports over the whole journal, for the terminal, a pipe or a script (--json)."""


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
