"""Replies from your mailbox: what each message may mean for the journal, proposed, never
written until the user says yes.

The journal (tests/mail_samples.py): a second round at Globex yesterday (Thu 26 Nov is today)
with Dana Reyes and Marcus Lee, their thank-yous planned; open applications at Initech, Acme and
Hooli; Umbrella closed; Ravi Menon, a recruiter with no application.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from followup_tui.domain.kinds import FollowupStatus, Kind, Status
from followup_tui.domain.mail_meaning import DECISION_LEADS, Meaning, first_date
from followup_tui.services import mail_inbox
from followup_tui.services.undo import undo
from followup_tui.store import Store

from .mail_samples import ME, a_search, message, utc, write_maildir, write_mbox

THU = "2026-11-26T08:30:00+00:00"

CONCERNING = [  # (what it is, the message, what it should mean, for which company, the day it names)
    (
        "a reply with a decision day",
        message(
            "Dana Reyes <dana.reyes@globex.com>",
            "Re: Thank you",
            "Thanks again! We hope to decide by Friday.\n\n-- \nDana",
        ),
        Meaning.REPLY,
        "Globex",
        date(2026, 11, 27),
    ),
    (
        "a reply saying next week",
        message(
            "marcus.lee@globex.com",
            "Re: our chat",
            "Great talking. You'll hear from us early next week.\n\nOn Wed, Marcus wrote:\n> by Monday",
        ),
        Meaning.REPLY,
        "Globex",
        date(2026, 11, 30),
    ),
    (
        "a reply with no day",
        message("dana.reyes@globex.com", "Re: portfolio", "Got the link, thanks. I'll share it with the team."),
        Meaning.REPLY,
        "Globex",
        None,
    ),
    (
        "an HTML-only reply from someone with no card, known by the company's domain",
        message(
            "Jane Smith <jane@hooli.com>",
            "Where things stand",
            "<html><body><p>Thanks for your patience.</p><p>We will have an update <b>by 2 Dec</b>.</p>"
            "<script>x()</script></body></html>",
            html=True,
        ),
        Meaning.REPLY,
        "Hooli",
        date(2026, 12, 2),
    ),
    (
        "a reply with an encoded subject and a latin-1 body",
        message(
            "dana.reyes@globex.com",
            "Réponse: références",
            "Merci — nous décidons bientôt. Thanks, on track for a decision before 4 Dec.",
        ),
        Meaning.REPLY,
        "Globex",
        date(2026, 12, 4),
    ),
    (
        "a rejection: not moving forward",
        message(
            "sam.park@initech.io",
            "Your application",
            "Hi, thank you for your time. We have decided not to move forward with your application.",
        ),
        Meaning.REJECTION,
        "Initech",
        None,
    ),
    (
        "a rejection from a no-reply address",
        message(
            "no-reply@hooli.com",
            "Hooli: your application",
            "Thank you for applying. Unfortunately, we will not be moving forward at this time.",
            headers={"Auto-Submitted": "auto-generated"},
        ),
        Meaning.REJECTION,
        "Hooli",
        None,
    ),
    (
        "a rejection: other candidates",
        message(
            "priya@acme-corp.com",
            "Update",
            "After careful consideration we've decided to pursue other candidates"
            " whose experience more closely matches the role.",
        ),
        Meaning.REJECTION,
        "Acme",
        None,
    ),
    (
        "a rejection: regret to inform, curly apostrophe",
        message(
            "talent@initech.io",
            "Engineer role",
            "We regret to inform you that we won\u2019t be progressing your application.",
        ),
        Meaning.REJECTION,
        "Initech",
        None,
    ),
    (
        "a rejection: position filled",
        message(
            "dana.reyes@globex.com",
            "Platform Engineer",
            "I wanted to let you know the role has been filled. Best of luck.",
        ),
        Meaning.REJECTION,
        "Globex",
        None,
    ),
    (
        "an invitation with a day and time",
        message(
            "dana.reyes@globex.com",
            "Final round",
            "We'd like to invite you to a final round on 3 Dec at 2pm with the CTO.",
        ),
        Meaning.INVITATION,
        "Globex",
        date(2026, 12, 3),
    ),
    (
        "an invitation asking for availability",
        message(
            "priya@acme-corp.com",
            "Next steps",
            "Good news! We'd love to schedule a technical interview. What is your availability next week?",
        ),
        Meaning.INVITATION,
        "Acme",
        date(2026, 11, 30),
    ),
    (
        "an invitation from a scheduling robot",
        message(
            "no-reply@hooli.com",
            "Interview",
            "Congratulations, you are moving to the next stage. Please book a slot on Monday.",
            headers={"Auto-Submitted": "auto-generated"},
        ),
        Meaning.INVITATION,
        "Hooli",
        date(2026, 11, 30),
    ),
    (
        "a note from a recruiter with no application",
        message("ravi@recruitco.com", "Catching up", "Hi! How is the search going?"),
        Meaning.CONTACT,
        "",
        None,
    ),
    (
        "a note from someone at a closed application",
        message("olga@umbrella.com", "Coffee?", "Would be good to stay in touch."),
        Meaning.CONTACT,
        "Umbrella",
        None,
    ),
]

SENT = [
    (
        "a thank-you sent to Dana",
        message(ME, "Thank you", "Dear Dana, thank you for yesterday.", to="dana.reyes@globex.com"),
        "Dana Reyes",
    ),
    (
        "a thank-you sent to Marcus",
        message(ME, "Thanks", "Marcus, thanks for the chat.", to="Marcus <marcus.lee@globex.com>"),
        "Marcus Lee",
    ),
]

UNRELATED = [
    (
        "a Globex newsletter",
        message(
            "news@globex.com",
            "Globex monthly",
            "We'd like to invite you to our webinar next week.",
            headers={"List-Unsubscribe": "<mailto:x@globex.com>"},
        ),
    ),
    (
        "an automated acknowledgement",
        message(
            "no-reply@hooli.com",
            "Thank you for applying",
            "We have received your application and will review it.",
            headers={"Auto-Submitted": "auto-generated"},
        ),
    ),
    (
        "an acknowledgement from a jobs address",
        message(
            "jobs@initech.io",
            "Application received",
            "Thanks for your application to Initech! Our team reviews every one.",
        ),
    ),
    (
        "a shop's sale",
        message(
            "deals@shop.example",
            "Final round of savings!",
            "Last chance: we regret to inform you the sale ends by Friday.",
        ),
    ),
    ("a friend on free mail", message("pal@gmail.com", "dinner", "Next round is on me. Monday?")),
    (
        "a network notification",
        message("notifications@linkedin.com", "Dana Reyes viewed your profile", "Invite you to connect."),
    ),
    (
        "a stranger on the company's free-mail lookalike",
        message("globex@gmail.com", "Hello", "We'd like to schedule a call."),
    ),
    (
        "a team address's round-up",
        message("careers@globex.com", "Life at Globex", "Meet the people behind our platform."),
    ),
    (
        "a bulk mail from the company",
        message("careers@globex.com", "Open roles", "See our next round of openings.", headers={"Precedence": "bulk"}),
    ),
    ("a sent message to a friend", message(ME, "Re: dinner", "Sure, Monday.", to="pal@gmail.com")),
]


@pytest.fixture
def search(store: Store) -> Store:
    a_search(store)
    return store


@pytest.fixture
def mailbox_on_disk(tmp_path: Path) -> list[Path]:
    inbox = write_maildir(tmp_path / "Mail" / "INBOX", [m for _, m, *_ in CONCERNING] + [m for _, m in UNRELATED[:-1]])
    sent = write_maildir(tmp_path / "Mail" / "Sent", [m for _, m, _ in SENT] + [UNRELATED[-1][1]])
    return [inbox, sent]


def company(store: Store, proposal) -> str:
    return store.get_opportunity(proposal.opportunity_id).company if proposal.opportunity_id else ""


def test_the_meaning_table_is_right_for_nine_in_ten_of_the_messages_about_the_search_and_wrong_for_no_other(
    search: Store, mailbox_on_disk
):
    subjects = [m["Subject"] for _, m, *_ in CONCERNING + SENT + UNRELATED]
    assert len(set(subjects)) == len(subjects), "each sample is told apart by its subject"
    report = mail_inbox.scan(search, mailbox_on_disk)
    by_subject = {p.subject: p for p in report.proposals}
    right = []
    for what, mail, meaning, at, day in CONCERNING:
        got = by_subject.get(mail["Subject"])
        if got and got.meaning is meaning and company(search, got) == at and got.day == day:
            right.append(what)
    for what, mail, person in SENT:
        got = by_subject.get(mail["Subject"])
        if got and got.meaning is Meaning.SENT and got.person == person:
            right.append(what)
    concerning = len(CONCERNING) + len(SENT)
    assert len(right) / concerning >= 0.9, sorted({w for w, *_ in CONCERNING} | {w for w, *_ in SENT} - set(right))
    wrongly = [what for what, mail in UNRELATED if mail["Subject"] in by_subject]
    assert wrongly == []


def test_each_kind_of_message_is_read_as_the_table_says(search: Store, mailbox_on_disk):
    """Every row of the table, one by one, so a miss names itself."""
    by_subject = {p.subject: p for p in mail_inbox.scan(search, mailbox_on_disk).proposals}
    missed = []
    for what, mail, meaning, at, day in CONCERNING:
        got = by_subject.get(mail["Subject"])
        said = (got.meaning, company(search, got), got.day) if got else None
        if said != (meaning, at, day):
            missed.append((what, said))
    assert missed == []


def test_a_scan_writes_no_record_until_the_user_says_yes(search: Store, mailbox_on_disk):
    before = search.counts(), [(o.opportunity.id, o.opportunity.status) for o in search.list_opportunities()]
    mail_inbox.scan(search, mailbox_on_disk)
    after = search.counts(), [(o.opportunity.id, o.opportunity.status) for o in search.list_opportunities()]
    assert after == before
    assert mail_inbox.count_open(search) == len(CONCERNING) + len(SENT)


def test_a_message_is_never_proposed_twice(search: Store, mailbox_on_disk, tmp_path: Path):
    first = mail_inbox.scan(search, mailbox_on_disk)
    again = mail_inbox.scan(search, mailbox_on_disk)
    copy = write_mbox(tmp_path / "copy.mbox", [m for _, m, *_ in CONCERNING])  # the same mail, elsewhere
    elsewhere = mail_inbox.scan(search, [copy])
    assert first.proposals and again.proposals == [] and elsewhere.proposals == []
    assert again.read == 0  # what was read is remembered, not read again


def test_a_reply_applied_is_recorded_with_its_first_lines_and_decision_day_and_undone_in_one_step(
    search: Store, mailbox_on_disk
):
    report = mail_inbox.scan(search, mailbox_on_disk)
    reply = next(p for p in report.proposals if p.subject == "Re: Thank you")
    assert "reply from Dana Reyes at Globex" in mail_inbox.what_would_change(search, reply)
    before = search.counts()
    done = mail_inbox.apply(search, reply.id)
    replies = [e.followup for e in search.list_followups() if e.followup.kind is Kind.REPLY_RECEIVED]
    assert [(f.decide_by, f.subject) for f in replies] == [
        (date(2026, 11, 27), "Thanks again! We hope to decide by Friday.")
    ]
    assert mail_inbox.count_open(search) == len(CONCERNING) + len(SENT) - 1
    undo(search, done)
    assert search.counts() == before
    assert reply.id in [p.id for p in mail_inbox.open_proposals(search)]  # undone: waiting for y or n again


def test_a_rejection_applied_closes_the_application_and_skips_its_planned_steps(search: Store, mailbox_on_disk):
    report = mail_inbox.scan(search, mailbox_on_disk)
    no = next(p for p in report.proposals if p.subject == "Platform Engineer")
    mail_inbox.apply(search, no.id)
    globex = next(o for o in search.list_opportunities() if o.opportunity.company == "Globex")
    assert globex.opportunity.status is Status.REJECTED
    planned = [f for f in search.followups_of_opportunity(globex.opportunity.id) if f.status is FollowupStatus.PLANNED]
    assert {f.kind for f in planned} <= {Kind.STAY_IN_TOUCH}, "only the keeping-in-touch notes the end plans"


def test_an_invitation_applied_plans_a_next_interview_on_the_day_written(search: Store, mailbox_on_disk):
    report = mail_inbox.scan(search, mailbox_on_disk)
    invite = next(p for p in report.proposals if p.subject == "Final round")
    assert "next interview with Globex on" in mail_inbox.what_would_change(search, invite)
    mail_inbox.apply(search, invite.id)
    nexts = [e.followup for e in search.list_followups() if e.followup.kind is Kind.NEXT_INTERVIEW]
    assert [(f.due_on, f.status) for f in nexts] == [(date(2026, 12, 3), FollowupStatus.PLANNED)]


def test_a_message_in_the_sent_folder_marks_the_planned_thank_you_sent_with_its_text(search: Store, mailbox_on_disk):
    report = mail_inbox.scan(search, mailbox_on_disk)
    sent = next(p for p in report.proposals if p.meaning is Meaning.SENT and p.person == "Dana Reyes")
    thank_you = search.get_followup(sent.followup_id)
    assert thank_you.kind is Kind.THANK_YOU and thank_you.status is FollowupStatus.PLANNED
    done = mail_inbox.apply(search, sent.id)
    marked = search.get_followup(sent.followup_id)
    assert marked.status is FollowupStatus.DONE and "thank you for yesterday" in marked.body
    undo(search, done)
    assert search.get_followup(sent.followup_id).status is FollowupStatus.PLANNED


def test_a_dismissed_proposal_changes_nothing_and_is_not_proposed_again(search: Store, mailbox_on_disk):
    report = mail_inbox.scan(search, mailbox_on_disk)
    before = search.counts()
    mail_inbox.dismiss(search, report.proposals[0].id)
    assert search.counts() == before
    assert report.proposals[0].id not in [p.id for p in mail_inbox.open_proposals(search)]
    with pytest.raises(mail_inbox.ProposalRefused):
        mail_inbox.apply(search, report.proposals[0].id)


@pytest.mark.parametrize(
    "text, day",
    [
        ("We hope to decide by Friday.", date(2026, 11, 27)),
        ("You will hear back by the end of next week", date(2026, 12, 4)),
        ("a decision within two weeks", date(2026, 12, 10)),
        ("we'll be in touch next week", date(2026, 11, 30)),
        ("Can you come in on 3 Dec at 2pm?", date(2026, 12, 3)),
        ("by 12/12", date(2026, 12, 12)),
        ("Thanks for the 3 examples you sent on time", None),
        ("See you at 3", None),
        ("on Monday we met", date(2026, 11, 30)),
    ],
)
def test_a_decision_day_is_read_with_the_apps_own_date_grammar_from_the_day_it_was_sent(text, day):
    assert first_date(text, utc(THU)) == day


def test_in_a_reply_the_day_after_by_is_the_decision_day_even_after_another_day():
    said = "We are meeting on Monday and hope to decide by Friday 4 Dec."
    assert first_date(said, utc(THU), preferred=DECISION_LEADS) == date(2026, 12, 4)
    assert first_date(said, utc(THU)) == date(2026, 11, 30)  # an invitation's day: the first one written


def test_reading_the_mailbox_leaves_every_message_file_as_it_was(search: Store, mailbox_on_disk, tmp_path: Path):
    """Read-only: nothing moved from new/ to cur/, flagged, rewritten or removed."""
    file = write_mbox(tmp_path / "inbox.mbox", [m for _, m, *_ in CONCERNING])
    folders = [*mailbox_on_disk, file]

    def files():
        found = [p for f in folders for p in ([f] if f.is_file() else sorted(f.rglob("*"))) if p.is_file()]
        return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in found}

    before = files()
    mail_inbox.scan(search, folders)
    for proposal in mail_inbox.open_proposals(search):
        try:
            mail_inbox.apply(search, proposal.id)
        except mail_inbox.ProposalRefused:  # a second rejection of the same application
            pass
    assert files() == before


def test_an_mbox_unchanged_is_not_read_again_and_one_that_grew_gives_only_its_new_messages(
    search: Store, tmp_path: Path
):
    import mailbox

    file = write_mbox(tmp_path / "inbox.mbox", [CONCERNING[0][1], CONCERNING[5][1]])
    first = mail_inbox.scan(search, [file])
    unchanged = mail_inbox.scan(search, [file])
    box = mailbox.mbox(file)
    box.add(CONCERNING[10][1])
    box.close()
    grown = mail_inbox.scan(search, [file])
    assert len(first.proposals) == 2 and unchanged.read == 0
    assert [p.subject for p in grown.proposals] == ["Final round"]


def test_a_message_you_sent_from_the_inbox_folder_counts_as_sent(search: Store, tmp_path: Path):
    """mutt's copy of what you sent may sit beside what you received: your own address says so."""
    mine = message(ME, "Thank you, Dana", "Thank you for yesterday.", to="dana.reyes@globex.com")
    report = mail_inbox.scan(search, [write_maildir(tmp_path / "all", [mine])])
    assert [(p.meaning, p.person) for p in report.proposals] == [(Meaning.SENT, "Dana Reyes")]


def test_a_reply_in_the_thread_of_a_saved_message_is_known_from_any_address(search: Store, tmp_path: Path):
    """The .eml the composer saved carries a Message-ID kept on its follow-up; a reply naming it
    (In-Reply-To, References) is for that application and person, even from a personal address."""
    from followup_tui.services import compose

    marcus = next(e.followup for e in search.list_followups() if e.contact_name == "Marcus Lee")
    saved = tmp_path / "thanks.eml"
    sent_id = compose.message_id_of(search, marcus.id)
    compose.save_eml(saved, compose.Message("marcus@globex.com", "Thank you", "Hi Marcus"), message_id=sent_id)
    assert f"Message-ID: {sent_id}" in saved.read_text()
    assert compose.message_id_of(search, marcus.id) == sent_id, "made once, then kept"
    answer = message(
        "marcus.lee.home@fastmail.example",
        "Re: Thank you",
        "Good to meet you. We hope to decide by Friday.",
        headers={"In-Reply-To": sent_id, "References": f"<other@x.example> {sent_id}"},
    )
    stranger = message("marcus.lee.home@fastmail.example", "Lunch?", "Are you free on Friday?")
    report = mail_inbox.scan(search, [write_maildir(tmp_path / "box", [answer, stranger])])
    assert [(p.meaning, p.person) for p in report.proposals] == [(Meaning.REPLY, "Marcus Lee")]


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_a_reply_is_recorded_on_the_day_it_came_where_you_are(search: Store, tmp_path: Path, monkeypatch, zone):
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        late = message("dana.reyes@globex.com", "Re: late", "Thanks!", on="2026-11-25T23:30:00+00:00")
        report = mail_inbox.scan(search, [write_maildir(tmp_path / "box", [late])])
        mail_inbox.apply(search, report.proposals[0].id)
        reply = next(e.followup for e in search.list_followups() if e.followup.kind is Kind.REPLY_RECEIVED)
        expected = {"America/Los_Angeles": date(2026, 11, 25), "Asia/Kolkata": date(2026, 11, 26)}
        assert reply.due_on == expected.get(zone, date(2026, 11, 26))
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


# -- the command line ----------------------------------------------------------------------------


def followup(*args: str, stdin: bytes | None = None):
    from click.testing import CliRunner

    from followup_tui.cli import cli

    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_mail_scan_prints_each_proposal_with_what_would_change_and_changes_nothing(
    search: Store, mailbox_on_disk, db_path: Path
):
    before = search.counts()
    shown = followup("--db", str(db_path), "mail", "scan", *map(str, mailbox_on_disk))
    assert shown.exit_code == 0
    assert "rejection  sam.park@initech.io" in shown.stdout
    assert "→ mark Initech rejected and skip its planned steps" in shown.stdout
    assert "| Thanks again! We hope to decide by Friday." in shown.stdout
    assert search.counts() == before


def test_mail_scan_reads_the_folders_the_mail_paths_setting_names(search: Store, mailbox_on_disk, db_path: Path):
    from followup_tui.services.settings import change

    change(search, "mail.paths", " ".join(map(str, mailbox_on_disk)))
    shown = followup("--db", str(db_path), "mail", "scan")
    assert "→ mark Initech rejected" in shown.stdout


def test_mail_scan_with_no_folders_named_says_how_to_name_them(search: Store, db_path: Path):
    refused = followup("--db", str(db_path), "mail", "scan")
    assert refused.exit_code == 2 and "followup settings mail.paths" in refused.stderr


def test_mail_scan_apply_is_refused_without_yes_and_writes_nothing(search: Store, mailbox_on_disk, db_path: Path):
    before = search.counts()
    refused = followup("--db", str(db_path), "mail", "scan", "--apply", *map(str, mailbox_on_disk))
    assert refused.exit_code == 2 and "add --yes" in refused.stderr
    assert search.counts() == before and mail_inbox.count_open(search) == 0


def test_mail_scan_apply_yes_applies_every_proposal_and_names_those_it_cannot(
    search: Store, mailbox_on_disk, db_path: Path
):
    done = followup("--db", str(db_path), "mail", "scan", "--apply", "--yes", *map(str, mailbox_on_disk))
    assert done.exit_code == 0
    assert "Initech is already marked rejected" in done.stderr  # Initech said no twice: the second is named
    assert mail_inbox.count_open(search) == 1
    statuses = {o.opportunity.company: o.opportunity.status for o in search.list_opportunities()}
    assert statuses["Initech"] is Status.REJECTED and statuses["Acme"] is Status.REJECTED


def test_a_folder_that_is_neither_maildir_nor_mbox_is_named_and_skipped(search: Store, tmp_path: Path, db_path: Path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "notes.txt").write_text("just some notes")
    shown = followup("--db", str(db_path), "mail", "scan", str(tmp_path / "photos"), str(tmp_path / "notes.txt"))
    assert shown.exit_code == 0
    assert f"Skipped {tmp_path / 'photos'}: not a Maildir folder or an mbox file" in shown.stderr
    assert f"Skipped {tmp_path / 'notes.txt'}: not a Maildir folder or an mbox file" in shown.stderr


@pytest.mark.slow
def test_mutts_pipe_message_gives_one_message_to_mail_read(search: Store, db_path: Path):
    """As `macro index,pager \\cf "<pipe-message>followup mail read<enter>"` runs it."""
    from .helpers import run_followup

    raw = CONCERNING[5][1].as_bytes()
    search.close()
    first = run_followup("--db", str(db_path), "mail", "read", input=raw)
    again = run_followup("--db", str(db_path), "mail", "read", input=raw)
    assert first.returncode == 0, first.stderr
    assert "→ mark Initech rejected and skip its planned steps" in first.stdout.decode()
    assert again.stdout.decode().startswith("Already proposed: Your application")


# -- hostile input -------------------------------------------------------------------------------


def test_headers_are_decoded_and_control_characters_never_reach_the_terminal(search: Store, db_path: Path):
    raw = (
        b"From: =?utf-8?b?RGFuYSBSZXllcw==?= <dana.reyes@globex.com>\r\n"
        b"To: me@example.org\r\nMessage-ID: <esc@globex.com>\r\n"
        b"Subject: =?iso-8859-1?q?R=E9union_=1B]52;c;aGk=07?=\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        b"Caf\xe9 \x1b[2Jcleared? \x9b31m We will decide by Friday.\r\n"
    )
    shown = followup("--db", str(db_path), "mail", "read", stdin=raw)
    assert "Réunion" in shown.stdout and "Café" in shown.stdout
    assert not any(ch in shown.stdout for ch in "\x1b\x07\x9b")
    assert "deciding by Fri 27 Nov" in shown.stdout


def test_a_50_mb_message_and_mime_bombs_wide_or_deep_are_skipped_with_a_line(search: Store, tmp_path: Path):
    from email.message import EmailMessage

    box = write_maildir(tmp_path / "box", [])
    huge = b"From: dana.reyes@globex.com\r\nSubject: Big\r\n\r\n" + (b"x" * 999 + b"\n") * 50_000  # 50 MB
    (box / "new" / "1.huge.host").write_bytes(huge)
    deep = [b"From: dana.reyes@globex.com\r\nSubject: Deep\r\nMessage-ID: <deep@globex.com>\r\n"]
    deep += [b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (n, n) for n in range(5000)]
    (box / "new" / "2.deep.host").write_bytes(b"".join(deep) + b"Content-Type: text/plain\r\n\r\nhi\r\n")
    bomb = EmailMessage()
    bomb["From"], bomb["Subject"], bomb["Message-ID"] = "dana.reyes@globex.com", "Bomb", "<bomb@globex.com>"
    bomb.set_content("hi")
    for n in range(300):
        bomb.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=f"{n}.bin")
    fine = message("dana.reyes@globex.com", "Re: fine", "We hope to decide by Friday.")
    write_maildir(box, [bomb, fine])
    report = mail_inbox.scan(search, [box])
    assert [p.subject for p in report.proposals] == ["Re: fine"]
    assert sorted(line.rpartition(": ")[2] for line in report.skipped) == [
        "larger than 2 MB",
        "more than 200 parts",
        "more than 200 parts",
    ]


def test_an_unreadable_message_is_counted_and_skipped_and_the_rest_are_read(search: Store, tmp_path: Path):
    box = write_maildir(tmp_path / "box", [message("dana.reyes@globex.com", "Re: one", "Thanks!")])
    (box / "new" / "1.gone.host").symlink_to(tmp_path / "moved-away")  # listed, but cannot be opened (even by root)
    report = mail_inbox.scan(search, [box])
    assert report.unreadable == 1
    assert [p.subject for p in report.proposals] == ["Re: one"]


def test_an_html_only_message_is_read_as_text_without_its_script_or_markup(search: Store, db_path: Path):
    raw = message(
        "Jane <jane@hooli.com>",
        "Hi",
        "<p>We [bold]liked[/bold] you &amp; will decide <i>next week</i>.</p>"
        "<script>alert(1)</script><style>p{}</style>",
        html=True,
    ).as_bytes()
    shown = followup("--db", str(db_path), "mail", "read", stdin=raw)
    assert "| We [bold]liked[/bold] you & will decide next week." in shown.stdout
    assert "alert" not in shown.stdout and "<p>" not in shown.stdout
