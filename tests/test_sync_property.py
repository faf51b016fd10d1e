"""Whatever two or three machines do, and however the folder delivers their files — shuffled,
twice, late — once every file has reached every machine they hold the same records, each field
with the same versions: no row a machine did not delete is lost, and no free text written on one
machine is dropped unless a machine that had read it wrote over it (a text changed on two
machines at once keeps both, one of them set aside, alike on every machine).

Kept within a minute or two in CI: `max_examples` 12 for two machines and 8 for three, with up to
60 steps each (edits, deletes, status moves, syncs and deliveries), and no per-example deadline
(a sync opens files). `FOLLOWUP_SYNC_EXAMPLES` asks for more, for a longer search by hand.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from followup_tui.domain.kinds import Kind, Status
from followup_tui.domain.models import Followup, Opportunity

from .sync_machines import Machine, settle_all

STATUSES = list(Status)
ACTIONS = ("add", "company", "status", "notes", "job", "delete", "followup", "followup_notes", "sync", "deliver")
ONE_TEXT_A_RECORD = ("add", "notes", "followup", "followup_notes", "sync", "deliver")


def steps_of(actions) -> st.SearchStrategy:
    return st.lists(
        st.tuples(
            st.sampled_from(actions),
            st.integers(0, 2),  # which machine
            st.integers(0, 50),  # which record (modulo what it holds)
            st.integers(0, 50),  # which other machine / status / file
        ),
        min_size=10,
        max_size=60,
    )


class World:
    """The machines, what each wrote, and what each wrote over knowingly."""

    def __init__(self, root: Path, clock, machines: int):
        self.machines = [Machine.made(root, f"m{n}", clock) for n in range(machines)]
        self.tokens = itertools.count()
        self.written: set[str] = set()
        self.overwritten: set[str] = set()
        self.added: set[int] = set()
        self.deleted: set[int] = set()
        self.followups: dict[int, int] = {}  # follow-up → its application
        self._seed()

    def _seed(self) -> None:
        """Three applications, each with a follow-up, that every machine holds before the steps
        begin: so the steps change the same records on several machines at once."""
        with self.machines[0].store() as store:
            for _ in range(3):
                made = store.add_opportunity(Opportunity(company=f"Co {next(self.tokens)}", notes=self.token("note")))
                self.added.add(made.id)
                followup = store.add_followup(
                    Followup(
                        opportunity_id=made.id, kind=Kind.CHECK_IN, due_on=date(2026, 12, 1), notes=self.token("fu")
                    )
                )
                self.followups[followup.id] = made.id
        settle_all(self.machines)

    def token(self, what: str) -> str:
        text = f"{what} {next(self.tokens)}"
        self.written.add(text)
        return text

    def do(self, action: str, who: int, pick: int, other: int) -> None:
        machine = self.machines[who % len(self.machines)]
        if action == "sync":
            machine.sync()
            return
        if action == "deliver":
            self.deliver_one(machine, self.machines[other % len(self.machines)], pick)
            return
        with machine.store() as store:
            held = sorted(row[0] for row in store.conn.execute("SELECT id FROM opportunities"))
            if action == "add" or not held:
                made = store.add_opportunity(Opportunity(company=f"Co {next(self.tokens)}", notes=self.token("note")))
                self.added.add(made.id)
                return
            chosen = store.get_opportunity(held[pick % len(held)])
            if action == "company":
                store.update_opportunity(replace(chosen, company=f"Co {next(self.tokens)}"))
            elif action == "status":
                store.update_opportunity(replace(chosen, status=STATUSES[other % len(STATUSES)]))
            elif action == "notes":
                self.written_over(store, "opportunities", chosen.id, "notes", chosen.notes)
                store.update_opportunity(replace(chosen, notes=self.token("note")))
            elif action == "job":
                self.written_over(store, "opportunities", chosen.id, "job_description", chosen.job_description)
                store.update_opportunity(replace(chosen, job_description=self.token("job")))
            elif action == "delete":
                self.written_over(store, "opportunities", chosen.id, "notes", chosen.notes)
                self.written_over(store, "opportunities", chosen.id, "job_description", chosen.job_description)
                for followup_id, notes in store.conn.execute(
                    "SELECT id, notes FROM followups WHERE opportunity_id = ?", [chosen.id]
                ).fetchall():
                    self.written_over(store, "followups", followup_id, "notes", notes)
                self.deleted.add(chosen.id)
                store.delete_opportunity(chosen.id)
            elif action == "followup":
                made = store.add_followup(
                    Followup(
                        opportunity_id=chosen.id, kind=Kind.CHECK_IN, due_on=date(2026, 12, 1), notes=self.token("fu")
                    )
                )
                self.followups[made.id] = chosen.id
            elif action == "followup_notes":
                found = store.conn.execute("SELECT id FROM followups ORDER BY id").fetchall()
                if found:
                    followup = store.get_followup(found[pick % len(found)][0])
                    self.written_over(store, "followups", followup.id, "notes", followup.notes)
                    store.update_followup(replace(followup, notes=self.token("fu")))

    def written_over(self, store, table: str, row_id: int, column: str, text: str) -> None:
        """A text this machine writes over knowingly: the one it shows, and the versions of it
        it holds set aside (a write here replaces every version this machine has seen)."""
        self.overwritten.add(text)
        self.overwritten.update(
            row[0]
            for row in store.conn.execute(
                "SELECT other FROM sync_conflicts WHERE kind = 'two_versions' AND table_name = ?"
                " AND row_key = json_array(?) AND column_name = ?",
                [table, row_id, column],
            )
        )

    def deliver_one(self, source: Machine, target: Machine, pick: int) -> None:
        """One file from `source`'s view of the folder to `target`'s: any file, in any order,
        again if it was delivered before."""
        if source is target:
            return
        files = sorted(p for p in (source.folder / "outbox").glob("*/*") if not p.name.startswith("."))
        if files:
            chosen = files[pick % len(files)]
            there = target.folder / "outbox" / chosen.parent.name / chosen.name
            there.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(chosen, there)

    def check(self) -> None:
        """Every machine holds the same records, each field with the same versions, and sets
        the same ones aside; none lost that no machine deleted; no text lost that no machine
        wrote over."""
        settle_all(self.machines, rounds=8)
        first, *others = self.machines
        tables, aside = first.tables(), set_aside_on(first)
        for machine in others:
            assert machine.tables() == tables, f"{machine.name} differs from {first.name}"
            assert set_aside_on(machine) == aside, f"{machine.name} sets other versions aside than {first.name}"
        for machine in self.machines:
            self._nothing_lost(machine)

    def _nothing_lost(self, machine: Machine) -> None:
        conn = sqlite3.connect(machine.journal)
        try:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            applications = {row[0] for row in conn.execute("SELECT id FROM opportunities")}
            assert self.added - self.deleted <= applications, "an application no machine deleted is lost"
            followups = {row[0] for row in conn.execute("SELECT id FROM followups")}
            kept_with = {f for f, o in self.followups.items() if o not in self.deleted}
            assert kept_with <= followups, "a follow-up of an application no machine deleted is lost"
            texts = set()
            for sql in (
                "SELECT notes FROM opportunities",
                "SELECT job_description FROM opportunities",
                "SELECT notes FROM followups",
                "SELECT other FROM sync_conflicts WHERE kind = 'two_versions'",
            ):
                texts.update(row[0] for row in conn.execute(sql))
            for (kind,) in conn.execute("SELECT kind FROM sync_conflicts"):
                event(f"a sync set aside: {kind}")
        finally:
            conn.close()
        lost = (self.written - self.overwritten) - texts
        assert not lost, f"texts no machine wrote over are lost on {machine.name}: {sorted(lost)[:5]}"


def set_aside_on(machine: Machine) -> set[tuple]:
    conn = sqlite3.connect(machine.journal)
    try:
        return set(
            conn.execute(
                "SELECT table_name, row_key, column_name, other FROM sync_conflicts WHERE kind = 'two_versions'"
            ).fetchall()
        )
    finally:
        conn.close()


def _run(tmp_path_factory, clock, machines: int, steps) -> None:
    world = World(tmp_path_factory.mktemp("machines"), clock, machines)
    for action in steps:
        world.do(*action)
    world.check()


def runs(examples: int, **more) -> settings:
    examples = int(os.environ.get("FOLLOWUP_SYNC_EXAMPLES", examples))
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], **more
    )


@runs(12)
@given(steps=steps_of(ONE_TEXT_A_RECORD))
@example(steps=[("notes", 0, 0, 0), ("notes", 1, 0, 0), ("followup_notes", 0, 1, 0), ("notes", 1, 1, 0)] * 3)
def test_two_machines_end_with_the_same_records_whatever_the_order_files_arrive_in(tmp_path_factory, clock, steps):
    _run(tmp_path_factory, clock, 2, steps)


@runs(8)
@given(steps=steps_of(ONE_TEXT_A_RECORD))
@example(steps=[("notes", 0, 0, 0), ("notes", 1, 0, 0), ("notes", 2, 0, 0), ("followup_notes", 1, 0, 3)])
def test_three_machines_end_with_the_same_records_whatever_the_order_files_arrive_in(tmp_path_factory, clock, steps):
    _run(tmp_path_factory, clock, 3, steps)


@runs(8)
@given(steps=steps_of(ACTIONS))
@example(steps=[("notes", 0, 0, 0), ("company", 0, 0, 0), ("notes", 1, 0, 0), ("sync", 0, 0, 0), ("sync", 1, 0, 0)])
@example(steps=[("notes", 0, 0, 0), ("delete", 1, 0, 0), ("notes", 2, 0, 0), ("sync", 0, 0, 0), ("sync", 1, 0, 0)])
@example(steps=[("status", 0, 0, 2), ("status", 1, 0, 1), ("sync", 1, 0, 0), ("status", 1, 0, 0), ("deliver", 2, 0, 1)])
def test_any_edits_on_three_machines_end_identical_versions_set_aside_and_all(tmp_path_factory, clock, steps):
    _run(tmp_path_factory, clock, 3, steps)
