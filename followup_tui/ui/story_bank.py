"""The story bank on screen: your STAR stories listed (the newest first), the highlighted one in
full beside the list; `n` adds one, `e` or `enter` edits, `d` deletes (asked first). Reached from
the palette and from the prep sheet (`t`). Every piece of user text is shown as text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from followup_tui.domain.forms import FormErrors
from followup_tui.domain.story_bank import STORY_PARTS, BankStory, StoryForm, check_story
from followup_tui.services.journal import StoreError
from followup_tui.services.story_bank import delete_story, save_story, stories, story

from .autosave import AutosavingForm
from .fields import ChecksFieldsAsLeft, errors_of, labelled_field, show_field_errors
from .messages import JournalChanged
from .plain import Plain
from .record_screen import RecordScreen
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp

EMPTY_BANK = (
    "No stories yet. n adds one: a short STAR story — the situation, your task, what you did, the "
    "result, and what you would add — tagged, and linked to the questions it answers. The prep "
    "sheet then lists the ones that fit the questions you will likely be asked."
)


class StoryBankScreen(RecordScreen):
    """Every story of the bank, and the highlighted one in full."""

    DEFAULT_CSS = """
    StoryBankScreen #story-bank { height: 1fr; }
    StoryBankScreen #story-list { width: 40%; min-width: 24; height: 1fr; }
    StoryBankScreen #story-read { width: 1fr; padding: 0 2; }
    StoryBankScreen .story-part { color: $accent; text-style: bold; margin: 1 0 0 0; }
    StoryBankScreen .story-tags { color: $text-muted; }
    """

    BINDINGS = [
        Binding("n", "new_story", "New story", id="stories.new"),
        Binding("e", "edit_story", "Edit", id="stories.edit"),
        Binding("d", "delete_story", "Delete", id="stories.delete"),
        Binding("escape", "app.pop_screen", "Back", id="stories.back"),
    ]

    def __init__(self, select: int | None = None):
        super().__init__()
        self.select = select
        """The story to highlight first (one a search found)."""

    def compose(self) -> ComposeResult:
        yield Static("Story bank", classes="form-title")
        with Horizontal(id="story-bank"):
            yield OptionList(id="story-list")
            yield VerticalScroll(id="story-read")
        yield Footer()

    def refresh_record(self, select: int | None = None) -> None:
        listed = self.query_one("#story-list", OptionList)
        keep = select if select is not None else self.selected()
        if keep is None:
            keep, self.select = self.select, None
        listed.clear_options()
        found = stories(self.app.journal)
        listed.add_options([Option(Text(s.title), id=f"story-{s.id}") for s in found])
        if found:
            ids = [s.id for s in found]
            listed.highlighted = ids.index(keep) if keep in ids else 0
            listed.focus()
        self._show(found[listed.highlighted or 0] if found else None)

    def selected(self) -> int | None:
        listed = self.query_one("#story-list", OptionList)
        if listed.highlighted is None or not listed.option_count:
            return None
        return int(listed.get_option_at_index(listed.highlighted).id.removeprefix("story-"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if (story_id := self.selected()) is not None:
            self._show(story(self.app.journal, story_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_story()

    def _show(self, told: BankStory | None) -> None:
        body = self.query_one("#story-read", VerticalScroll)
        body.remove_children()
        if told is None:
            body.mount(Plain(EMPTY_BANK, classes="prep-note"))
            return
        widgets: list = [Plain(told.title, classes="prep-heading")]
        if told.tags:
            widgets.append(Plain("Tags: " + ", ".join(told.tags), classes="story-tags"))
        for name, label in STORY_PARTS[1:]:
            if text := getattr(told, name):
                widgets += [Static(label, classes="story-part"), Plain(text)]
        if told.questions:
            widgets += [Static("Answers", classes="story-part"), *(Plain(f"• {q}") for q in told.questions)]
        body.mount_all(widgets)

    def action_new_story(self) -> None:
        self._open_form(None)

    def action_edit_story(self) -> None:
        if (story_id := self.selected()) is not None and (told := story(self.app.journal, story_id)) is not None:
            self._open_form(told)

    def _open_form(self, told: BankStory | None) -> None:
        def saved(result: BankStory | None) -> None:
            if result is not None:
                self.refresh_record(select=result.id)
                self.post_message(JournalChanged(said="Story saved."))

        self.app.push_screen(StoryFormScreen(told), saved)

    def action_delete_story(self) -> None:
        from .confirm import ConfirmDialog

        if (story_id := self.selected()) is None or (told := story(self.app.journal, story_id)) is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                delete_story(self.app.journal, story_id)
                self.refresh_record()
                self.post_message(JournalChanged(said="Story deleted."))

        self.app.push_screen(ConfirmDialog(f"Delete the story “{told.title}”?", yes="Delete", no="Keep it"), answered)


FORM_LINES = [
    ("title", "Title", "A few words you will remember it by"),
    ("tags", "Tags", "outage, leadership — commas between"),
]


class StoryFormScreen(ChecksFieldsAsLeft, AutosavingForm):
    """Adds or edits one story; dismisses with the story saved, or None."""

    DEFAULT_CSS = """
    StoryFormScreen #story-form { padding: 0 2; }
    StoryFormScreen #story-form TextArea { height: auto; min-height: 3; max-height: 10; background: $boost; }
    StoryFormScreen #story-form TextArea:focus { background: $accent 25%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="story.save"),
        Binding("escape", "close", "Close", id="story.close"),
    ]

    app: FollowupApp

    def __init__(self, told: BankStory | None = None):
        super().__init__()
        self.told = told
        self.blank = self.initial = StoryForm.of(told) if told else StoryForm()
        self.draft_key = f"story:{told.id if told else 'new'}"

    def compose(self) -> ComposeResult:
        form = self.restored(StoryForm, self.initial)
        with VerticalScroll(id="story-form"):
            yield Plain(f"Edit “{self.told.title}”" if self.told else "New story", classes="form-title")
            for name, label, placeholder in FORM_LINES:
                control = Input(getattr(form, name), placeholder=placeholder, id=name, compact=True)
                yield from labelled_field(name, label, control)
            for name, label in STORY_PARTS[1:]:
                area = TextArea(getattr(form, name), id=name, soft_wrap=True, compact=True)
                yield from labelled_field(name, label, area)
            area = TextArea(form.questions, id="questions", soft_wrap=True, compact=True)
            yield from labelled_field("questions", "Answers", area)
            yield Static("Answers: the questions it answered, one a line (in any words).", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def read_form(self) -> StoryForm:
        lines = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FORM_LINES}
        areas = {name: self.query_one(f"#{name}", TextArea).text for name, _ in STORY_PARTS[1:]}
        return StoryForm(**lines, **areas, questions=self.query_one("#questions", TextArea).text)

    def field_errors(self) -> dict[str, str]:
        return errors_of(lambda: check_story(self.read_form()))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Label).display = False
        self.schedule_autosave()

    def on_text_area_changed(self) -> None:
        self.schedule_autosave()

    @writes
    def action_save(self) -> None:
        try:
            saved = save_story(self.app.journal, self.read_form(), self.told.id if self.told else None)
        except FormErrors as problems:
            show_field_errors(self, problems.errors)
            return
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error")
            return
        self.drop_draft()
        self.dismiss(saved)

    def action_close(self) -> None:
        self.close_asking("Discard your changes to this story?")


def open_story_bank(app: FollowupApp, select: int | None = None) -> None:
    app.push_screen(StoryBankScreen(select))
