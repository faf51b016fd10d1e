"""Settings: your name and signature, the follow-up rules, and the message templates — edited in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from followup_tui.domain.kinds import Kind
from followup_tui.domain.templates import PLACEHOLDERS, Template, placeholders_in
from followup_tui.domain.text import sentence
from followup_tui.services import compose
from followup_tui.services.settings import SETTINGS, Setting, change, current
from followup_tui.services.settings import setting as setting_value

from .cells import cell
from .dialog import Dialog
from .plain import Plain, PlainLabel
from .screen_styles import SCREEN_STYLES
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp


LABEL_WIDTH, VALUE_WIDTH, SUBJECT_WIDTH = 32, 24, 40
"""The columns of a settings row where there is room: what it is, its value, a template's subject."""

LEAST_VALUE = 8
"""The narrowest value column that keeps the "(as it ships)" mark beside it."""

AS_IT_SHIPS = "(as it ships)"

DESCRIPTION_INDENT = "  "


def _described(text: str, width: int) -> Content:
    """A setting's description under its name: every line indented, the wrapped ones too."""
    lines = Content(text).wrap(max(width - len(DESCRIPTION_INDENT), 10))
    return Content("\n").join(Content(DESCRIPTION_INDENT) + line for line in lines).stylize("dim")


class SettingsScreen(Screen[None]):
    CSS_PATH = SCREEN_STYLES
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="settings.back"),
        Binding("n", "new_template", "New template", id="settings.new-template"),
        Binding("delete", "reset", "Reset template", id="settings.reset"),
    ]

    app: FollowupApp

    def compose(self) -> ComposeResult:
        yield Static("Settings", classes="form-title")
        yield Static("enter changes the highlighted one · n adds a template · del resets a template", classes="hint")
        yield OptionList(id="settings-list")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    listed_width: int = 0
    """The width the rows were last laid out for: a resize lays them out again."""

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_to_width)

    def _fit_to_width(self) -> None:
        if self._list_width() != self.listed_width:
            self.reload()

    def _list_width(self) -> int:
        width = self.query_one(OptionList).scrollable_content_region.width
        return width or self.app.size.width - 8  # before the first layout: the border, padding and scrollbar

    def reload(self) -> None:
        rows = self.query_one(OptionList)
        kept = rows.highlighted
        self.listed_width = width = self._list_width()
        longest = max(cell_len(entry.label) for entry in SETTINGS.values())
        label_width = max(min(LABEL_WIDTH, max(longest, width // 2), width - LEAST_VALUE - 4), 8)
        value_width = min(VALUE_WIDTH, width - label_width - 2 - 2 - cell_len(AS_IT_SHIPS))
        marked = value_width >= LEAST_VALUE  # "(as it ships)" only where the value keeps room beside it
        if not marked:
            value_width = width - label_width - 2 - 2
        options: list[Option] = []
        for setting, value in current(self.app.journal):
            shown = " ".join(str(value).split()) if value not in ("", None) else "(not set)"
            default = marked and value == setting.default and value not in ("", None)
            row = Content.assemble(
                cell(setting.label, label_width, "bold"),
                cell(shown, value_width),
                (AS_IT_SHIPS if default else "", "dim"),
                "\n",
                _described(f"{sentence(setting.help)}.", width),
            )
            options.append(Option(row, id=f"setting:{setting.key}"))
        options.append(Option("Message templates", disabled=True))
        subject_width = min(SUBJECT_WIDTH, width - label_width - 2 - 2)
        for template in compose.templates(self.app.journal):
            mine = "" if compose.is_default(template.name) else " (yours)"
            row = Content.assemble(
                cell(f"{template.name}{mine}", label_width, "bold"),
                cell(template.subject, subject_width),
                "\n",
                _described(f"For a {template.kind.label}.", width),
            )
            options.append(Option(row, id=f"template:{template.name}"))
        rows.set_options(options)
        rows.highlighted = min(kept, rows.option_count - 1) if kept is not None else 0

    def _highlighted(self) -> tuple[str, str] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:
            return None
        what, _, name = option.id.partition(":")
        return what, name

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        picked = self._highlighted()
        if picked is None:
            return
        what, name = picked
        if what == "setting":
            self.app.push_screen(SettingEditor(SETTINGS[name]), self._setting_edited)
        else:
            template = next(t for t in compose.templates(self.app.journal) if t.name == name)
            self.app.push_screen(TemplateEditor(template), lambda _: self.reload())

    def _setting_edited(self, saved: bool | None) -> None:
        """A setting changed: redrawn here, and the calendar feed (its file, its alarms) rewritten."""
        self.reload()
        if saved:
            self.app.keep_feed_current()

    def action_new_template(self) -> None:
        self.app.push_screen(TemplateEditor(None), lambda _: self.reload())

    def action_reset(self) -> None:
        picked = self._highlighted()
        if picked is None or picked[0] != "template":
            self.notify("Only a template can be reset; pick one under Message templates.", severity="warning")
            return
        name = picked[1]
        default = compose.is_default(name)
        from .confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                compose.reset_template(self.app.journal, name)
                self.reload()
                self.notify(f"{name}: {'back as it shipped' if default else 'removed'}.")

        question = f"Put the {name} template back as it shipped?" if default else f"Remove your template {name}?"
        self.app.push_screen(ConfirmDialog(question, yes="Reset" if default else "Remove", no="Keep"), answered)


class SettingEditor(Dialog[bool]):
    """One setting's value, checked before it is kept."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="setting.save", priority=True),
        Binding("escape", "dismiss(False)", "Cancel", id="setting.cancel"),
    ]

    app: FollowupApp

    def __init__(self, setting: Setting):
        super().__init__()
        self.setting = setting

    def compose(self) -> ComposeResult:
        value = setting_value(self.app.journal, self.setting.key)
        with Vertical(id="confirm-dialog"):
            yield Plain(f"{self.setting.label}: {self.setting.help}", id="confirm-question")
            if self.setting.multiline:
                yield TextArea(str(value), id="setting-value", soft_wrap=True)
            elif self.setting.choices:
                yield Select([(c, c) for c in self.setting.choices], value=value, allow_blank=False, id="setting-value")
            else:
                yield Input(str(value), id="setting-value", compact=True)
            error = PlainLabel("", id="setting-error", classes="field-error")
            error.display = False
            yield error
            yield Static(
                "ctrl+s saves"
                + ("" if self.setting.multiline else " (or enter)")
                + f" · esc cancels — from the shell: followup settings {self.setting.key} VALUE",
                id="confirm-detail",
            )

    def on_input_submitted(self) -> None:
        self.action_save()

    @writes
    def action_save(self) -> None:
        control = self.query_one("#setting-value")
        text = control.text if isinstance(control, TextArea) else str(control.value)
        try:
            change(self.app.journal, self.setting.key, text)
        except ValueError as error:
            label = self.query_one("#setting-error", Label)
            label.update(str(error))
            label.display = True
            return
        self.dismiss(True)


class TemplateEditor(Dialog[bool]):
    """A message template: its name, the kind of follow-up it suits, subject and body."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="template.save", priority=True),
        Binding("escape", "dismiss(False)", "Cancel", id="template.cancel"),
    ]

    app: FollowupApp

    def __init__(self, template: Template | None):
        super().__init__()
        self.template = template

    def compose(self) -> ComposeResult:
        t = self.template or Template("", Kind.CHECK_IN, "", "Hi {first_name},\n\n\n\nBest regards,\n{signature}\n")
        with Vertical(id="template-editor"):
            yield Static("Edit template" if self.template else "New template", classes="form-title")
            with Horizontal(classes="field"):
                yield Label("Name", classes="field-label")
                yield Input(t.name, id="template-name", compact=True, disabled=self.template is not None)
            with Horizontal(classes="field"):
                yield Label("For", classes="field-label")
                kinds = [(k.label, k.value) for k in Kind]
                yield Select(kinds, value=t.kind.value, allow_blank=False, id="template-kind", compact=True)
            with Horizontal(classes="field"):
                yield Label("Subject", classes="field-label")
                yield Input(t.subject, id="template-subject", compact=True)
            with Horizontal(id="template-panes"):
                yield TextArea(t.body, id="template-body", soft_wrap=True)
                yield Plain(
                    "Placeholders\n\n" + "\n".join(f"{{{name}}}  {what}" for name, what in PLACEHOLDERS.items()),
                    id="template-help",
                )
            error = PlainLabel("", id="template-error", classes="field-error")
            error.display = False
            yield error
            yield Static("ctrl+s saves · esc cancels", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#template-body" if self.template else "#template-name").focus()

    @writes
    def action_save(self) -> None:
        name = " ".join(self.query_one("#template-name", Input).value.split())
        problem = ""
        if not name:
            problem = "Give the template a name."
        elif self.template is None and any(t.name == name for t in compose.templates(self.app.journal)):
            problem = f"There is already a template called {name}."
        if problem:
            label = self.query_one("#template-error", Label)
            label.update(problem)
            label.display = True
            return
        kind = Kind(self.query_one("#template-kind", Select).value)
        subject = self.query_one("#template-subject", Input).value
        body = self.query_one("#template-body", TextArea).text
        compose.save_template(self.app.journal, Template(name, kind, subject, body))
        unknown = [p for p in placeholders_in(f"{subject}\n{body}") if p not in PLACEHOLDERS]
        if unknown:
            names = ", ".join(f"{{{p}}}" for p in unknown)
            self.notify(
                f"Template {name} saved; {names} is not a placeholder and will stay as written.", severity="warning"
            )
        else:
            self.notify(f"Template {name} saved.")
        self.dismiss(True)
