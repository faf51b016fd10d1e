"""Every test runs on a fixed day, in UTC, against a journal in a temporary folder."""

from __future__ import annotations

import inspect
import os
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

os.environ["TZ"] = "UTC"
time.tzset()

from followup_tui.domain.clock import Clock  # noqa: E402
from followup_tui.services.demo import fill_demo  # noqa: E402
from followup_tui.store import Store  # noqa: E402

FIXED_DAY = "2026-11-26"  # a Thursday


@pytest.fixture(autouse=True)
def private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the real journal or the real date."""
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    monkeypatch.setenv("FOLLOWUP_TODAY", FIXED_DAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("FOLLOWUP_KEY_COMMAND", raising=False)
    # Never the tester's own keyring: a test that wants one sets an in-memory one (tests/keys.py).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


@pytest.fixture(autouse=True)
def no_key_outlives_its_test():
    """Each test unlocks its own private journals: the keys a process keeps are dropped after it."""
    yield
    from followup_tui.store import unlock

    unlock._unlocked.clear()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test of a module marked `both_journals` that uses the journal runs twice: on a plain
    journal and on a private (encrypted) one, unlocked as a cached key unlocks it."""
    if "journal_kind" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_journals"):
        metafunc.parametrize("journal_kind", ["plain", "private"], indirect=True)


@pytest.fixture
def journal_kind(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "plain")


@pytest.fixture
def clock() -> Clock:
    return Clock.fixed(datetime.fromisoformat(f"{FIXED_DAY}T09:00:00+00:00"))


@pytest.fixture
def db_path(tmp_path: Path, journal_kind: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's journal file; a private one has its key file beside it before it is made, its key
    kept by this process (as after an unlock), and FOLLOWUP_KEY_COMMAND set for the programs it starts."""
    path = tmp_path / "journal.db"
    if journal_kind == "private":
        from tests.keys import make_private

        make_private(path, monkeypatch)
    return path


@pytest.fixture
def store(db_path: Path, clock: Clock):
    store = Store.open(db_path, clock)
    yield store
    store.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    fill_demo(store)
    return store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The app driven by a pilot (every async test) and every snapshot is `slow`, so
    `pytest -m "not slow"` is the inner loop: the domain, store, services and CLI in seconds."""
    for item in items:
        function = getattr(item, "function", None)
        if inspect.iscoroutinefunction(function) or "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def fast_tests_start_no_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that runs the real program is `slow`: one that forgets the marker fails here, not in CI time."""
    if request.node.get_closest_marker("slow"):
        return

    def refused(*args, **kwargs):
        raise AssertionError("this test starts a process: mark it @pytest.mark.slow")

    monkeypatch.setattr(subprocess, "Popen", refused)
