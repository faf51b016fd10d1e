"""The prep sheet for the next round: what a person going into an interview relies on it to hold,
read from the journal's own rows — and the command that prints it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.debrief_form import CheckedDebrief, check_debrief
from followup_tui.domain.kinds import Kind, Stage
from followup_tui.domain.models import DebriefAnswer, Interview
from followup_tui.domain.prep import folded, how_soon, said_of
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.services.debriefs import form_for, record_debrief
from followup_tui.services.followups import add_by_names, plan_prepare, propose_plan
from followup_tui.services.portable import export_json, import_json
from followup_tui.services.prep import UnknownCompany, prep_for, prep_sheet, prepare_offer
from followup_tui.services.prep_text import brief_lines, sheet_markdown, sheet_text
from followup_tui.services.reminders import reminders_due
from followup_tui.services.story import application_story
from followup_tui.store import Store

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)  # the tests' fixed day, a Thursday
ZOOM = "https://zoom.example/j/4417"


def lumen(store: Store) -> int:
    return store.opportunity_ids_at("Lumen Health")[0]


def contact(store: Store, name: str):
    return next(c for c in store.find_contacts(name) if c.name == name)


@pytest.fixture
def next_round(demo_store: Store) -> Store:
    """The sample search with Lumen Health's third round booked two days ahead (after two past
    interviews), with Kenji and Ruth, and the pay you said on the phone."""
    store = demo_store
    people = [contact(store, "Kenji Watanabe").id, contact(store, "Ruth Abernathy").id]
    starts = NOW.replace(hour=10) + timedelta(days=2)
    store.add_interview(Interview(lumen(store), starts, Stage("onsite"), "video", ZOOM), people)
    o = store.get_opportunity(lumen(store))
    store.update_opportunity(replace(o, pay_asked="$150,000"))
    return store


def debrief_at(store: Store, company: str, days_ago: int, **answers: str) -> None:
    """Another company's interview, debriefed with these answers."""
    record_debrief(
        store,
        CheckedDebrief(
            company=company,
            role="Engineer",
            starts_at=NOW - timedelta(days=days_ago),
            stage=Stage("technical"),
            format="video",
            interviewers=[],
            decision_on=None,
            satisfaction=3,
            answers=[DebriefAnswer(q.key, q.prompt, answers.get(q.key, "")) for q in DEFAULT_QUESTIONS],
        ),
    )


def section(sheet, title: str):
    return next(s for s in sheet.sections if s.title == title)


def texts(sheet, title: str) -> list[str]:
    return [e.text for e in section(sheet, title).entries]


# -- the sheet, section by section ------------------------------------------------------------


def test_the_round_says_when_with_how_soon_where_and_the_decision_in_force(next_round: Store):
    sheet = prep_sheet(next_round, lumen(next_round))
    told = application_story(next_round, lumen(next_round)).decision.told(NOW.date())
    facts = {e.lead: e.text for e in section(sheet, "The round").entries}
    assert facts == {
        "When": "Sat 28 Nov 10:00, in 2 days",
        "Stage": "onsite",
        "Where": f"{ZOOM} · video",
        "Decision": told,
    }
    assert told.startswith("Tue 8 Dec — the interview of Wed 25 Nov")


def test_who_you_will_meet_is_the_rounds_people_with_what_they_asked_and_what_stood_out(next_round: Store):
    people = section(prep_sheet(next_round, lumen(next_round)), "Who you will meet").entries
    assert [p.text for p in people] == [
        "Kenji Watanabe — Senior Backend Engineer",
        "Ruth Abernathy — Director of Engineering",
    ]
    kenji, ruth = people
    assert kenji.details == (
        "Asked (Wed 25 Nov): How would you stop a reminder being sent twice? Tell us about an outage.",
        "Stood out (Wed 25 Nov): how his team stops a reminder going out twice",
    )
    assert (
        ruth.details[1]
        == "Stood out (Wed 25 Nov): the clinics' side of it — why a missed reminder costs a clinic an afternoon"
    )


def test_a_card_with_no_email_or_without_your_details_is_warned_about(next_round: Store):
    kenji, ruth = section(prep_sheet(next_round, lumen(next_round)), "Who you will meet").entries
    assert ruth.warning == "no email on the card; does not have your details"
    assert kenji.warning == "does not have your details"


def test_every_question_this_company_asked_newest_first_with_the_day_and_round(next_round: Store):
    asked = section(prep_sheet(next_round, lumen(next_round)), "What Lumen Health asked").entries
    assert [(e.lead, e.text) for e in asked] == [
        ("Wed 25 Nov technical", "How would you stop a reminder being sent twice?"),
        ("Wed 25 Nov technical", "Tell us about an outage."),
        ("Thu 12 Nov phone screen", "Experience with HIPAA?"),
        ("Thu 12 Nov phone screen", "Python or Go?"),
    ]


def test_a_question_other_companies_asked_in_other_words_counts_once_with_a_count(next_round: Store):
    debrief_at(next_round, "Acme", 30, their_questions="Tell me about an OUTAGE!")
    debrief_at(next_round, "Globex", 20, their_questions="tell us about the outage")
    debrief_at(next_round, "Initech", 10, their_questions="Why Initech? Tell me about an outage.")
    elsewhere = section(prep_sheet(next_round, lumen(next_round)), "What other companies asked").entries
    outage = [e for e in elsewhere if "outage" in e.text.casefold()]
    assert [(e.text, e.lead, e.note) for e in outage] == [("Tell me about an outage.", "Initech", "asked 3 times")]
    assert elsewhere[0] == outage[0], "the most asked comes first"
    here = section(prep_sheet(next_round, lumen(next_round)), "What Lumen Health asked").entries
    assert next(e for e in here if e.text == "Tell us about an outage.").note == "asked 4 times"


def test_gaps_are_this_companys_then_the_most_repeated_across_the_search(next_round: Store):
    debrief_at(next_round, "Acme", 30, do_differently="Eat something before the afternoon session!")
    gaps = section(prep_sheet(next_round, lumen(next_round)), "Gaps to close").entries
    assert [(e.lead, e.text) for e in gaps[:2]] == [
        ("Wed 25 Nov", "Mention observability earlier instead of when asked."),
        ("Thu 12 Nov", "Have salary expectations ready as a range."),
    ]
    assert (gaps[2].lead, gaps[2].note) == ("Across the search", "written 2 times")
    assert "eat something" in gaps[2].text.casefold()


def test_open_loops_are_the_promises_not_kept_and_their_last_reply(next_round: Store):
    loops = section(prep_sheet(next_round, lumen(next_round)), "Open loops").entries
    assert [(e.lead, e.text, e.note) for e in loops] == [
        ("You promised", "Send Kenji the write-up on idempotent queues I mentioned.", "to Kenji Watanabe, Wed 25 Nov"),
        ("Their last reply", "Ana: technical interview booked", "Ana Beltrán, Mon 16 Nov"),
    ]
    story = application_story(next_round, lumen(next_round))
    assert [p.clear_up.line for p in story.promises if not p.kept] == [loops[0].text]


def test_pay_is_the_advertised_range_and_what_you_said(next_round: Store):
    pay = section(prep_sheet(next_round, lumen(next_round)), "Pay").entries
    assert [(e.lead, e.text) for e in pay] == [("Advertised", "$140,000–160,000"), ("You said", "$150,000")]


def test_questions_to_ask_are_those_not_asked_here_first_then_those_asked_marked(next_round: Store):
    debrief_at(next_round, "Acme", 3, my_questions="What does on-call look like?\nHow is success measured?")
    to_ask = section(prep_sheet(next_round, lumen(next_round)), "Questions to ask").entries
    assert (to_ask[0].text, to_ask[0].note) == ("How is success measured?", "asked at Acme")
    assert not any(e.text == "What does on-call look like?" for e in to_ask), (
        "asked here already: listed once, as asked"
    )
    assert [(e.text, e.note) for e in to_ask[-2:]] == [
        ("What does on-call look like? (Kenji: quiet, ~1 page a week.)", "already asked, Wed 25 Nov"),
        ("Remote policy (two days a month in Chicago).", "already asked, Thu 12 Nov"),
    ]


def test_every_section_comes_in_the_issues_order_and_only_when_it_has_something(next_round: Store):
    titles = [(s.number, s.title) for s in prep_sheet(next_round, lumen(next_round)).sections]
    assert titles == [  # numbered as shown: a section with nothing in it takes no number
        (1, "The round"),
        (2, "Who you will meet"),
        (3, "What Lumen Health asked"),
        (4, "What other companies asked"),
        (5, "Gaps to close"),
        (6, "Open loops"),
        (7, "Pay"),
        (8, "Questions to ask"),
    ]
    tessellate = prep_for(next_round, "Tessellate")
    assert "Pay" not in [s.title for s in tessellate.sections]


# -- which round ------------------------------------------------------------------------------


def test_the_next_round_is_the_soonest_interview_after_now(next_round: Store):
    later = next_round.get_opportunity(lumen(next_round))
    next_round.add_interview(Interview(later.id, NOW + timedelta(days=9), Stage("final")))
    assert prep_sheet(next_round, later.id).round.stage == "onsite"
    assert prep_for(next_round).company == "Lumen Health", "the soonest anywhere, by default"


def test_without_an_interview_a_planned_next_interview_is_the_round(demo_store: Store):
    sheet = prep_for(demo_store, "quarry & co")
    assert sheet.round.planned == "System design round with Felix (to be confirmed)"
    assert [e.text for e in section(sheet, "Who you will meet").entries] == ["Felix Mendel — Principal Engineer"]
    assert section(sheet, "The round").entries[0].text == "Fri 4 Dec, in 8 days (not scheduled yet)"
    assert prep_for(demo_store).company == "Quarry & Co", "the only round coming up"


def test_with_no_round_planned_the_sheet_says_what_it_will_hold_once_there_is_one(demo_store: Store):
    sheet = prep_for(demo_store, "Northwind Analytics")
    assert sheet.round is None
    assert sheet.notes[0].startswith("No interview planned at Northwind Analytics yet. Once there is one")
    assert texts(sheet, "What Northwind Analytics asked")[0] == "Design a model for subscription churn."


def test_a_company_with_no_past_interviews_says_what_the_sheet_will_hold(demo_store: Store):
    add_by_names(
        demo_store, "First call", NOW.date() + timedelta(days=3), "Acme", "", Kind.NEXT_INTERVIEW, new_company=True
    )
    sheet = prep_for(demo_store, "acme")
    assert sheet.round.planned == "First call"
    assert sheet.notes == (
        "No past interview at Acme yet: after the first, this sheet also holds what they asked, who you met, "
        "what you would do differently and what is left to clear up.",
    )
    assert [s.title for s in sheet.sections][:2] == ["The round", "What other companies asked"]


def test_an_empty_journal_has_no_sheet_and_a_company_it_does_not_know_is_refused_with_close_names(
    store: Store, demo_store: Store
):
    with pytest.raises(UnknownCompany) as refused:
        prep_for(demo_store, "Lumen Helth")
    assert str(refused.value) == "no application at Lumen Helth; did you mean Lumen Health?"
    assert prep_for(demo_store, "lumen").company == "Lumen Health", "the one company whose name starts so"


def test_an_empty_journal_has_no_round_to_prepare(store: Store):
    assert prep_for(store) is None


# -- the question bank the store keeps --------------------------------------------------------


def test_folding_ignores_case_accents_punctuation_and_small_words_but_not_meaning():
    assert folded("Tell me about an OUTAGE!") == folded("tell us about the outage") == "tell outage"
    assert folded("Café culture?") == folded("cafe culture")
    assert folded("Why Initech?") != folded("Why Globex?")
    assert folded("Who are you?") == "who are you", "a line of small words only keeps them"
    assert folded("What does on-call look like? (Kenji: quiet, ~1 page a week.)") == "call look like", "their answer"


def test_a_saved_debrief_edited_or_deleted_keeps_the_bank_in_step(store: Store):
    debrief_at(store, "Acme", 3, their_questions="Tell me about an outage.")
    debrief_at(store, "Globex", 2, their_questions="Tell us about an outage?")
    assert store.bank_counts("their_questions", ["tell outage"]) == {"tell outage": 2}
    interview = store.list_interviews()[0].interview  # Globex, the newest
    store.delete_interview(interview.id)
    assert store.bank_counts("their_questions", ["tell outage"]) == {"tell outage": 1}
    store.conn.execute("UPDATE debrief_answers SET answer = 'Why Acme?' WHERE question_key = 'their_questions'")
    assert store.bank_counts("their_questions", ["tell outage", "acme"]) == {"acme": 1}, "another tool's edit"


def test_answers_written_by_another_tool_are_in_the_bank_the_next_time_it_is_read(store: Store):
    debrief_at(store, "Acme", 3, their_questions="Why Acme?")
    debrief_id = store.conn.execute("SELECT id FROM debriefs").fetchone()[0]
    store.conn.execute(
        "INSERT INTO debrief_answers (debrief_id, position, question_key, prompt, answer)"
        " VALUES (?, 99, 'their_questions', 'What did they ask you?', 'Walk me through a deploy. Why Acme?')",
        [debrief_id],
    )
    store.conn.commit()
    groups = {g.key: g.count for g in store.bank_groups("their_questions")}
    assert groups == {"acme": 2, "walk through deploy": 1}


def test_a_journal_restored_from_json_has_its_question_bank(demo_store: Store, tmp_path: Path, clock):
    restored = Store.open(tmp_path / "restored.db", clock)
    import_json(restored, export_json(demo_store))
    count = "SELECT count(*) FROM debrief_lines WHERE folded IS NOT NULL"
    assert restored.conn.execute(count).fetchone() == demo_store.conn.execute(count).fetchone() != (0,)
    assert restored.conn.execute("SELECT count(*) FROM debrief_lines WHERE folded IS NULL").fetchone() == (0,)


def test_a_journal_from_before_the_bank_gets_it_filled_on_upgrade(demo_store: Store, clock):
    """As a file written by the release before (m013) opens: the bank is made from its debriefs."""
    path, lines = demo_store.path, demo_store.conn.execute("SELECT count(*) FROM debrief_lines").fetchone()
    conn = demo_store.conn
    conn.execute("DROP TABLE debrief_lines")
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'debrief_lines_%'").fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm014_question_bank'")
    conn.commit()
    demo_store.close()
    upgraded = Store.open(path, clock)
    assert upgraded.conn.execute("SELECT count(*) FROM debrief_lines").fetchone() == lines != (0,)
    assert prep_for(upgraded, "lumen").sections[3].entries[0].text == "Define an SLO for a queue."
    upgraded.close()


def test_said_of_reads_each_persons_line_of_what_stood_out():
    answer = "- Kenji: how his team stops a reminder going out twice\nRuth — the clinics' side\nno name here"
    assert said_of(answer, ["Kenji Watanabe", "Ruth Abernathy"]) == {
        0: "how his team stops a reminder going out twice",
        1: "the clinics' side",
    }


def test_how_soon_is_said_as_before_an_interview():
    day = NOW.date()
    assert [how_soon(day + timedelta(days=n), day) for n in (0, 1, 2, 20)] == [
        "today",
        "tomorrow",
        "in 2 days",
        "in 2 weeks",
    ]


# -- text out ---------------------------------------------------------------------------------


def test_a_company_name_with_markdown_in_it_does_not_make_a_heading_of_its_own(demo_store: Store):
    add_by_names(
        demo_store, "Call", NOW.date() + timedelta(days=1), "# Acme\x1b", "", Kind.NEXT_INTERVIEW, new_company=True
    )
    markdown = sheet_markdown(prep_for(demo_store))
    assert markdown.startswith("# Prepare: # Acme␛\n"), "inside a heading, a # is text"
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[0] == "# Prepare: # Acme␛" and all(h.startswith("## ") for h in headings[1:])
    assert "\x1b" not in markdown


def test_with_no_one_named_for_the_round_the_people_met_so_far_are_who_you_may_meet(next_round: Store):
    add_by_names(
        next_round, "Final round", NOW.date() + timedelta(days=5), "Northwind Analytics", "", Kind.NEXT_INTERVIEW
    )
    sheet = prep_for(next_round, "Northwind Analytics")
    people = sheet.sections[1]
    assert people.title == "Who you may meet (no one named for this round yet)"
    assert [e.text.split(" — ")[0] for e in people.entries] == ["Marcus Oyelaran", "Zoë Achterberg", "Dana Whitfield"]


def test_markup_and_control_characters_in_an_answer_show_as_text(next_round: Store):
    debrief_at(next_round, "Acme", 3, their_questions="[bold]Why[/] \x1b]52;c;aGk=\x07us?\n# Not a heading")
    sheet = prep_sheet(next_round, lumen(next_round))
    text, markdown = sheet_text(sheet), sheet_markdown(sheet)
    assert "Acme: [bold]Why[/] ␛]52;c;aGk=␇us?" in text
    assert "\x1b" not in text + markdown and "\x07" not in text + markdown
    assert "\n- **Acme:** \\# Not a heading" in markdown


def test_the_brief_fits_one_80_by_24_screen_with_the_round_people_three_questions_gaps_loops_and_pay(
    next_round: Store,
):
    sheet = prep_sheet(next_round, lumen(next_round))
    lines = brief_lines(sheet)
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    assert [s.title for s in sheet.brief] == [
        "The round",
        "Who you will meet",
        "Likeliest questions",
        "Gaps to close",
        "Open loops",
        "Pay",
    ]
    assert [e.text for e in sheet.brief[2].entries] == [
        "How would you stop a reminder being sent twice?",
        "Tell us about an outage.",
        "Experience with HIPAA?",
    ]
    assert lines[-1] == "Pay: Advertised $140,000–160,000 · you said $150,000"


# -- followup prep ----------------------------------------------------------------------------


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), "prep", *args], catch_exceptions=False)


@pytest.fixture
def journal(next_round: Store) -> Path:
    next_round.close()
    return next_round.path


def test_prep_prints_the_next_scheduled_round_by_default(journal: Path):
    result = run(journal)
    assert result.exit_code == 0
    assert result.stdout.startswith("Prepare: Lumen Health — Backend Engineer, Care Platform\n\n1. The round\n")
    assert "  When: Sat 28 Nov 10:00, in 2 days\n" in result.stdout
    assert "  Ruth Abernathy — Director of Engineering\n    ! no email on the card" in result.stdout


def test_prep_markdown_and_to_a_file(journal: Path, tmp_path: Path):
    result = run(journal, "LUMEN HEALTH", "--markdown", "-o", str(tmp_path / "prep.md"))
    assert result.exit_code == 0 and result.stdout.startswith("Wrote ")
    written = (tmp_path / "prep.md").read_text(encoding="utf-8")
    assert written.startswith("# Prepare: Lumen Health — Backend Engineer, Care Platform\n\n## 1. The round\n")
    assert "- **When:** Sat 28 Nov 10:00, in 2 days\n" in written


def test_prep_brief_fits_80_by_24(journal: Path):
    result = run(journal, "lumen", "--brief")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) <= 24 and max(map(len, lines)) <= 80
    assert lines[:4] == [
        "Prepare: Lumen Health — Backend Engineer, Care Platform",
        "The round",
        "  Sat 28 Nov 10:00, in 2 days · onsite · https://zoom.example/j/4417 · video",
        "  Decision: Tue 8 Dec — the interview of Wed 25 Nov",
    ]


def test_prep_for_an_unknown_company_exits_2_with_one_line_naming_close_matches(journal: Path):
    result = run(journal, "Lumen Helth")
    assert result.exit_code == 2
    assert result.stderr == "Error: no application at Lumen Helth; did you mean Lumen Health?\n"
    assert result.stdout == ""


def test_prep_on_a_journal_with_nothing_coming_says_what_it_will_hold(tmp_path: Path):
    result = run(tmp_path / "empty.db")
    assert result.exit_code == 0
    assert result.stdout.startswith("No interview coming up. Once one is in the journal")


# -- the screen -------------------------------------------------------------------------------


async def test_p_on_an_application_opens_its_sheet_and_b_switches_to_the_brief(next_round: Store):
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.application_view import ApplicationView
    from followup_tui.ui.prep_screen import PrepScreen

    app = FollowupApp(next_round)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ApplicationView(lumen(next_round)))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        shown = [str(w.render()) for w in app.screen.query(".prep-heading")]
        assert shown[:3] == ["1. The round", "2. Who you will meet", "3. What Lumen Health asked"]
        await pilot.press("b")
        await pilot.pause()
        shown = [str(w.render()) for w in app.screen.query(".prep-heading")]
        assert shown == [
            "1. The round",
            "2. Who you will meet",
            "3. Likeliest questions",
            "4. Gaps to close",
            "5. Open loops",
            "6. Pay",
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationView)


async def test_the_palette_prepares_the_soonest_round_and_user_text_shows_as_typed(next_round: Store):
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.prep_screen import PrepScreen

    debrief_at(next_round, "Acme", 3, their_questions="[bold]Why[/] \x1b[2Jus?")
    app = FollowupApp(next_round)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Prepare the next")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PrepScreen)
        texts_shown = [str(w.render()) for w in app.screen.query(".hanging-text")]
        assert "[bold]Why[/] ␛[2Jus?" in texts_shown


async def test_a_journal_with_no_round_coming_says_what_the_sheet_will_hold(store: Store):
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.prep_screen import PrepScreen

    app = FollowupApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PrepScreen())
        await pilot.pause()
        note = str(app.screen.query_one(".prep-note").render())
        assert note.startswith("No interview coming up.")


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_the_round_is_said_on_the_users_own_day_and_hour(demo_store: Store, zone: str):
    import os
    import time
    from zoneinfo import ZoneInfo

    os.environ["TZ"] = zone
    time.tzset()
    try:
        hour, minute = (23, 30) if zone.startswith("America") else (0, 30)
        starts = datetime(2026, 11, 28, hour, minute, tzinfo=ZoneInfo(zone))
        assert starts.astimezone(timezone.utc).date() != starts.date(), "a moment on another UTC day"
        demo_store.add_interview(Interview(lumen(demo_store), starts.astimezone(timezone.utc), Stage("final")))
        when = section(prep_sheet(demo_store, lumen(demo_store)), "The round").entries[0]
        assert when.text == f"Sat 28 Nov {hour:02}:{minute:02}, in 2 days"
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


# -- the planner's "prepare" step ---------------------------------------------------------------


def test_the_planner_offers_a_note_to_prepare_a_business_day_before_the_next_round(next_round: Store):
    step = prepare_offer(next_round, lumen(next_round))
    assert (step.kind, step.due_on, step.subject) == (
        Kind.NOTE,
        date(2026, 11, 27),  # the onsite is on Saturday the 28th: the Friday before
        "Prepare for the onsite with Lumen Health",
    )


def test_a_next_interview_only_planned_is_prepared_for_the_business_day_before_it(demo_store: Store):
    quarry = demo_store.opportunity_ids_at("Quarry & Co")[0]
    step = prepare_offer(demo_store, quarry)
    assert (step.due_on, step.subject) == (date(2026, 12, 3), "Prepare for next interview with Quarry & Co")


def test_prepare_is_offered_once_and_once_planned_reaches_notify_on_its_day(next_round: Store):
    step = prepare_offer(next_round, lumen(next_round))
    plan_prepare(next_round, lumen(next_round), step)
    assert prepare_offer(next_round, lumen(next_round)) is None, "the same note is not offered twice"
    lines = [r.line for r in reminders_due(next_round, NOW + timedelta(days=1))]
    assert "Note — today: Lumen Health: Prepare for the onsite with Lumen Health" in lines


def test_no_prepare_step_without_a_round_ahead_or_once_its_day_has_passed(demo_store: Store):
    assert prepare_offer(demo_store, demo_store.opportunity_ids_at("Northwind Analytics")[0]) is None
    today_round = Interview(lumen(demo_store), NOW + timedelta(hours=3), Stage("final"))
    demo_store.add_interview(today_round)
    assert prepare_offer(demo_store, lumen(demo_store)) is None, "a round today: the day before has gone"


def test_the_plan_after_a_debrief_carries_the_prepare_step_when_the_next_round_is_known(next_round: Store):
    rounds = application_story(next_round, lumen(next_round)).rounds
    interview_id = max(r.interview.id for r in rounds if r.interview.starts_at < NOW)
    steps = propose_plan(next_round, interview_id)
    assert steps[-1].subject == "Prepare for the onsite with Lumen Health"
    assert [s for s in steps if s.kind is Kind.NOTE] == [steps[-1]]


# -- how you rated your answers, on the sheet ----------------------------------------------------


def rate(store: Store, interview_id: int, **marks: str) -> None:
    """Rate the answers of a recorded debrief, as the form's ctrl+r does, and save it again."""
    form, questions = form_for(store, interview_id)
    form.ratings = {folded(line): mark for line, mark in marks.items()}
    record_debrief(store, check_debrief(form, NOW, questions=questions), interview_id)


def last_past_round(store: Store) -> int:
    rounds = application_story(store, lumen(store)).rounds
    return max(r.interview.id for r in rounds if r.interview.starts_at < NOW)


def test_each_question_this_company_asked_says_how_you_rated_your_answer(next_round: Store):
    technical = last_past_round(next_round)
    rate(
        next_round,
        technical,
        **{"Tell us about an outage.": "weak", "How would you stop a reminder being sent twice?": "strong"},
    )
    asked = section(prep_sheet(next_round, lumen(next_round)), "What Lumen Health asked").entries
    assert [(e.text, e.note) for e in asked] == [
        ("How would you stop a reminder being sent twice?", "your answer: strong"),
        ("Tell us about an outage.", "your answer: weak"),
        ("Experience with HIPAA?", ""),
        ("Python or Go?", ""),
    ]
    assert "Tell us about an outage.  (your answer: weak)" in sheet_text(prep_sheet(next_round, lumen(next_round)))


def test_ratings_go_out_in_the_json_export_and_come_back_on_import(next_round: Store, tmp_path: Path, clock):
    technical = last_past_round(next_round)
    rate(next_round, technical, **{"Tell us about an outage.": "weak"})
    restored = Store.open(tmp_path / "restored.db", clock)
    import_json(restored, export_json(next_round))
    assert restored.get_debrief(technical).ratings == {"tell outage": "weak"}
    restored.close()


async def test_adding_a_next_interview_on_the_timeline_offers_the_note_to_prepare_the_day_before(demo_store: Store):
    from textual.widgets import Input, Select

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.confirm import ConfirmDialog

    app = FollowupApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Final round with Ruth", "tab", *"Lumen Health")
        app.screen.query_one("#kind", Select).value = Kind.NEXT_INTERVIEW.value
        app.screen.query_one("#due", Input).value = "2026-12-08"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Plan a note for Mon 7 Dec: Prepare for next interview with Lumen Health?"
        await pilot.press("y")
        await pilot.pause()
    notes = [f for f in demo_store.planned_followups_of_opportunity(lumen(demo_store)) if f.kind is Kind.NOTE]
    assert [(n.due_on, n.subject) for n in notes] == [
        (date(2026, 12, 7), "Prepare for next interview with Lumen Health")
    ]


def test_followup_add_of_a_next_interview_in_a_script_prints_the_command_that_plans_the_prepare_note(
    demo_store: Store,
):
    demo_store.close()
    typed = ["add", "Final round", "--due", "2026-12-08", "--company", "Tessellate", "--kind", "next interview"]
    added = CliRunner().invoke(cli, ["--db", str(demo_store.path), *typed])
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith("Added next interview due Tue 8 Dec")
    assert (
        "Note: to prepare the day before, followup add 'Prepare for next interview with Tessellate' "
        "--due 2026-12-07 --company Tessellate --kind note" in added.stderr
    )


async def test_enter_then_p_on_a_next_interview_opens_its_prep_sheet(demo_store: Store):
    from textual.widgets import OptionList

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.prep_screen import PrepScreen

    app = FollowupApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#timeline-list", OptionList)
        felix = next(e.followup for e in demo_store.list_followups() if e.followup.kind is Kind.NEXT_INTERVIEW)
        rows.highlighted = rows.get_option_index(f"followup-{felix.id}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen) and app.screen.opportunity_id == felix.opportunity_id
