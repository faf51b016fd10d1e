"""Address books as real programs write them: each file in tests/fixtures/vcards is written in the
style of one client (Outlook 2.1 quoted-printable, Android email-only, Lotus Notes, Gmail, Apple,
vCard 4.0, Latin-1, UTF-16), and every field it holds is read, kept and written back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.models import Address, CardDetails, Contact
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
    by_name = lambda contacts: sorted(contacts, key=lambda contact: contact.name)  # noqa: E731
    for original, back in zip(by_name(before), by_name(after), strict=True):
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


def test_one_junk_email_in_a_phone_export_leaves_that_email_out_and_imports_every_card(store: Store):
    report = import_vcards(store, (FIXTURES / "phone-junk-email.vcf").read_bytes())
    assert sorted(report.added) == ["Ada Okafor", "Bo Lee", "Plumber"]
    assert report.problems == [
        "card 2 (Plumber), line 13: 'ÑÑÑ' is not an email address: An email address must have an @-sign; "
        "imported without it (its line is kept and written back on export)"
    ]
    plumber = store.find_contact("Plumber", "")
    assert (plumber.email, plumber.phone) == ("", "+44 7700 900002")
    assert plumber.details.extra_lines == ["EMAIL;TYPE=HOME:ÑÑÑ"]
    assert "EMAIL;TYPE=HOME:ÑÑÑ\r\n" in card_text(plumber), "the value goes back out with the card"
    with pytest.raises(VCardError) as strict:
        import_vcards(store, (FIXTURES / "phone-junk-email.vcf").read_bytes(), strict=True)
    assert strict.value.problems == report.problems


@pytest.mark.parametrize(
    ("data", "encoding", "said"),
    [
        (b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=rot13:caf=C3=A9", None, "CHARSET='rot13' is not a text encoding"),
        (b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=base64:caf=C3=A9", None, "CHARSET='base64' is not a text encoding"),
        (b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=hex:caf=C3=A9", None, "CHARSET='hex' is not a text encoding"),
        (b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ut\x00f-8:caf=C3=A9", None, "control characters in its parameters"),
        (b"EMAIL;PREF=\xc2\xb2:mia@chen.example", None, None),
        (b"EMAIL;TYPE=\x00work:mia@chen.example", None, "control characters in its parameters"),
    ],
    ids=["charset-rot13", "charset-base64", "charset-hex", "nul-in-charset", "pref-superscript-two", "nul-in-type"],
)
def test_a_hostile_parameter_is_a_report_line_and_the_card_is_imported(store: Store, data: bytes, encoding, said):
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Mia Chen\r\n" + data + b"\r\nEND:VCARD\r\n"
    report = import_vcards(store, card, encoding)
    assert report.added == ["Mia Chen"]
    if said is None:
        assert report.problems == []
    else:
        [problem] = report.problems
        assert problem.startswith("card 1 (Mia Chen), line 4") and said in problem, problem
    mia = store.find_contact("Mia Chen", "")
    assert mia.notes in ("", "café") and mia.email in ("", "mia@chen.example")


def test_hostile_parameters_in_one_card_are_each_named(store: Store):
    report = import_vcards(store, (FIXTURES / "hostile-parameters.vcf").read_bytes())
    assert report.added == ["Mia Chen"] and len(report.problems) == 3
    mia = store.find_contact("Mia Chen", "")
    assert (mia.notes, mia.title, mia.email, mia.phone) == (
        "Met at the café",
        "Recruiter",
        "mia@chen.example",
        "+1 555 0100",
    )


def test_a_lone_surrogate_in_a_name_is_stored_as_a_replacement_character(store: Store):
    report = import_vcards(store, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann \udcff Lee\r\nEND:VCARD\r\n")
    assert report.added == ["Ann \ufffd Lee"]
    assert report.problems == [
        "card 1 (Ann \ufffd Lee), its text held characters that are not text (lone surrogates): each was read as \ufffd"
    ]


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "klingon", "utf\x00-8"])
def test_an_encoding_that_is_not_a_text_encoding_is_one_line_and_nothing_is_read(store: Store, encoding: str):
    with pytest.raises(VCardError, match=r"is not (a text encoding|an encoding this program knows) \(try utf-8"):
        import_vcards(store, (FIXTURES / "latin1.vcf").read_bytes(), encoding)
    assert store.counts()["contacts"] == 0


def test_two_exports_pasted_together_read_each_card_in_its_own_encoding():
    parsed = parse_vcards((FIXTURES / "two-exports-mixed-encoding.vcf").read_bytes())
    jurgen, zoe = parsed.contacts
    assert (jurgen.name, jurgen.company) == ("Jürgen Müller", "Café Société GmbH")
    assert (zoe.name, zoe.company, zoe.notes) == (
        "Zoë Ångström",
        "Sørensen & Co",
        "Met in München – talked about cafés",
    )
    assert (parsed.encoding, parsed.legacy_cards) == ("mixed", ["Jürgen Müller"])


def test_the_report_says_which_cards_were_read_as_windows_1252(store: Store):
    report = import_vcards(store, (FIXTURES / "two-exports-mixed-encoding.vcf").read_bytes())
    assert "read as windows-1252 (not UTF-8, unlike the rest of the file): Jürgen Müller" in report.notes()


def test_a_quote_that_never_closes_keeps_the_email_and_says_so():
    parsed = parse_vcards((FIXTURES / "unbalanced-quote.vcf").read_bytes())
    [tom] = parsed.contacts
    assert (tom.email, tom.details.email_types) == ("tom@hale.example", {"tom@hale.example": ["work"]})
    assert parsed.problems == [
        "card 1 (Tom Hale), line 4 opens a quote in its parameters that never closes: it was read up to its "
        "first ':' (close the quote, e.g. TYPE=\"work\")"
    ]


def test_base64_text_values_are_decoded_in_vcard_3_and_2_1():
    rosa, jurgen = parse_vcards((FIXTURES / "base64-names.vcf").read_bytes()).contacts
    assert (rosa.name, rosa.company) == ("Rosa Díaz", "Globex")
    assert (jurgen.name, jurgen.title) == ("Jürgen Müller", "Recruiter")


def test_an_escaped_backslash_before_a_semicolon_ends_the_component():
    [priya] = parse_vcards((FIXTURES / "escaped-backslash-org.vcf").read_bytes()).contacts
    assert (priya.company, priya.details.org_unit, priya.title) == ("Foo\\", "Platform", "Lead, Data \\ ML")


@pytest.mark.parametrize(
    "value", ["Ends in a backslash \\", "Semi;colon", "Com,ma", "Two\nlines", "\\;\\,\\\\n", "Back\\slash; then, all\n"]
)
def test_escapes_round_trip_through_our_export(value: str):
    contact = Contact(
        name=value.replace("\n", " "),
        company=value.replace("\n", " "),
        title=value.replace("\n", " "),
        notes=value,
        details=CardDetails(org_unit=value.replace("\n", " ")),
    )
    [back] = parse_vcards(card_text(contact)).contacts
    assert (back.name, back.company, back.title, back.notes, back.details.org_unit) == (
        contact.name.strip(),
        " ".join(contact.company.split()),
        " ".join(contact.title.split()),
        contact.notes.strip(),
        contact.details.org_unit.strip(),
    )


def test_another_uid_with_the_same_name_and_company_is_another_person(store: Store):
    from followup_tui.services.vcard import contacts_to_vcard

    rosa = store.add_contact(Contact(name="Rosa Díaz", company="Globex", email="rosa@globex.example", uid="uid-rosa-1"))
    other = Contact(name="Rosa Díaz", company="Globex", email="rdiaz@globex.example", uid="uid-rosa-2")
    report = import_vcards(store, contacts_to_vcard([other]))
    assert report.added == ["Rosa Díaz"] and not report.updated
    assert (
        "Rosa Díaz: possible duplicate of Rosa Díaz at Globex (another UID): kept as a separate card" in report.notes()
    )
    assert sorted(c.email for c in store.find_contacts("Rosa Díaz")) == ["rdiaz@globex.example", "rosa@globex.example"]
    again = import_vcards(store, contacts_to_vcard([replace(rosa, title="Head of Data")]))
    assert again.updated == ["Rosa Díaz"] and not again.added, "the same UID still updates its card"
    assert store.find_contact_by_uid("uid-rosa-1").title == "Head of Data"
    assert store.find_contact_by_uid("uid-rosa-2").title == ""
    no_uid = import_vcards(store, contacts_to_vcard([Contact(name="Rosa Díaz", company="Globex", notes="Runs data")]))
    assert no_uid.updated == ["Rosa Díaz"] and not no_uid.added, "a card without a UID still matches by name"


def test_a_line_with_millions_of_type_values_keeps_a_few_and_says_so():
    from followup_tui.domain.vcard_text import MAX_PARAM_VALUES

    types = ",".join(["WORK", "HOME"] * 500_000)
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL;TYPE={types}:ann@lee.example\r\nEND:VCARD\r\n"
    parsed = parse_vcards(text)
    [ann] = parsed.contacts
    assert ann.details.email_types == {"ann@lee.example": ["work", "home"]}
    assert parsed.problems == [
        "card 1 (Ann Lee), line 4 has 5,000,010 characters of parameters: only the first 8,192 were read",
        f"card 1 (Ann Lee), line 4 has more than {MAX_PARAM_VALUES} TYPE values: "
        f"only the first {MAX_PARAM_VALUES} were read",
    ]
    many = ";".join(f"X-P{n}=v" for n in range(100))
    parsed = parse_vcards(f"BEGIN:VCARD\r\nFN:Bo\r\nX-A;{many}:x\r\nEND:VCARD\r\n")
    assert parsed.problems == ["card 1 (Bo), line 3 has more than 64 parameters: only the first 64 were read"]
    assert parsed.contacts[0].details.extra_lines[0].count(";") == 64


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


# -- any file at all ----------------------------------------------------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FRAGMENTS = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "VERSION:3.0",
        "FN",
        "N",
        "ORG",
        "EMAIL",
        "TEL",
        "NOTE",
        "UID",
        "PHOTO",
        "ADR",
        "KIND:group",
        ";",
        ":",
        ",",
        '"',
        "=",
        "\\",
        "\\\\",
        "\\;",
        "\\n",
        "\r\n",
        "\n",
        "\r",
        " ",
        "\t",
        "=\r\n",
        ";ENCODING=QUOTED-PRINTABLE",
        ";ENCODING=b",
        ";ENCODING=BASE64",
        ";CHARSET=rot13",
        ";CHARSET=utf-8",
        ";CHARSET=hex",
        ";CHARSET=latin1",
        ";TYPE=",
        ";PREF=²",
        ";PREF=1",
        ";QUOTED-PRINTABLE",
        "=C3=A9",
        "=E9",
        "=",
        "QW5u",
        "==",
        "\x00",
        "\udcff",
        "é",
        "Ñ",
        "@",
        "ann@lee.example",
        "item1.",
        "X-A",
    ]
)
VCARDISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join)
ENCODINGS = st.sampled_from([None, None, None, "utf-8", "latin-1", "utf-16", "rot13", "base64", "klingon", "cp1252"])


def _as_bytes(text: str, how: int) -> bytes:
    return [
        lambda: text.encode("utf-8", "surrogatepass"),
        lambda: text.encode("cp1252", "replace"),
        lambda: text.encode("utf-16", "replace"),
    ][how]()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        VCARDISH,
        st.tuples(VCARDISH, st.integers(0, 2)).map(lambda pair: _as_bytes(*pair)),
        st.binary(max_size=300),
        st.lists(st.tuples(VCARDISH, st.integers(0, 1)), max_size=4).map(
            lambda parts: b"".join(b"BEGIN:VCARD\r\n" + _as_bytes(*p) + b"\r\nEND:VCARD\r\n" for p in parts)
        ),
    ),
    encoding=ENCODINGS,
)
def test_any_file_imports_or_says_what_is_wrong_and_never_fails_otherwise(store: Store, data, encoding):
    try:
        report = import_vcards(store, data, encoding)
    except VCardError as error:
        assert str(error) and "\n" not in str(error)
        return
    for line in [report.summary(), *report.problems, *report.notes()]:
        assert line and isinstance(line, str)
    kept = store.list_contacts()
    if kept:  # what the journal keeps, it can write and read again
        assert len(parse_vcards("".join(card_text(contact) for contact in kept)).contacts) == len(kept)


PEOPLE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"), min_size=1, max_size=30
)
LOCAL = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789._+-"), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(PEOPLE_TEXT, PEOPLE_TEXT, st.lists(LOCAL, max_size=3)), min_size=1, max_size=5))
def test_any_contacts_come_back_from_our_export_with_their_names_and_emails(people):
    from followup_tui.domain.contact_form import email_problem

    contacts = []
    for name, company, locals_ in people:
        assume(name.split())
        emails = [
            f"{local}@mail.example" for local in dict.fromkeys(locals_) if not email_problem(f"{local}@mail.example")
        ]
        contacts.append(Contact(name=name, company=company, email=emails[0] if emails else "", other_emails=emails[1:]))
    parsed = parse_vcards("".join(card_text(contact) for contact in contacts))
    assert parsed.problems == []
    assert [(c.name, c.emails) for c in parsed.contacts] == [(" ".join(c.name.split()), c.emails) for c in contacts]
    assert [c.company for c in parsed.contacts] == [" ".join(c.company.split()) for c in contacts]
