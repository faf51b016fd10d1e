"""The debrief form: the interview's facts, then the questions, autosaved as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from followup_tui.domain.debrief_form import FORMATS, CheckedDebrief, DebriefForm, check_debrief, stage_options
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.models import Stage
from followup_tui.domain.prep import folded
from followup_tui.domain.questions import Question
from followup_tui.domain.ratings import RATED_KEY, line_at, next_rating, ratings_said
from followup_tui.services.applications import companies
from followup_tui.services.contacts import known_people
from followup_tui.services.debriefs import day_first, new_names, record_debrief
from followup_tui.services.drafts import draft, keep_draft
from followup_tui.services.journal import StoreError
from followup_tui.services.settings import interview_stages

from .autosave import AutosavingForm
from .cells import satisfaction_dots
from .confirm import ask_about_new_names
from .fields import ChecksFieldsAsLeft, errors_of, labelled_field, preview_date, show_field_errors
from .plain import Plain, PlainLabel
from .suggest import SuggestingInput, SuggestNames
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp


class SatisfactionPicker(Widget, can_focus=True):
    """How the interview felt, 1–5, set with the number keys or the arrows."""

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", f"{n} of 5", show=False) for n in range(1, 6)),
        Binding("left", "step(-1)", "Less", show=False),
        Binding("right", "step(1)", "More", show=False),
        Binding("0,backspace", "rate(0)", "Clear", show=False),
    ]
    DEFAULT_CSS = """
    SatisfactionPicker { height: 1; width: auto; padding: 0 1; }
    SatisfactionPicker:focus { background: $accent 30%; }
    """

    value: reactive[int | None] = reactive(None)

    def render(self) -> str:
        if self.value is None:
            return "○○○○○  not rated — press 1 to 5"
        return f"{satisfaction_dots(self.value)}  {self.value} of 5"

    def action_rate(self, score: int) -> None:
        self.value = score or None

    def action_step(self, step: int) -> None:
        self.value = min(max((self.value or 0) + step, 1), 5)

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    class Changed(Message):
        def __init__(self, picker: SatisfactionPicker):
            super().__init__()
            self.picker = picker


class DebriefFormScreen(ChecksFieldsAsLeft, AutosavingForm):
    """Records a new interview or edits one; dismisses with the interview's id once saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="debrief.save"),
        Binding("ctrl+o", "outside_editor", "Your editor", id="debrief.editor"),
        Binding("ctrl+r", "rate_answer", "Rate answer", id="debrief.rate"),
        Binding("escape", "close", "Close (keeps draft)", id="debrief.close"),
    ]

    app: FollowupApp

    def __init__(
        self,
        form: DebriefForm,
        questions: tuple[Question, ...],
        draft_key: str,
        interview_id: int | None = None,
        title: str = "New debrief",
    ):
        super().__init__()
        self.initial = form
        self.questions = questions
        self.draft_key = draft_key
        self.interview_id = interview_id
        self.heading = title
        self.ratings = dict(form.ratings)
        """How you rated each answer to what they asked, by the line's key, as marked so far."""

    def compose(self) -> ComposeResult:
        form = self.initial
        self.dates_typed_at = form.typed_at(self.app.clock.now())
        known_companies = companies(self.app.journal)
        people = known_people(self.app.journal)
        company = SuggestingInput(
            form.company,
            placeholder="Who was it with?",
            id="company",
            compact=True,
            suggester=SuggestNames(known_companies),
        )
        with VerticalScroll(id="debrief-form"):
            yield Plain(self.heading, classes="form-title")
            yield Static("The interview", classes="form-section")
            yield from labelled_field("company", "Company", company)
            yield from labelled_field(
                "role", "Role", Input(form.role, placeholder="e.g. Backend Engineer", id="role", compact=True)
            )
            yield from labelled_field(
                "when",
                "When",
                Input(form.when, placeholder="now, today 2pm, yesterday 10:30", id="when", compact=True),
                preview=True,
            )
            stages, stage = stage_options(interview_stages(self.app.journal), form.stage)
            choices = [(Text(name), name) for name in stages]  # a round the user named is text, not markup
            yield from labelled_field(
                "stage", "Stage", Select(choices, value=stage, allow_blank=False, id="stage", compact=True)
            )
            yield from labelled_field(
                "format",
                "Format",
                Input(
                    form.format,
                    placeholder=", ".join(FORMATS),
                    id="format",
                    compact=True,
                    suggester=SuggestFromList(FORMATS, case_sensitive=False),
                ),
            )
            yield from labelled_field(
                "interviewers",
                "Interviewers",
                SuggestingInput(
                    form.interviewers,
                    placeholder="Names, separated by commas — tab takes a known one; each gets a card",
                    id="interviewers",
                    compact=True,
                    suggester=SuggestNames(
                        people.names,
                        lambda: people.at(company.value),
                        several=True,
                    ),
                ),
            )
            yield from labelled_field(
                "decision",
                "Decision by",
                Input(
                    form.decision,
                    placeholder="When did they say you would hear back? (optional)",
                    id="decision",
                    compact=True,
                ),
                preview=True,
            )
            yield Static("The debrief", classes="form-section")
            for question in self.questions:
                with Vertical(classes="question"):
                    yield PlainLabel(question.prompt, classes="prompt")
                    if question.hint:
                        yield PlainLabel(question.hint, classes="hint")
                    area = TextArea(
                        form.answers.get(question.key, ""), id=f"answer-{question.key}", soft_wrap=True, compact=True
                    )
                    area.show_line_numbers = False
                    yield area
                    if question.key == RATED_KEY:
                        yield Plain(self._ratings_said(form.answers.get(RATED_KEY, "")), id="ratings", classes="hint")
            with Horizontal(classes="field"):
                yield Label("Satisfaction", classes="field-label")
                picker = SatisfactionPicker(id="satisfaction")
                picker.value = form.satisfaction
                yield picker
            yield Plain("", id="draft-status")
        yield Footer()

    def on_mount(self) -> None:
        self._preview("when")
        self._preview("decision")
        self.query_one("#company", Input).focus()

    # -- reading the form --------------------------------------------------------

    def read_form(self) -> DebriefForm:
        stage = self.query_one("#stage", Select).value
        return DebriefForm(
            company=self.query_one("#company", Input).value,
            role=self.query_one("#role", Input).value,
            when=self.query_one("#when", Input).value,
            stage=stage if isinstance(stage, str) else Stage.OTHER.value,
            format=self.query_one("#format", Input).value,
            interviewers=self.query_one("#interviewers", Input).value,
            decision=self.query_one("#decision", Input).value,
            satisfaction=self.query_one(SatisfactionPicker).value,
            answers={q.key: self.query_one(f"#answer-{q.key}", TextArea).text for q in self.questions},
            ratings=dict(self.ratings),
            dates_typed_at=self.dates_typed_at.isoformat(),
        )

    def _preview(self, field: str) -> None:
        text = self.query_one(f"#{field}", Input).value
        label = self.query_one(f"#{field}-preview", Label)
        preview_date(
            label,
            text,
            self.dates_typed_at,
            day_first(self.app.journal),
            optional=field == "decision",
            past=field == "when",
        )

    # -- autosave ----------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SatisfactionPicker.Changed)
    def _changed(self, event) -> None:
        control = getattr(event, "input", None)
        if control is not None and control.id in ("when", "decision"):
            if control.value != getattr(self.initial, control.id):  # typed now (not just restored): read from now
                self.dates_typed_at = self.app.clock.now()
            self._preview(control.id)
        if control is not None:
            self._clear_error(control.id)
        if isinstance(event, TextArea.Changed) and event.text_area.id == f"answer-{RATED_KEY}":
            self._show_ratings()
        self.schedule_autosave()

    def write_draft(self) -> None:
        """A new debrief left blank keeps no draft; anything else is kept as typed."""
        form = self.read_form()
        if form.is_blank() and self.interview_id is None:
            return
        keep_draft(self.app.journal, self.draft_key, form.to_payload())
        self.query_one("#draft-status", Static).update(f"Draft saved {self.app.clock.now():%H:%M:%S}")

    def draft_waiting(self) -> None:
        status = self.query_one("#draft-status", Static)
        status.update("Draft not saved yet: the journal is busy (another copy is writing)")

    # -- actions -----------------------------------------------------------------

    def action_outside_editor(self) -> None:
        """ctrl+o on an answer: write it in your own editor ($EDITOR); it comes back exactly."""
        area = self.focused
        if not isinstance(area, TextArea):
            self.notify("Move to an answer first: ctrl+o opens it in your editor.")
            return
        from .outside_editor import edit_outside

        self.save_draft()  # what was typed in the last moment is in the journal before the hand-off
        edited = edit_outside(self.app, area.text, name=(area.id or "answer").removeprefix("answer-"))
        if edited is not None and edited != area.text:
            area.replace(edited, (0, 0), area.document.end)  # one step back with ctrl+z; the draft is kept
        self.refresh()

    def action_rate_answer(self) -> None:
        """ctrl+r on a line under "What did they ask you?": how your answer went, strong → ok →
        weak → not rated. Kept with the debrief and shown on the prep sheet."""
        area = self.focused
        if not isinstance(area, TextArea) or area.id != f"answer-{RATED_KEY}":
            self.notify("Move to a question under “What did they ask you?” first: ctrl+r rates your answer to it.")
            return
        row, column = area.cursor_location
        line = line_at(area.text, row, column)
        if not line:
            self.notify("This line holds no question to rate.")
            return
        key = folded(line)
        if (mark := next_rating(self.ratings.get(key))) is None:
            self.ratings.pop(key, None)
        else:
            self.ratings[key] = mark
        self._show_ratings()
        self.schedule_autosave()

    def _ratings_said(self, answer: str) -> str:
        return ratings_said(answer, self.ratings) or "ctrl+r on a question rates your answer to it: strong, ok, weak."

    def _show_ratings(self) -> None:
        text = self.query_one(f"#answer-{RATED_KEY}", TextArea).text
        self.query_one("#ratings", Plain).update(self._ratings_said(text))

    def _checked(self) -> CheckedDebrief:
        """The records the form describes, or FormErrors."""
        return check_debrief(
            self.read_form(), self.app.clock.now(), day_first=day_first(self.app.journal), questions=self.questions
        )

    def field_errors(self) -> dict[str, str]:
        return errors_of(self._checked)

    @writes
    def action_save(self) -> None:
        self.save_draft()
        try:
            checked = self._checked()
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            self.notify("Some fields need a look before saving.", severity="warning")
            return
        ask_about_new_names(self.app, new_names(self.app.journal, checked), lambda: self._record(checked))

    def _record(self, checked: CheckedDebrief) -> None:
        try:
            interview = record_debrief(self.app.journal, checked, self.interview_id)
        except StoreError as error:
            self.notify(f"Not saved: {error}. Your draft is kept.", severity="error", timeout=10)
            return
        self.dismiss(interview.id)

    def action_close(self) -> None:
        self.save_draft()
        kept = draft(self.app.journal, self.draft_key) is not None
        if kept:
            self.notify("Draft kept — ctrl+n or `followup new` picks it up again.", title="Not saved yet")
        self.dismiss(None)

    def _clear_error(self, field: str | None) -> None:
        if field and (labels := self.query(f"#{field}-error")):
            labels.first(Label).display = False
