"""The story bank: short STAR stories, tagged and linked to the questions they answered — kept,
searched, exported and restored with the rest of the journal, and offered on the prep sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.story_bank import NOTHING_IN_IT, BankStory, StoryForm, split_tags, stories_that_fit
from followup_tui.services.export import debriefs_markdown
from followup_tui.services.portable import JournalFileError, export_json, import_json
from followup_tui.services.prep import prep_sheet
from followup_tui.services.story_bank import delete_story, save_story, search_stories, stories, story
from followup_tui.store import Store

OUTAGE = StoryForm(
    title="The double-sent reminders",
    situation="Reminders went out twice after a failover.",
    task="Stop it without losing any.",
    action="Made each send idempotent with a key per reminder.",
    result="No duplicates since; the on-call pages stopped.",
    would_add="The runbook I wrote after.",
    tags="outage, #idempotency; Outage",
    questions="How would you stop a reminder being sent twice?\n\nTell me about an incident you led.",
)


def test_a_story_is_kept_with_its_parts_tags_and_the_questions_it_answered(store: Store):
    saved = save_story(store, OUTAGE)
    assert story(store, saved.id) == BankStory(
        "The double-sent reminders",
        "Reminders went out twice after a failover.",
        "Stop it without losing any.",
        "Made each send idempotent with a key per reminder.",
        "No duplicates since; the on-call pages stopped.",
        "The runbook I wrote after.",
        tags=("outage", "idempotency"),
        questions=("How would you stop a reminder being sent twice?", "Tell me about an incident you led."),
        id=saved.id,
    )


def test_a_story_with_every_field_empty_is_not_saved(store: Store):
    with pytest.raises(FormErrors) as refused:
        save_story(store, StoryForm(title="  ", situation="\n", tags=" , ;"))
    assert refused.value.errors == {"title": NOTHING_IN_IT}
    assert stories(store) == []


def test_a_story_saved_without_a_title_is_named_by_what_it_says(store: Store):
    saved = save_story(store, StoryForm(action="Rolled back the release within ten minutes and wrote up why it broke."))
    assert saved.title == "Rolled back the release within ten minutes and wrote up why…"


def test_editing_rewrites_a_story_in_place_and_delete_removes_it(store: Store):
    saved = save_story(store, OUTAGE)
    edited = save_story(store, StoryForm(title="Reminders sent twice", questions="Tell us about an outage."), saved.id)
    assert (edited.id, edited.title, edited.questions, edited.tags) == (
        saved.id,
        "Reminders sent twice",
        ("Tell us about an outage.",),
        (),
    )
    delete_story(store, saved.id)
    assert stories(store) == [] and story(store, saved.id) is None


def test_tags_are_each_kept_once_whatever_their_case_and_without_a_hash():
    assert split_tags("Outage, #on-call;  leadership \n outage") == ("Outage", "on-call", "leadership")


def test_a_story_fits_a_question_it_is_linked_to_in_other_words_or_tagged_with_one_of_its_words():
    linked = BankStory("Linked", questions=("Tell me about the OUTAGE!",))
    tagged = BankStory("Tagged", tags=("Python",))
    neither = BankStory("Neither", tags=("leadership",))
    fits = stories_that_fit([linked, tagged, neither], ["Tell us about an outage.", "Python or Go?"])
    assert [(s.title, q) for s, q in fits] == [("Linked", ["Tell us about an outage."]), ("Tagged", ["Python or Go?"])]


def test_stories_are_found_by_their_words_taken_literally(store: Store):
    save_story(store, OUTAGE)
    save_story(store, StoryForm(title="Hiring a team", tags="leadership"))
    assert [s.title for s in search_stories(store, "idempotent")] == ["The double-sent reminders"]
    assert [s.title for s in search_stories(store, "leader")] == ["Hiring a team"], "the last word as a prefix"
    assert search_stories(store, '"unbalanced (AND -') == []


def test_followup_search_finds_stories_beside_the_debriefs(demo_store: Store, db_path: Path):
    save_story(demo_store, OUTAGE)
    found = CliRunner().invoke(cli, ["--db", str(db_path), "search", "idempotent"])
    assert found.exit_code == 0, found.output
    assert "Story: The double-sent reminders — outage, idempotency" in found.output
    as_json = CliRunner().invoke(cli, ["--db", str(db_path), "search", "idempotent", "--json"])
    found = json.loads(as_json.output)
    assert found[-1] == {
        "story": "The double-sent reminders",
        "tags": ["outage", "idempotency"],
        "excerpt": found[-1]["excerpt"],
    }
    assert "idempotent" in found[-1]["excerpt"]


def test_the_story_bank_round_trips_through_json(demo_store: Store, tmp_path: Path, clock):
    saved = save_story(demo_store, OUTAGE)
    restored = Store.open(tmp_path / "restored.db", clock)
    import_json(restored, export_json(demo_store))
    assert stories(restored) == [saved]
    assert [s.title for s in search_stories(restored, "failover")] == [saved.title], "its search index rebuilt"
    assert export_json(restored).split('"tables"')[1] == export_json(demo_store).split('"tables"')[1]
    restored.close()


def test_a_json_file_with_an_empty_story_is_refused_whole(demo_store: Store, tmp_path: Path, clock):
    save_story(demo_store, OUTAGE)
    document = json.loads(export_json(demo_store))
    row = document["tables"]["stories"][0]
    row.update(title="", situation="", task="", action="", result="", would_add="", tags="")
    restored = Store.open(tmp_path / "restored.db", clock)
    with pytest.raises(JournalFileError, match=r"stories row 1 \(id \d+\): every field is empty"):
        import_json(restored, json.dumps(document))
    assert not restored.holds_anything()
    restored.close()


def test_the_markdown_export_ends_with_the_story_bank(demo_store: Store):
    save_story(demo_store, OUTAGE)
    text = debriefs_markdown(demo_store)
    bank = text[text.index("## Story bank") :]
    assert bank.startswith("## Story bank\n\n### The double-sent reminders\n\nTags: outage, idempotency\n")
    assert "**What you would add:** The runbook I wrote after." in bank


def test_the_prep_sheet_lists_the_stories_that_fit_the_likely_questions(demo_store: Store):
    save_story(demo_store, OUTAGE)
    save_story(demo_store, StoryForm(title="Hiring a team", tags="leadership"))
    lumen = demo_store.opportunity_ids_at("Lumen Health")[0]
    sheet = prep_sheet(demo_store, lumen)
    fit = next(s for s in sheet.sections if s.title == "Stories that fit")
    titles = [s.title for s in sheet.sections]
    assert titles.index("Stories that fit") == titles.index("Open loops") + 1, "after the open loops, before pay"
    assert fit.number == titles.index("Stories that fit") + 1, "numbered as shown"
    assert [(e.text, e.note, e.details) for e in fit.entries] == [
        (
            "The double-sent reminders",
            "outage, idempotency",
            ("For: How would you stop a reminder being sent twice?", "For: Tell us about an outage."),
        )
    ]
    numbers = [s.number for s in sheet.sections]
    assert numbers == sorted(numbers), "section 6 in its place"


# -- the screen ---------------------------------------------------------------------------------


async def test_the_palette_opens_the_bank_where_n_adds_e_edits_and_d_deletes_a_story(store: Store):
    from textual.widgets import Input, OptionList, TextArea

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.confirm import ConfirmDialog
    from followup_tui.ui.story_bank import StoryBankScreen, StoryFormScreen

    app = FollowupApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Story bank")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, StoryBankScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StoryFormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoryFormScreen), "an empty story is not saved"
        assert str(app.screen.query_one("#title-error").render()) == NOTHING_IN_IT
        app.screen.query_one("#title", Input).value = "[bold]Outage[/] story"
        app.screen.query_one("#action", TextArea).text = "Made each send idempotent."
        app.screen.query_one("#questions", TextArea).text = "Tell us about an outage."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoryBankScreen)
        assert [s.title for s in stories(store)] == ["[bold]Outage[/] story"]
        listed = app.screen.query_one("#story-list", OptionList)
        assert str(listed.get_option_at_index(0).prompt) == "[bold]Outage[/] story", "shown as typed"

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#tags", Input).value = "outage"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stories(store)[0].tags == ("outage",)

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert stories(store) == []


async def test_t_on_the_prep_sheet_opens_the_bank_and_a_story_added_there_shows_on_the_sheet(demo_store: Store):
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.prep_screen import PrepScreen, open_prep
    from followup_tui.ui.story_bank import StoryBankScreen

    app = FollowupApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        open_prep(app, demo_store.opportunity_ids_at("Lumen Health")[0])
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StoryBankScreen)
        save_story(demo_store, OUTAGE)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        app.screen.refresh_record()
        await pilot.pause()
        shown = [str(w.render()) for w in app.screen.query(".prep-heading")]
        assert "7. Stories that fit" in shown


async def test_the_debriefs_search_finds_a_story_too_and_enter_opens_it_in_the_bank(demo_store: Store):
    from textual.widgets import DataTable, OptionList

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.story_bank import StoryBankScreen

    save_story(demo_store, StoryForm(title="Hiring a team", tags="leadership"))
    saved = save_story(demo_store, OUTAGE)
    app = FollowupApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.action_show_pane("debriefs")
        await pilot.pause()
        await pilot.press("slash", *"failover", "enter")
        await pilot.pause()
        results = app.screen.query_one("#search-results", DataTable)
        row = results.get_row("story-%d" % saved.id)
        assert [str(cell) for cell in row[:2]] == ["Story bank", "The double-sent reminders"]
        assert str(row[2]).startswith("Reminders went out twice after a failover.")
        results.move_cursor(row=results.get_row_index("story-%d" % saved.id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoryBankScreen)
        assert app.screen.selected() == saved.id
        assert app.screen.query_one("#story-list", OptionList).option_count == 2


def test_a_part_too_long_to_keep_is_named_and_nothing_is_saved(store: Store):
    with pytest.raises(FormErrors) as refused:
        save_story(store, StoryForm(title="x" * 301, result="Fine."))
    assert refused.value.errors == {"title": "This is 301 characters long; a line like this holds at most 300."}
    assert stories(store) == []


def test_markup_and_control_characters_in_a_story_print_as_text(store: Store, db_path: Path):
    save_story(store, StoryForm(title="[bold]Outage[/] \x1b[2J", situation="The \x1b]8;;evil\x07 failover night."))
    found = CliRunner().invoke(cli, ["--db", str(db_path), "search", "failover"])
    assert found.exit_code == 0
    assert "\x1b" not in found.output and "\x07" not in found.output
    assert "Story: [bold]Outage[/] ␛[2J" in found.output
