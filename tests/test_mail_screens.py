"""The inbox of proposals in the app: said on opening, listed from the palette, each message
shown as text beside what would change; `y` applies, `n` dismisses, nothing else writes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from followup_tui.domain.kinds import Status
from followup_tui.services import mail_inbox
from followup_tui.store import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.mail_proposals import MailProposalsDialog

from .helpers import SIZE
from .mail_samples import a_search, message, write_maildir


def proposed(store: Store, tmp_path: Path) -> Store:
    a_search(store)
    box = write_maildir(
        tmp_path / "INBOX",
        [
            message(
                "sam.park@initech.io",
                "Your application",
                "We have decided not to move forward.",
                on="2026-11-25T09:00:00+00:00",
            ),
            message(
                "priya@acme-corp.com",
                "[bold]Next[/] steps",
                "We'd love to schedule a technical interview on 3 Dec.\x1b]0;owned\x07",
                on="2026-11-25T10:00:00+00:00",
            ),
            message("ravi@recruitco.com", "Catching up", "How is the search going?", on="2026-11-26T08:00:00+00:00"),
        ],
    )
    mail_inbox.scan(store, [box])
    return store


def shown_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_the_app_opens_on_the_proposals_when_messages_wait(store: Store, tmp_path: Path):
    app = FollowupApp(proposed(store, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MailProposalsDialog)
        text = shown_text(app)
        assert "3 messages may be about your applications" in text
        assert (
            "From Sam Park <sam.park@initech.io>, Wed 25 Nov" in text and "We have decided not to move forward." in text
        )
        assert "y: mark Initech rejected and skip its planned steps" in text


async def test_y_applies_the_highlighted_proposal_and_n_dismisses_the_next(store: Store, tmp_path: Path):
    app = FollowupApp(proposed(store, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        initech = next(o for o in store.list_opportunities() if o.opportunity.company == "Initech")
        assert initech.opportunity.status is Status.REJECTED
        assert "2 messages may be about your applications" in shown_text(app)
        before = store.counts()
        await pilot.press("n")
        await pilot.pause()
        assert store.counts() == before
        assert [p.subject for p in mail_inbox.open_proposals(store)] == ["Catching up"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MailProposalsDialog)
        assert mail_inbox.count_open(store) == 1  # later: it waits


async def test_a_subject_and_body_are_shown_as_text_never_markup_or_terminal_control(store: Store, tmp_path: Path):
    app = FollowupApp(proposed(store, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        text = shown_text(app)
        assert "Subject: [bold]Next[/] steps" in text
        assert "\x1b" not in text and "\x07" not in text
        listed = app.screen.query_one(OptionList)
        assert "[bold]Next[/] steps" in str(listed.get_option_at_index(1).prompt)


async def test_the_palette_lists_the_proposals_and_says_when_none_wait(store: Store, tmp_path: Path):
    app = FollowupApp(proposed(store, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mail proposals")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MailProposalsDialog)
        assert "3 messages may be about your applications" in shown_text(app)


async def test_a_journal_with_no_proposals_opens_on_the_timeline(store: Store):
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, MailProposalsDialog)


async def test_e_opens_a_reply_in_the_reply_form_filled_from_the_message_to_check_first(store: Store, tmp_path: Path):
    from textual.widgets import Input

    from followup_tui.domain.kinds import Kind
    from followup_tui.ui.reply_dialog import ReplyDialog

    a_search(store)
    reply = message(
        "dana.reyes@globex.com", "Re: Thank you", "Thanks! We hope to decide by Friday.", on="2026-11-26T08:00:00+00:00"
    )
    mail_inbox.scan(store, [write_maildir(tmp_path / "INBOX", [reply])])
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReplyDialog)
        values = {field.id: field.value for field in app.screen.query(Input)}
        assert values == {
            "person": "Dana Reyes",
            "on": "2026-11-26",
            "said": "Thanks! We hope to decide by Friday.",
            "decide_by": "2026-11-27",
        }
        field = app.screen.query_one("#decide_by", Input)
        field.value = "4 Dec"  # they said Friday; the user knows it is next week's
        await pilot.press("ctrl+s")
        await pilot.pause()
        replies = [e.followup for e in store.list_followups() if e.followup.kind is Kind.REPLY_RECEIVED]
        assert [f.decide_by.isoformat() for f in replies] == ["2026-12-04"]
        assert mail_inbox.count_open(store) == 0 and not isinstance(app.screen, MailProposalsDialog)


async def test_e_on_a_change_with_no_form_says_so_and_changes_nothing(store: Store, tmp_path: Path):
    app = FollowupApp(proposed(store, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = store.counts()
        await pilot.press("e")  # the rejection: no form of its own
        await pilot.pause()
        assert isinstance(app.screen, MailProposalsDialog) and store.counts() == before
        assert mail_inbox.count_open(store) == 3
