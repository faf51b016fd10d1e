"""Real-shaped mail for the mailbox tests and the bench: a journal with people in its processes,
and messages to them and from them, written into Maildir folders and mbox files."""

from __future__ import annotations

import mailbox
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from followup_tui.domain.debrief_form import DebriefForm, check_debrief
from followup_tui.domain.models import Contact, Opportunity, Status
from followup_tui.services import interviews
from followup_tui.services.debriefs import record_debrief
from followup_tui.services.settings import change
from followup_tui.store import Store

ME = "me@example.org"


def message(
    sender: str,
    subject: str,
    body: str,
    *,
    to: str = ME,
    on: str = "2026-11-26T08:30:00+00:00",
    key: str = "",
    html: bool = False,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime.fromisoformat(on))
    mail["Message-ID"] = key or f"<{abs(hash((sender, subject, body))) % 10**12}@mail.test>"
    for name, value in (headers or {}).items():
        mail[name] = value
    if html:
        mail.set_content(body, subtype="html")
    else:
        mail.set_content(body)
    return mail


def a_search(store: Store) -> None:
    """Globex (a second round yesterday with Dana Reyes and Marcus Lee, thank-yous planned),
    Initech (applied; Sam Park's card), Acme (applied; a recruiter's card), Hooli (applied, no
    card: known by its domain), Umbrella (closed), and a recruiter with no application."""
    change(store, "me.email", ME)
    form = DebriefForm(
        company="Globex",
        role="Platform Engineer",
        when="yesterday 10am",
        stage="second round",
        interviewers="Dana Reyes, Marcus Lee",
        answers={"learned": "They are moving billing onto event streams."},
    )
    interview = record_debrief(store, check_debrief(form, store.clock.now()))
    interviews.accept_offer(store, interview.id, interviews.plan_offer(store, interview.id))
    for card in store.contacts_of_opportunity(interview.opportunity_id):
        first, last = card.name.lower().split()
        card.email = f"{first}.{last}@globex.com"
        store.update_contact(card)
    for company in ("Initech", "Acme", "Hooli"):
        store.add_opportunity(Opportunity(company, "Engineer", Status.APPLIED))
    store.add_opportunity(Opportunity("Umbrella", "Engineer", Status.CLOSED))
    store.add_contact(Contact("Sam Park", company="Initech", email="sam.park@initech.io"))
    store.add_contact(Contact("Priya Shah", company="Acme", email="priya@acme-corp.com"))
    store.add_contact(Contact("Ravi Menon", company="RecruitCo", email="ravi@recruitco.com"))
    store.add_contact(Contact("Olga Berg", company="Umbrella", email="olga@umbrella.com"))


def write_maildir(folder: Path, messages) -> Path:
    folder.parent.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(folder, create=True)
    for mail in messages:
        box.add(mail)
    box.close()
    return folder


def write_mbox(file: Path, messages) -> Path:
    box = mailbox.mbox(file, create=True)
    for mail in messages:
        box.add(mail)
    box.close()
    return file


def many_messages(count: int):
    """`count` messages, mostly newsletters and strangers, a few from the search."""
    for n in range(count):
        if n % 50 == 0:
            yield message(
                "dana.reyes@globex.com",
                f"Re: update {n}",
                "Thanks, we will decide by Friday.",
                key=f"<r{n}@globex.com>",
            )
        else:
            yield message(
                f"sender{n}@shop{n % 97}.example",
                f"Offer number {n}",
                "Our best deals this week, in the final round of our sale.\n" * 5,
                key=f"<m{n}@shop.example>",
                headers={"List-Unsubscribe": "<mailto:stop@shop.example>"} if n % 2 else None,
            )


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)
