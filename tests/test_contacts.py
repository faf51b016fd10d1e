"""Contact cards: the check, the pane from the keyboard, and vCard in and out."""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Checkbox, DataTable, Input, Label, Static

from followup_tui.cli import cli
from followup_tui.domain.contact_form import ContactForm, check_contact
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.models import CardDetails, Contact
from followup_tui.services.vcard import VCardError, contacts_to_vcard, import_vcards, parse_vcards
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.confirm import ConfirmDialog
from followup_tui.ui.contact_card import ContactCard, open_contact
from followup_tui.ui.contact_form import ContactFormScreen
from followup_tui.ui.vcard_import import VCardReport

from .helpers import SIZE

HOSTILE = '[bold]Eve[/] [/ ; , \\ : {0.__class__} ${x} $(rm -rf ~) 🙂 مرحبا 面接 "q" ' + "long " * 40


# -- the check -------------------------------------------------------------------------------


def test_a_card_needs_a_name_a_real_email_and_a_real_link():
    with pytest.raises(FormErrors) as raised:
        check_contact(ContactForm(name=" ", emails="ada@example.com, not-an-email", profile_url="linkedin/ada"))
    assert set(raised.value.errors) == {"name", "emails", "profile_url"}
    assert "not-an-email" in raised.value.errors["emails"]


def test_every_link_field_makes_a_bare_link_whole_the_same_way(store: Store, tmp_path: Path):
    """A profile typed as the browser shows it is taken, as the application's link always was."""
    import json

    from followup_tui.domain.application_form import ApplicationForm, check_application
    from followup_tui.domain.values import web_link
    from followup_tui.services.portable import export_json, import_json

    typed = "linkedin.com/in/ada-lovelace"
    assert check_contact(ContactForm(name="Ada", profile_url=f" {typed} ")).profile_url == f"https://{typed}"
    application = check_application(ApplicationForm(company="Acme", url=typed, applied=""), store.clock.now())
    assert application.url == f"https://{typed}" == web_link(typed)
    [imported] = parse_vcards(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nURL:{typed}\r\nEND:VCARD\r\n").contacts
    assert imported.profile_url == f"https://{typed}"
    [chat] = parse_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nURL:xmpp:bo@example.com\r\nEND:VCARD\r\n").contacts
    assert (chat.profile_url, chat.details.urls) == ("", ["xmpp:bo@example.com"]), (
        "not a web link: kept, not the profile"
    )

    store.add_contact(Contact(name="Ada", profile_url=typed))  # as an older import may have kept it
    document = export_json(store)
    restored = Store.open(tmp_path / "restored.db", store.clock)
    import_json(restored, document)
    assert [c.profile_url for c in restored.list_contacts()] == [typed], "a restore takes what the form would"
    restored.close()
    for bad in ("linkedin/ada", "ftp://example.com/me", "my profile"):
        with pytest.raises(FormErrors) as refused:
            check_contact(ContactForm(name="Ada", profile_url=bad))
        assert refused.value.errors["profile_url"] == f"{bad!r} is not a web link; paste its address, like {typed}"
    assert json.loads(document)


def test_several_emails_and_phones_fit_on_one_card():
    card = check_contact(ContactForm(name="Ada", emails="a@example.com; b@example.org", phones="+1 555 0100, 020 7946"))
    assert (card.email, card.other_emails) == ("a@example.com", ["b@example.org"])
    assert card.phones == ["+1 555 0100", "020 7946"]


# -- vCard -------------------------------------------------------------------------------------


def hostile_card() -> Contact:
    return Contact(
        name=HOSTILE.strip(),
        title=HOSTILE.strip(),
        company="Acme; Inc, \\ Ltd",
        email="eve@example.com",
        other_emails=["eve.backup@example.org"],
        phone="+1 555 0100",
        other_phones=["+44 20 7946 0000"],
        profile_url="https://example.com/in/eve?x=1;y=2,z",
        notes=f"{HOSTILE}\nsecond line\n\n  indented",
        has_my_details=True,
    )


def test_every_field_survives_export_and_import_unchanged():
    card = hostile_card()
    [back] = parse_vcards(contacts_to_vcard([card])).contacts
    assert asdict(back) == asdict(replace(card, details=CardDetails()))


def test_a_round_trip_through_two_journals_is_exact(store: Store, tmp_path: Path, clock):
    store.add_contact(hostile_card())
    store.add_contact(Contact(name="Plain Person"))
    other = Store.open(tmp_path / "other.db", clock)
    import_vcards(other, contacts_to_vcard(store.list_contacts()))
    strip_ids = lambda contacts: [{**asdict(c), "id": None} for c in contacts]  # noqa: E731
    assert strip_ids(other.list_contacts()) == strip_ids(store.list_contacts())
    other.close()


def test_importing_a_card_that_is_already_here_updates_or_skips_it(store: Store):
    kenji = store.add_contact(Contact(name="Kenji Watanabe", company="Lumen Health", notes="Runs on-call"))
    text = contacts_to_vcard([Contact(name="kenji watanabe", company="LUMEN HEALTH", email="kenji@lumen.example")])
    first = import_vcards(store, text)
    assert (first.added, first.updated, first.unchanged) == ([], ["kenji watanabe"], [])
    again = import_vcards(store, text)
    assert again.unchanged == ["kenji watanabe"]
    [card] = store.list_contacts()
    assert (card.id, card.email, card.notes) == (kenji.id, "kenji@lumen.example", "Runs on-call")


GOOD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEMAIL:good@example.com\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("name,email\nAda,ada@example.com\n", "not a vCard"),
    ],
    ids=["empty", "blank", "csv"],
)
def test_a_file_that_is_no_vcard_file_says_so_and_imports_nothing(store: Store, text: str, message: str):
    with pytest.raises(VCardError, match=re.escape(message)):
        import_vcards(store, text)
    assert store.counts()["contacts"] == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n",
            "card 2 (line 6) was skipped: the card that starts at line 6 never ends: add END:VCARD",
        ),
        (
            GOOD + "BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:Anyone\r\nEND:VCARD\r\n",
            "card 2 (line 6) has no name: add an FN line, e.g. FN:Ann Lee; it was skipped",
        ),
        (
            GOOD + "BEGIN:VCARD\r\nthis line is broken\r\nEND:VCARD\r\n",
            "card 2 (line 6) was skipped: line 7 ('this line is broken') has no ':'",
        ),
    ],
    ids=["truncated", "no-name", "broken-line"],
)
def test_a_card_that_cannot_be_read_is_skipped_and_named_and_the_rest_imported(store: Store, text: str, problem: str):
    report = import_vcards(store, text)
    assert report.added == ["Good One"] and report.unreadable == 1
    [said] = report.problems
    assert said.startswith(problem), said
    with pytest.raises(VCardError, match="1 problem in the file") as refused:
        import_vcards(store, text + GOOD.replace("Good One", "Second"), strict=True)
    assert refused.value.problems == [said]
    assert [c.name for c in store.list_contacts()] == ["Good One"], "strict: nothing more was written"


def test_the_cli_imports_what_it_can_names_the_rest_and_strict_refuses_the_whole_file(
    db_path: Path, tmp_path: Path, clock
):
    runner = CliRunner()
    runner.invoke(cli, ["demo", "--db", str(db_path)])
    out = tmp_path / "cards.vcf"
    result = runner.invoke(cli, ["export", "vcard", "--db", str(db_path), "-o", str(out)])
    assert result.exit_code == 0 and "Wrote 15 contacts" in result.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(cli, ["import", "vcard", str(out), "--db", str(fresh)])
    assert "15 added, 0 updated, 0 already up to date" in result.output
    result = runner.invoke(cli, ["import", "vcard", str(out), "--db", str(fresh)])
    assert "0 added, 0 updated, 15 already up to date" in result.output

    broken = tmp_path / "broken.vcf"
    broken.write_text(out.read_text() + "BEGIN:VCARD\nVERSION:3.0\nTITLE:Orphan\nEND:VCARD\n")
    strict = tmp_path / "strict.db"
    result = runner.invoke(cli, ["import", "vcard", str(broken), "--strict", "--db", str(strict)])
    problem, error = result.stderr.strip().splitlines()
    assert result.exit_code == 1
    assert problem == "Problem: card 16 (line 168) has no name: add an FN line, e.g. FN:Ann Lee; it was skipped"
    assert error.startswith("Error: ") and error.endswith(
        "1 problem in the file (--strict imports only a file without any); nothing was imported"
    )
    store = Store.open(strict, clock)
    assert store.counts()["contacts"] == 0
    store.close()

    lenient = tmp_path / "lenient.db"
    result = runner.invoke(cli, ["import", "vcard", str(broken), "--db", str(lenient)])
    assert result.exit_code == 0
    assert "15 added, 0 updated, 0 already up to date, 1 could not be read (skipped)" in result.stdout
    assert problem in result.stderr
    missing = runner.invoke(cli, ["import", "vcard", str(tmp_path / "nope.vcf"), "--db", str(lenient)])
    assert missing.exit_code == 1 and "cannot read" in missing.output


# -- the pane, from the keyboard ---------------------------------------------------------------------


def names(app) -> list[str]:
    table = app.screen.query_one("#contacts-pane .rows", DataTable)
    return [str(table.get_row_at(r)[0]) for r in range(table.row_count)] if table.display else []


async def test_filter_as_you_type_by_name_company_email_or_notes(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"lumen")
        await pilot.pause()
        assert names(app) == ["Ana Beltrán", "Kenji Watanabe", "Ruth Abernathy"]
        app.screen.query_one("#contact-filter", Input).value = "PyCon"  # in Sam's notes
        await pilot.pause()
        assert names(app) == ["Sam Ito"]
        app.screen.query_one("#contact-filter", Input).value = "100%_"
        await pilot.pause()
        assert names(app) == []
        assert "No contact matches" in str(app.screen.query_one("#contacts-pane .empty-state", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(names(app)) == 15


async def test_each_field_is_checked_as_it_is_left_and_a_bare_profile_link_is_taken(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        await pilot.press(*"Grace Hopper", "tab", "tab", *"Navy", "tab", *"grace@navy", "tab")
        await pilot.pause()
        error = app.screen.query_one("#emails-error", Label)
        assert error.display and "not an email address" in str(error.render()), "said on leaving, before ctrl+s"
        assert not any(app.screen.query_one(f"#{name}-error").display for name in ("name", "title", "company"))
        app.screen.query_one("#emails", Input).focus()
        await pilot.press("end", *".example", "tab")
        await pilot.pause()
        assert app.screen.query_one("#emails", Input).value == "grace@navy.example"
        assert not error.display, "fixed, and left: the message goes"
        app.screen.query_one("#profile_url", Input).focus()
        await pilot.press(*"my page", "tab")
        await pilot.pause()
        profile_error = app.screen.query_one("#profile_url-error", Label)
        said = "'my page' is not a web link; paste its address, like linkedin.com/in/ada-lovelace"
        assert profile_error.display and str(profile_error.render()) == said
        app.screen.query_one("#profile_url", Input).value = "linkedin.com/in/grace-hopper"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # Navy is a new company
        await pilot.pause()
        grace = demo_store.find_contact("Grace Hopper", "Navy")
        assert grace.profile_url == "https://linkedin.com/in/grace-hopper"


async def test_add_edit_toggle_open_and_delete_a_card(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Grace Hopper", "tab", *"Rear Admiral", "tab", *"Navy", "tab", *"grace@navy")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#emails-error", Label)
        assert error.display and "not an email address" in str(error.render())
        app.screen.query_one("#emails", Input).value = "grace@navy.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.question == "Add Navy as a new company?"  # a company the journal never named
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ContactFormScreen)
        grace = demo_store.find_contact("Grace Hopper", "Navy")
        assert grace.email == "grace@navy.example" and not grace.has_my_details

        table = app.screen.query_one("#contacts-pane .rows", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Grace Hopper"
        await pilot.press("m")
        await pilot.pause()
        assert demo_store.get_contact(grace.id).has_my_details

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Computer scientist"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.get_contact(grace.id).title == "Computer scientist"

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactCard)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "0 interviews and 0 follow-ups" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert demo_store.get_contact(grace.id) is None
        assert "Grace Hopper" not in names(app)


async def test_a_card_shows_its_interviews_and_follow_ups_and_deleting_says_what_it_unlinks(demo_store: Store):
    sabine = demo_store.find_contact("Sabine Krüger", "Brightwater Labs")
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        open_contact(app, sabine.id)
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert "Interviews (2)" in texts and "Follow-ups (4)" in texts
        assert any("Brightwater Labs — final" in t for t in texts)
        await pilot.press("delete")
        await pilot.pause()
        assert "2 interviews and 4 follow-ups, which stay" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
    assert demo_store.counts()["followups"] == 29 and demo_store.counts()["interviews"] == 9


async def test_adding_someone_already_known_offers_the_existing_card(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "ana beltrán"
        app.screen.query_one("#company", Input).value = "Lumen Health"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "already has a card" in app.screen.question
        await pilot.press("n")  # use the existing one
        await pilot.pause()
        assert len(demo_store.find_contacts("Ana Beltrán")) == 1


async def test_escape_with_unsaved_changes_asks_first(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n", *"Half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Half typed"
        app.screen.query_one("#has_my_details", Checkbox).value = True
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, ContactFormScreen)


async def test_hostile_names_and_notes_show_as_typed(store: Store):
    card = store.add_contact(hostile_card())
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert names(app) == [card.name]
        open_contact(app, card.id)
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert card.name in texts and card.notes in texts


async def test_import_and_export_from_the_pane(demo_store: Store, tmp_path: Path):
    out = tmp_path / "from-pane.vcf"
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "X")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert len(parse_vcards(out.read_text()).contacts) == 15
        out.write_text(out.read_text() + contacts_to_vcard([Contact(name="New From File", email="n@example.com")]))
        await import_through_the_pane(app, pilot, out)
        assert isinstance(app.screen, VCardReport)
        assert "1 added, 0 updated, 15 already up to date" in dialog_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "New From File" in names(app)
        assert demo_store.counts()["contacts"] == 16


async def import_through_the_pane(app, pilot, path: Path) -> None:
    """`I` on the Contacts pane, the file named, and the reading worker waited for."""
    await pilot.press("I")
    await pilot.pause()
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await report_shown(app, pilot)


async def report_shown(app, pilot) -> None:
    """Wait (a few seconds at most) for the reading worker to hand over to the report."""
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(app.screen, VCardReport):
            return


def dialog_text(app) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_a_hostile_file_from_the_pane_is_reported_in_a_dialog_and_the_app_stays_up(
    demo_store: Store, tmp_path: Path, monkeypatch
):
    hostile = tmp_path / "phone-export.vcf"
    good = contacts_to_vcard([Contact(name="Rosa Díaz", company="Globex", email="rosa@globex.example")])
    hostile.write_bytes(
        good.encode()
        + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Junk Mail\r\nEMAIL:ÑÑÑ\r\nTEL;PREF=²:+1 555 0100\r\nEND:VCARD\r\n".encode()
        + b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=rot13:Caf=E9\r\n"
        + b"NOTE;CHARSET=hex;X-\x00=1:nul\r\nEND:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:No name at all\r\nEND:VCARD\r\n"
    )
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await import_through_the_pane(app, pilot, hostile)
        assert app.is_running and isinstance(app.screen, VCardReport)
        shown = dialog_text(app)
        assert "3 added" in shown and "1 could not be read (skipped)" in shown
        assert "Card 2 (Junk Mail), line 12: 'ÑÑÑ' is not an email address" in shown
        assert "Card 4 (line 20) has no name: add an FN line" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert {"Rosa Díaz", "Junk Mail"} <= set(names(app))
        await import_through_the_pane(app, pilot, tmp_path / "missing.vcf")
        assert isinstance(app.screen, VCardReport) and "Nothing was imported" in dialog_text(app)
        await pilot.press("escape")
        await pilot.pause()
        not_a_card = tmp_path / "photo.jpg"
        not_a_card.write_bytes(b"\xff\xd8\xff\xe0 JFIF")
        await import_through_the_pane(app, pilot, not_a_card)
        assert "This is not a vCard file" in dialog_text(app)
        await pilot.press("escape")
        await pilot.pause()

        def a_reader_bug(*args, **kwargs):
            raise UnicodeError("a case no one foresaw")

        monkeypatch.setattr("followup_tui.services.vcard.parse_vcards", a_reader_bug)
        await import_through_the_pane(app, pilot, hostile)
        assert "The file could not be read: unexpected UnicodeError: a case no one foresaw" in dialog_text(app)
        assert app.is_running


def test_an_import_that_fails_while_writing_leaves_nothing(store: Store, monkeypatch):
    text = contacts_to_vcard([Contact(name=f"Card {n}", email=f"c{n}@example.com") for n in range(5)])
    real_add = store.add_contact
    calls = []

    def fails_on_the_fourth(contact):
        calls.append(contact)
        if len(calls) == 4:
            raise OSError("disk full")
        return real_add(contact)

    monkeypatch.setattr(store, "add_contact", fails_on_the_fourth)
    with pytest.raises(OSError):
        import_vcards(store, text)
    assert store.counts()["contacts"] == 0


async def test_a_debrief_shows_who_still_lacks_details(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")  # Lumen Health, with Kenji and Ruth
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert (
            "Still to swap details: Kenji Watanabe (doesn't have yours); Ruth Abernathy (no email, doesn't have yours)"
        ) in texts


async def test_a_half_typed_card_is_kept_as_a_draft_and_picked_up_again(demo_store: Store):
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n", *"Margaret Hamilton", "tab", *"Director")
        await pilot.pause(0.8)
        assert demo_store.get_draft("contact:new").payload["name"] == "Margaret Hamilton"
        await pilot.press("ctrl+q")  # quitting keeps it too
        await pilot.pause()
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Margaret Hamilton"
        assert app.screen.query_one("#title", Input).value == "Director"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.get_draft("contact:new") is None
        assert demo_store.find_contact("Margaret Hamilton", "") is not None


def test_every_card_has_a_lasting_uid_that_export_and_import_keep(store: Store, tmp_path):
    from followup_tui.services.contacts import save_contact
    from followup_tui.services.vcard import contacts_to_vcard, import_vcards

    ann, _ = save_contact(store, Contact(name="Ann Lee", company="Acme", email="ann@acme.example"))
    assert len(ann.uid) == 36
    edited, _ = save_contact(store, Contact(name="Ann Lee", company="Acme", title="CTO", id=ann.id))
    assert store.get_contact(ann.id).uid == ann.uid, "an edit in the form keeps the UID"
    exported = contacts_to_vcard(store.list_contacts())
    assert f"UID:{ann.uid}" in exported

    renamed = exported.replace("FN:Ann Lee", "FN:Ann Lee-Smith").replace("Lee;Ann", "Lee-Smith;Ann")
    report = import_vcards(store, renamed)
    assert report.updated == ["Ann Lee-Smith"] and not report.added, "the same UID is the same card, renamed"
    assert [c.name for c in store.list_contacts()] == ["Ann Lee-Smith"]

    other = import_vcards(store, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc-123\r\nFN:Bo Chan\r\nEND:VCARD\r\n")
    assert other.added == ["Bo Chan"] and store.find_contact_by_uid("abc-123").name == "Bo Chan"


async def test_a_long_import_counts_the_cards_while_the_app_goes_on(demo_store: Store, tmp_path: Path, monkeypatch):
    import threading

    from followup_tui.services import contacts as contact_service

    file = tmp_path / "big.vcf"
    file.write_text(contacts_to_vcard([Contact(name="Late Card", email="late@example.com")]))
    read_for_real, go_on = contact_service.read_vcard_file, threading.Event()

    def slow_reader(path, progress):
        progress(1200, 5000)
        go_on.wait(10)
        return read_for_real(path, progress)

    monkeypatch.setattr(contact_service, "read_vcard_file", slow_reader)
    app = FollowupApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "I")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(file)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "Reading cards… 1,200 of 5,000" in dialog_text(app), "the screen is drawn while the file is read"
        go_on.set()
        await report_shown(app, pilot)
        assert isinstance(app.screen, VCardReport) and "1 added" in dialog_text(app)


def test_an_import_written_in_steps_writes_nothing_when_stopped_before_the_last(store: Store):
    from followup_tui.services.vcard import PROGRESS_EVERY, writing_cards

    text = contacts_to_vcard([Contact(name=f"Card {n}", email=f"c{n}@example.com") for n in range(PROGRESS_EVERY * 2)])
    report, steps = writing_cards(store, parse_vcards(text))
    assert next(steps) == PROGRESS_EVERY
    steps.close()
    assert store.counts()["contacts"] == 0 and report.problems == []
    report, steps = writing_cards(store, parse_vcards(text))
    assert list(steps) == [PROGRESS_EVERY, PROGRESS_EVERY * 2]
    assert store.counts()["contacts"] == PROGRESS_EVERY * 2 and len(report.added) == PROGRESS_EVERY * 2
