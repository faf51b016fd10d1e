"""One story per application: every screen, draft and reminder reads the same facts.

A second-round interview at Larkspur Health on Tue 1 Dec with Dan Okafor and Marcus Lee. They
promised a decision for Fri 11 Dec; the debrief left a link promised to Marcus and a question
about the on-call rota; the plan was accepted. Each scenario moves the facts — a reply with an
earlier decision date, a snooze, a promise, a thank-you left too long — and checks that every
reader says the same: the guard, the composer's lint, the application card, the debrief view,
the Markdown export, the calendar feed, and `followup due`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from followup_tui.domain.clock import Clock
from followup_tui.domain.debrief_form import DebriefForm, check_debrief
from followup_tui.domain.kinds import FollowupStatus, Kind
from followup_tui.domain.models import Followup
from followup_tui.services import applications, compose, followups, interviews
from followup_tui.services.calendar import planned_ics
from followup_tui.services.debriefs import clear_ups, plan_clear_ups, record_debrief
from followup_tui.services.export import debriefs_markdown
from followup_tui.services.replies import Premature, record_reply, reply_preview
from followup_tui.services.reports import due_report
from followup_tui.services.story import application_story
from followup_tui.store import Store
from followup_tui.store.reader import due_until

INTERVIEW_DAY = date(2026, 12, 1)  # a Tuesday


class Days:
    """A clock the test moves on, as the days of the search go by."""

    def __init__(self, moment: datetime):
        self.moment = moment
        self.clock = Clock(lambda: self.moment)

    def go_to(self, day: date, hour: int = 9) -> None:
        self.moment = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


@pytest.fixture
def days() -> Days:
    return Days(datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc))


@pytest.fixture
def journal(db_path, days: Days):
    """The journal just after the debrief, with the plan accepted."""
    store = Store.open(db_path, days.clock)
    form = DebriefForm(
        company="Larkspur Health",
        role="Senior Backend Engineer",
        when="today 10am",
        stage="technical",
        interviewers="Dan Okafor, Marcus Lee",
        decision="11 Dec",
        answers={
            "learned": "They are moving claims processing onto event streams next quarter.",
            "to_clear_up": "Send Marcus the link to my rate-limiter write-up\nAsk about the on-call rota",
        },
    )
    interview = record_debrief(store, check_debrief(form, days.clock.now()))
    interviews.accept_offer(store, interview.id, interviews.plan_offer(store, interview.id))
    yield store
    store.close()


def steps(store: Store, kind: Kind) -> list[Followup]:
    return sorted(
        (e.followup for e in store.list_followups() if e.followup.kind is kind),
        key=lambda f: (f.due_on, f.id),
    )


def to(store: Store, kind: Kind, name: str) -> Followup:
    return next(e.followup for e in store.list_followups() if e.followup.kind is kind and e.contact_name == name)


def every_reader(store: Store) -> dict[str, str]:
    """What each reader says about the application, as text."""
    opportunity_id = steps(store, Kind.THANK_YOU)[0].opportunity_id
    record = applications.application_record(store, opportunity_id)
    interview_id = record.interviews[0].interview.id
    today = store.clock.today()
    return {
        "card": record.decision.told(today),
        "view": interviews.debrief_record(store, interview_id).decision.told(today),
        "markdown": debriefs_markdown(store),
        "ics": planned_ics(store).text,
        "due": due_report(due_until(store.path, date(2027, 1, 31)), today, 60, as_json=False),
    }


def draft(store: Store, followup: Followup) -> str:
    composition = compose.compose(store, followup.id)
    topic = composition.topics[composition.default_topic].phrase if composition.topics else "the role"
    return compose.fill_template(composition, composition.template, topic)[1].text


def lint_on(store: Store, days: Days, day: date, followup: Followup) -> list[str]:
    days.go_to(day)
    composition = compose.compose(store, followup.id)
    return [w.why for w in compose.lint(store, composition, "Hi, any update on where things stand?")]


# -- the plan as the debrief left it -----------------------------------------------------------


def test_the_plan_thanks_each_person_carrying_what_is_theirs_and_plans_nothing_twice(journal: Store):
    dan, marcus = to(journal, Kind.THANK_YOU, "Dan Okafor"), to(journal, Kind.THANK_YOU, "Marcus Lee")
    assert {dan.due_on, marcus.due_on} == {date(2026, 12, 2)}
    assert [f.kind for f in journal.followups_of_opportunity(dan.opportunity_id)].count(Kind.QUESTION) == 0
    found = clear_ups(journal, dan.interview_id)
    assert found.lines == [], "the promise and the question go in the thank-yous, not on the Timeline"
    assert sorted(found.riding) == [
        ("Ask about the on-call rota", "Dan Okafor"),  # names nobody: the lead's, once
        ("Send Marcus the link to my rate-limiter write-up", "Marcus Lee"),
    ]


def test_the_offer_after_the_debrief_shows_what_each_thank_you_carries(db_path, days: Days):
    store = Store.open(db_path, days.clock)
    form = DebriefForm(
        company="Larkspur Health",
        when="today 10am",
        interviewers="Dan Okafor, Marcus Lee",
        decision="11 Dec",
        answers={"to_clear_up": "Send Marcus the link to my rate-limiter write-up\nWrite up a better answer on sagas"},
    )
    interview = record_debrief(store, check_debrief(form, days.clock.now()))
    offer = interviews.plan_offer(store, interview.id)
    said = [(o.step.kind, o.person, o.step.due_on, o.carries) for o in offer]
    assert said[:3] == [
        (Kind.THANK_YOU, "Dan Okafor", date(2026, 12, 2), []),
        (Kind.THANK_YOU, "Marcus Lee", date(2026, 12, 2), ["as promised: the link to my rate-limiter write-up"]),
        (Kind.QUESTION, "Dan Okafor", date(2026, 12, 9), []),  # a task of its own, spaced after the thanks
    ]
    assert offer[2].step.subject == "Write up a better answer on sagas"
    assert [o.step.due_on for o in offer[3:]] == [date(2026, 12, 16), date(2026, 12, 23)]
    interviews.accept_offer(store, interview.id, offer)
    assert followups.pushy_flags(store, store.list_followups()) == {}, (
        "the planner proposes only what the guard accepts"
    )
    store.close()


def test_each_thank_you_says_what_is_its_persons_own(journal: Store):
    dan, marcus = to(journal, Kind.THANK_YOU, "Dan Okafor"), to(journal, Kind.THANK_YOU, "Marcus Lee")
    to_dan, to_marcus = draft(journal, dan), draft(journal, marcus)
    assert "As promised, here is the link to my rate-limiter write-up:" in to_marcus
    assert "May I also ask about the on-call rota?" in to_dan
    assert "As promised" not in to_dan and "May I also ask" not in to_marcus, "asked once, to the person it names"
    first_check_in = steps(journal, Kind.CHECK_IN)[0]
    assert first_check_in.due_on == date(2026, 12, 15)  # two business days after Fri 11 Dec
    for text in (to_dan, to_marcus):
        assert "in touch around Tuesday 15 December" in text


def test_a_promise_kept_in_the_thank_you_is_kept_in_the_story(journal: Store):
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    compose.mark_sent(journal, marcus.id, "Thank you", draft(journal, marcus).replace(": \n", ": https://x.example\n"))
    told = application_story(journal, marcus.opportunity_id)
    [promise] = [p for p in told.promises if p.to and p.to.name == "Marcus Lee"]
    assert promise.kept
    assert clear_ups(journal, marcus.interview_id).lines == [], "a kept promise is not planned again"


def test_a_promise_planned_on_its_own_is_never_called_too_soon(journal: Store):
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    followups.skip(journal, marcus.id)  # no thank-you to carry it now
    [line] = clear_ups(journal, marcus.interview_id).lines
    assert line.text == "Send Marcus the link to my rate-limiter write-up"
    [promise] = plan_clear_ups(journal, marcus.interview_id, [line])
    assert promise.due_on == date(2026, 12, 2), "the same day as Dan's thank-you"
    assert followups.warnings_about(journal, promise.id) == []
    assert promise.id not in followups.pushy_flags(journal, journal.list_followups())


# -- a reply moves the decision ----------------------------------------------------------------


def test_a_reply_with_an_earlier_decision_moves_every_reader_and_the_check_ins(journal: Store, days: Days):
    before = every_reader(journal)
    assert before["card"].startswith("Fri 11 Dec — the interview of Tue 1 Dec")
    first, second = steps(journal, Kind.CHECK_IN)
    assert (first.due_on, second.due_on) == (date(2026, 12, 15), date(2026, 12, 22))

    days.go_to(date(2026, 12, 3))
    dan = to(journal, Kind.THANK_YOU, "Dan Okafor")
    preview = reply_preview(journal, dan.id, date(2026, 12, 9))
    assert [(f.id, day) for f, day in preview.moves] == [
        (first.id, date(2026, 12, 11)),  # earlier: two business days after Wed 9 Dec
        (second.id, date(2026, 12, 18)),
    ]
    undo = record_reply(journal, dan.id, "We hope to decide by Wednesday", date(2026, 12, 9), Premature.MOVE)

    now = every_reader(journal)
    said = "Wed 9 Dec — Dan Okafor’s reply of Thu 3 Dec (before: Fri 11 Dec, the interview of Tue 1 Dec)"
    assert now["card"] == now["view"] == said
    assert "Decision expected: Wed 9 Dec 2026 — Dan Okafor’s reply of Thu 3 Dec 2026" in now["markdown"]
    assert "Fri 11 Dec 2026, the interview" in now["markdown"]
    assert "DTSTART;VALUE=DATE:20261211" in now["ics"] and "DTSTART;VALUE=DATE:20261215" not in now["ics"]
    assert "2026-12-11" in now["due"] and "2026-12-15" not in now["due"]

    early = lint_on(journal, days, date(2026, 12, 8), first)
    assert any("before the decision they promised for Wed 9 Dec" in why for why in early), early
    assert not any("11 Dec" in why for why in early), "the debrief's date no longer speaks"
    guard = followups.warnings_about(journal, first.id)
    assert not any("decision" in why for why in guard), "on Fri 11 Dec it is after the decision in force"

    days.go_to(date(2026, 12, 3))
    followups.undo(journal, undo)
    assert every_reader(journal)["card"] == before["card"]
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 15), date(2026, 12, 22)]


def test_a_reply_without_a_date_leaves_the_decision_and_moves_only_what_it_makes_premature(journal: Store, days: Days):
    days.go_to(date(2026, 12, 14))
    first, second = steps(journal, Kind.CHECK_IN)
    preview = reply_preview(journal, first.id)
    assert preview.decision.day == date(2026, 12, 11)
    assert [(f.id, day) for f, day in preview.moves] == [
        (first.id, date(2026, 12, 21)),
        (second.id, date(2026, 12, 28)),
    ]


def test_a_corrected_debrief_offers_to_move_the_check_ins_early_or_late(journal: Store, days: Days):
    interview_id = steps(journal, Kind.THANK_YOU)[0].interview_id
    was = interviews.decision_day(journal, interview_id)
    assert was == date(2026, 12, 11)
    listing = journal.get_interview(interview_id)
    people = [c.id for c in journal.interview_contacts(interview_id)]
    from dataclasses import replace

    journal.update_interview(replace(listing.interview, decision_expected_on=date(2026, 12, 18)), people)
    replan = interviews.replan_after_edit(journal, interview_id, was)
    assert [day for _, day in replan.moves] == [date(2026, 12, 22), date(2026, 12, 29)]
    undo = interviews.move_check_ins(journal, replan)
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 22), date(2026, 12, 29)]
    assert "DTSTART;VALUE=DATE:20261222" in planned_ics(journal).text
    followups.undo(journal, undo)
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 15), date(2026, 12, 22)]
    assert interviews.replan_after_edit(journal, interview_id, date(2026, 12, 18)) is None, "no new date, no offer"


# -- a snooze, and moving a step ---------------------------------------------------------------


def send_the_thank_yous(store: Store, days: Days) -> None:
    days.go_to(date(2026, 12, 2))
    for thank_you in steps(store, Kind.THANK_YOU):
        compose.mark_sent(store, thank_you.id, thank_you.subject, draft(store, thank_you))


def test_snoozing_a_check_in_takes_the_next_along_and_one_undo_puts_both_back(journal: Store, days: Days):
    send_the_thank_yous(journal, days)
    days.go_to(date(2026, 12, 15))
    first, second = steps(journal, Kind.CHECK_IN)
    undo = followups.snooze(journal, first.id)
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 16), date(2026, 12, 23)]
    assert undo.label == "snoozed to Wed 16 Dec, and with it A last check-in with Larkspur Health to Wed 23 Dec"
    assert followups.pushy_flags(journal, journal.list_followups()) == {}, "neither is flagged"
    followups.undo(journal, undo)
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 15), date(2026, 12, 22)]


def test_moving_a_check_in_later_keeps_the_spacing_and_moving_it_earlier_moves_nothing(journal: Store):
    first, second = steps(journal, Kind.CHECK_IN)
    followups.reschedule(journal, first.id, date(2026, 12, 17))  # two business days later
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 17), date(2026, 12, 24)]
    followups.reschedule(journal, first.id, date(2026, 12, 14))
    assert [f.due_on for f in steps(journal, Kind.CHECK_IN)] == [date(2026, 12, 14), date(2026, 12, 24)]


# -- a thank-you left too long -----------------------------------------------------------------


def test_a_thank_you_a_week_late_offers_to_fold_into_the_check_in_which_then_thanks_them(journal: Store, days: Days):
    days.go_to(date(2026, 12, 9))
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    details = followups.followup_details(journal, marcus.id)
    assert details.stale is not None and details.stale.check_in.due_on == date(2026, 12, 15)
    flag = followups.pushy_flags(journal, journal.list_followups())[marcus.id]
    assert flag == "7 days late for a thank-you — fold it into your check-in of Tue 15 Dec, or skip it"

    undo = followups.fold_into_check_in(journal, marcus.id)
    folded = journal.get_followup(marcus.id)
    assert folded.status is FollowupStatus.SKIPPED and "Folded into the check-in of Tue 15 Dec" in folded.notes
    check_in = steps(journal, Kind.CHECK_IN)[0]
    assert "Please pass my thanks to Marcus as well." in draft(journal, check_in)
    followups.undo(journal, undo)
    assert journal.get_followup(marcus.id).status is FollowupStatus.PLANNED


def test_a_folded_thank_you_passes_its_promise_to_that_persons_check_in_and_its_thanks_once(journal: Store, days: Days):
    days.go_to(date(2026, 12, 9))
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    first, second = steps(journal, Kind.CHECK_IN)
    journal.update_followup(replace(second, contact_id=marcus.contact_id))  # Marcus gets the last check-in
    followups.fold_into_check_in(journal, marcus.id)
    to_dan, to_marcus = draft(journal, first), draft(journal, journal.get_followup(second.id))
    assert "Please pass my thanks to Marcus as well." in to_dan
    assert "thanks" not in to_marcus.split("Best regards")[0].casefold(), "thanked once, in the first check-in"
    assert "As promised, here is the link to my rate-limiter write-up:" in to_marcus, "the promise goes to Marcus"
    assert "As promised" not in to_dan
    assert clear_ups(journal, marcus.interview_id).lines == [], "carried: not planned a second time"


def test_a_reply_logged_on_the_day_of_the_interview_is_the_later_word():
    from followup_tui.domain.story import Word, decision_in_force

    interview = Word(date(2026, 12, 11), datetime(2026, 12, 1, 16, tzinfo=timezone.utc))
    reply = Word(date(2026, 12, 9), datetime(2026, 12, 1, 9, tzinfo=timezone.utc), reply=True, by="Dan Okafor")
    assert decision_in_force([interview, reply]).word == reply, "a reply typed that morning still beats it"


@pytest.mark.parametrize(
    ("line", "to_them"),
    [
        ("his story about the cache stampede on launch day", "your story about the cache stampede on launch day"),
        ("how she runs blameless postmortems", "how you run blameless postmortems"),
        ("how he fixes flaky tests", "how you fix flaky tests"),
        ("the advice she gave me about on-call", "the advice you gave me about on-call"),
        ("she's building the data platform", "you're building the data platform"),
        ("the questions I asked him", "the questions I asked you"),
    ],
)
def test_a_persons_own_line_reads_as_written_to_them(line, to_them):
    from followup_tui.domain.topics import to_the_person

    assert to_the_person(line) == to_them


def test_the_desktop_reminder_of_a_stale_thank_you_says_what_the_timeline_says(journal: Store, days: Days):
    from followup_tui.services.reminders import reminders_due

    days.go_to(date(2026, 12, 9))
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    [reminder] = [r for r in reminders_due(journal, days.moment) if r.key == f"followup-{marcus.id}"]
    assert reminder.body.endswith(followups.pushy_flags(journal, journal.list_followups())[marcus.id])
    days.go_to(date(2026, 12, 3))
    [reminder] = [r for r in reminders_due(journal, days.moment) if r.key == f"followup-{marcus.id}"]
    assert "late for a thank-you" not in reminder.body, "a day late is still a thank-you"


def test_a_thank_you_a_day_late_is_still_a_thank_you(journal: Store, days: Days):
    days.go_to(date(2026, 12, 3))
    marcus = to(journal, Kind.THANK_YOU, "Marcus Lee")
    assert followups.followup_details(journal, marcus.id).stale is None
    with pytest.raises(followups.FollowupRefused):
        followups.fold_into_check_in(journal, marcus.id)


# -- the rules themselves ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "shape", "thing", "person"),
    [
        ("Send Marcus the link to my rate-limiter write-up", "promise", "the link to my rate-limiter write-up", 1),
        ("Send my portfolio link.", "promise", "my portfolio link", None),
        ("Share the deck with Dan Okafor", "promise", "the deck", 0),
        ("Email Dan the slides", "promise", "the slides", 0),
        ("Ask about the on-call rota", "question", "about the on-call rota", None),
        ("Ask Marcus whether they sponsor visas", "question", "whether they sponsor visas", 1),
        ("How big is the platform team?", "question", "how big the platform team is", None),
        ("Salary band?", "question", "about salary band", None),
        ("Write up a better answer on sagas", "task", "Write up a better answer on sagas", None),
        ("Give Marcus the references", "promise", "the references", 1),
        ("Get back to Dan with the numbers", "task", "Get back to Dan with the numbers", 0),
    ],
)
def test_each_line_to_clear_up_is_read_for_what_it_is(line, shape, thing, person):
    from followup_tui.domain.clear_ups import clear_up_of

    read = clear_up_of(line, ["Dan Okafor", "Marcus Lee"])
    assert (read.shape.value, read.thing, read.person) == (shape, thing, person)


def test_the_latest_word_on_the_decision_wins():
    from followup_tui.domain.story import Word, decision_in_force

    at = lambda d: datetime(2026, 12, d, 10, tzinfo=timezone.utc)  # noqa: E731
    interview = Word(date(2026, 12, 11), at(1))
    reply = Word(date(2026, 12, 9), at(3), reply=True, by="Dan Okafor")
    later = Word(date(2026, 12, 9), at(4), reply=True, by="Marcus Lee")
    assert decision_in_force([]) is None
    assert decision_in_force([reply, interview]).word == reply, "in any order"
    decision = decision_in_force([interview, reply, later])
    assert decision.word == later and decision.earlier == (interview,), "the same day said again is not history"
    second_round = Word(date(2026, 12, 18), at(8))
    assert decision_in_force([interview, reply, second_round]).day == date(2026, 12, 18)


def test_a_message_marked_done_without_a_moment_sorts_first_in_any_zone(monkeypatch):
    import time

    from followup_tui.domain.models import Opportunity
    from followup_tui.domain.story import Story

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # east of UTC: the earliest local moment is before year 1
    time.tzset()
    try:
        undated = Followup(1, Kind.CHECK_IN, date(2026, 12, 1), status=FollowupStatus.DONE, id=1)
        dated = Followup(
            1, Kind.THANK_YOU, date(2026, 12, 2), status=FollowupStatus.DONE, id=2, done_at=datetime.now(timezone.utc)
        )
        assert [f.id for f in Story(Opportunity("Larkspur"), followups=(dated, undated)).sent] == [1, 2]
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_a_reply_to_a_message_still_planned_can_mark_it_sent_instead_of_moving_it(journal: Store, days: Days):
    days.go_to(date(2026, 12, 3))
    dan = to(journal, Kind.THANK_YOU, "Dan Okafor")
    moved = reply_preview(journal, dan.id, date(2026, 12, 9), sent_first=True).moves
    assert dan.id not in [f.id for f, _ in moved]
    undo = record_reply(journal, dan.id, "Thanks!", date(2026, 12, 9), Premature.MOVE, sent_first=True)
    assert journal.get_followup(dan.id).status is FollowupStatus.DONE and "marked sent" in undo.label
    followups.undo(journal, undo)
    assert journal.get_followup(dan.id).status is FollowupStatus.PLANNED, "one undo takes back both"


def test_marking_a_check_in_sent_with_a_stale_thank_you_next_says_so(journal: Store, days: Days):
    days.go_to(date(2026, 12, 15))
    first = steps(journal, Kind.CHECK_IN)[0]
    sent = compose.mark_sent(journal, first.id, "Checking in", "Hi Dan, where do things stand?")
    assert sent.next_step.kind is Kind.THANK_YOU and sent.stale is not None and sent.stale.days_late == 13
