"""One name rule: a person or a company is found whatever the case, the accents or the spacing
it is typed with — by --contact and --company, the pane filters, suggestions, duplicates and who a
line names — because every one of them compares names through `name_key`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import cli
from followup_tui.domain.models import Contact, Opportunity
from followup_tui.domain.people import name_key, named_in
from followup_tui.services import contacts
from followup_tui.services import followups as actions
from followup_tui.services.applications import applications
from followup_tui.store import Store
from followup_tui.ui.suggest import SuggestNames


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("zoe celik", "Zoë Çelik"),
        ("ZOË  ÇELIK", "Zoë Çelik"),
        ("  Rosa   diaz ", "Rosa Díaz"),
        ("strasse ag", "Straße AG"),
        ("sao paulo labs", "São Paulo Labs"),
    ],
)
def test_names_match_whatever_the_case_accents_or_spaces(typed: str, stored: str):
    assert name_key(typed) == name_key(stored)


def test_different_names_stay_different():
    assert name_key("Zoe Celik") != name_key("Zoey Celik")
    assert name_key("Ana") != name_key("Anna")


@pytest.fixture
def zoe(store: Store) -> Contact:
    store.add_opportunity(Opportunity(company="Société Générale"))
    return store.add_contact(Contact(name="Zoë Çelik", company="Société Générale", email="zoe@sg.example"))


def test_add_finds_the_card_typed_without_accents_and_takes_its_company(zoe: Contact, db_path: Path, store: Store):
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "add", "Send the deck", "--due", "tue", "--contact", "zoe celik"]
    )
    assert result.exit_code == 0, result.output
    added = next(f.followup for f in store.list_followups() if f.followup.subject == "Send the deck")
    assert added.contact_id == zoe.id
    assert len(store.list_contacts()) == 1, "no second card for the same person"


def test_a_company_typed_without_accents_is_the_application_already_there(zoe: Contact, store: Store):
    assert len(actions.new_names(store, "societe generale", "Zoe Celik")) == 0, "nothing new to ask about"
    _, followup, _ = actions.add_by_names(store, "Check in", date(2026, 12, 1), "SOCIETE  GENERALE", "zoe celik")
    assert len(store.list_opportunities()) == 1
    assert followup.contact_id == zoe.id


def test_the_same_person_typed_another_way_is_offered_as_the_card_already_kept(zoe: Contact, store: Store):
    assert contacts.duplicate_of(store, Contact(name="Zoe Celik", company="societe generale")).id == zoe.id


def test_the_contacts_filter_and_the_pipeline_filter_fold_accents(zoe: Contact, store: Store):
    assert [c.name for c in store.list_contacts(matching="celik")] == ["Zoë Çelik"]
    assert [c.name for c in store.list_contacts(matching="SOCIETE")] == ["Zoë Çelik"]
    assert [listing.opportunity.company for listing in applications(store, "societe")] == ["Société Générale"]


def test_a_line_names_a_person_written_without_accents():
    assert named_in("Send Zoe the deck", ["Rosa Díaz", "Zoë Çelik"]) == 1


async def test_a_suggestion_is_offered_for_a_name_typed_without_accents():
    names = SuggestNames(["Zoey Smith", "Zoë Çelik"])
    assert await names.get_suggestion("zoe c") == "Zoë Çelik"
    assert await names.get_suggestion("Zoe ") == "Zoë Çelik", "a space typed is a word ended: not Zoey"
