"""The composer: the message for one follow-up, from a template, with the pushiness lint beside it.

The draft is kept on the follow-up itself half a second after each change, so closing the
composer, or the app dying, loses nothing; `ctrl+s` offers the three ways out and "mark sent".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Selection

from followup_tui.domain.templates import PLACEHOLDERS, Template, placeholders_in
from followup_tui.domain.text import header_line, sentence
from followup_tui.services import compose as service

from .autosave import AutosavingForm
from .cells import one_line
from .plain import Plain
from .send_prompt import SendPrompt
from .writes import writes

if TYPE_CHECKING:
    from .app import FollowupApp

NO_TOPIC = "—"
SHORT = 30
"""Rows below which the composer closes up its fields, so the message keeps its room."""


class ComposerScreen(AutosavingForm):
    """Dismisses with what marking it sent did, or None when closed with the draft kept."""

    BINDINGS = [
        Binding("ctrl+s", "send", "Send…", id="composer.send", priority=True),
        Binding("escape", "close", "Close (draft kept)", id="composer.close"),
        Binding("ctrl+o", "outside_editor", "Your editor", id="composer.editor"),
    ]

    app: FollowupApp

    def __init__(self, followup_id: int):
        super().__init__()
        self.followup_id = followup_id
        self._filled_body = ""
        self._filled_subject = ""
        self._picked: tuple[str, str] | None = None
        self._dirty = False
        self._covered = False

    def compose(self) -> ComposeResult:
        self.composition = c = service.compose(self.app.journal, self.followup_id)
        followup = c.followup
        who = f" to {c.contact.name}" if c.contact else ""
        role = f" ({c.role})" if c.role else ""
        yield Plain(f"{followup.kind.label.capitalize()}{who} at {c.company}{role}", id="composer-title")
        with Horizontal(classes="field"):
            yield Label("To", classes="field-label")
            yield Input(c.to, placeholder="their email address", id="composer-to", compact=True)
        yield Plain(id="composer-no-email", classes="warning")
        with Horizontal(classes="field"):
            yield Label("Subject", classes="field-label")
            yield Input(id="composer-subject", compact=True)
        with Horizontal(classes="field", id="composer-pickers"):
            yield Label("Template", classes="field-label")
            yield Select(
                [(t.name, t.name) for t in c.templates],
                value=c.template.name,
                allow_blank=False,
                id="composer-template",
                compact=True,
            )
            yield Label("Topic", classes="field-label")
            topics = [(_short(t.phrase or f"✎ {t.note}", 36), str(i)) for i, t in enumerate(c.topics)]
            first = str(c.default_topic) if topics and c.default_topic >= 0 else NO_TOPIC
            topics = (
                [*topics, ("✎ in my own words", NO_TOPIC)] if topics else [("nothing in the debrief yet", NO_TOPIC)]
            )
            yield Select(topics, value=first, allow_blank=False, id="composer-topic", compact=True)
        with Vertical(id="composer-lint"):  # above the body: a notification never covers it
            yield Plain(id="composer-flags", classes="warning")
            yield Plain(id="composer-warnings", classes="warning")
        yield TextArea(id="composer-body", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    def on_mount(self) -> None:
        followup = self.composition.followup
        if followup.body.strip():
            self._picked = (self._template().name, self._topic())
            body = service.refill(self.composition, followup.body)
            subject = followup.draft_subject or service.fill_template(self.composition, self._template(), "")[0].text
            self._filled_subject, self._filled_body = header_line(subject), body
            self._show(subject, body)
            self.notify("Picked up your draft of this message.")
        else:
            self._fill_from_template()
        self._show_no_email()
        self._check()
        self.query_one("#composer-body", TextArea).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "-short")

    # -- filling -----------------------------------------------------------------------------

    def _template(self) -> Template:
        name = self.query_one("#composer-template", Select).value
        return next(t for t in self.composition.templates if t.name == name)

    def _picked_topic(self):
        value = self.query_one("#composer-topic", Select).value
        return None if value in (NO_TOPIC, Select.BLANK) else self.composition.topics[int(value)]

    def _topic(self) -> str:
        """The phrase the picked topic gives; empty when it needs the user's own words."""
        topic = self._picked_topic()
        return topic.phrase or "" if topic else ""

    def _fill_from_template(self) -> None:
        without = self._picked_topic() is None
        subject, body = service.fill_template(self.composition, self._template(), self._topic(), without_topic=without)
        self._filled_subject, self._filled_body = header_line(subject.text), body.text
        self._picked = (self._template().name, self._topic())
        self._show(subject.text, body.text)
        self._to_where_you_write(body.here)

    def _to_where_you_write(self, here: int | None) -> None:
        """Leave the cursor where the words are the user's: on {topic} when it is still there, else
        after "As promised, here is …:", else where the template marks it."""
        area = self.query_one("#composer-body", TextArea)
        lines = area.text.split("\n")
        for row, line in enumerate(lines):
            if (column := line.find("{topic}")) >= 0:
                area.selection = Selection((row, column), (row, column + len("{topic}")))
                return
        for row, line in enumerate(lines):
            if line.startswith("As promised, here is "):
                area.selection = Selection.cursor((row, len(line)))
                return
        if here is not None:
            before = area.text[:here].split("\n")
            area.selection = Selection.cursor((len(before) - 1, len(before[-1])))

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        """Back from Settings (or any screen over this one): your details as they are now. The
        first showing is not a return: `compose` has just read them."""
        if not self._covered:
            return
        self._covered = False
        fresh = service.compose(self.app.journal, self.followup_id)
        body = self._body()
        updated = service.refill(fresh, service.keepable(self.composition, body))
        self.composition = fresh
        if updated != body:
            with self.prevent(TextArea.Changed):
                self.query_one("#composer-body", TextArea).load_text(updated)
            self._changed()
        self._check()

    def _show(self, subject: str, body: str) -> None:
        with self.prevent(Input.Changed, TextArea.Changed):
            self.query_one("#composer-subject", Input).value = header_line(subject)
            self.query_one("#composer-body", TextArea).load_text(body)

    def on_select_changed(self, event: Select.Changed) -> None:
        if (self._template().name, self._topic()) == self._picked:
            return
        edited = self._body() != self._filled_body or self._subject() != self._filled_subject
        if not edited:
            self._fill_from_template()
            self._changed()
            return
        from .confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self._fill_from_template()
                self._changed()

        self.app.push_screen(
            ConfirmDialog("Start again from the template? Your edits to this message go.", yes="Replace", no="Keep"),
            answered,
        )

    # -- keeping the draft and checking it -----------------------------------------------------

    def _subject(self) -> str:
        return self.query_one("#composer-subject", Input).value

    def _body(self) -> str:
        return self.query_one("#composer-body", TextArea).text

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "composer-to":  # used for sending; the card keeps the address
            self._show_no_email()
        elif event.value != self._filled_subject or self._dirty:
            self._changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self._check()
        self.schedule_autosave()

    def write_draft(self) -> None:
        """Keep the message on the follow-up — once it has been touched, so merely opening the
        composer never rewrites the follow-up's line on the timeline."""
        if self._dirty:
            body = service.keepable(self.composition, self._body())
            service.save_draft(self.app.journal, self.followup_id, self._subject(), body)

    def _show_no_email(self) -> None:
        line = self.query_one("#composer-no-email", Static)
        missing = not self.query_one("#composer-to", Input).value.strip()
        who = self.composition.contact.name if self.composition.contact else "This follow-up has no contact, so it"
        line.update(f"{who} has no email address yet — you can still copy the message or save it." if missing else "")
        line.display = missing

    def _check(self) -> None:
        subject, body = self._subject(), self._body()
        topic = self._picked_topic()
        flags = _placeholder_flags(f"{subject}\n{body}", topic.note if topic and not topic.phrase else "")
        flag_line = self.query_one("#composer-flags", Static)
        flag_line.update("\n".join(flags))
        flag_line.display = bool(flags)
        warnings = service.lint(self.app.journal, self.composition, body)
        line = self.query_one("#composer-warnings", Static)
        line.update("\n".join(f"! {sentence(w.why)}.\n  Fix: {w.fix}." for w in warnings))
        line.display = bool(warnings)

    def action_outside_editor(self) -> None:
        """ctrl+o: the body in your own editor ($EDITOR); it comes back exactly as you left it."""
        from .outside_editor import edit_outside

        self.save_draft()  # what was typed in the last moment is in the journal before the hand-off
        edited = edit_outside(self.app, self._body(), name="message")
        if edited is not None and edited != self._body():
            area = self.query_one("#composer-body", TextArea)
            area.replace(edited, (0, 0), area.document.end)  # one step ctrl+z takes back; kept as a draft
        self.refresh()

    # -- leaving -----------------------------------------------------------------------------

    def _message(self) -> service.Message:
        to = self.query_one("#composer-to", Input).value.strip()
        return service.Message(to, self._subject(), self._body(), service.sender_of(self.app.journal))

    def action_close(self) -> None:
        self.save_draft()
        self.dismiss(None)

    @writes
    def action_send(self, status: str = "") -> None:
        def chosen(way: str | None) -> None:
            if way == "sent":
                self.drop_timer()
                sent = service.mark_sent(
                    self.app.journal, self.followup_id, self._subject(), self._body(), self.composition.followup
                )
                self.dismiss(sent)
            elif way == "eml":
                self._ask_where_to_save()
            elif way is not None:
                self.action_send(getattr(self, f"_{way}")())

        self.app.push_screen(SendPrompt(status), chosen)

    def _copy(self) -> str:
        self.app.copy_to_clipboard(service.as_text(self._message()))
        return "Copied the whole message to the clipboard (through your terminal). Mark it sent once it is."

    def _copy_body(self) -> str:
        self.app.copy_to_clipboard(self._message().body)
        return "Copied the message body to the clipboard (through your terminal). Mark it sent once it is."

    def _ask_where_to_save(self) -> None:
        from .path_prompt import PathPrompt

        def chosen(path: str | None) -> None:
            self.action_send(self._save_eml(Path(path)) if path else "")

        self.app.push_screen(
            PathPrompt("Save the message as which .eml file?", str(default_eml_path(self.composition))), chosen
        )

    def _save_eml(self, path: Path) -> str:
        try:
            written = service.save_eml(
                path, self._message(), message_id=service.message_id_of(self.app.journal, self.followup_id)
            )
        except OSError as error:
            return f"Could not save {path}: {error.strerror or error}. Try another folder."
        return f"Saved {written} — open it in your mail app. Mark it sent once it is."

    def _mailto(self) -> str:
        problem = service.open_in_mail_app(service.mailto_link(self._message()))
        if problem:
            return f"Not opened: {problem}."
        return "Handed to your mail app. Mark it sent once it is."


def default_eml_path(composition: service.Composition) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{composition.company} {composition.followup.kind.label}".lower()).strip("-")
    return Path("~").expanduser() / f"followup-{slug or 'message'}-{composition.followup.id}.eml"


def _short(text: str, width: int) -> Content:
    """A topic from the debrief as a picker entry: one line, as typed (never markup), cut to fit."""
    return Content(one_line(" ".join(text.split()))).truncate(width, ellipsis=True)


def _placeholder_flags(text: str, note: str = "") -> list[str]:
    """Lines about the placeholders still in the message: unknown ones, and ones with nothing to fill them."""
    flags = []
    for name in placeholders_in(text):
        if name not in PLACEHOLDERS:
            flags.append(f"? {{{name}}} is not a placeholder followup knows; it will be sent as written.")
        elif name == "topic" and note:
            flags.append(f"? Your note says “{one_line(note)}” — put it in your own words where {{topic}} is.")
        elif name == "topic":
            flags.append("? {topic} is still empty: pick a topic from your debrief, or put it in your own words.")
        elif name in ("my_name", "signature", "my_email"):
            flags.append(f"? {{{name}}} is empty: set your name and signature in Settings (ctrl+p → Settings).")
        else:
            flags.append(f"? {{{name}}} has nothing to fill it here; write it in.")
    return flags
