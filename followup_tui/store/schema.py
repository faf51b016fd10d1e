"""The journal's schema, as numbered migrations applied in order when a file opens.

Migrations are forward-only and never edited once released: a change to the
schema is a new function at the end. Each runs in the transaction that records
it in `_sqlite_migrations`, so a failed upgrade leaves the file as it was.

The kinds of follow-up are the domain's (`domain.kinds.Kind`): every door checks a kind against
it before it writes, and since m013 the followups table lists none of its own, so a new kind is
one row in `KIND_FACTS` and no migration.
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database, Migrations

from .versions import MIGRATION_NAMES, MIGRATION_SET

migrations = Migrations(MIGRATION_SET)
KNOWN_MIGRATIONS: list[str] = []
"""Names of every migration registered so far, oldest first."""


def migration(fn):
    """Register `fn` as the next migration; it must be the next name in versions.MIGRATION_NAMES."""
    expected = MIGRATION_NAMES[len(KNOWN_MIGRATIONS)] if len(KNOWN_MIGRATIONS) < len(MIGRATION_NAMES) else None
    if fn.__name__ != expected:
        raise RuntimeError(f"migration {fn.__name__} is not next in versions.MIGRATION_NAMES (expected {expected})")
    KNOWN_MIGRATIONS.append(fn.__name__)
    return migrations()(fn)


_INITIAL_TABLES = [
    """
    CREATE TABLE opportunities (
        id INTEGER PRIMARY KEY,
        company TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN
            ('applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn', 'closed')),
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        applied_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'other' CHECK (stage IN
            ('phone_screen', 'technical', 'onsite', 'final', 'other')),
        format TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        decision_expected_on TEXT,
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_interviews_starts_at ON interviews(starts_at)",
    "CREATE INDEX idx_interviews_opportunity ON interviews(opportunity_id)",
    """
    CREATE TABLE debriefs (
        id INTEGER PRIMARY KEY,
        interview_id INTEGER NOT NULL UNIQUE REFERENCES interviews(id) ON DELETE CASCADE,
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE debrief_answers (
        id INTEGER PRIMARY KEY,
        debrief_id INTEGER NOT NULL REFERENCES debriefs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_key TEXT NOT NULL,
        prompt TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX idx_debrief_answers_debrief ON debrief_answers(debrief_id, position)",
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        profile_url TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        has_my_details INTEGER NOT NULL DEFAULT 0 CHECK (has_my_details IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE interview_contacts (
        interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (interview_id, contact_id)
    )
    """,
    "CREATE INDEX idx_interview_contacts_contact ON interview_contacts(contact_id)",
    """
    CREATE TABLE followups (
        id INTEGER PRIMARY KEY,
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        interview_id INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN
            ('thank_you', 'check_in', 'question', 'reply_received', 'next_interview', 'note')),
        direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
        due_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
        done_at TEXT,
        subject TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_followups_status_due ON followups(status, due_on)",
    "CREATE INDEX idx_followups_opportunity ON followups(opportunity_id)",
    "CREATE INDEX idx_followups_contact ON followups(contact_id)",
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
]


@migration
def m001_initial_schema(db: Database) -> None:
    """The tables of the design: applications, interviews, debriefs, contacts, follow-ups."""
    for statement in _INITIAL_TABLES:
        db.execute(statement)
    db["debrief_answers"].enable_fts(["answer"], create_triggers=True, tokenize="porter unicode61")
    db["contacts"].enable_fts(
        ["name", "title", "company", "email", "notes"], create_triggers=True, tokenize="unicode61"
    )


@migration
def m002_drafts(db: Database) -> None:
    """Autosaved form drafts, so a crash or a closed terminal loses at most a second of typing."""
    db.execute(
        """
        CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


@migration
def m003_more_emails_and_phones(db: Database) -> None:
    """A card can carry several emails and phones; the first of each stays in email / phone."""
    db.execute("ALTER TABLE contacts ADD COLUMN other_emails TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE contacts ADD COLUMN other_phones TEXT NOT NULL DEFAULT '[]'")


@migration
def m004_contacts_by_name(db: Database) -> None:
    """Contacts are listed by name: with this index a filtered page stops reading early."""
    db.execute("CREATE INDEX idx_contacts_name ON contacts(name COLLATE NOCASE, id)")


@migration
def m005_followups_per_application(db: Database) -> None:
    """Each application's next step and last contact, found without scanning every follow-up."""
    db.execute("CREATE INDEX idx_followups_opportunity_status_due ON followups(opportunity_id, status, due_on)")
    db.execute("CREATE INDEX idx_followups_opportunity_status_done ON followups(opportunity_id, status, done_at)")


_OPPORTUNITY_COLUMNS = "id, company, role, status, source, url, notes, applied_on, created_at, updated_at"


@migration
def m006_application_records(db: Database) -> None:
    """An application becomes a record to open and correct: a "saved" status for leads, the job
    description and pay, each status change with its moment; a follow-up gets notes, and a
    reply the day they expect to decide.

    Widening the status check means rebuilding the table; the journal is opened with foreign
    keys off while migrating, so the interviews and follow-ups that point at it stay.
    """
    db.execute(
        """
        CREATE TABLE opportunities_new (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN
                ('saved', 'applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn', 'closed')),
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            applied_on TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            job_description TEXT NOT NULL DEFAULT '',
            pay_advertised TEXT NOT NULL DEFAULT '',
            pay_asked TEXT NOT NULL DEFAULT '',
            pay_offered TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        f"INSERT INTO opportunities_new ({_OPPORTUNITY_COLUMNS}) SELECT {_OPPORTUNITY_COLUMNS} FROM opportunities"
    )
    db.execute("DROP TABLE opportunities")
    db.execute("ALTER TABLE opportunities_new RENAME TO opportunities")
    db.execute("CREATE INDEX idx_opportunities_company ON opportunities(company COLLATE NOCASE, id)")
    db.execute("CREATE INDEX idx_contacts_company ON contacts(company COLLATE NOCASE)")
    db.execute(
        """
        CREATE TABLE status_changes (
            id INTEGER PRIMARY KEY,
            opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_status_changes_opportunity ON status_changes(opportunity_id, changed_at)")
    # What is known of the past: each application reached its present status by its last change.
    db.execute(
        "INSERT INTO status_changes (opportunity_id, status, changed_at)"
        " SELECT id, status, updated_at FROM opportunities ORDER BY id"
    )
    # deleting an interview clears its follow-ups' link to it: found by index, not by a scan
    db.execute("CREATE INDEX idx_followups_interview ON followups(interview_id)")
    db.execute("ALTER TABLE followups ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE followups ADD COLUMN decide_by TEXT")
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the upgrade would break {len(problems)} links between records")


@migration
def m007_contact_uids(db: Database) -> None:
    """Every card gets a UID, kept from an import or made once, so address books (khard,
    vdirsyncer, CardDAV) can tell an updated card from a new one."""
    db.execute("ALTER TABLE contacts ADD COLUMN uid TEXT NOT NULL DEFAULT ''")
    ids = [row[0] for row in db.execute("SELECT id FROM contacts WHERE uid = ''").fetchall()]
    for contact_id in ids:
        db.execute("UPDATE contacts SET uid = ? WHERE id = ?", [str(uuid.uuid4()), contact_id])
    db.execute("CREATE INDEX idx_contacts_uid ON contacts(uid)")


_FOLLOWUP_COLUMNS = (
    "id, opportunity_id, contact_id, interview_id, kind, direction, due_on, status, done_at,"
    " subject, body, created_at, notes, decide_by"
)


@migration
def m008_notes_for_the_whole_search(db: Database) -> None:
    """A note can be about the whole search ("update the CV before Monday"), not one
    application: a follow-up's application becomes optional. Loosening NOT NULL means
    rebuilding the table, with its indexes, while foreign keys are off."""
    db.execute(
        """
        CREATE TABLE followups_new (
            id INTEGER PRIMARY KEY,
            opportunity_id INTEGER REFERENCES opportunities(id) ON DELETE CASCADE,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            interview_id INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('thank_you', 'check_in', 'question', 'reply_received', 'next_interview', 'note')),
            direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
            due_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
            done_at TEXT,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            decide_by TEXT,
            CHECK (opportunity_id IS NOT NULL OR kind = 'note')
        )
        """
    )
    db.execute(f"INSERT INTO followups_new ({_FOLLOWUP_COLUMNS}) SELECT {_FOLLOWUP_COLUMNS} FROM followups")
    db.execute("DROP TABLE followups")
    db.execute("ALTER TABLE followups_new RENAME TO followups")
    for index in (
        "idx_followups_status_due ON followups(status, due_on)",
        "idx_followups_opportunity ON followups(opportunity_id)",
        "idx_followups_contact ON followups(contact_id)",
        "idx_followups_opportunity_status_due ON followups(opportunity_id, status, due_on)",
        "idx_followups_opportunity_status_done ON followups(opportunity_id, status, done_at)",
        "idx_followups_interview ON followups(interview_id)",
        # new: what was closed lately, for the calendar to withdraw, without reading every closed one
        "idx_followups_status_done ON followups(status, done_at)",
    ):
        db.execute(f"CREATE INDEX {index}")
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the upgrade would break {len(problems)} links between records")


@migration
def m009_reminders_sent(db: Database) -> None:
    """Which reminders `followup notify` has sent on which day, so each goes out at most once a
    day however often it runs. Kept on this machine only: no export carries it."""
    db.execute("CREATE TABLE reminders_sent (key TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (key, day))")


@migration
def m010_card_details(db: Database) -> None:
    """What an address book keeps beyond the business card — nickname, birthday, department,
    addresses, more links, each email's and phone's type, and the card's other lines — as one
    JSON object, so an imported card is exported again whole."""
    db.execute("ALTER TABLE contacts ADD COLUMN details TEXT NOT NULL DEFAULT '{}'")


_INTERVIEW_COLUMNS = "id, opportunity_id, starts_at, stage, format, location, decision_expected_on, created_at"


@migration
def m011_stages_the_user_names(db: Database) -> None:
    """An interview's stage is a round the `interview.stages` setting names (recruiter call,
    take-home, panel…), so the table loses its CHECK of five; the one stored under another name
    (`phone_screen`) takes the name the setting gives it. Rebuilt with its indexes while foreign
    keys are off, so the debriefs, people and follow-ups that point at it stay."""
    db.execute(
        """
        CREATE TABLE interviews_new (
            id INTEGER PRIMARY KEY,
            opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            starts_at TEXT NOT NULL,
            stage TEXT NOT NULL DEFAULT 'other' CHECK (stage != ''),
            format TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            decision_expected_on TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(f"INSERT INTO interviews_new ({_INTERVIEW_COLUMNS}) SELECT {_INTERVIEW_COLUMNS} FROM interviews")
    db.execute("UPDATE interviews_new SET stage = 'phone screen' WHERE stage = 'phone_screen'")
    db.execute("DROP TABLE interviews")
    db.execute("ALTER TABLE interviews_new RENAME TO interviews")
    db.execute("CREATE INDEX idx_interviews_starts_at ON interviews(starts_at)")
    db.execute("CREATE INDEX idx_interviews_opportunity ON interviews(opportunity_id)")


_REFRESH_NAMES = """
    DELETE FROM interview_names_fts WHERE rowid IN ({ids});
    INSERT INTO interview_names_fts (rowid, company, role, people)
        SELECT interview_id, company, role, people FROM interview_names WHERE interview_id IN ({ids});
"""
"""Rewrite the names indexed for the interviews `ids` (an SQL list): kept in step by triggers."""

_NAMES_KEPT_IN_STEP = {
    "interview_names_after_interview_added": (
        "AFTER INSERT ON interviews",
        "NEW.id",
    ),
    "interview_names_after_interview_moved": (
        "AFTER UPDATE OF opportunity_id ON interviews",
        "NEW.id",
    ),
    "interview_names_after_interview_deleted": (
        "AFTER DELETE ON interviews",
        "OLD.id",
    ),
    "interview_names_after_application_renamed": (
        "AFTER UPDATE OF company, role ON opportunities",
        "SELECT id FROM interviews WHERE opportunity_id = NEW.id",
    ),
    "interview_names_after_person_added": (
        "AFTER INSERT ON interview_contacts",
        "NEW.interview_id",
    ),
    "interview_names_after_person_removed": (
        "AFTER DELETE ON interview_contacts",
        "OLD.interview_id",
    ),
    "interview_names_after_person_renamed": (
        "AFTER UPDATE OF name ON contacts",
        "SELECT interview_id FROM interview_contacts WHERE contact_id = NEW.id",
    ),
}


@migration
def m012_search_names(db: Database) -> None:
    """Search finds a debrief by its company, its role and the names of the people in the room,
    not only by its answers: a full-text index of those names per interview, filled from the
    journal as it is and kept in step by triggers on every table the names come from.

    The triggers go with their table: a later migration that rebuilds interviews, opportunities,
    contacts or interview_contacts must make them again (`_NAMES_KEPT_IN_STEP`). Names are matched
    as typed, accents folded ("Oyelaran" finds Oyèlárán), without word endings folded.
    """
    db.execute(
        """
        CREATE VIEW interview_names AS
        SELECT i.id AS interview_id, o.company AS company, o.role AS role,
            coalesce((
                SELECT group_concat(name, ', ') FROM (
                    SELECT c.name AS name FROM interview_contacts ic JOIN contacts c ON c.id = ic.contact_id
                    WHERE ic.interview_id = i.id ORDER BY c.name COLLATE NOCASE, c.id
                )
            ), '') AS people
        FROM interviews i JOIN opportunities o ON o.id = i.opportunity_id
        """
    )
    db.execute(
        "CREATE VIRTUAL TABLE interview_names_fts USING fts5("
        "company, role, people, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(
        "INSERT INTO interview_names_fts (rowid, company, role, people)"
        " SELECT interview_id, company, role, people FROM interview_names"
    )
    for name, (when, ids) in _NAMES_KEPT_IN_STEP.items():
        db.conn.execute(f"CREATE TRIGGER {name} {when} BEGIN {_REFRESH_NAMES.format(ids=ids)} END")


@migration
def m013_drafts_of_their_own(db: Database) -> None:
    """A message's subject is the draft's, not the follow-up's line on the Timeline: composing
    never rewrites that line. The table is rebuilt for it, and loses its list of kinds (closing
    the loop and another offer are new ones; the domain's table of kinds is the one list)."""
    db.execute(
        """
        CREATE TABLE followups_new (
            id INTEGER PRIMARY KEY,
            opportunity_id INTEGER REFERENCES opportunities(id) ON DELETE CASCADE,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            interview_id INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
            due_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
            done_at TEXT,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            decide_by TEXT,
            draft_subject TEXT NOT NULL DEFAULT '',
            CHECK (opportunity_id IS NOT NULL OR kind = 'note')
        )
        """
    )
    db.execute(f"INSERT INTO followups_new ({_FOLLOWUP_COLUMNS}) SELECT {_FOLLOWUP_COLUMNS} FROM followups")
    # a draft written before kept its subject on the follow-up: it is the draft's now
    db.execute("UPDATE followups_new SET draft_subject = subject WHERE body != ''")
    db.execute("DROP TABLE followups")
    db.execute("ALTER TABLE followups_new RENAME TO followups")
    for index in (
        "idx_followups_status_due ON followups(status, due_on)",
        "idx_followups_opportunity ON followups(opportunity_id)",
        "idx_followups_contact ON followups(contact_id)",
        "idx_followups_opportunity_status_due ON followups(opportunity_id, status, due_on)",
        "idx_followups_opportunity_status_done ON followups(opportunity_id, status, done_at)",
        "idx_followups_interview ON followups(interview_id)",
        "idx_followups_status_done ON followups(status, done_at)",
        # new: the decision dates replies gave, found without reading an application's history
        "idx_followups_decide_by ON followups(opportunity_id) WHERE decide_by IS NOT NULL",
    ):
        db.execute(f"CREATE INDEX {index}")
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the upgrade would break {len(problems)} links between records")


_LINES_KEPT_IN_STEP = {
    "debrief_lines_after_answer_added": (
        "AFTER INSERT ON debrief_answers",
        "{add}",
    ),
    "debrief_lines_after_answer_changed": (
        "AFTER UPDATE OF answer, question_key ON debrief_answers",
        "DELETE FROM debrief_lines WHERE answer_id = OLD.id; {add}",
    ),
    "debrief_lines_after_answer_removed": (
        "AFTER DELETE ON debrief_answers",
        "DELETE FROM debrief_lines WHERE answer_id = OLD.id;",
    ),
}
_ADD_PENDING_LINE = (
    "INSERT INTO debrief_lines (answer_id, position, question_key, line, folded)"
    " SELECT NEW.id, -1, NEW.question_key, NEW.answer, NULL"
    " WHERE NEW.question_key IN ({keys}) AND NEW.answer != '';"
)


@migration
def m014_question_bank(db: Database) -> None:
    """The prep sheet's question bank: every line of what they asked, what you would do
    differently and what you asked them, each with the key it is grouped by (`domain.prep.folded`),
    so grouping the whole search is one query, not a re-reading of every debrief.

    Triggers keep it in step with whatever writes an answer (the app, an import, an undo, another
    tool): a new or changed answer is put in whole, as a line waiting to be split (position -1, no
    key), and the store splits waiting lines as it saves a debrief or reads the bank.
    """
    from followup_tui.domain.prep import BANK_KEYS, keyed_lines

    db.execute(
        """
        CREATE TABLE debrief_lines (
            answer_id INTEGER NOT NULL REFERENCES debrief_answers(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_key TEXT NOT NULL,
            line TEXT NOT NULL,
            folded TEXT,
            PRIMARY KEY (answer_id, position)
        )
        """
    )
    db.execute("CREATE INDEX idx_debrief_lines_folded ON debrief_lines(question_key, folded, answer_id)")
    db.execute("CREATE INDEX idx_debrief_lines_waiting ON debrief_lines(answer_id) WHERE folded IS NULL")
    marks = ", ".join("?" * len(BANK_KEYS))
    answers = db.execute(
        f"SELECT id, question_key, answer FROM debrief_answers WHERE question_key IN ({marks}) AND answer != ''",
        list(BANK_KEYS),
    ).fetchall()
    db.conn.executemany(
        "INSERT INTO debrief_lines (answer_id, position, question_key, line, folded) VALUES (?, ?, ?, ?, ?)",
        (
            (answer_id, position, key, line, fold)
            for answer_id, key, answer in answers
            for position, (line, fold) in enumerate(keyed_lines(answer))
        ),
    )
    add = _ADD_PENDING_LINE.format(keys=", ".join(f"'{key}'" for key in BANK_KEYS))
    for name, (when, body) in _LINES_KEPT_IN_STEP.items():
        db.conn.execute(f"CREATE TRIGGER {name} {when} BEGIN {body.format(add=add)} END")


@migration
def m015_statuses_of_the_domain(db: Database) -> None:
    """An application may be marked ghosted (they went silent), so the table is rebuilt without
    its list of statuses: the domain's `Status` is the one list, and every door checks against it,
    as m013 did for the kinds of follow-up. Indexes and the search-name triggers go with the old
    table and are made again. Additions and status changes get indexes by day, for the Week
    pane's counts."""
    db.execute(
        """
        CREATE TABLE opportunities_new (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'applied' CHECK (status != ''),
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            applied_on TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            job_description TEXT NOT NULL DEFAULT '',
            pay_advertised TEXT NOT NULL DEFAULT '',
            pay_asked TEXT NOT NULL DEFAULT '',
            pay_offered TEXT NOT NULL DEFAULT ''
        )
        """
    )
    columns = ", ".join(row[1] for row in db.execute("PRAGMA table_info(opportunities)").fetchall())
    db.execute(f"INSERT INTO opportunities_new ({columns}) SELECT {columns} FROM opportunities")
    db.execute("DROP TABLE opportunities")
    # the view and triggers of search names read `opportunities` by name: renamed as it was, they
    # find the new table (the modern rename would check them, and refuse, mid-rebuild)
    db.execute("PRAGMA legacy_alter_table = ON")
    db.execute("ALTER TABLE opportunities_new RENAME TO opportunities")
    db.execute("PRAGMA legacy_alter_table = OFF")
    db.execute("CREATE INDEX idx_opportunities_company ON opportunities(company COLLATE NOCASE, id)")
    # by the day applied, else (applied_on NULL) by the moment recorded: both windows searched
    db.execute("CREATE INDEX idx_opportunities_added ON opportunities(applied_on, created_at)")
    db.execute("CREATE INDEX idx_status_changes_status ON status_changes(status, changed_at)")
    when, ids = _NAMES_KEPT_IN_STEP["interview_names_after_application_renamed"]
    db.conn.execute(
        f"CREATE TRIGGER interview_names_after_application_renamed {when} BEGIN {_REFRESH_NAMES.format(ids=ids)} END"
    )
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the upgrade would break {len(problems)} links between records")


@migration
def m016_answer_ratings(db: Database) -> None:
    """How you rated your answer to each question they asked (strong, ok, weak), kept by the
    interview and the line's grouping key (`domain.prep.folded`): saving the debrief again, with
    its lines reworded or reordered, keeps the ratings of the lines still there."""
    db.execute(
        """
        CREATE TABLE answer_ratings (
            interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            folded TEXT NOT NULL,
            rating TEXT NOT NULL CHECK (rating IN ('strong', 'ok', 'weak')),
            PRIMARY KEY (interview_id, folded)
        )
        """
    )


@migration
def m017_story_bank(db: Database) -> None:
    """The story bank: short STAR stories, tagged (comma-separated), full-text indexed, each
    linked to the questions it answered by the question bank's key (`domain.prep.folded`)."""
    db.execute(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            situation TEXT NOT NULL DEFAULT '',
            task TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT '',
            would_add TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_questions (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question TEXT NOT NULL,
            folded TEXT NOT NULL,
            PRIMARY KEY (story_id, position)
        )
        """
    )
    db.execute("CREATE INDEX idx_story_questions_folded ON story_questions(folded)")
    db["stories"].enable_fts(
        ["title", "situation", "task", "action", "result", "would_add", "tags"],
        create_triggers=True,
        tokenize="porter unicode61",
    )


@migration
def m018_mail_proposals(db: Database) -> None:
    """What the user's mailbox may mean, kept as proposals until the user says yes or no
    (`state`: open, applied, dismissed), one per message (by Message-ID, so none is proposed
    twice); and which messages have been read (`mail_seen`: a Maildir's file names, an mbox's
    size and time), so a second scan reads only what is new."""
    db.execute(
        """
        CREATE TABLE mail_proposals (
            id INTEGER PRIMARY KEY,
            message_key TEXT NOT NULL UNIQUE,
            meaning TEXT NOT NULL,
            opportunity_id INTEGER REFERENCES opportunities(id) ON DELETE CASCADE,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            followup_id INTEGER REFERENCES followups(id) ON DELETE SET NULL,
            person TEXT NOT NULL DEFAULT '',
            day TEXT,
            sender TEXT NOT NULL DEFAULT '',
            sent_at TEXT,
            subject TEXT NOT NULL DEFAULT '',
            first_lines TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'applied', 'dismissed')),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_mail_proposals_open ON mail_proposals(state, id)")
    db.execute("CREATE TABLE mail_seen (source TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (source, key))")


@migration
def m019_message_ids(db: Database) -> None:
    """A message saved as .eml keeps its Message-ID on its follow-up, so a reply in the mailbox
    (its In-Reply-To or References) is known for the message it answers, whatever address it
    comes from."""
    db.execute("ALTER TABLE followups ADD COLUMN message_id TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX idx_followups_message_id ON followups(message_id) WHERE message_id != ''")


@migration
def m020_documents_sent(db: Database) -> None:
    """Which CV and cover letter went with each application: at most one of each, by a name the
    user gives the version, the file's path as typed and its sha256 when attached (empty when it
    could not be read then). Indexed by role and name, for the funnel by CV and for suggesting the
    names used before. And an index of follow-ups by application and kind, so the funnel finds an
    application's first reply in one seek, however long its history."""
    db.execute(
        """
        CREATE TABLE documents_sent (
            id INTEGER PRIMARY KEY,
            opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('cv', 'cover_letter')),
            name TEXT NOT NULL CHECK (name != ''),
            path TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL DEFAULT '',
            attached_at TEXT NOT NULL,
            UNIQUE (opportunity_id, role)
        )
        """
    )
    db.execute("CREATE INDEX idx_documents_sent_name ON documents_sent(role, name)")
    db.execute("CREATE INDEX idx_followups_by_kind ON followups(opportunity_id, kind, status, done_at)")


@migration
def m021_stay_in_touch(db: Database) -> None:
    """Each card's stay-in-touch cadence once a process with them ends: months between notes,
    0 for never, NULL for the `stay_in_touch.months` setting."""
    db.execute("ALTER TABLE contacts ADD COLUMN stay_in_touch_months INTEGER")


@migration
def m022_ids_across_devices(db: Database) -> None:
    """Two machines can share one journal (`followup sync`): this journal gets a random device
    number, and every row the store adds from now on takes an id in that device's range
    (`sync_tables.device_range`), so ids made on two machines at once never collide; rows already
    here keep theirs, so every link holds. Each synced row carries when (`last_changed_at`, ms since
    1970) and where (`last_changed_on`, a device) it last changed, kept by triggers; rows from before
    are stamped 0, "before sync".

    The tables are the ones this journal has as the migration runs, not a fixed list, so tables
    added by earlier migrations are covered whoever wrote them. A later migration that rebuilds a
    synced table must make its two stamp triggers again (`sync_tables.stamp_triggers`).
    """
    import random

    from .sync_tables import MAX_DEVICE, SHARED_IN_M022, synced_tables

    db.execute(
        """
        CREATE TABLE sync_device (
            device INTEGER NOT NULL,
            journal TEXT NOT NULL,
            sent INTEGER NOT NULL DEFAULT 0,
            applying INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    device = random.SystemRandom().randint(1, MAX_DEVICE)
    db.execute("INSERT INTO sync_device (device, journal) VALUES (?, ?)", [device, str(uuid.uuid4())])
    db.execute("CREATE TABLE sync_applied (device INTEGER PRIMARY KEY, seq INTEGER NOT NULL)")
    db.execute(
        """
        CREATE TABLE sync_deleted (
            table_name TEXT NOT NULL,
            row_key TEXT NOT NULL,
            row TEXT NOT NULL,
            PRIMARY KEY (table_name, row_key)
        )
        """
    )
    # rows written since the last sync, by table and primary key (as JSON): a sync reads only these
    db.execute(
        "CREATE TABLE sync_touched (table_name TEXT NOT NULL, row_key TEXT NOT NULL,"
        " PRIMARY KEY (table_name, row_key)) WITHOUT ROWID"
    )
    db.execute(
        """
        CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('two_versions', 'kept', 'refused')),
            table_name TEXT NOT NULL,
            row_key TEXT NOT NULL,
            column_name TEXT NOT NULL DEFAULT '',
            other TEXT NOT NULL DEFAULT ''
        )
        """
    )
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for name in synced_tables(tables, shared=SHARED_IN_M022):
        db.execute(f"ALTER TABLE [{name}] ADD COLUMN last_changed_at INTEGER")
        db.execute(f"ALTER TABLE [{name}] ADD COLUMN last_changed_on INTEGER")
        db.execute(f"UPDATE [{name}] SET last_changed_at = 0, last_changed_on = 0")
        stamp_table(db, name, per_field=False)


@migration
def m023_stamps_per_field(db: Database) -> None:
    """Two machines' changes meet field by field, whatever order their files arrive in: each
    synced row keeps each field's versions (`field_stamps`, `domain.field_stamps`), and each
    machine a clock that only moves forward (`sync_device.clock`) and what it has seen of each
    other (`sync_applied.clock`). Rows already here are one version "before sync" of every field.
    The last id given in each table is kept (`sync_ids`), so an id is never given twice.

    The stamp triggers name each field of their table: a later migration that adds a column to
    a synced table, or rebuilds one, must make them again (`stamp_table`).
    What a sync sets aside stays on each machine (`sync_conflicts` no longer travels: the rows
    carry their versions), so its own stamp columns go."""
    from .sync_tables import FIELD_STAMPS, SHARED_IN_M022, synced_tables

    db.execute("ALTER TABLE sync_device ADD COLUMN clock INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE TABLE sync_ids (table_name TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("ALTER TABLE sync_applied ADD COLUMN clock INTEGER NOT NULL DEFAULT 0")
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    triggers = ("sync_added", "sync_changed", "sync_removed", "stamp_added", "stamp_changed")
    for name in SHARED_IN_M022:
        for trigger in triggers:
            db.execute(f"DROP TRIGGER IF EXISTS [{name}_{trigger}]")
        db.execute(f"ALTER TABLE [{name}] DROP COLUMN last_changed_at")
        db.execute(f"ALTER TABLE [{name}] DROP COLUMN last_changed_on")
        db.execute("DELETE FROM sync_touched WHERE table_name = ?", [name])
    latest: dict[int, int] = {}
    for name in synced_tables(tables):
        for trigger in triggers:
            db.execute(f"DROP TRIGGER IF EXISTS [{name}_{trigger}]")
        db.execute(f"ALTER TABLE [{name}] ADD COLUMN {FIELD_STAMPS} TEXT")
        for device, moment in db.execute(
            f"SELECT last_changed_on, max(last_changed_at) FROM [{name}] GROUP BY last_changed_on"
        ).fetchall():
            if device:
                latest[device] = max(latest.get(device, 0), moment or 0)
        stamp_table(db, name)
    (own,) = db.execute("SELECT device FROM sync_device").fetchone()
    db.execute("UPDATE sync_device SET clock = ?", [max(latest.values(), default=0)])
    for device, moment in latest.items():  # what this journal holds of another machine's, it has seen
        if device != own:
            db.execute("UPDATE sync_applied SET clock = ? WHERE device = ?", [moment, device])


def stamp_table(db: Database, table: str, per_field: bool = True) -> None:
    """Make `table`'s stamp triggers, then make its other triggers again after them.

    SQLite fires the newest trigger first: the search index's triggers must have indexed a
    change before the stamp's own small UPDATE fires them again, or the index is asked to
    forget words it never held (and reports itself malformed)."""
    from followup_tui.domain.sync_rules import FREE_TEXT

    from .sync_tables import stamp_triggers, stamp_triggers_per_row

    others = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY rowid", [table]
    ).fetchall()
    info = db.execute(f"PRAGMA table_info([{table}])").fetchall()
    key = [row[1] for row in sorted((row for row in info if row[5]), key=lambda row: row[5])]
    if per_field:
        columns = [row[1] for row in info]
        free_text = [column for (name, column) in FREE_TEXT if name == table]
        made = stamp_triggers(table, key, columns, free_text)
    else:
        made = stamp_triggers_per_row(table, key)
    for trigger in made:
        db.execute(trigger)
    for name, sql in others:
        db.execute(f"DROP TRIGGER [{name}]")
        db.execute(sql)


@migration
def m024_interviewers_in_order(db: Database) -> None:
    """The people of an interview keep the order the user entered them, the same on every machine:
    `interview_contacts.position` (0 first). Rowids are not the same on two machines, so the order
    is a value of the row, and travels with it.

    Rows already here are numbered so that every machine agrees. Where this journal added the
    interview — its id in this device's range, or from before sync in a journal that has never
    applied another machine's file (the one it began in) — its people are numbered in the order
    they were added here, their rowid, which is the order they were given, as a change of this
    machine's: it travels, and takes the place of the other machines' guess. An interview from
    before sync in a journal that has applied others' files keeps the same numbering unstamped
    (as good a guess as any, until the first journal's arrives). Every other interview is
    numbered by its people's card ids (the order their cards were made, alike on every machine),
    unstamped.

    ALTER TABLE ADD COLUMN keeps the table's triggers, but the stamp triggers name each field
    they version (m023), so they are made again to know the new one."""
    from .sync_tables import DEVICE_BITS

    db.execute("ALTER TABLE interview_contacts ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
    for trigger in ("sync_added", "sync_changed", "sync_removed", "stamp_added", "stamp_changed"):
        db.execute(f"DROP TRIGGER IF EXISTS [interview_contacts_{trigger}]")
    stamp_table(db, "interview_contacts")
    began_here = db.execute("SELECT count(*) FROM sync_applied").fetchone()[0] == 0
    added_here = f"(interview_id >> {DEVICE_BITS}) = (SELECT device FROM sync_device)"
    before_sync = f"(interview_id >> {DEVICE_BITS}) = 0"
    if began_here:
        added_here = f"({added_here} OR {before_sync})"
    earlier = "SELECT count(*) FROM interview_contacts e WHERE e.interview_id = interview_contacts.interview_id"
    by_rowid = f"({earlier} AND e.rowid < interview_contacts.rowid)"
    db.execute("UPDATE sync_device SET applying = 1")
    db.execute(
        f"UPDATE interview_contacts SET position = CASE WHEN {before_sync} THEN {by_rowid}"
        f" ELSE ({earlier} AND e.contact_id < interview_contacts.contact_id) END WHERE NOT {added_here}"
    )
    db.execute("UPDATE sync_device SET applying = 0")
    db.execute(f"UPDATE interview_contacts SET position = {by_rowid} WHERE {added_here}")
