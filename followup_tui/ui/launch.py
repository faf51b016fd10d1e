"""Opening the app: the journal first, then the first frame, and nothing the first frame does not show.

Both doors into the app come here: `followup` and `followup new` straight from the console script
(without loading click, see `quick.py`), and the same commands through the full command line. The
journal opens over plain sqlite3; what writing needs (sqlite-utils) loads just after the first
frame, while the person reads it.
"""

from __future__ import annotations

import os
import sys


def run_journal_app(db: str | None, *, start_with_debrief: bool = False, debug: bool = False) -> str | None:
    """Run the app on the journal `db` names (else the default one) until the person quits; why it
    could not open or had to stop, in one line, or None. With `debug`, errors keep their traceback."""
    from followup_tui.domain.clock import ClockSettingError, clock_from_setting
    from followup_tui.services.journal import CannotUnlock, StoreError, failure_line, journal_path, open_journal

    try:
        clock = clock_from_setting(os.environ.get("FOLLOWUP_TODAY"))
        first_run = not journal_path(db).expanduser().exists()
        journal = open_journal(db, clock)  # a private journal asks for its passphrase here, before the screen
    except CannotUnlock:
        raise  # said by the caller, with its own exit status (2)
    except (ClockSettingError, StoreError) as error:
        return str(error)
    if problem := no_terminal():  # after the journal's own problems, which say more
        made = journal.path if first_run else None
        journal.close()
        if made is not None:  # made just now, empty: gone again, so the first real run still welcomes
            for path in (made, made.with_name(made.name + "-wal"), made.with_name(made.name + "-shm")):
                path.unlink(missing_ok=True)
        return problem
    try:
        from .app import FollowupApp

        app = FollowupApp(journal, start_with_debrief=start_with_debrief, welcome=first_run, show_tracebacks=debug)
        app.run()
    except Exception as error:  # the last line of defence: one line, unless asked for the traceback
        if debug:
            raise
        return failure_line(error, journal)
    finally:
        journal.close()
    return app.failure


def no_terminal() -> str | None:
    """Why the app cannot run here, when stdin or stdout is not a terminal (a script, a pipe, a
    cron line): it would wait for keys that never come. None in a terminal."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return None
    return (
        "the app needs a terminal, and stdin or stdout here is not one; from a script, "
        "`followup due`, `followup list` or `followup --help` answer without it"
    )
