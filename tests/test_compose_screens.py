"""The composer and settings from the keyboard: timeline → compose → send → mark sent → the next step."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static, TextArea

from followup_tui.domain.kinds import FollowupStatus, Kind
from followup_tui.domain.models import Contact
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.composer import ComposerScreen
from followup_tui.ui.send_prompt import SendPrompt
from followup_tui.ui.settings_screen import SettingEditor, SettingsScreen, TemplateEditor

from .helpers import SIZE, followup_named

SAM = "Ask Sam whether the referral went through"  # the first overdue step of the demo, highlighted at start


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def retype(pilot, text: str) -> None:
    body = pilot.app.screen.query_one("#composer-body", TextArea)
    body.clear()
    await pilot.press(*text)
    await pilot.pause()


async def test_from_the_timeline_through_compose_to_mark_sent_the_next_step_is_planned(
    demo_store: Store, tmp_path: Path
):
    demo_store.set_setting("me.name", "Alex Morgan")
    demo_store.set_setting("me.email", "alex@example.com")
    sam = followup_named(demo_store, SAM)
    for other in demo_store.followups_of_opportunity(sam.opportunity_id):
        if other.id != sam.id and other.status is FollowupStatus.PLANNED:
            demo_store.delete_followup(other.id)
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.query_one("#composer-to", Input).value == "sam.ito@fernleaf.example"
        body = app.screen.query_one("#composer-body", TextArea).text
        assert body.startswith("Hi Sam,") and body.rstrip().endswith("Alex Morgan")

        await retype(pilot, "Hi Sam, any update?")
        assert "only ask is for a decision" in shown(app, "#composer-warnings")
        await retype(pilot, "Hi Sam, here is the write-up on queues I mentioned: https://example.com/q")
        assert "only ask is for a decision" not in shown(app, "#composer-warnings")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SendPrompt)
        await pilot.press("c")
        await pilot.pause()
        to, subject, blank, body = app.clipboard.split("\n")
        assert (to, subject.startswith("Subject: "), blank) == ("To: sam.ito@fernleaf.example", True, "")
        assert body == "Hi Sam, here is the write-up on queues I mentioned: https://example.com/q"
        assert "Copied the whole message" in shown(app, "#send-status")
        await pilot.press("b")
        await pilot.pause()
        assert app.clipboard == "Hi Sam, here is the write-up on queues I mentioned: https://example.com/q"
        await pilot.press("e")
        await pilot.pause()
        where = app.screen.query_one("#path", Input)
        assert where.value.endswith(f"followup-fernleaf-systems-check-in-{sam.id}.eml")
        where.value = str(tmp_path / "to-sam")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SendPrompt), "the ways out stay open until it is marked sent"
        assert "Saved" in shown(app, "#send-status")
        saved = tmp_path / "to-sam.eml"
        parsed = email.message_from_bytes(saved.read_bytes(), policy=policy.default)
        assert parsed["To"] == "sam.ito@fernleaf.example" and parsed["From"] == "Alex Morgan <alex@example.com>"
        assert parsed.get_content() == "Hi Sam, here is the write-up on queues I mentioned: https://example.com/q"

        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, (SendPrompt, ComposerScreen))
        done = demo_store.get_followup(sam.id)
        assert done.status is FollowupStatus.DONE and done.body.startswith("Hi Sam, here is the write-up")
        planned = [
            f
            for f in demo_store.followups_of_opportunity(sam.opportunity_id)
            if f.status is FollowupStatus.PLANNED and f.kind is Kind.CHECK_IN
        ]
        assert len(planned) == 1 and planned[0].due_on.weekday() < 5
        highlighted = app.screen.query_one("#timeline-list", OptionList).highlighted_option
        assert highlighted.id == f"followup-{planned[0].id}", "the next step is under the cursor"


async def test_closing_the_composer_keeps_the_draft_and_opening_it_again_picks_it_up(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await retype(pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert followup_named(demo_store, app_subject(demo_store)).body == "Half a thought"
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#composer-body", TextArea).text == "Half a thought"


def app_subject(store: Store) -> str:
    return next(f.followup.subject for f in store.list_followups() if f.followup.body == "Half a thought")


async def test_a_contact_without_an_email_is_said_and_the_message_can_still_be_saved(demo_store: Store, tmp_path: Path):
    sam = followup_named(demo_store, SAM)
    card = demo_store.get_contact(sam.contact_id)
    demo_store.update_contact(Contact(**{**vars(card), "email": "", "other_emails": []}))
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "Sam Ito has no email address yet" in shown(app, "#composer-no-email")
        await pilot.press("ctrl+s", "e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "no-such-folder" / "x.eml")
        await pilot.press("enter")
        await pilot.pause()
        assert "Could not save" in shown(app, "#send-status"), "a bad folder is said, not a traceback"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "x.eml")
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved" in shown(app, "#send-status")
        parsed = email.message_from_bytes((tmp_path / "x.eml").read_bytes(), policy=policy.default)
        assert parsed["To"] is None


async def test_changing_the_template_asks_before_replacing_edits(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#composer-template", Select).value = "thank-you"
        await pilot.pause()
        assert app.screen.query_one("#composer-body", TextArea).text.startswith("Hi Sam,\n\nThank you for taking")
        await retype(pilot, "My own words")
        app.screen.query_one("#composer-template", Select).value = "check-in"
        await pilot.pause()
        await pilot.press("escape")  # keep my words
        await pilot.pause()
        assert app.screen.query_one("#composer-body", TextArea).text == "My own words"


async def test_settings_edit_your_name_refuse_a_bad_email_and_add_a_template(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("enter")  # me.name, first in the list
        await pilot.pause()
        assert isinstance(app.screen, SettingEditor)
        await pilot.press(*"Alex Morgan", "enter")
        await pilot.pause()
        assert store.get_setting("me.name") == "Alex Morgan"

        await pilot.press("down", "enter", *"not-an-email", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingEditor), "a bad value keeps the editor open"
        assert "is not an email address" in str(app.screen.query_one("#setting-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert store.get_setting("me.email", "") == ""

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TemplateEditor)
        await pilot.press(*"coffee")
        app.screen.query_one("#template-subject", Input).value = "Coffee, {first_name}?"
        app.screen.query_one("#template-body", TextArea).load_text("Would {mood} work?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert any("coffee" in str(o.prompt) for o in app.screen.query_one(OptionList).options)
        stored = store.get_setting("templates")
        assert stored["coffee"] == {
            "kind": "check_in",
            "subject": "Coffee, {first_name}?",
            "body": "Would {mood} work?",
        }


async def test_opening_and_closing_the_composer_untouched_changes_nothing(demo_store: Store):
    before = followup_named(demo_store, SAM)
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause(0.7)  # longer than the autosave delay
        await pilot.press("escape")
        await pilot.pause()
    assert demo_store.get_followup(before.id) == before


FAKE_EDITOR = """#!{python}
import sys
path = sys.argv[1]
with open(path, encoding="utf-8", newline="") as file:
    text = file.read()
with open(path, "w", encoding="utf-8", newline="") as file:
    file.write(text.replace("{{topic}}", "the reminder queue") + "P.S. — Ünïcode, tabs\\tand\\r\\nCRLF stay.\\n")
"""


def fake_editor(tmp_path: Path) -> str:
    """An editor that fills {topic} and adds a line, as a person would, and exits."""
    import sys

    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR.format(python=sys.executable))
    script.chmod(0o755)
    return str(script)


async def test_ctrl_o_hands_the_message_to_your_editor_and_takes_it_back_exactly(
    demo_store: Store, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path))
    monkeypatch.delenv("VISUAL", raising=False)
    app = FollowupApp(demo_store)
    sam = followup_named(demo_store, "Ask Sam whether the referral went through")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        body = app.screen.query_one("#composer-body", TextArea)
        body.load_text("Hi Sam,\n\nAbout {topic}.")
        await pilot.press("ctrl+o")
        await pilot.pause()
        # as the editor left it (the line end it added to a text without one dropped again)
        assert body.text == "Hi Sam,\n\nAbout the reminder queue.P.S. — Ünïcode, tabs\tand\nCRLF stay."
        await pilot.press("escape")
        await pilot.pause()
    assert demo_store.get_followup(sam.id).body.endswith("P.S. — Ünïcode, tabs\tand\nCRLF stay."), "kept as a draft"


async def test_an_answer_goes_to_your_editor_too_and_a_broken_editor_changes_nothing(store: Store, monkeypatch):
    from followup_tui.ui.debrief_form import DebriefFormScreen

    monkeypatch.setenv("EDITOR", "false")  # exits 1
    monkeypatch.delenv("VISUAL", raising=False)
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        area = app.screen.query_one("#answer-went_well", TextArea)
        area.focus()
        area.load_text("Kept as typed")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert area.text == "Kept as typed"


async def test_an_editor_setting_that_cannot_be_read_is_said_and_what_was_just_typed_is_kept(store: Store, monkeypatch):
    from followup_tui.services.debriefs import NEW_DRAFT
    from followup_tui.ui import autosave
    from followup_tui.ui.debrief_form import DebriefFormScreen

    monkeypatch.setenv("EDITOR", "/home/o'brien/bin/ed")  # a quote shlex cannot close
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(autosave, "AUTOSAVE_DELAY", 60)  # the pause-in-typing save has surely not come
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen)
        app.screen.query_one("#answer-went_well", TextArea).focus()
        await pilot.press(*"Just typed", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, DebriefFormScreen), "the app stays where it was"
        assert app.screen.query_one("#answer-went_well", TextArea).text == "Just typed"
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert errors == [
            'Not edited: $EDITOR cannot be read as a command (no closing quotation): "/home/o\'brien/bin/ed".'
        ]
        assert store.get_draft(NEW_DRAFT).payload["answers"]["went_well"] == "Just typed", (
            "in the journal before the hand-off"
        )


async def test_a_signature_set_after_a_draft_was_written_shows_when_it_is_reopened(demo_store: Store):
    app = FollowupApp(demo_store)
    subject = "Thank you for your time yesterday"  # Ruth's thank-you: nobody has set a name yet
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#timeline-pane").select_followup(followup_named(demo_store, subject).id)
        await pilot.press("c")
        await pilot.pause()
        body = app.screen.query_one("#composer-body", TextArea)
        assert body.text.rstrip().endswith("{signature}")
        flags = str(app.screen.query_one("#composer-flags", Static).render())
        assert "{signature} is empty" in flags
        body.insert("P.S. Thanks again.", body.document.end)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p", *"settings", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the first setting: your name
        await pilot.pause()
        app.screen.query_one("#setting-value", Input).value = "Alex Morgan"
        await pilot.press("enter", "escape")
        await pilot.pause()

        await pilot.press("c")
        await pilot.pause()
        body = app.screen.query_one("#composer-body", TextArea)
        assert "Best regards,\nAlex Morgan" in body.text and body.text.endswith("P.S. Thanks again.")
        assert not app.screen.query_one("#composer-flags", Static).display, "the warning went with it"


async def test_a_name_set_in_settings_over_an_open_draft_shows_when_you_come_back(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ruth = followup_named(demo_store, "Thank you for your time yesterday")
        app.screen.query_one("#timeline-pane").select_followup(ruth.id)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#composer-body", TextArea).text.rstrip().endswith("{signature}")
        app.action_settings()
        await pilot.pause()
        await pilot.press("enter")  # your name
        await pilot.pause()
        app.screen.query_one("#setting-value", Input).value = "Alex Morgan"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.query_one("#composer-body", TextArea).text.rstrip().endswith("Alex Morgan")
        assert not app.screen.query_one("#composer-flags", Static).display


async def test_a_draft_written_and_closed_keeps_the_follow_ups_own_line(demo_store: Store):
    before = followup_named(demo_store, SAM)
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"A line of my own.")
        await pilot.pause(0.7)  # longer than the autosave delay
        await pilot.press("escape")
        await pilot.pause()
    kept = demo_store.get_followup(before.id)
    assert kept.subject == before.subject, "the Timeline's line is the user's"
    assert kept.draft_subject and "A line of my own." in kept.body


async def test_the_cursor_starts_where_the_words_are_yours(demo_store: Store):
    kenji = followup_named(demo_store, "Thank you — the reminder-queue problem")
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ComposerScreen(kenji.id))
        await pilot.pause()
        body = app.screen.query_one("#composer-body", TextArea)
        row, column = body.selection.end
        line = body.text.split("\n")[row]
        assert line == "As promised, here is the write-up on idempotent queues I mentioned:" and column == len(line)
        app.pop_screen()
        await pilot.pause()
        answer = followup_named(demo_store, "Write up a better answer on exactly-once delivery")
        app.push_screen(ComposerScreen(answer.id))
        await pilot.pause()
        body = app.screen.query_one("#composer-body", TextArea)
        row, column = body.selection.end
        line = body.text.split("\n")[row]
        assert line.endswith("I said I would follow up with a better answer on exactly-once delivery:")
        assert column == len(line)
        assert app.screen.query_one("#composer-subject", Input).value == (
            "Following up: a better answer on exactly-once delivery"
        )
