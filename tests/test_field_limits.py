"""A name, company or subject holds at most 300 characters (a link 2,000, a note or answer a
million), whichever door the text comes through: a form says so beside the field, the command
line names its option, an import names the record — and nothing is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input, Label

from followup_tui.cli import cli
from followup_tui.domain.contact_form import ContactForm, check_contact
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.models import Kind
from followup_tui.domain.values import LONG_TEXT, SHORT_TEXT, length_problem
from followup_tui.services.followups import FollowupRefused, add_by_names
from followup_tui.services.portable import export_json
from followup_tui.services.vcard import VCardError, import_vcards
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.contact_form import ContactFormScreen
from followup_tui.ui.followup_form import FollowupFormDialog

from .helpers import SIZE

PASTED = "A" * 20_000  # a whole document pasted where a name goes


def test_the_limits_are_generous_and_said_in_numbers():
    assert length_problem("name", "N" * SHORT_TEXT) is None
    assert (
        length_problem("name", "N" * (SHORT_TEXT + 1)) == "is 301 characters long; a line like this holds at most 300"
    )
    assert length_problem("email", "e" * 2_000) is None
    assert length_problem("notes", "n" * LONG_TEXT) is None
    assert "holds at most 1,000,000" in length_problem("answer", "n" * (LONG_TEXT + 1))


def test_a_form_puts_the_limit_beside_each_field_too_long():
    with pytest.raises(FormErrors) as refused:
        check_contact(ContactForm(name=PASTED, company="Acme", phones=f"+1 555 0100, {'9' * 400}"))
    assert refused.value.errors["name"] == "This is 20,000 characters long; a line like this holds at most 300."
    assert refused.value.errors["phones"] == "One of these is 400 characters long; a line like this holds at most 300."


def test_a_follow_up_names_the_field_and_writes_nothing(demo_store: Store):
    counts = demo_store.counts()
    with pytest.raises(FollowupRefused) as refused:
        add_by_names(demo_store, "Call", demo_store.clock.today(), "Acme", person=PASTED, kind=Kind.CHECK_IN)
    assert refused.value.field == "person"
    with pytest.raises(FollowupRefused, match="20,000 characters"):
        add_by_names(demo_store, PASTED, demo_store.clock.today(), "Acme")
    assert demo_store.counts() == counts


def test_the_command_line_names_the_option(db_path: Path):
    runner = CliRunner()
    long_subject = runner.invoke(
        cli, ["add", "S" * 400, "--due", "mon", "--company", "Acme", "--new-company", "--db", str(db_path)]
    )
    assert long_subject.exit_code == 2
    assert "Error: TEXT: is 400 characters long; a line like this holds at most 300" in long_subject.stderr
    long_name = runner.invoke(
        cli,
        [
            "add",
            "Call",
            "--due",
            "mon",
            "--company",
            "Acme",
            "--new-company",
            "--contact",
            PASTED,
            "--db",
            str(db_path),
        ],
    )
    assert long_name.exit_code == 2 and "Error: --contact: is 20,000 characters long" in long_name.stderr


def test_imports_name_the_record_and_import_nothing(demo_store: Store, tmp_path: Path, clock):
    empty = Store.open(tmp_path / "empty.db", clock)
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{PASTED}\r\nEND:VCARD\r\n"
    [problem] = import_vcards(empty, card).problems  # a vCard file goes card by card: this one is skipped
    assert re.match(r"card 1 \(.{60}\) was skipped: its name is 20,000 characters long", problem)
    with pytest.raises(VCardError, match="1 problem"):
        import_vcards(empty, card, strict=True)
    assert empty.counts()["contacts"] == 0
    empty.close()

    document = json.loads(export_json(demo_store))
    document["tables"]["opportunities"][0]["company"] = PASTED
    file = tmp_path / "long.json"
    file.write_text(json.dumps(document))
    refused = CliRunner().invoke(cli, ["import", "json", str(file), "--db", str(tmp_path / "new.db")])
    assert refused.exit_code == 1 and "company is 20,000 characters long" in refused.output
    assert "nothing was imported" in refused.output


async def test_a_pasted_document_in_a_name_field_is_refused_beside_it_and_the_app_goes_on(demo_store: Store):
    app = FollowupApp(demo_store)
    counts = demo_store.counts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        app.screen.query_one("#name", Input).value = PASTED
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#name-error", Label)
        assert error.display and "20,000 characters long" in str(error.render())
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("1", "n")
        await pilot.pause()
        assert isinstance(app.screen, FollowupFormDialog)
        app.screen.query_one("#subject", Input).value = "S" * 400
        app.screen.query_one("#company", Input).value = "Lumen Health"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "400 characters long" in str(app.screen.query_one("#subject-error", Label).render())
    assert demo_store.counts() == counts


def test_settings_have_the_same_bounds(db_path: Path):
    runner = CliRunner()
    name = runner.invoke(cli, ["settings", "me.name", "N" * 301, "--db", str(db_path)])
    assert name.exit_code != 0 and "me.name is 301 characters long" in name.output
    signature = runner.invoke(cli, ["settings", "me.signature", "Best,\nAlex " + "x" * 5_000, "--db", str(db_path)])
    assert signature.exit_code == 0, "a signature is a text, not a line"
