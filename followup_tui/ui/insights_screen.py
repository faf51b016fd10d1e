"""Insights: what the debriefs teach, and how the follow-ups are going."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Sparkline, Static

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.funnel import STAGES, TOO_FEW_TO_SAY, Funnel
from followup_tui.services.funnel import funnel, funnel_line, response_told, table_head
from followup_tui.services.pipeline import do_differently, insights

from .plain import Plain
from .screen_styles import SCREEN_STYLES

if TYPE_CHECKING:
    from .app import FollowupApp


class SpanLabel(Static):
    """The first and last day under a sparkline, at its two ends."""

    def __init__(self, first: str, last: str, **options):
        super().__init__(**options)
        self.first, self.last = first, last

    def render(self) -> str:
        gap = max(self.size.width - len(self.first) - len(self.last), 1)
        return f"{self.first}{' ' * gap}{self.last}"


class InsightsScreen(Screen[None]):
    CSS_PATH = SCREEN_STYLES
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="insights.back"),
        Binding("slash", "filter", "Search lessons", key_display="/", id="insights.filter"),
    ]

    app: FollowupApp

    def compose(self) -> ComposeResult:
        figures = insights(self.app.journal)
        with VerticalScroll(id="insights"):
            yield Static("Insights", classes="form-title")
            if figures.is_empty:
                yield Static(
                    "Nothing to learn from yet. Debrief an interview (ctrl+n) and log how the follow-ups "
                    "go; this page then shows how your interviews feel over time and what you keep learning.",
                    classes="hint",
                )
            else:
                yield from self._figures(figures)
            yield from self._what_is_working()
            yield Static("What you would do differently", classes="prompt")
            yield Input(placeholder="/ search your lessons", id="lesson-filter", compact=True)
            yield Vertical(id="lessons")
        yield Footer()

    def _figures(self, figures) -> ComposeResult:
        rated = figures.satisfaction
        scores = [score for _, score in rated]
        yield Static("Satisfaction over time", classes="prompt")
        if len(scores) >= 2:
            yield Sparkline(scores, summary_function=max, id="satisfaction-sparkline")
            yield SpanLabel(
                long_day(rated[0][0], self.app.clock.today()),
                long_day(rated[-1][0], self.app.clock.today()),
                id="satisfaction-span",
            )
            average = sum(scores) / len(scores)
            yield Static(
                f"{len(scores)} rated interviews · average {average:.1f} of 5 · latest {scores[-1]}",
                classes="facts",
            )
        else:
            yield Static("Rate a couple of interviews to see a trend.", classes="hint")
        yield Static("Interviews per stage", classes="prompt")
        widest = max(figures.per_stage.values(), default=0)
        for stage, count in figures.per_stage.items():
            bar = "█" * max(1, round(20 * count / widest))
            yield Static(f"{stage.label:<14}{bar} {count}", classes="answer")
        yield Static("Replies", classes="prompt")
        if figures.median_reply_days is None:
            yield Static("No reply logged yet.", classes="hint")
        else:
            days = figures.median_reply_days
            yield Static(f"A reply came a median {days:g} day{'s' * (days != 1)} after your message.", classes="answer")
        yield Static("Thank-yous", classes="prompt")
        thanks = figures.thank_yous
        if thanks.due:
            yield Static(thanks.describe(), classes="answer")
        else:
            yield Static("No thank-you due yet.", classes="hint")

    def _what_is_working(self) -> ComposeResult:
        """The funnel: the whole search in bars, then by source, by CV and by week applied."""
        report = funnel(self.app.journal)
        yield Static("What is working", classes="prompt", id="funnel")
        if report.is_empty:
            yield Static(
                "No applications yet. Add them on the Pipeline (4, then n) and log what comes back; "
                "this shows which sources and CVs turn into replies, interviews and offers.",
                classes="hint",
            )
            return
        overall = report.overall
        for stage, name in enumerate(STAGES):
            count = overall.counts[stage]
            bar = "█" * round(20 * count / overall.applied) if count else "·"
            share = f"  {overall.percent(stage)}" if stage and not overall.too_few else ""
            yield Static(f"{name:<14}{bar} {count}{share}", classes="answer funnel-stage")
        yield Static(response_told(overall.median_days), classes="facts")
        for title, groups in (("By source", report.sources), ("By CV", report.cvs)):
            yield Static(table_head(title), classes="funnel-head")
            for group in groups:
                yield Plain(funnel_line(group), classes="funnel-row")
        applied = [week.funnel.applied for week in report.weeks]
        if any(applied):
            yield Static("Applications a week", classes="funnel-head")
            yield Sparkline(applied, summary_function=max, id="funnel-weeks")
            today = self.app.clock.today()
            yield SpanLabel(
                long_day(report.weeks[0].week.first, today),
                long_day(report.weeks[-1].week.first, today),
                id="weeks-span",
            )
        yield Static(table_head("By week applied"), classes="funnel-head")
        for week in report.weeks:
            label = long_day(week.week.first, self.app.clock.today())
            yield Static(funnel_line(Funnel(label, week.funnel.counts)), classes="funnel-row")
        yield Static(
            f"Rates are shares of each row's applications; under {TOO_FEW_TO_SAY} it is too few to say. "
            "An interview counts as a reply, an offer as an interview; recent weeks may still hear back.",
            classes="hint",
        )

    def on_mount(self) -> None:
        self.show_lessons("")
        self.query_one("#insights").focus()

    @on(Input.Changed, "#lesson-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self.show_lessons(event.value)

    def show_lessons(self, matching: str) -> None:
        lessons = self.query_one("#lessons", Vertical)
        lessons.remove_children()
        found = do_differently(self.app.journal, matching)
        if not found:
            text = f"No lesson mentions {matching!r}." if matching.strip() else "None written down yet."
            lessons.mount(Plain(text, classes="hint"))
            return
        today = self.app.clock.today()
        lessons.mount_all(
            Plain(
                f"{long_day(local_day(listing.interview.starts_at), today)}  {listing.company}: {answer}",
                classes="answer",
            )
            for listing, answer in ((listing, answer.strip()) for listing, answer in found)
        )

    def action_filter(self) -> None:
        self.query_one("#lesson-filter").focus()
