"""Debriefs: the form's check, recording in one piece, literal search, and the Markdown journal."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.debrief_form import (
    DebriefForm,
    FormErrors,
    check_debrief,
    split_names,
)
from followup_tui.domain.models import (
    Contact,
    Followup,
    Kind,
    Opportunity,
    Stage,
    Status,
)
from followup_tui.domain.prep import folded
from followup_tui.domain.questions import DEFAULT_QUESTIONS
from followup_tui.domain.ratings import line_at, next_rating
from followup_tui.services.debriefs import (
    NEW_DRAFT,
    ClearUp,
    clear_ups,
    form_for,
    plan_clear_ups,
    record_debrief,
    search_debriefs,
)
from followup_tui.services.export import debriefs_markdown
from followup_tui.store import Store

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
HOSTILE = '[bold]Eve[/] [/ {0.__class__} $(rm -rf ~) 🙂 مرحبا 面接 "quoted" (unbalanced'


def filled(**changes) -> DebriefForm:
    form = DebriefForm(
        company="Lumen Health",
        role="Backend Engineer",
        when="yesterday 3pm",
        stage="technical",
        format="video",
        interviewers="Kenji Watanabe, Ruth Abernathy",
        decision="next fri",
        satisfaction=4,
        answers={q.key: f"answer to {q.key}" for q in DEFAULT_QUESTIONS},
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


# -- the form's check ------------------------------------------------------------------


def test_a_filled_form_becomes_an_interview_with_every_answer_and_its_prompt():
    checked = check_debrief(filled(), NOW)
    assert checked.starts_at == datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
    assert checked.decision_on == date(2026, 12, 4)
    assert checked.stage == Stage.TECHNICAL
    assert checked.interviewers == ["Kenji Watanabe", "Ruth Abernathy"]
    assert [(a.question_key, a.prompt) for a in checked.answers] == [(q.key, q.prompt) for q in DEFAULT_QUESTIONS]


def test_every_field_that_needs_fixing_is_named_at_once():
    with pytest.raises(FormErrors) as raised:
        check_debrief(filled(company="   ", when="13NOV2017", decision="31/02"), NOW)
    assert set(raised.value.errors) == {"company", "when", "decision"}
    assert "not a date" in raised.value.errors["when"]


def test_the_decision_date_is_optional_but_the_interview_date_is_not():
    assert check_debrief(filled(decision=""), NOW).decision_on is None
    with pytest.raises(FormErrors) as raised:
        check_debrief(filled(when=""), NOW)
    assert list(raised.value.errors) == ["when"]


def test_interviewer_names_split_on_commas_semicolons_and_lines_without_repeats():
    assert split_names("Ada Lovelace, grace hopper;\nAda  Lovelace,, Grace Hopper") == ["Ada Lovelace", "grace hopper"]


def test_a_draft_with_garbage_in_it_still_opens():
    form = DebriefForm.from_payload({"company": 3, "satisfaction": 9, "answers": ["x"], "when": "today", "extra": 1})
    assert (form.company, form.satisfaction, form.answers, form.when) == ("", None, {}, "today")


def test_what_a_draft_holds_that_the_form_cannot_is_left_out_with_a_note_for_each():
    form, dropped = DebriefForm.from_draft(
        {"company": "Initech", "stage": "  ", "satisfaction": -1, "answers": {"overall": 3, "went_well": "ok"}}
    )
    assert (form.company, form.stage, form.satisfaction) == ("Initech", "other", None)
    assert form.answers == {"went_well": "ok"}
    assert dropped == [
        "the stage '  ' (should name the round, like phone screen or panel)",
        "the satisfaction -1 (it is 1 to 5)",
        "1 answer(s) that were not text",
    ]
    assert DebriefForm.from_draft(DebriefForm(company="Initech", stage="final").to_payload())[1] == []
    assert DebriefForm.from_draft({"stage": "case study"}) == (DebriefForm(stage="case study"), []), "any round"


# -- interview stages ----------------------------------------------------------------------------


def test_the_stage_field_offers_the_common_rounds_until_the_user_names_their_own(store: Store):
    from followup_tui.domain.debrief_form import stage_options
    from followup_tui.services.settings import change, interview_stages

    common = interview_stages(store)
    assert common == (
        "phone screen", "recruiter call", "technical", "take-home", "second round",
        "panel", "hiring manager", "onsite", "final", "other",
    )  # fmt: skip
    assert stage_options(common, "panel") == (common, "panel")
    assert change(store, "interview.stages", " Screen,  case study ,screen, other") == "Screen, case study, other"
    mine = interview_stages(store)
    assert mine == ("Screen", "case study", "other")
    assert stage_options(mine, "screen") == (mine, "Screen"), "a round in another case is the same round"
    assert stage_options(mine, "panel") == ((*mine, "panel"), "panel"), "one taken off the list shows as written"
    with pytest.raises(ValueError, match="interview.stages: 'x+' is 301 characters long"):
        change(store, "interview.stages", "x" * 301)
    recorded = record_debrief(store, check_debrief(filled(stage="case study"), NOW))
    assert store.list_interviews()[0].interview.stage == "case study" == recorded.stage.label


def test_an_older_journal_keeps_its_stages_and_takes_the_new_rounds(db_path, clock):
    import sqlite3

    from sqlite_utils import Database

    from followup_tui.store.schema import migrations

    old = Database(sqlite3.connect(db_path))
    migrations.apply(old, stop_before="m011_stages_the_user_names")
    stamp = "2026-11-20T10:00:00+00:00"
    old["opportunities"].insert({"id": 1, "company": "Acme", "created_at": stamp, "updated_at": stamp})
    for id, stage in ((1, "phone_screen"), (2, "onsite")):
        row = {"id": id, "opportunity_id": 1, "starts_at": stamp, "stage": stage, "created_at": stamp}
        old["interviews"].insert(row)
    old["debriefs"].insert({"interview_id": 1, "satisfaction": 4, "created_at": stamp, "updated_at": stamp})
    old["followups"].insert(
        {"opportunity_id": 1, "interview_id": 2, "kind": "check_in", "due_on": "2026-12-01", "created_at": stamp}
    )
    old.close()

    store = Store.open(db_path, clock)
    assert sorted((i.interview.id, i.interview.stage) for i in store.list_interviews()) == [
        (1, "phone screen"),
        (2, "onsite"),
    ]  # fmt: skip
    assert store.db.execute("SELECT stage FROM interviews WHERE id = 1").fetchone() == ("phone screen",)
    assert store.get_debrief(1).satisfaction == 4 and store.list_followups()[0].followup.interview_id == 2
    store.db.execute("UPDATE interviews SET stage = 'take-home' WHERE id = 2")  # a round the setting names
    assert {i.interview.stage for i in store.list_interviews()} == {"phone screen", "take-home"}
    with pytest.raises(Exception, match="CHECK"):
        store.db.execute("UPDATE interviews SET stage = '' WHERE id = 2")
    store.close()


def test_an_untouched_form_is_blank_and_one_letter_is_not():
    assert DebriefForm(answers={q.key: "" for q in DEFAULT_QUESTIONS}).is_blank()
    assert not DebriefForm(answers={"overall": "o"}).is_blank()
    assert not DebriefForm(when="yesterday").is_blank()


# -- recording -------------------------------------------------------------------------


def test_recording_creates_the_application_and_a_card_for_each_interviewer(store: Store):
    store.save_draft(NEW_DRAFT, filled().to_payload())
    interview = record_debrief(store, check_debrief(filled(), NOW))
    [listing] = store.list_opportunities()
    assert (listing.opportunity.company, listing.opportunity.status) == ("Lumen Health", Status.INTERVIEWING)
    assert [c.name for c in store.interview_contacts(interview.id)] == ["Kenji Watanabe", "Ruth Abernathy"]
    assert {c.company for c in store.list_contacts()} == {"Lumen Health"}
    assert store.get_debrief(interview.id).satisfaction == 4
    assert store.get_draft(NEW_DRAFT) is None


def test_a_known_application_and_known_people_are_linked_not_duplicated(store: Store):
    applied = store.add_opportunity(Opportunity(company="lumen health", role="backend engineer"))
    kenji = store.add_contact(Contact(name="Kenji Watanabe", company="Lumen Health", email="k@lumen.example"))
    other_kenji = store.add_contact(Contact(name="Kenji Watanabe", company="Elsewhere Inc"))
    interview = record_debrief(store, check_debrief(filled(), NOW))
    assert interview.opportunity_id == applied.id
    assert store.list_opportunities()[0].opportunity.status is Status.INTERVIEWING
    linked = store.interview_contacts(interview.id)
    assert linked[0].id == kenji.id and other_kenji.id not in {c.id for c in linked}
    assert len(store.list_contacts()) == 3  # Kenji, the other Kenji, and the new Ruth


def test_a_save_that_fails_part_way_leaves_nothing_half_written(store: Store, monkeypatch):
    store.save_draft(NEW_DRAFT, filled().to_payload())

    def broken(debrief):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "save_debrief", broken)
    with pytest.raises(RuntimeError):
        record_debrief(store, check_debrief(filled(), NOW))
    assert store.counts() == {"opportunities": 0, "interviews": 0, "debriefs": 0, "contacts": 0, "followups": 0}
    assert store.get_draft(NEW_DRAFT) is not None, "the draft survives a failed save"


def test_editing_rewrites_the_debrief_and_search_follows(store: Store):
    interview = record_debrief(store, check_debrief(filled(), NOW))
    form, questions = form_for(store, interview.id)
    assert form.company == "Lumen Health" and form.interviewers == "Kenji Watanabe, Ruth Abernathy"
    form.answers["went_well"] = "The whiteboard session about idempotency"
    form.interviewers = "Kenji Watanabe"
    record_debrief(store, check_debrief(form, NOW, questions=questions), interview.id)
    assert [h.listing.interview.id for h in search_debriefs(store, "idempotency")] == [interview.id]
    assert search_debriefs(store, "went_well") == []
    assert [c.name for c in store.interview_contacts(interview.id)] == ["Kenji Watanabe"]
    assert store.counts()["interviews"] == 1


def test_editing_keeps_the_questions_as_they_were_asked(store: Store):
    interview = record_debrief(store, check_debrief(filled(), NOW))
    store.db.execute("UPDATE debrief_answers SET prompt = 'An old wording?' WHERE question_key = 'overall'")
    _, questions = form_for(store, interview.id)
    assert questions[0].prompt == "An old wording?"


def test_deleting_an_interview_keeps_the_application_people_and_follow_ups(store: Store):
    interview = record_debrief(store, check_debrief(filled(), NOW))
    store.add_followup(
        Followup(interview.opportunity_id, Kind.THANK_YOU, date(2026, 11, 26), interview_id=interview.id)
    )
    store.delete_interview(interview.id)
    counts = store.counts()
    assert (counts["interviews"], counts["debriefs"]) == (0, 0)
    assert (counts["opportunities"], counts["contacts"], counts["followups"]) == (1, 2, 1)
    assert store.db["debrief_answers"].count == 0
    assert store.list_followups()[0].followup.interview_id is None


# -- search ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "-",
        ".",
        "+",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "NEAR(a b",
        "(",
        ")",
        "a OR",
        '"unclosed',
        "^",
        "col:umn",
        "{x}",
        "\x00",
        "a*b",
        "-hyphen",
        "c++",
        "  ",
        "",
    ],
)
def test_any_search_text_is_taken_literally_and_never_errors(demo_store: Store, query: str):
    for hit in search_debriefs(demo_store, query):
        assert hit.listing.company


@pytest.mark.parametrize(
    ("query", "company"),
    [
        ("idempotency", "Lumen Health"),
        ("Zoë", "Northwind Analytics"),
        ("on-call", "Brightwater Labs"),
        ("+", "Northwind Analytics"),  # "dbt tests + Great Expectations"
        ("(dbt", "Northwind Analytics"),
        ("STAR", "Tessellate"),
        ("ramb", "Tessellate"),  # found while still typing
    ],
)
def test_search_finds_what_was_written(demo_store: Store, query: str, company: str):
    hits = search_debriefs(demo_store, query)
    assert company in {hit.listing.company for hit in hits}
    assert all("\x02" in hit.excerpt for hit in hits), "each hit shows where it matched"


def test_hostile_text_is_stored_and_found_exactly(store: Store):
    form = filled(company=HOSTILE, answers={"overall": HOSTILE, "went_well": "面接はうまくいった"})
    interview = record_debrief(store, check_debrief(form, NOW))
    assert store.get_debrief(interview.id).answers[0].answer == HOSTILE
    assert [h.listing.company for h in search_debriefs(store, "$(rm")] == [HOSTILE]
    assert [h.listing.company for h in search_debriefs(store, '"quoted"')] == [HOSTILE]
    assert search_debriefs(store, "面接はうまくいった")


def test_a_pasted_megabyte_is_kept_whole(store: Store):
    huge = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 18_000)[:1_000_000]
    interview = record_debrief(store, check_debrief(filled(answers={"overall": huge}), NOW))
    assert store.get_debrief(interview.id).answers[0].answer == huge.rstrip()


def larkspur(store: Store, **answers: str):
    form = filled(
        company="Larkspur Robotics",
        role="Platform Engineer",
        interviewers="Adaeze Oyèlárán, Tom Reyes",
        answers={**{q.key: "" for q in DEFAULT_QUESTIONS}, **answers},
    )
    return record_debrief(store, check_debrief(form, NOW))


@pytest.mark.parametrize(
    ("query", "prompt", "marked"),
    [
        ("Larkspur", "Company", "Larkspur"),
        ("larksp", "Company", "Larkspur"),  # while still typing
        ("Platform", "Role", "Platform"),
        ("Oyelaran", "Interviewers", "Oyèlárán"),  # accents folded, as names are everywhere
        ("tom reyes", "Interviewers", "Tom"),
    ],
)
def test_search_finds_a_debrief_by_its_company_role_and_the_people_in_the_room(
    store: Store, query: str, prompt: str, marked: str
):
    interview = larkspur(store)
    [hit] = search_debriefs(store, query)
    assert hit.listing.interview.id == interview.id and hit.prompt == prompt
    assert hit.excerpt.split("\x02")[1].split("\x03")[0] == marked


def test_a_name_match_shows_the_answer_that_also_mentions_it(store: Store):
    larkspur(store, overall="Larkspur felt calm and well run.")
    [hit] = search_debriefs(store, "Larkspur")
    assert hit.prompt != "Company" and hit.plain_excerpt == "Larkspur felt calm and well run."


def test_search_follows_renamed_companies_and_people_and_forgets_deleted_interviews(store: Store):
    interview = larkspur(store)
    application = store.get_opportunity(interview.opportunity_id)
    store.update_opportunity(replace(application, company="Larkspur Labs"))
    assert search_debriefs(store, "labs") and not search_debriefs(store, "robotics")
    [ada] = [c for c in store.interview_contacts(interview.id) if c.name.startswith("Adaeze")]
    store.update_contact(replace(ada, name="Adaeze Okafor"))
    assert search_debriefs(store, "okafor") and not search_debriefs(store, "oyelaran")
    store.update_interview(interview, [])
    assert not search_debriefs(store, "reyes"), "no one is in the room any more"
    store.delete_interview(interview.id)
    assert search_debriefs(store, "larkspur") == []


def test_each_excerpt_is_centred_on_its_first_match_and_never_cuts_the_word(store: Store):
    long_before = " ".join(f"filler{n}" for n in range(60))
    larkspur(store, overall=f"{long_before} we talked about idempotency at length {long_before}")
    for query in ("idempotency", "idem", "idempotent"):
        [hit] = search_debriefs(store, query)
        before, rest = hit.excerpt.split("\x02")
        word, after = rest.split("\x03")
        assert word == "idempotency", query
        assert before.startswith("…") and 16 <= len(before) <= 26, "about as much shown before as after"
        assert after.endswith("…") and 16 <= len(after) <= 26
        assert all(
            piece.startswith("filler") or piece in ("we", "talked", "about", "…") for piece in before[1:].split()
        )


def test_a_journal_made_before_names_were_searched_is_upgraded_in_place(db_path, clock):
    import sqlite3

    from sqlite_utils import Database

    from followup_tui.store.schema import migrations

    old = Database(sqlite3.connect(db_path))
    migrations.apply(old, stop_before="m012_search_names")  # as the release before left it
    stamp = "2026-11-20T10:00:00+00:00"
    old.execute(
        "INSERT INTO opportunities (id, company, role, created_at, updated_at) VALUES (1, 'Larkspur', 'SRE', ?, ?)",
        [stamp, stamp],
    )
    old.execute(
        "INSERT INTO interviews (id, opportunity_id, starts_at, created_at) VALUES (1, 1, ?, ?)", [stamp, stamp]
    )
    old.execute(
        "INSERT INTO contacts (id, name, company, created_at, updated_at, uid)"
        " VALUES (1, 'Marcus Oyelaran', 'Larkspur', ?, ?, 'u1')",
        [stamp, stamp],
    )
    old.execute("INSERT INTO interview_contacts VALUES (1, 1)")
    old.execute("INSERT INTO debriefs (id, interview_id, created_at, updated_at) VALUES (1, 1, ?, ?)", [stamp, stamp])
    old.execute(
        "INSERT INTO debrief_answers (debrief_id, position, question_key, prompt, answer)"
        " VALUES (1, 0, 'overall', 'Overall?', 'Calm panel.')"
    )
    old.conn.commit()
    old.close()

    from followup_tui.store.reader import search

    assert [found.prompt for found in search(db_path, "calm", 5)] == ["Overall?"], "read as it is, not upgraded"
    assert search(db_path, "Larkspur", 5) == []

    store = Store.open(db_path, clock)
    assert [h.listing.company for h in search_debriefs(store, "Larkspur")] == ["Larkspur"]
    assert [h.prompt for h in search_debriefs(store, "Oyelaran")] == ["Interviewers"]
    assert [h.prompt for h in search_debriefs(store, "calm")] == ["Overall?"], "answers are found as before"
    added = larkspur(store)
    assert {h.listing.interview.id for h in search_debriefs(store, "Larkspur")} == {1, added.id}
    store.close()
    assert [found.prompt for found in search(db_path, "Oyelaran", 5)] == ["Interviewers"] * 2, "the quick path too"


# -- the shell ---------------------------------------------------------------------------


def test_followup_search_prints_date_company_role_and_where_it_matched(db_path):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    result = runner.invoke(cli, ["search", "--db", str(db_path), "idempotency"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Wed 25 Nov  Lumen Health — Backend Engineer, Care Platform")
    assert "idempot" in lines[1]  # "idempotent" or "idempotency": word endings fold
    nothing = runner.invoke(cli, ["search", "--db", str(db_path), 'NEAR("zebra'])
    assert (nothing.exit_code, nothing.stdout, nothing.stderr.strip()) == (
        1,
        "",
        "No debrief or story mentions 'NEAR(\"zebra'.",
    )
    found = json.loads(runner.invoke(cli, ["search", "--db", str(db_path), "idempotency", "--json"]).stdout)
    assert found[0]["company"] == "Lumen Health" and "idempot" in found[0]["excerpt"].lower()
    assert "\x02" not in found[0]["excerpt"], "no marks in the machine format"
    assert found[0]["interview"] == "2026-11-25T11:00:00+00:00", "a moment is ISO with its offset"


def test_export_markdown_writes_every_debrief_privately(db_path, tmp_path, clock):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    out = tmp_path / "journal.md"
    result = runner.invoke(cli, ["export", "markdown", "--db", str(db_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert text.startswith("# Interview journal")
    assert text.count("\n## ") == 9
    assert "### What would you answer or do differently next time?" in text
    assert "Keep answers under two minutes; use STAR." in text
    store = Store.open(db_path, clock)
    assert debriefs_markdown(store) == text
    store.close()


def test_export_markdown_into_a_folder_is_one_line_of_error(db_path, tmp_path):
    result = CliRunner().invoke(cli, ["export", "markdown", "--db", str(db_path), "-o", str(tmp_path)])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_each_thing_to_clear_up_becomes_one_follow_up_to_the_person_it_names(store: Store):
    answers = {
        "to_clear_up": "- Send Ruth the portfolio link\n\n• Better answer on caching for Kenji\n* Salary band?\n"
    }
    interview = record_debrief(store, check_debrief(filled(answers=answers), NOW))
    kenji, ruth = store.interview_contacts(interview.id)

    found = clear_ups(store, interview.id)
    assert [(line.text, line.contact_id) for line in found.lines] == [
        ("Send Ruth the portfolio link", ruth.id),
        ("Better answer on caching for Kenji", kenji.id),
        ("Salary band?", None),  # names nobody: the screen asks who it is for
    ]
    chosen = [*found.lines[:2], ClearUp("Salary band?", kenji.id)]
    added = plan_clear_ups(store, interview.id, chosen)
    assert [(f.subject, f.contact_id) for f in added] == [(line.text, line.contact_id) for line in chosen]
    assert {f.kind for f in added} == {Kind.QUESTION}
    assert {f.due_on for f in added} == {date(2026, 11, 27)}  # the next business day
    assert clear_ups(store, interview.id).lines == [], "asking twice plans nothing twice"


def test_with_one_interviewer_every_thing_to_clear_up_is_for_them(store: Store):
    answers = {"to_clear_up": "Send the portfolio link"}
    interview = record_debrief(store, check_debrief(filled(interviewers="Kenji Watanabe", answers=answers), NOW))
    [kenji] = store.interview_contacts(interview.id)
    assert [line.contact_id for line in clear_ups(store, interview.id).lines] == [kenji.id]


def test_a_draft_keeps_the_moment_its_dates_were_typed():
    typed = datetime(2026, 11, 23, 15, 30, tzinfo=timezone.utc)  # Monday afternoon, right after the interview
    form = filled(when="now", decision="fri", dates_typed_at=typed.isoformat())
    resumed = DebriefForm.from_payload(form.to_payload())
    checked = check_debrief(resumed, NOW)  # resumed on Thursday
    assert checked.starts_at == typed and checked.decision_on == date(2026, 11, 27)
    assert check_debrief(filled(when="now"), NOW).starts_at == NOW, "a form that does not know: now"
    assert DebriefForm(dates_typed_at=typed.isoformat()).is_blank(), "a moment alone is nothing typed"


# -- how you rated your answers ----------------------------------------------------------


def test_one_key_cycles_a_rating_through_strong_ok_weak_and_back_to_none():
    marks = [None]
    for _ in range(4):
        marks.append(next_rating(marks[-1]))
    assert marks == [None, "strong", "ok", "weak", None]


def test_the_question_rated_is_the_one_under_the_cursor_even_with_two_on_a_line():
    text = "Python or Go? Tell us about an outage.\n\nExperience with HIPAA?"
    assert line_at(text, 0, 3) == "Python or Go?"
    assert line_at(text, 0, 20) == "Tell us about an outage."
    assert line_at(text, 1, 0) == ""
    assert line_at(text, 2, 5) == "Experience with HIPAA?"


def test_ratings_are_kept_with_the_debrief_and_survive_editing_it(store: Store):
    asked = "Python or Go?\nTell us about an outage."
    form = filled(answers={"their_questions": asked})
    form.ratings = {folded("Tell us about an outage."): "weak", folded("Python or Go?"): "strong"}
    interview = record_debrief(store, check_debrief(form, NOW))
    assert store.get_debrief(interview.id).ratings == {"tell outage": "weak", "python go": "strong"}

    again, _ = form_for(store, interview.id)
    again.answers["their_questions"] = "Tell me about the OUTAGE!\nWhy us?"  # reworded, one taken out, one new
    record_debrief(store, check_debrief(again, NOW), interview.id)
    assert store.get_debrief(interview.id).ratings == {"tell outage": "weak"}


def test_a_draft_keeps_its_ratings_and_leaves_out_a_mark_it_does_not_know():
    payload = filled(ratings={"tell outage": "weak", "python go": "superb"}).to_payload()
    form, dropped = DebriefForm.from_draft(payload)
    assert form.ratings == {"tell outage": "weak"}
    assert dropped == ["ratings that were not strong, ok or weak"]
