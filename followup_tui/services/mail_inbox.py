"""The inbox of proposals: what messages in the user's mailbox may mean, kept until the user
says yes (one undoable change, through the services that make it by hand) or no.

Reading the mailbox writes nothing to the journal's records: only the proposals themselves,
and which messages were read, so none is read or proposed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from followup_tui.domain.clock import local_day
from followup_tui.domain.dates import long_day
from followup_tui.domain.forms import FieldRefused
from followup_tui.domain.kinds import Direction, FollowupStatus, Kind, Status
from followup_tui.domain.mail_meaning import Journal, MailMessage, Meaning, Proposal, proposal_of, read_message
from followup_tui.domain.models import Followup
from followup_tui.store import Store
from followup_tui.store.snapshots import Snapshot

from . import mail
from .settings import setting
from .undo import Undo

PATHS_SETTING = "mail.paths"


class ProposalRefused(FieldRefused):
    """A proposal that cannot be applied as it stands: why, in words."""


@dataclass
class ScanReport:
    """What a scan found: the new proposals, and what it skipped."""

    proposals: list[Proposal] = field(default_factory=list)
    read: int = 0
    skipped: list[str] = field(default_factory=list)
    unreadable: int = 0


def mail_paths(store: Store) -> list[Path]:
    """The folders the `mail.paths` setting names."""
    return list(mail.each_path(str(setting(store, PATHS_SETTING) or "")))


def journal_for_mail(store: Store) -> Journal:
    me = str(setting(store, "me.email") or "")
    return Journal(store.mail_people(), store.mail_applications(), (me,) if me else (), store.mail_threads())


def scan(store: Store, paths: list[Path]) -> ScanReport:
    """Read what is new in these folders and keep a proposal for each message that may be about
    an application; messages read before are not read again."""
    sources = [str(Path(p).expanduser().resolve()) for p in paths]
    journal = journal_for_mail(store)
    found = mail.scan_folders(paths, store.mail_seen(sources), journal.may_concern)
    kept = _propose(store, found.messages, found.read_keys, journal)
    return ScanReport(kept, found.read, found.skipped, found.unreadable)


def read_piped(store: Store, raw: bytes) -> tuple[MailMessage, Proposal | None, bool]:
    """One message from a mail client's pipe: the message, its proposal (None when it means
    nothing for the journal), and whether it was proposed before."""
    message = mail.read_one(raw)
    if store.proposed_keys([message.key]):
        return message, None, True
    kept = _propose(store, [message], {})
    return message, kept[0] if kept else None, False


def _propose(
    store: Store, messages: list[MailMessage], read: dict[str, list[str]], journal: Journal | None = None
) -> list[Proposal]:
    journal = journal or journal_for_mail(store)
    now = store.clock.now()
    day_first = setting(store, "date_order") != "month/day"
    known = store.proposed_keys(m.key for m in messages)
    proposals = []
    for message in messages:
        if message.key in known:
            continue
        known.add(message.key)
        if (proposal := proposal_of(message, read_message(message, journal, now, day_first=day_first))) is not None:
            proposals.append(proposal)
    return store.keep_mail(read, proposals)


def open_proposals(store: Store) -> list[Proposal]:
    return store.open_proposals()


def count_open(store: Store) -> int:
    return store.count_open_proposals()


def what_would_change(store: Store, proposal: Proposal) -> str:
    """The change `y` would make, in words."""
    company = _company(store, proposal)
    today = store.clock.today()
    if proposal.meaning is Meaning.REPLY:
        said = f"record a reply from {proposal.person or proposal.sender} at {company}"
        return said + (f", deciding by {long_day(proposal.day, today)}" if proposal.day else "")
    if proposal.meaning is Meaning.REJECTION:
        return f"mark {company} rejected and skip its planned steps"
    if proposal.meaning is Meaning.INVITATION:
        when = f" on {long_day(proposal.day, today)}" if proposal.day else " (no day written: due today, to set)"
        return f"plan a next interview with {company}{when}"
    if proposal.meaning is Meaning.SENT:
        step = store.get_followup(proposal.followup_id) if proposal.followup_id else None
        what = step.kind.label if step else "message"
        return f"mark the {what} to {proposal.person} sent, with the text kept"
    return f"log a contact with {proposal.person or proposal.sender}" + (f" ({company})" if company else "")


def _company(store: Store, proposal: Proposal) -> str:
    opportunity = store.get_opportunity(proposal.opportunity_id) if proposal.opportunity_id else None
    return opportunity.company if opportunity else ""


def dismiss(store: Store, proposal_id: int) -> None:
    """No: the proposal is put away, and its message never proposed again."""
    store.set_proposal_state(proposal_id, "dismissed")


def apply(store: Store, proposal_id: int) -> Undo:
    """Yes: make the change the proposal describes, as one undoable change."""
    proposal = store.get_proposal(proposal_id)
    if proposal is None or proposal.state != "open":
        raise ProposalRefused("proposal", "that proposal was already applied or dismissed")
    if proposal.meaning is not Meaning.CONTACT and (proposal.opportunity_id is None or not _company(store, proposal)):
        raise ProposalRefused("proposal", "the application it is about was deleted")
    with store.transaction():  # the change and the proposal put away: both, or neither
        undo = _APPLY[proposal.meaning](store, proposal)
        store.set_proposal_state(proposal_id, "applied")
    return replace(undo, also=lambda journal: journal.set_proposal_state(proposal_id, "open"))


@dataclass(frozen=True)
class ReplyForm:
    """A reply proposal as the reply form opens on it (`e`): the step it answers, its fields filled."""

    followup_id: int
    filled: dict[str, str]


def reply_form(store: Store, proposal_id: int) -> ReplyForm | None:
    """The reply form for this proposal, to check or change before saving; None when it is no
    reply, or its application has no step for a reply to answer (then `y` logs it as is)."""
    proposal = store.get_proposal(proposal_id)
    if proposal is None or proposal.meaning is not Meaning.REPLY or proposal.opportunity_id is None:
        return None
    about = _step_about(store, proposal)
    if about is None:
        return None
    card = store.get_contact(proposal.contact_id) if proposal.contact_id else None
    filled = {
        "person": card.name if card else proposal.person,
        "on": _on(store, proposal).isoformat(),
        "said": " ".join(proposal.first_lines.split()),
        "decide_by": proposal.day.isoformat() if proposal.day else "",
    }
    return ReplyForm(about, filled)


def applied_by_hand(store: Store, proposal_id: int, undo: Undo) -> Undo:
    """The proposal put away once its change was made in its form; undoing it opens it again."""
    store.set_proposal_state(proposal_id, "applied")
    return replace(undo, also=lambda journal: journal.set_proposal_state(proposal_id, "open"))


def _on(store: Store, proposal: Proposal):
    today = store.clock.today()
    return min(local_day(proposal.sent_at), today) if proposal.sent_at else today


def _apply_reply(store: Store, proposal: Proposal) -> Undo:
    from .replies import record_reply

    person = ""
    if proposal.contact_id and (card := store.get_contact(proposal.contact_id)):
        person = card.name
    elif proposal.person:
        person = proposal.person
    about = _step_about(store, proposal)
    if about is None:  # nothing planned or done yet: the reply is the application's first step
        return _logged(
            store,
            proposal,
            Kind.REPLY_RECEIVED,
            proposal.first_lines.splitlines()[0][:300]
            if proposal.first_lines
            else f"Reply from {_company(store, proposal)}",
            person,
        )
    return record_reply(store, about, proposal.first_lines, proposal.day, person=person, on=_on(store, proposal))


def _step_about(store: Store, proposal: Proposal) -> int | None:
    """The follow-up a reply answers: the next one planned with that person, else the next one
    planned, else the latest one of the application."""
    planned = store.planned_followups_of_opportunity(proposal.opportunity_id)
    mine = [f for f in planned if f.contact_id == proposal.contact_id and proposal.contact_id]
    every = store.followups_of_opportunity(proposal.opportunity_id)
    chosen = (mine or planned or every[::-1] or [None])[0]
    return chosen.id if chosen else None


def _apply_rejection(store: Store, proposal: Proposal) -> Undo:
    from .applications import change_status, status_change

    change = status_change(store, proposal.opportunity_id, Status.REJECTED)
    if change is None:
        raise ProposalRefused("proposal", f"{_company(store, proposal)} is already marked rejected")
    _, undo = change_status(store, change, skip_planned=True)
    return undo


def _apply_invitation(store: Store, proposal: Proposal) -> Undo:
    from .followups import add_by_names

    person = store.get_contact(proposal.contact_id).name if proposal.contact_id else proposal.person
    undo, _, _ = add_by_names(
        store,
        f"Next interview: {proposal.subject}"[:200] if proposal.subject else "Next interview",
        proposal.day or store.clock.today(),
        _company(store, proposal),
        person,
        Kind.NEXT_INTERVIEW,
        proposal.first_lines,
        new_company=False,
    )
    return undo


def _apply_sent(store: Store, proposal: Proposal) -> Undo:
    from .compose import mark_sent

    with store.transaction():
        before = store.followups_as_they_are([proposal.followup_id])
        done = mark_sent(store, proposal.followup_id, proposal.subject, proposal.body)
        made = [
            f.id
            for f in (done.sent, done.next_step if done.planned_now else None)
            if f and f.id != proposal.followup_id
        ]
        settled = store.settle(Snapshot(before.rows, {"followups": made} if made else {}))
    return Undo("marked sent from your Sent folder", snapshot=settled, select=f"followup-{proposal.followup_id}")


def _apply_contact(store: Store, proposal: Proposal) -> Undo:
    said = f"Heard from {proposal.person or proposal.sender}: {proposal.subject}"[:300]
    return _logged(store, proposal, Kind.NOTE, said)


def _logged(store: Store, proposal: Proposal, kind: Kind, subject: str, person: str = "") -> Undo:
    """A step done on the day the message came: a contact logged, or a first reply."""
    from .followups import card_for

    now = store.clock.now()
    on = _on(store, proposal)
    made: dict[str, list[int]] = {}
    with store.transaction():
        contact_id = proposal.contact_id
        if contact_id is None and person:
            contact_id = card_for(store, person, _company(store, proposal), made)
        step = store.add_followup(
            Followup(
                proposal.opportunity_id,
                kind,
                on,
                Direction.INBOUND,
                FollowupStatus.DONE,
                contact_id,
                done_at=now - timedelta(days=(store.clock.today() - on).days),
                subject=subject,
                body=proposal.first_lines,
                decide_by=proposal.day if kind is Kind.REPLY_RECEIVED else None,
            )
        )
        settled = store.settle(Snapshot(created={**made, "followups": [step.id]}))
    return Undo(
        "reply logged" if kind is Kind.REPLY_RECEIVED else "contact logged",
        snapshot=settled,
        select=f"followup-{step.id}",
    )


_APPLY = {
    Meaning.REPLY: _apply_reply,
    Meaning.REJECTION: _apply_rejection,
    Meaning.INVITATION: _apply_invitation,
    Meaning.SENT: _apply_sent,
    Meaning.CONTACT: _apply_contact,
}


@dataclass(frozen=True)
class ProposalView:
    """One proposal as the inbox shows it: the message, and the change `y` would make."""

    id: int
    meaning: str
    sender: str
    when: str
    subject: str
    first_lines: str
    change: str

    @property
    def who(self) -> str:
        """The sender's name when known, else the address: for a line in a list."""
        return self.sender.partition(" <")[0]


def inbox(store: Store) -> list[ProposalView]:
    """Every open proposal, for the inbox of proposals."""
    today = store.clock.today()
    return [
        ProposalView(
            p.id,
            p.meaning.value,
            f"{p.person} <{p.sender}>" if p.person and p.sender else p.person or p.sender,
            long_day(local_day(p.sent_at), today) if p.sent_at else "undated",
            p.subject or "(no subject)",
            p.first_lines,
            what_would_change(store, p),
        )
        for p in store.open_proposals()
    ]


def inbox_title(count: int) -> str:
    return f"{count} message{'s' * (count != 1)} may be about your applications"
