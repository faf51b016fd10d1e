"""Address books as real programs write them: each file in tests/fixtures/vcards is written in the
style of one client (Outlook 2.1 quoted-printable, Android email-only, Lotus Notes, Gmail, Apple,
vCard 4.0, Latin-1, UTF-16), and every field it holds is read, kept and written back."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.models import Address, Contact
from followup_tui.services.vcard import VCardError, card_text, import_vcards, parse_vcards
from followup_tui.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "vcards"


def card(name: str) -> Contact:
    [only] = parse_vcards((FIXTURES / name).read_bytes()).contacts
    return only


def test_outlook_2_1_with_quoted_printable_soft_breaks_and_a_photo():
    parsed = parse_vcards((FIXTURES / "outlook-2.1-quoted-printable.vcf").read_bytes())
    [chidi] = parsed.contacts
    assert (chidi.name, chidi.title, chidi.company) == ("Chidi Okafor", "Engineering Manager", "Northwind Analytics")
    assert chidi.notes == "Met at the café meetup.\nAsked about the on-call rota and the team's roadmap."
    assert chidi.emails == ["chidi.okafor@northwind.example", "chidi@home.example"], "the PREF one first"
    assert chidi.phones == ["+44 20 7946 0018", "+44 7700 900123"]
    assert chidi.details.phone_types == {"+44 20 7946 0018": ["work"], "+44 7700 900123": ["cell"]}
    assert chidi.details.org_unit == "Data Platform"
    parts = ("", "", "1 Canal Street\nFloor 3", "Manchester", "", "M1 3HE", "United Kingdom")
    assert chidi.details.addresses == [Address(parts, ("work",))]
    assert chidi.details.extra_lines == ["X-MS-OL-DEFAULT-POSTAL-ADDRESS:2"]
    assert parsed.not_kept == {"photo": ["Chidi Okafor"]}, "the photo is named, not silently dropped"


def test_an_android_card_with_only_an_email_is_named_by_it():
    sam = card("android-email-only.vcf")
    assert (sam.name, sam.email, sam.details.email_types) == (
        "sam.ito@fernleaf.example",
        "sam.ito@fernleaf.example",
        {"sam.ito@fernleaf.example": ["home"]},
    )


def test_lotus_notes_profile_line_is_no_obstacle():
    hannah = card("lotus-notes-profile.vcf")
    assert (hannah.name, hannah.company, hannah.title) == ("Hannah Brooks", "Quarry & Co", "Recruiter")
    assert (hannah.email, hannah.phone) == ("hannah.brooks@quarry.example", "+1 312 555 0142")
    assert hannah.details.extra_lines == [], "PROFILE describes the file; it is not kept"


def test_gmail_unescaped_commas_are_read_as_text():
    john = card("gmail-commas.vcf")
    assert (john.name, john.title, john.company) == ("Doe, John", "VP, Sales", "Smith, Jones & Co")
    assert john.notes == "Introduced by Ruth, at the Lumen offsite"
    assert john.details.extra_lines == ["item1.X-ABLABEL:Work", "CATEGORIES:myContacts,Recruiters"]


def test_apple_escaped_urls_nickname_birthday_department_and_address():
    ruth = card("apple-escaped-url.vcf")
    assert ruth.profile_url == "https://www.linkedin.com/in/ruth-abernathy", "no backslash left in http\\://"
    assert ruth.details.urls == ["http://ruth.example/blog"]
    assert (ruth.details.nickname, ruth.details.birthday, ruth.details.org_unit) == (
        "Ru",
        "1985-04-12",
        "Platform Engineering",
    )
    assert ruth.details.addresses[0].text == "12 Harbour St, Chicago, IL, 60601, USA"
    assert ruth.details.addresses[0].types == ("home",)
    assert (ruth.uid, ruth.phone, ruth.details.phone_types) == (
        "6a1b0c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d",
        "+1 (312) 555-0199",
        {"+1 (312) 555-0199": ["cell"]},
    )


def test_vcard_4_tel_uris_and_pref_and_a_group_card_skipped():
    parsed = parse_vcards((FIXTURES / "vcard4-tel-uri-pref.vcf").read_bytes())
    [kenji] = parsed.contacts
    assert parsed.skipped == ["Lumen interview panel (group)"]
    assert kenji.emails == ["kenji.watanabe@lumen.example", "kenji@home.example"], "PREF=1 first"
    assert kenji.phones == ["+1-555-555-5555 ext. 5555", "+1-555-555-0101"], "tel: URIs as people write numbers"
    assert kenji.details.email_types == {"kenji.watanabe@lumen.example": ["work"], "kenji@home.example": ["home"]}
    assert kenji.details.extra_lines == ["IMPP;PREF=1:xmpp:kenji@lumen.example", "GENDER:M"]


def test_latin_1_and_utf_16_files_are_read_by_themselves_or_as_named():
    jurgen = card("latin1.vcf")
    assert (jurgen.name, jurgen.company) == ("Jürgen Müller", "Café Société GmbH")
    assert jurgen.notes == "Spricht gern über Äpfel & Öfen"
    assert parse_vcards((FIXTURES / "latin1.vcf").read_bytes()).encoding == "windows-1252"
    named = parse_vcards((FIXTURES / "latin1.vcf").read_bytes(), "latin-1")
    assert named.contacts[0].name == "Jürgen Müller"
    assert card("utf16-bom.vcf").name == "Zoë Ångström"
    with pytest.raises(VCardError, match="'klingon' is not an encoding"):
        parse_vcards(b"BEGIN:VCARD", "klingon")


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.vcf")))
def test_import_then_export_gives_every_field_and_extra_line_back(fixture: str, store: Store):
    before = parse_vcards((FIXTURES / fixture).read_bytes()).contacts
    import_vcards(store, (FIXTURES / fixture).read_bytes())
    exported = "".join(card_text(contact) for contact in store.list_contacts())
    after = parse_vcards(exported).contacts
    for original, back in zip(before, after, strict=True):
        assert (back.name, back.emails, back.phones, back.company, back.title) == (
            original.name,
            original.emails,
            original.phones,
            original.company,
            original.title,
        )
        assert back.details == original.details
    for line in exported.split("\r\n"):
        assert len(line.encode()) <= 75
    assert len(list(vobject.readComponents(exported))) == len(after), "another parser reads it too"


def test_a_truly_broken_card_names_its_line_and_the_fix_and_nothing_is_imported(store: Store):
    good = (FIXTURES / "lotus-notes-profile.vcf").read_bytes()
    broken = good + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann(at)example.com\r\nEND:VCARD\r\n"
    with pytest.raises(VCardError, match=r"card 2 \(Ann Lee\), line 14: "):
        import_vcards(store, broken)
    assert store.counts()["contacts"] == 0


def test_the_cli_reports_what_it_skipped_and_left_out(db_path: Path):
    runner = CliRunner()
    done = runner.invoke(cli, ["import", "vcard", str(FIXTURES / "vcard4-tel-uri-pref.vcf"), "--db", str(db_path)])
    assert done.exit_code == 0
    assert "1 added, 0 updated, 0 already up to date, 1 skipped (not a person: Lumen interview panel (group))" in (
        done.stdout
    )
    outlook = runner.invoke(
        cli, ["import", "vcard", str(FIXTURES / "outlook-2.1-quoted-printable.vcf"), "--db", str(db_path)]
    )
    assert "Note: not kept: the photo on Chidi Okafor." in outlook.stderr
    latin = runner.invoke(
        cli, ["import", "vcard", str(FIXTURES / "latin1.vcf"), "--encoding", "latin-1", "--db", str(db_path)]
    )
    assert latin.exit_code == 0 and "Note: read as latin-1." in latin.stderr


def test_correcting_an_imported_card_in_the_form_keeps_what_the_form_does_not_show(store: Store):
    from followup_tui.domain.contact_form import ContactForm, check_contact
    from followup_tui.services.contacts import save_contact

    import_vcards(store, (FIXTURES / "apple-escaped-url.vcf").read_bytes())
    [ruth] = store.list_contacts()
    form = ContactForm.of(ruth)
    form.title = "Principal Engineer"
    save_contact(store, check_contact(form, ruth.id))
    [after] = store.list_contacts()
    assert after.title == "Principal Engineer"
    assert (after.details, after.uid) == (ruth.details, ruth.uid), "nickname, birthday, address and the rest stay"


async def test_the_card_shows_what_an_imported_vcard_brought(store: Store):
    from textual.widgets import Static

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.contact_card import ContactCard

    from .helpers import SIZE

    import_vcards(store, (FIXTURES / "apple-escaped-url.vcf").read_bytes())
    [ruth] = store.list_contacts()
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ContactCard(ruth.id))
        await pilot.pause()
        shown = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
    for line in (
        "Staff Engineer at Lumen Health, Platform Engineering",
        "Email    ruth@lumen.example (work)",
        "Phone    +1 (312) 555-0199 (cell)",
        "Link     http://ruth.example/blog",
        "Address  12 Harbour St, Chicago, IL, 60601, USA (home)",
        "Nickname Ru",
        "Birthday Fri 12 Apr 1985",
        "3 more lines from its vCard, kept for the next export.",
    ):
        assert line in shown


def test_kept_lines_that_could_break_the_card_are_not_written_back():
    from followup_tui.domain.models import CardDetails

    odd = CardDetails(extra_lines=["END:VCARD", "item1.BEGIN:VCARD", "no colon", "X-KEPT:yes", "VERSION:2.1"])
    text = card_text(Contact(name="Ann Lee", details=odd))
    assert text.count("END:VCARD") == 1 and "X-KEPT:yes" in text and "no colon" not in text
    assert [c.name for c in parse_vcards(text).contacts] == ["Ann Lee"]
