"""Which CV and cover letter went where: a name, the path as typed and the file's fingerprint when
attached; a changed file is noticed, a missing one shown as missing, and a name or path passes the
same checks from the dialog and from a JSON restore."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from followup_tui.domain.documents import (
    DocumentChoice,
    DocumentSent,
    DocumentsForm,
    FileProblem,
    FileState,
    check_documents,
)
from followup_tui.domain.forms import FormErrors
from followup_tui.domain.kinds import DocumentRole
from followup_tui.domain.models import Opportunity
from followup_tui.services.documents import (
    CHUNK,
    documents_of,
    files_now,
    fingerprint,
    fingerprints,
    names_for,
    path_for,
    save_documents,
    used_before,
)
from followup_tui.services.portable import JournalFileError, export_json, import_json
from followup_tui.services.records_table import application_rows, as_csv, fields
from followup_tui.services.undo import undo
from followup_tui.store import Store

CV = DocumentRole.CV
LETTER = DocumentRole.COVER_LETTER


def _application(store: Store, company: str = "Globex") -> int:
    return store.add_opportunity(Opportunity(company, "SRE", source="LinkedIn")).id


def _attach(store: Store, opportunity_id: int, *choices: DocumentChoice) -> str:
    said, _ = save_documents(store, opportunity_id, fingerprints(choices, store.documents_of(opportunity_id)))
    return said


@pytest.fixture
def cv_file(tmp_path: Path) -> Path:
    path = tmp_path / "cv" / "backend-v3.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.7 my backend CV")
    return path


# -- the form --------------------------------------------------------------------------------


def test_a_cv_and_a_cover_letter_are_each_a_name_and_a_path_kept_exactly_as_typed():
    form = DocumentsForm(cv_name="  cv-backend-v3 ", cv_path="~/cv/Backend v3 .pdf", letter_name="letter-globex")
    assert check_documents(form) == [
        DocumentChoice(CV, "cv-backend-v3", "~/cv/Backend v3 .pdf"),
        DocumentChoice(LETTER, "letter-globex", ""),
    ]


def test_a_path_with_no_name_is_named_after_its_file():
    assert check_documents(DocumentsForm(cv_path="~/cv/backend-v3.pdf")) == [
        DocumentChoice(CV, "backend-v3", "~/cv/backend-v3.pdf")
    ]


def test_an_empty_form_sends_no_documents():
    assert check_documents(DocumentsForm(cv_path="   ")) == []


@pytest.mark.parametrize(
    "form, field",
    [
        (DocumentsForm(cv_name="cv", cv_path="~/cv\nv3.pdf"), "cv_path"),
        (DocumentsForm(letter_name="letter", letter_path="a\x1b]52;c;x\x07.pdf"), "letter_path"),
        (DocumentsForm(cv_name="x" * 301), "cv_name"),
        (DocumentsForm(cv_name="cv", cv_path="/" + "a" * 5000), "cv_path"),
        (DocumentsForm(letter_name="letter\x1b[31m"), "letter_name"),
    ],
)
def test_a_name_or_path_no_file_could_have_is_refused_beside_its_field(form, field):
    with pytest.raises(FormErrors) as refused:
        check_documents(form)
    assert list(refused.value.errors) == [field]


# -- fingerprints ----------------------------------------------------------------------------


def test_attaching_a_file_keeps_its_sha256_and_a_later_change_is_noticed(store: Store, cv_file: Path):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-backend-v3", str(cv_file)))
    [sent] = documents_of(store, globex)
    assert (sent.name, sent.path, len(sent.sha256)) == ("cv-backend-v3", str(cv_file), 64)
    assert [now.state for now in files_now([sent])] == [FileState.SAME]
    cv_file.write_bytes(b"%PDF-1.7 my backend CV, reworded")
    [now] = files_now([sent])
    assert now.state is FileState.CHANGED
    assert now.told() == f"cv-backend-v3 — {cv_file} — changed since you sent it"


def test_a_path_that_no_longer_exists_is_shown_as_missing_never_an_error(store: Store, cv_file: Path):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-backend-v3", str(cv_file)))
    cv_file.unlink()
    [now] = files_now(documents_of(store, globex))
    assert now.state is FileState.MISSING
    assert now.told().endswith("— missing")


def test_a_path_that_leads_to_a_folder_is_told_as_not_a_file_never_missing(store: Store, cv_file: Path):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-backend-v3", str(cv_file)))
    cv_file.unlink()
    cv_file.mkdir()
    [now] = files_now(documents_of(store, globex))
    assert now.state is FileState.NOT_A_FILE
    assert now.told().endswith("— not a file (a folder or a device)")


def test_a_document_attached_while_missing_is_stored_with_no_fingerprint_and_said_so(store: Store, tmp_path: Path):
    globex = _application(store)
    said = _attach(store, globex, DocumentChoice(CV, "cv-old", str(tmp_path / "gone.pdf")))
    assert said == "Sent with it: cv-old — not fingerprinted: cv-old: missing"
    [sent] = documents_of(store, globex)
    assert sent.sha256 == ""
    (tmp_path / "gone.pdf").write_bytes(b"now it is there")
    assert files_now([sent])[0].state is FileState.UNKNOWN


def test_a_home_relative_path_is_read_from_the_home_folder_and_kept_as_typed(store: Store):
    home = Path(os.environ["HOME"])
    (home / "cv").mkdir(parents=True)
    (home / "cv" / "v3.pdf").write_bytes(b"cv")
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-v3", "~/cv/v3.pdf"))
    [sent] = documents_of(store, globex)
    assert sent.path == "~/cv/v3.pdf" and len(sent.sha256) == 64


def test_a_large_file_is_read_in_chunks_up_to_a_cap_and_named_too_large(tmp_path: Path):
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * (3 * CHUNK + 1))
    assert fingerprint(str(big), most_bytes=4 * CHUNK).problem is None
    refused = fingerprint(str(big), most_bytes=2 * CHUNK)
    assert (refused.problem, refused.told) == (FileProblem.TOO_LARGE, "too large to fingerprint (over 2 MiB)")


def test_a_folder_or_a_device_is_never_opened(tmp_path: Path):
    assert fingerprint(str(tmp_path)).problem is FileProblem.NOT_A_FILE
    assert fingerprint("/dev/zero").problem is FileProblem.NOT_A_FILE


def test_an_unreadable_file_is_said_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"cv")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads every file: the refusal a user would meet, as the system gives it

        def refused(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("followup_tui.services.documents.open", refused, raising=False)
    found = fingerprint(str(locked))
    assert found.problem is FileProblem.UNREADABLE and "permission" in found.told


def test_saving_the_same_document_again_keeps_the_fingerprint_of_the_file_sent(store: Store, cv_file: Path):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-backend-v3", str(cv_file)))
    [first] = documents_of(store, globex)
    cv_file.write_bytes(b"changed after sending")
    _attach(store, globex, DocumentChoice(CV, "cv-backend-v3", str(cv_file)), DocumentChoice(LETTER, "letter-1", ""))
    cv, letter = documents_of(store, globex)
    assert (cv.id, cv.sha256) == (first.id, first.sha256)
    assert files_now([cv])[0].state is FileState.CHANGED
    assert (letter.role, letter.name) == (LETTER, "letter-1")


def test_setting_the_documents_is_one_undo(store: Store, cv_file: Path):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-v2", ""))
    _, taken = save_documents(store, globex, fingerprints([DocumentChoice(CV, "cv-v3", str(cv_file))], []))
    assert [d.name for d in documents_of(store, globex)] == ["cv-v3"]
    undo(store, taken)
    assert [d.name for d in documents_of(store, globex)] == ["cv-v2"]


def test_deleting_an_application_takes_its_documents_and_undo_brings_them_back(store: Store):
    from followup_tui.services.applications import delete_application

    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-v2", ""))
    taken = delete_application(store, globex)
    assert documents_of(store, globex) == []
    undo(store, taken)
    assert [d.name for d in documents_of(store, globex)] == ["cv-v2"]


# -- suggestions -----------------------------------------------------------------------------


def test_the_versions_used_before_are_suggested_the_latest_first_with_the_path_last_sent(store: Store):
    first, second = _application(store, "Globex"), _application(store, "Initech")
    _attach(store, first, DocumentChoice(CV, "cv-v2", "~/cv/v2.pdf"), DocumentChoice(LETTER, "letter-a", ""))
    store.clock = type(store.clock).fixed(store.clock.now().replace(hour=10))
    _attach(store, second, DocumentChoice(CV, "cv-v3", "~/cv/v3.pdf"))
    used = used_before(store)
    assert names_for(used, CV) == ["cv-v3", "cv-v2", "letter-a"]
    assert names_for(used, LETTER) == ["letter-a", "cv-v3", "cv-v2"]
    assert path_for(used, "cv-v2") == "~/cv/v2.pdf"


# -- exports ---------------------------------------------------------------------------------


def test_the_csv_of_applications_names_the_cv_and_letter_sent_spreadsheet_safe(store: Store):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "=HYPERLINK(1)", "~/cv/v3.pdf"), DocumentChoice(LETTER, "letter-a", ""))
    text = as_csv(application_rows(store), fields(store, "applications"))
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["cv"], row["cv_path"], row["cover_letter"], row["cover_letter_path"]) == (
        "'=HYPERLINK(1)",
        "~/cv/v3.pdf",
        "letter-a",
        "",
    )


def test_the_json_export_carries_the_documents_and_a_restore_reads_them_back(store: Store, tmp_path, clock):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-v3", "~/cv/v3.pdf"))
    text = export_json(store)
    assert json.loads(text)["tables"]["documents_sent"][0]["name"] == "cv-v3"
    restored = Store.open(tmp_path / "restored.db", clock)
    try:
        assert import_json(restored, text).summary() == "1 opportunity, 1 status change, 1 document sent"
        [back] = restored.documents_of(globex)
        assert (back.name, back.path) == ("cv-v3", "~/cv/v3.pdf")
    finally:
        restored.close()


@pytest.mark.parametrize(
    "change, words",
    [
        ({"name": ""}, "name should name the version"),
        ({"name": "cv\nv3"}, "name should be on one line"),
        ({"path": "~/cv\x1b[2J.pdf"}, "path holds a line break or control character"),
        ({"sha256": "abc"}, "sha256 should be 64 hex digits"),
        ({"role": "portfolio"}, "role should be one of cv, cover_letter"),
    ],
)
def test_a_restore_refuses_a_bad_document_naming_its_row_and_field(store: Store, tmp_path, clock, change, words):
    globex = _application(store)
    _attach(store, globex, DocumentChoice(CV, "cv-v3", "~/cv/v3.pdf"))
    document = json.loads(export_json(store))
    document["tables"]["documents_sent"][0].update(change)
    restored = Store.open(tmp_path / "restored.db", clock)
    try:
        with pytest.raises(JournalFileError, match=f"documents_sent row 1 \\(id \\d+\\): {words}"):
            import_json(restored, json.dumps(document))
        assert not restored.holds_anything()
    finally:
        restored.close()


def test_a_document_stored_by_any_door_passes_the_dialogs_checks(store: Store):
    from followup_tui.domain.values import ValueRefused

    globex = _application(store)
    with pytest.raises(ValueRefused, match="document name should be on one line"):
        store.set_documents(globex, [DocumentSent(globex, CV, "cv\nv3")])
    assert documents_of(store, globex) == []


# -- on the application's card ---------------------------------------------------------------


def _shown(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def test_f_on_the_card_notes_the_cv_sent_and_the_card_tells_a_changed_or_missing_file(store: Store, cv_file):
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.application_view import ApplicationView
    from followup_tui.ui.documents_dialog import DocumentsDialog

    from .helpers import SIZE

    globex = _application(store)
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ApplicationView(globex))
        await pilot.pause()
        assert "No CV or cover letter noted yet: f says which went." in _shown(app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)
        await _type(pilot, "cv-backend-v3")
        await pilot.press("tab")
        await _type(pilot, str(cv_file))
        await pilot.press("ctrl+s")
        for _ in range(20):  # the file is read off the screen's thread
            await pilot.pause(0.05)
            if isinstance(app.screen, ApplicationView) and "unchanged since" in _shown(app):
                break
        assert f"cv-backend-v3 — {cv_file} — unchanged since you sent it" in _shown(app)
        [sent] = documents_of(store, globex)
        assert sent.path == str(cv_file) and len(sent.sha256) == 64

        cv_file.write_bytes(b"reworded since")
        app.screen.refresh_record()
        await pilot.pause(0.3)
        assert "changed since you sent it" in _shown(app)
        cv_file.unlink()
        app.screen.refresh_record()
        await pilot.pause(0.3)
        assert f"cv-backend-v3 — {cv_file} — missing" in _shown(app)


async def test_a_version_sent_before_is_suggested_and_tab_brings_its_path(store: Store):
    from textual.widgets import Input

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.application_view import ApplicationView

    from .helpers import SIZE

    first, second = _application(store, "Globex"), _application(store, "Initech")
    _attach(store, first, DocumentChoice(CV, "cv-backend-v3", "~/cv/backend-v3.pdf"))
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ApplicationView(second))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await _type(pilot, "cv-b")
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one("#cv_name", Input).value == "cv-backend-v3"
        assert app.screen.query_one("#cv_path", Input).value == "~/cv/backend-v3.pdf"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert [(d.name, d.path) for d in documents_of(store, second)] == [("cv-backend-v3", "~/cv/backend-v3.pdf")]


async def test_a_name_refused_in_the_dialog_is_said_beside_it_and_nothing_is_written(store: Store):
    from textual.widgets import Label

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.application_view import ApplicationView
    from followup_tui.ui.documents_dialog import DocumentsDialog

    from .helpers import SIZE

    globex = _application(store)
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ApplicationView(globex))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#cv_name").value = "x" * 301
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)
        error = app.screen.query_one("#cv_name-error", Label)
        assert error.display and "at most 300" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
    assert documents_of(store, globex) == []


def test_a_journal_from_the_release_before_opens_with_its_applications_and_room_for_documents(db_path, clock):
    import sqlite3 as sqlite

    from sqlite_utils import Database

    from followup_tui.store.schema import migrations

    old = Database(sqlite.connect(db_path))
    migrations.apply(old, stop_before="m020_documents_sent")  # as the release before left it
    stamp = "2026-11-01T09:00:00+00:00"
    old["opportunities"].insert({"id": 7, "company": "Globex", "created_at": stamp, "updated_at": stamp})
    old.close()
    store = Store.open(db_path, clock)
    try:
        assert store.get_opportunity(7).company == "Globex"
        assert documents_of(store, 7) == []
        _attach(store, 7, DocumentChoice(CV, "cv-v3", ""))
        assert [d.name for d in documents_of(store, 7)] == ["cv-v3"]
    finally:
        store.close()


async def test_the_card_tells_the_file_after_every_save_never_left_checking(store: Store, cv_file):
    """Saved again and again, the card's line ends in what the file is, never in "checking the
    file…" (the answer once came back to the lines being taken down)."""
    from textual.widgets import Input

    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.application_view import ApplicationView

    from .helpers import SIZE

    globex = _application(store)
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ApplicationView(globex))
        await pilot.pause()
        for round in range(6):
            await pilot.press("f")
            await pilot.pause()
            app.screen.query_one("#cv_name", Input).value = f"cv-backend-v{round}"
            app.screen.query_one("#cv_path", Input).value = str(cv_file)
            await pilot.press("ctrl+s")
            for _ in range(40):
                await pilot.pause(0.05)
                if isinstance(app.screen, ApplicationView) and "unchanged since" in _shown(app):
                    break
            assert f"cv-backend-v{round} — {cv_file} — unchanged since you sent it" in _shown(app)
            assert "checking the file" not in _shown(app)
