"""Composing a follow-up: templates filled literally, a lint that flags pushy drafts, three ways out."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from datetime import date
from email import policy
from pathlib import Path

import pytest

from followup_tui.domain.draft_lint import lint_draft
from followup_tui.domain.kinds import FollowupStatus, Kind
from followup_tui.domain.models import Contact, Debrief, Followup
from followup_tui.domain.templates import DEFAULT_TEMPLATES, PLACEHOLDERS, Template, fill, topics_in
from followup_tui.domain.topics import phrase_of
from followup_tui.services import compose
from followup_tui.services.compose import Message
from followup_tui.store import Store

from .helpers import followup_named

TODAY = date(2026, 11, 26)
HOSTILE = ["{0.__class__}", "${x}", "$(rm -rf ~)", "[bold]Ann[/]", "{first_name}", "\\1 \\g<0>", "😀 שלום", "%s %(x)s"]


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=lambda t: t.name)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_template_takes_hostile_values_literally(template: Template, hostile: str):
    values = {name: f"{name}={hostile}" for name in PLACEHOLDERS}
    for text in (template.subject, template.body):
        filled = fill(text, values)
        assert filled.unknown == () and filled.empty == ()
        for name in PLACEHOLDERS.keys() - {"here"}:  # {here} marks where the cursor starts, and holds nothing
            if f"{{{name}}}" in text:
                assert f"{name}={hostile}" in filled.text


def test_an_unknown_placeholder_stays_visible_and_is_flagged():
    filled = fill("Hi {first_name}, about {mood} and {topic}.", {"first_name": "Ann"})
    assert filled.text == "Hi Ann, about {mood} and {topic}."
    assert filled.unknown == ("mood",)
    assert filled.empty == ("topic",)


def test_topics_come_from_each_line_and_sentence_of_an_answer():
    answer = (
        "They are moving the reminder queue to Postgres. On-call is one week in six!\n"
        "- a small team\nHow big is it? (Four, hiring two.) I asked about Go"
    )
    assert topics_in(answer) == [
        "They are moving the reminder queue to Postgres.",
        "On-call is one week in six!",
        "a small team",
        "How big is it? (Four, hiring two.)",
        "I asked about Go",
    ]


# Every line the sample debriefs could offer as a topic, and lines people write: each becomes a
# phrase that reads after "about" / "on", or none (the composer then asks for the user's words).
TOPIC_LINES = {
    "They are splitting the monolith's scheduling module first.": (
        "how they are splitting the monolith's scheduling module first"
    ),
    "asked about team growth: hiring 3 more": "team growth",
    "I asked about Go": "Go",
    "How big is the platform team? (Four, hiring two.)": "how big the platform team is",
    "How would you stop a reminder being sent twice?": "how to stop a reminder being sent twice",
    "What does on-call look like? (Kenji: quiet, ~1 page a week.)": "what on-call looks like",
    "What would success look like in six months?": "what success would look like in six months",
    "How do they test pipelines? (dbt tests + Great Expectations.)": "how they test pipelines",
    "Team size (six engineers), on-call (one week in six).": "team size and on-call",
    "Design a deploy pipeline for 200 services.": "how to design a deploy pipeline for 200 services",
    "Sabine wants the platform to become a product with internal users.": (
        "how Sabine wants the platform to become a product with internal users"
    ),
    "Tell us about an outage.": "an outage",
    "Experience with HIPAA?": "experience with HIPAA",
    "Salary range?": "salary range",
    "Why Northwind?": None,
    "Why is the role open?": None,
    "Explained my healthcare-adjacent work at the insurer well.": None,
    "I nailed the system design.": None,
}


@pytest.mark.parametrize(("line", "phrase"), TOPIC_LINES.items())
def test_a_debrief_line_becomes_a_phrase_that_reads_after_about(line: str, phrase: str | None):
    assert phrase_of(line) == phrase


RAW_FRAGMENT = re.compile(
    r"\b(?:about|on|of)\s+(?:they|we|i|he|she|you|asked|talked|explained|what does|why|is|are)\b"
    r"|\?\s*\w|\(|:\s+\w+ing\b",
    re.IGNORECASE,
)
"""What a pasted fragment looks like inside a sentence: "about they are…", "about asked about…",
a question mark or a bracket mid-sentence, "team growth: hiring"."""


def test_every_sample_topic_in_every_template_reads_as_a_sentence(demo_store: Store):
    sentences = []
    for listing in demo_store.list_interviews():
        answers = {a.question_key: a.answer for a in demo_store.get_debrief(listing.interview.id).answers}
        for note in (note for key in compose.TOPIC_ANSWERS for note in topics_in(answers.get(key, ""))):
            if (phrase := phrase_of(note)) is None:
                continue
            for template in DEFAULT_TEMPLATES:
                body = fill(template.body, {"topic": phrase}).text
                sentences += [line for line in body.splitlines() if phrase in line]
    assert len(sentences) > 40
    for sentence in sentences:
        assert not RAW_FRAGMENT.search(sentence), sentence


PUSHY = [
    "Hi Ann, any update on the role?",
    "Just checking in to see if you have made a decision.",
    "Hello — following up on my last email. Have you made a decision yet?",
    "Hi! Any news? Thanks",
    "I just wanted to follow up on the status of my application.",
]
FINE = [
    "Hi Ann, since we spoke I wrote up how I would approach the queue migration: https://example.com/notes",
    "I came across this article on idempotent consumers and thought you'd find it useful. Any update on timing "
    "would be welcome too.",
    "Thank you for the offer letter; I have a question about the on-call rota.",
    "Congratulations on the launch this week! I enjoyed reading the post about it.",
]


@pytest.mark.parametrize("body", PUSHY)
def test_the_lint_flags_a_check_in_whose_only_ask_is_a_decision(body: str):
    warnings = lint_draft(Kind.CHECK_IN, body, today=TODAY)
    assert len(warnings) == 1
    assert "only ask is for a decision" in warnings[0].why and "add something of value" in warnings[0].fix


@pytest.mark.parametrize("body", FINE + [t.body for t in DEFAULT_TEMPLATES if t.name != "check-in after the decision"])
def test_the_lint_leaves_good_messages_alone(body: str):
    assert lint_draft(Kind.CHECK_IN, body, today=TODAY) == []


def test_past_the_decision_a_check_in_may_simply_ask_where_things_stand():
    [after] = [t for t in DEFAULT_TEMPLATES if t.name == "check-in after the decision"]
    assert lint_draft(Kind.CHECK_IN, after.body, today=TODAY, past_the_decision=True) == []
    assert lint_draft(Kind.CHECK_IN, after.body, today=TODAY) != [], "before it, the same words are pressure"


def test_a_late_thank_you_is_flagged_and_one_on_time_is_not():
    assert lint_draft(Kind.THANK_YOU, "Thank you!", today=TODAY, interview_day=date(2026, 11, 25)) == []
    late = lint_draft(Kind.THANK_YOU, "Thank you!", today=TODAY, interview_day=date(2026, 11, 20))
    assert [w.why for w in late] == ["the interview was 6 days ago; a thank-you lands best within a day"]


def test_the_guard_concerns_become_warnings_with_a_fix():
    warnings = lint_draft(
        Kind.CHECK_IN, "A thought you might find useful", today=TODAY, guard=["2 business days after"]
    )
    assert [w.why for w in warnings] == ["2 business days after"] and warnings[0].fix


BODIES = [
    "Hi Zoë,\n\n[bold]not markup[/] <b>nor html</b> & {0.__class__} $(rm -rf ~)\n\nשלום — مرحبا 😀👩‍💻\n",
    "x" * 5000 + "\n" + "y " * 3000,
    "no newline at the end",
    "\n\nleading and trailing blank lines\n\n\n",
    ".\nFrom the start of a line\r\nand a stray CR",
]


@pytest.mark.parametrize("body", BODIES)
def test_an_eml_file_parses_back_to_the_same_headers_and_body(body: str, tmp_path: Path):
    message = Message("Zoë Ünal <zoe@example.com>", "Thank you — [b]😀 שלום " * 4, body, "Me <me@example.com>")
    path = compose.save_eml(tmp_path / "thanks", message)
    assert path.name == "thanks.eml" and path.stat().st_mode & 0o777 == 0o600
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["To"] == message.to and parsed["From"] == message.sender
    assert parsed["Subject"] == message.subject
    assert parsed.get_content_type() == "text/plain" and parsed.get_content_charset() == "utf-8"
    assert parsed.get_content() == body


def test_a_message_without_a_recipient_still_saves():
    parsed = email.message_from_bytes(compose.eml_bytes(Message("", "Hello", "Body")), policy=policy.default)
    assert parsed["To"] is None and parsed.get_content() == "Body"


def test_mailto_keeps_every_character():
    link = compose.mailto_link(Message("ann@example.com", "Thanks & more?", "Line 1\nLine 2 = 😀"))
    assert link.startswith("mailto:ann@example.com?subject=Thanks%20%26%20more%3F&body=Line%201%0ALine%202%20%3D%20")


def test_composing_a_thank_you_fills_it_from_the_contact_the_interview_and_the_debrief(demo_store: Store):
    demo_store.set_setting("me.name", "Alex Morgan")
    composition = compose.compose(demo_store, followup_named(demo_store, "Thank you for your time yesterday").id)
    assert composition.contact.name == "Ruth Abernathy" and composition.template.name == "thank-you"
    assert composition.topics, "the debrief gives topics"
    topic = composition.topics[composition.default_topic].phrase
    subject, body = compose.fill_template(composition, composition.template, topic)
    assert body.text.startswith("Hi Ruth,\n\nThank you for taking the time to talk with me on Wednesday 25 November")
    assert f"our conversation about {topic}." in body.text and body.text.rstrip().endswith("Alex Morgan")
    assert body.unknown == () and body.empty == ()


def test_each_interviewer_is_offered_a_different_topic_the_one_naming_them_first(demo_store: Store):
    def first_topic(subject: str) -> str:
        composition = compose.compose(demo_store, followup_named(demo_store, subject).id)
        return composition.topics[composition.default_topic].phrase

    kenji, ruth = (
        first_topic("Thank you — the reminder-queue problem"),
        first_topic("Thank you for your time yesterday"),
    )
    assert kenji == "how your team stops a reminder going out twice"  # his own line, to him
    assert ruth == "the clinics' side of it — why a missed reminder costs a clinic an afternoon"
    answers_without_own_lines(demo_store)
    kenji, ruth = (
        first_topic("Thank you — the reminder-queue problem"),
        first_topic("Thank you for your time yesterday"),
    )
    assert kenji == "what on-call looks like"  # "(Kenji: quiet, ~1 page a week.)": his part of the interview
    assert ruth != kenji


def answers_without_own_lines(store: Store) -> None:
    for listing in store.list_interviews():
        debrief = store.get_debrief(listing.interview.id)
        kept = [a for a in debrief.answers if a.question_key != "stood_out"]
        store.save_debrief(Debrief(debrief.interview_id, debrief.satisfaction, kept, debrief.id))


def test_a_draft_keeps_your_details_as_placeholders_and_shows_them_as_they_are_now(demo_store: Store):
    followup = followup_named(demo_store, "Thank you for your time yesterday")
    composition = compose.compose(demo_store, followup.id)
    assert composition.values["signature"] == ""
    _, body = compose.fill_template(composition, composition.template, "the queue")
    kept = compose.keepable(composition, body.text.replace("Best regards", "All the best"))
    compose.save_draft(demo_store, followup.id, "Thanks", kept)
    demo_store.set_setting("me.name", "Alex Morgan")
    reopened = compose.compose(demo_store, followup.id)
    shown = compose.refill(reopened, reopened.followup.body)
    assert shown.endswith("All the best,\nAlex Morgan\n"), "the edit kept, the signature filled in"

    edited = shown.replace("Alex Morgan\n", "Alex M. (she/her)\n")
    compose.save_draft(demo_store, followup.id, "Thanks", compose.keepable(reopened, edited))
    demo_store.set_setting("me.name", "Alexandra Morgan")
    again = compose.compose(demo_store, followup.id)
    assert compose.refill(again, again.followup.body).endswith("Alex M. (she/her)\n"), "a signature edited stays"


def test_a_contact_without_an_email_is_said_and_the_rest_still_fills(demo_store: Store):
    followup = followup_named(demo_store, "Thank you for your time yesterday")
    ruth = demo_store.get_contact(followup.contact_id)
    demo_store.update_contact(Contact(**{**vars(ruth), "email": "", "other_emails": []}))
    composition = compose.compose(demo_store, followup.id)
    assert composition.to == ""
    subject, body = compose.fill_template(composition, composition.template, "the queue")
    assert "Hi Ruth" in body.text and body.empty == ("signature",)


def test_templates_are_the_users_to_edit_add_and_reset(store: Store):
    mine = Template("thank-you", Kind.THANK_YOU, "Cheers", "Cheers {first_name}")
    compose.save_template(store, mine)
    compose.save_template(store, Template("coffee", Kind.CHECK_IN, "Coffee?", "Coffee, {first_name}?"))
    names = [t.name for t in compose.templates(store)]
    assert names == [t.name for t in DEFAULT_TEMPLATES] + ["coffee"]
    assert compose.templates(store)[0] == mine
    compose.reset_template(store, "thank-you")
    compose.reset_template(store, "coffee")
    assert compose.templates(store) == list(DEFAULT_TEMPLATES)


def test_marking_sent_stores_the_message_and_shows_the_next_step(demo_store: Store):
    thank_you = followup_named(demo_store, "Thank you for your time yesterday")
    sent = compose.mark_sent(demo_store, thank_you.id, "Thank you, Ruth", "Hi Ruth, …")
    stored = demo_store.get_followup(thank_you.id)
    assert stored.status is FollowupStatus.DONE and (stored.draft_subject, stored.body) == (
        "Thank you, Ruth",
        "Hi Ruth, …",
    )
    assert stored.subject == thank_you.subject, "its line on the Timeline stays the user's"
    assert not sent.planned_now and sent.next_step.subject == "Thank you — the reminder-queue problem"


def test_marking_the_last_planned_step_sent_plans_the_next_check_in(demo_store: Store):
    sam = followup_named(demo_store, "Ask Sam whether the referral went through")
    for other in demo_store.followups_of_opportunity(sam.opportunity_id):
        if other.status is FollowupStatus.PLANNED and other.id != sam.id:
            demo_store.update_followup(Followup(**{**vars(other), "status": FollowupStatus.SKIPPED}))
    sent = compose.mark_sent(demo_store, sam.id, sam.subject, "Hi Sam, here is the write-up I mentioned.")
    assert sent.planned_now and sent.next_step.kind is Kind.CHECK_IN
    assert sent.next_step.due_on >= date(2026, 12, 3)  # five business days after today at least
    assert sent.next_step.due_on.weekday() < 5


def test_without_a_mail_app_the_mailto_way_says_so_plainly(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(compose.sys, "platform", "linux")
    monkeypatch.setattr(compose.shutil, "which", lambda name: None)
    problem = compose.open_in_mail_app("mailto:ann@example.com")
    assert problem and "no mail app" in problem and "save it as .eml" in problem


@pytest.mark.slow
def test_a_mail_app_that_refuses_the_link_is_said_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    opener = tmp_path / "xdg-open"
    opener.write_text("#!/bin/sh\nexit 3\n")
    opener.chmod(0o755)
    monkeypatch.setattr(compose.sys, "platform", "linux")
    monkeypatch.setattr(compose.shutil, "which", lambda name: str(opener))
    assert "no mail app took the message" in compose.open_in_mail_app("mailto:ann@example.com")


def test_what_to_clear_up_goes_into_the_thank_you_as_one_short_question(demo_store: Store):
    from followup_tui.domain.clear_ups import Shape, as_question, clear_ups_in

    lines = clear_ups_in("Ask Ruth whether they sponsor visas\nAsk about salary bands\nSend the deck", ["Ruth Ng"])
    asks = [line.thing for line in lines if line.shape is Shape.QUESTION]
    assert as_question(asks) == "May I also ask whether they sponsor visas, and about salary bands?"
    assert as_question([]) == ""
    sabine = followup_named(demo_store, "Thank you for the conversation")  # the final round's thank-you
    demo_store.update_followup(replace(sabine, status=FollowupStatus.PLANNED, done_at=None))  # not sent yet
    composition = compose.compose(demo_store, sabine.id)
    _, body = compose.fill_template(composition, composition.template, "the platform")
    assert "about the platform. May I also ask about the on-call rota and compensation for it?\n" in body.text
    lumen = followup_named(demo_store, "Thank you for your time yesterday")  # nothing to ask there
    composition = compose.compose(demo_store, lumen.id)
    _, body = compose.fill_template(composition, composition.template, "the queue")
    assert "about the queue.\n" in body.text and "clear_up" not in body.empty


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("/home/o'brien/bin/ed", "$EDITOR cannot be read as a command (no closing quotation)"),
        ("vim \\", "$EDITOR cannot be read as a command (no escaped character)"),
        ("/nowhere/bin/no-such-editor -w", "$EDITOR names '/nowhere/bin/no-such-editor', which is not a program"),
        ("''", "$EDITOR names no command"),
    ],
)
def test_an_editor_setting_that_cannot_be_used_is_said_in_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, setting: str, said: str
):
    from followup_tui.services.editor import EditorError, edit_text, editor_command

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", setting)
    with pytest.raises(EditorError) as refused:
        editor_command()
    assert str(refused.value).startswith(said) and "\n" not in str(refused.value)
    with pytest.raises(EditorError):
        edit_text("kept as it was")


def test_visual_is_read_before_editor_and_split_as_a_shell_would(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from followup_tui.services.editor import EditorError, editor_command

    editor = tmp_path / "my editor"
    editor.write_text("#!/bin/sh\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", "/home/o'brien/bin/ed")
    monkeypatch.setenv("VISUAL", f"'{editor}' --wait")
    assert editor_command() == [str(editor), "--wait"]
    monkeypatch.setenv("VISUAL", "code --wait '")
    with pytest.raises(EditorError, match=r"^\$VISUAL cannot be read"):
        editor_command()
