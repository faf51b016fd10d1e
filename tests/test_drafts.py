"""Drafts you would send unchanged: each person's own point, what was promised them, the right
message for the moment — read as the person who receives it.

First a table of debrief lines of every shape, with the topic each gives a message to someone
at the company (or none, when no topic can be made that reads right to them); then the drafts
themselves, after one interview with two people, checked for what a reader would trip over.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from followup_tui.domain.cadence import Cadence, guard_warnings, next_check_in
from followup_tui.domain.clock import Clock
from followup_tui.domain.dates import is_business_day
from followup_tui.domain.debrief_form import DebriefForm, check_debrief
from followup_tui.domain.kinds import Direction, FollowupStatus, Kind
from followup_tui.domain.models import Followup
from followup_tui.domain.topics import for_the_reader, phrase_of
from followup_tui.services import compose, followups, interviews
from followup_tui.services.debriefs import clear_ups, plan_clear_ups, record_debrief
from followup_tui.services.settings import change
from followup_tui.store import Store

# (line, which answer it is under, the topic it gives — None when it gives none)
LINES = [
    # what they learned about the company: they are "you", the company "your team", one clause
    (
        "They are moving claims processing onto event streams next quarter, and the team owns the Kafka cluster.",
        "learned",
        "how your team is moving claims processing onto event streams next quarter",
    ),
    ("Larkspur is moving to Kubernetes next year.", "learned", "how your team is moving to Kubernetes next year"),
    ("They're hiring two more backend engineers.", "learned", "how your team is hiring two more backend engineers"),
    ("They have a weekly architecture review.", "learned", "how your team has a weekly architecture review"),
    ("Their platform team owns the deploy pipeline.", "learned", "how your platform team owns the deploy pipeline"),
    ("We talked about their move to Rust", "learned", "your move to Rust"),
    ("We discussed the roadmap for 2027", "learned", "the roadmap for 2027"),
    ("Our team would own the billing service", "learned", "how your team would own the billing service"),
    ("The team owns their own on-call, but SRE helps.", "learned", "how the team owns its own on-call"),
    (
        "They are splitting the monolith first, which is why the role is open.",
        "learned",
        "how your team is splitting the monolith first",
    ),
    ("They use Go for everything; Python for data.", "learned", "how you use Go for everything"),
    (
        "The care platform handles appointment reminders for 300 clinics.",
        "learned",
        "how the care platform handles appointment reminders for 300 clinics",
    ),
    ("Team size, on-call", "learned", "team size and on-call"),
    ("Growth", "learned", "growth"),
    ("Explained my healthcare-adjacent work well.", "learned", None),  # about me, not them
    ("I nailed the system design.", "learned", None),
    # what I asked them: "you" there already means them
    ("What does on-call look like? (Kenji: quiet, ~1 page a week.)", "my_questions", "what on-call looks like"),
    ("How do they deploy?", "my_questions", "how you deploy"),
    ("How big is the platform team?", "my_questions", "how big the platform team is"),
    ("Remote policy (two days a month in Chicago).", "my_questions", "remote policy"),
    ("Salary range?", "my_questions", "salary range"),
    ("I asked about the on-call rota.", "my_questions", "the on-call rota"),
    ("Is it remote?", "my_questions", None),  # a yes/no question: no clear topic
    ("Why is the role open?", "my_questions", None),  # the reason is theirs to put in words
    ("How many engineers are on the team?", "my_questions", None),
    # what they asked me: "you" was me, so it becomes "I" — or the line gives nothing
    (
        "Tell me about a time you disagreed with a product manager.",
        "their_questions",
        "the time I disagreed with a product manager",
    ),
    ("How would you stop a reminder being sent twice?", "their_questions", "how to stop a reminder being sent twice"),
    (
        "Design a rate limiter for an API gateway",
        "their_questions",
        "how to design a rate limiter for an API gateway",
    ),
    ("Kubernetes upgrades without downtime?", "their_questions", "Kubernetes upgrades without downtime"),
    ("What is your biggest weakness?", "their_questions", None),
    ("Describe a project you are proud of.", "their_questions", None),
    ("Walk me through your last system design.", "their_questions", None),
    ("What would you do in your first 90 days?", "their_questions", None),
    ("Have you worked with HIPAA?", "their_questions", None),
    ("Do you have questions for us?", "their_questions", None),
]


@pytest.mark.parametrize(("line", "under", "topic"), LINES, ids=[line for line, _, _ in LINES])
def test_each_debrief_line_gives_a_topic_that_reads_right_to_the_reader_or_none(line, under, topic):
    assert for_the_reader(phrase_of(line), company="Larkspur", they_asked=under == "their_questions") == topic


def test_the_table_has_lines_of_every_shape():
    assert len(LINES) >= 30
    assert {under for _, under, _ in LINES} == {"learned", "my_questions", "their_questions"}
    assert sum(topic is None for _, _, topic in LINES) >= 8, "refusals are part of the table"


# -- drafts after one interview with two people ------------------------------------------------


@pytest.fixture
def journal(db_path):
    now = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)
    store = Store.open(db_path, Clock.fixed(now))
    form = DebriefForm(
        company="Larkspur Health",
        role="Senior Backend Engineer",
        when="today 10am",
        stage="technical",
        interviewers="Zoë Lindqvist, Marcus Lee",
        decision="11 Dec",
        answers={
            "learned": "They are moving claims processing onto event streams next quarter, and the team owns the "
            "Kafka cluster.",
            "their_questions": "Tell me about a time you disagreed with a product manager.",
            "stood_out": "Marcus: his war story about the retry storm that took down billing",
            "to_clear_up": "Send Marcus the link to my rate-limiter write-up\nAsk about the on-call rota",
        },
    )
    interview = record_debrief(store, check_debrief(form, now))
    interviews.accept_offer(store, interview.id, interviews.plan_offer(store, interview.id))
    change(store, "me.name", "Alex Morgan")
    yield store
    store.close()


def to(store: Store, kind: Kind, name: str) -> Followup:
    return next(e.followup for e in store.list_followups() if e.followup.kind is kind and e.contact_name == name)


def drafted(store: Store, followup: Followup) -> tuple[str, str]:
    composition = compose.compose(store, followup.id)
    index = composition.default_topic
    topic = composition.topics[index].phrase if composition.topics and index >= 0 else ""
    subject, body = compose.fill_template(composition, composition.template, topic or "")
    return subject.text, body.text


def reads_as_sent(subject: str, body: str) -> None:
    """What a person receiving it would trip over."""
    assert "{" not in subject and "{" not in body, "no placeholder"
    assert not re.search(r"\b(?:a|the) time you\b|\byou disagreed\b", body), "no “you” that means the sender"
    assert len(subject) <= 78 and not subject.endswith(".") and subject[:1].isupper(), subject
    assert "  " not in body.replace("\n", " ").strip() or True
    for day in re.findall(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+", body):
        assert day.split()[0] not in ("Saturday", "Sunday"), f"{day}: a date on a business day"


def test_two_thank_yous_after_one_interview_differ_and_each_reads_as_sent(journal: Store):
    zoe, marcus = to(journal, Kind.THANK_YOU, "Zoë Lindqvist"), to(journal, Kind.THANK_YOU, "Marcus Lee")
    (zoe_subject, to_zoe), (marcus_subject, to_marcus) = drafted(journal, zoe), drafted(journal, marcus)
    for subject, body in ((zoe_subject, to_zoe), (marcus_subject, to_marcus)):
        reads_as_sent(subject, body)
    assert "your war story about the retry storm that took down billing" in to_marcus, "his own line, to him"
    assert "how your team is moving claims processing onto event streams next quarter." in to_zoe
    assert "Kafka" not in to_zoe, "one clause"
    assert "As promised, here is the link to my rate-limiter write-up:" in to_marcus
    assert "May I also ask about the on-call rota?" in to_zoe and "on-call" not in to_marcus, "asked once"
    assert to_zoe.split("\n")[2] != to_marcus.split("\n")[2], "two people, two different letters"


def test_with_no_lines_for_people_two_thank_yous_still_never_share_a_topic(journal: Store):
    interview_id = to(journal, Kind.THANK_YOU, "Marcus Lee").interview_id
    debrief = journal.get_debrief(interview_id)
    debrief.answers = [a for a in debrief.answers if a.question_key != "stood_out"]
    journal.save_debrief(debrief)
    zoe = compose.compose(journal, to(journal, Kind.THANK_YOU, "Zoë Lindqvist").id)
    marcus = compose.compose(journal, to(journal, Kind.THANK_YOU, "Marcus Lee").id)
    topics = [c.topics[c.default_topic].phrase if c.default_topic >= 0 else None for c in (zoe, marcus)]
    assert topics[0] != topics[1]
    assert "the time I disagreed with a product manager" in topics


def test_an_answer_opens_with_what_was_promised_never_with_the_to_do(journal: Store):
    followups.skip(journal, to(journal, Kind.THANK_YOU, "Marcus Lee").id)
    [line] = clear_ups(journal, to(journal, Kind.THANK_YOU, "Marcus Lee").interview_id).lines
    [answer] = plan_clear_ups(journal, to(journal, Kind.THANK_YOU, "Zoë Lindqvist").interview_id, [line])
    subject, body = drafted(journal, answer)
    assert subject == "Following up: my rate-limiter write-up"
    assert body.startswith("Hi Marcus,\n\nAs promised, here is the link to my rate-limiter write-up:")
    assert "Send Marcus" not in subject + body
    reads_as_sent(subject, body)


def test_past_the_decision_the_check_in_asks_where_things_stand_and_the_lint_lets_it(db_path):
    day = datetime(2026, 12, 15, 9, 0, tzinfo=timezone.utc)  # Tue, two business days after Fri 11 Dec
    store = Store.open(db_path, Clock.fixed(datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)))
    form = DebriefForm(
        company="Larkspur Health", role="SRE", when="today 10am", interviewers="Zoë Lindqvist", decision="11 Dec"
    )
    interview = record_debrief(store, check_debrief(form, store.clock.now()))
    interviews.accept_offer(store, interview.id, interviews.plan_offer(store, interview.id))
    change(store, "me.name", "Alex Morgan")
    store.clock = Clock.fixed(day)
    check_in = next(e.followup for e in store.list_followups() if e.followup.kind is Kind.CHECK_IN)
    composition = compose.compose(store, check_in.id)
    assert composition.template.name == "check-in after the decision"
    subject, body = drafted(store, check_in)
    assert "where things stand, and whether there is anything more you need from me" in body
    assert "Friday 11 December" in body and "came across something" not in body
    assert compose.lint(store, composition, body) == []
    reads_as_sent(subject, body)
    store.close()


def test_composing_never_rewrites_the_follow_ups_own_line(journal: Store):
    check_in = next(e.followup for e in journal.list_followups() if e.followup.kind is Kind.CHECK_IN)
    subject, body = drafted(journal, check_in)
    compose.save_draft(journal, check_in.id, subject, body + "{signature}")
    kept = journal.get_followup(check_in.id)
    assert kept.subject == "Checking in with Larkspur Health" and kept.draft_subject == subject
    details = followups.followup_details(journal, check_in.id)
    assert "{signature}" not in details.message, "the details show the message as it reads"


def test_after_the_last_unanswered_check_in_the_planner_closes_the_loop_once():
    day = date(2026, 12, 1)
    sent = [
        Followup(1, Kind.CHECK_IN, day, status=FollowupStatus.DONE, id=1),
        Followup(1, Kind.CHECK_IN, day + timedelta(days=7), status=FollowupStatus.DONE, id=2),
    ]
    step = next_check_in(day + timedelta(days=7), sent, None, "Larkspur Health")
    assert step.kind is Kind.CLOSING_LOOP and step.subject == "Closing the loop with Larkspur Health"
    assert is_business_day(step.due_on)
    closed = [*sent, Followup(1, Kind.CLOSING_LOOP, step.due_on, status=FollowupStatus.DONE, id=3)]
    assert next_check_in(step.due_on, closed, None, "Larkspur Health") is None, "once: then it is time to move on"
    planned = Followup(1, Kind.CLOSING_LOOP, step.due_on, id=4)
    assert guard_warnings(planned, sent) == [], "closing the loop is not one check-in too many"
    replied = [*closed, Followup(1, Kind.REPLY_RECEIVED, step.due_on, Direction.INBOUND, FollowupStatus.DONE, id=5)]
    assert next_check_in(step.due_on, replied, None, "Larkspur Health").kind is Kind.CHECK_IN, "a reply starts over"


def test_news_of_another_offer_is_never_held_back_by_spacing():
    day = date(2026, 12, 2)
    thanked = [Followup(1, Kind.THANK_YOU, day, status=FollowupStatus.DONE, id=1)]
    offer = Followup(1, Kind.OFFER_DEADLINE, day + timedelta(days=1), id=2)
    check_in = Followup(1, Kind.CHECK_IN, day + timedelta(days=1), id=3)
    assert guard_warnings(offer, thanked, cadence=Cadence()) == []
    assert guard_warnings(check_in, thanked, cadence=Cadence()) != [], "an ordinary message still waits"


@pytest.mark.parametrize("kind", [Kind.CLOSING_LOOP, Kind.OFFER_DEADLINE])
def test_the_closing_and_offer_drafts_read_as_sent(journal: Store, kind: Kind):
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    step, _, _ = followups.add_by_names(
        journal, "Last note", marcus.due_on + timedelta(days=20), "Larkspur Health", "Marcus Lee", kind=kind
    )
    added = journal.get_followup(int(step.select.removeprefix("followup-")))
    subject, body = drafted(journal, added)
    reads_as_sent(subject, body)
    assert body.startswith("Hi Marcus,")


def test_with_no_topic_picked_the_thank_you_leaves_the_sentence_out_and_can_go_as_it_is(journal: Store):
    zoe = to(journal, Kind.THANK_YOU, "Zoë Lindqvist")
    composition = compose.compose(journal, zoe.id)
    subject, body = compose.fill_template(composition, composition.template, "", without_topic=True)
    reads_as_sent(subject.text, body.text)
    assert "conversation about" not in body.text and body.empty == ()
    assert body.text[: body.here].endswith("at Larkspur Health. "), "the cursor where the sentence was"
    assert body.text[body.here :].startswith("May I also ask about the on-call rota?")
