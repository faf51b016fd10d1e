"""Write an SVG of each pane, from demo data on a fixed day, into screenshots/.

    python scripts/screenshots.py

The day is 2026-11-26 and the zone UTC, so the pictures only change when the app does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()

from followup_tui.domain.clock import clock_from_setting  # noqa: E402
from followup_tui.services.demo import fill_demo  # noqa: E402
from followup_tui.services.vcard import import_vcards  # noqa: E402
from followup_tui.store import Store  # noqa: E402
from followup_tui.ui.app import FollowupApp  # noqa: E402

FIXED_DAY = "2026-11-26"
SIZE = (120, 36)
OUT = Path(__file__).resolve().parent.parent / "screenshots"
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "vcards"

PUSHY_CHECK_IN = ["enter" if c == "\n" else c for c in "Hi Sam,\n\nJust checking in: any update on the role?\n\nAlex"]

SHOTS = [
    ("timeline.svg", ["1"]),
    ("timeline-guard.svg", ["1", "down", "down", "down", "down", "down"]),
    ("debriefs.svg", ["2"]),
    ("contacts.svg", ["3"]),
    ("pipeline.svg", ["4"]),
    ("application.svg", ["4", "down", "down", "down", "down", "down", "enter"]),
    ("reply.svg", ["1", "i", *"Sam says the referral is in", "tab", *"4 Dec"]),
    ("followup-edit.svg", ["1", "down", "down", "down", "e"]),
    ("help.svg", ["1", "question_mark"]),
    ("debrief-search.svg", ["2", "slash", *"on-call"]),
    ("debrief-read.svg", ["2", "enter"]),
    ("contact-card.svg", ["3", "down", "down", "down", "down", "down", "enter"]),
    ("contacts-filter.svg", ["3", "slash", *"lumen"]),
    ("insights.svg", ["4", "v"]),
    ("composer.svg", ["1", "c", "f7", "backspace", *PUSHY_CHECK_IN]),
    ("settings.svg", ["ctrl+p", *"Settings", "enter"]),
    (
        "debrief-new.svg",
        [
            "ctrl+n",
            *"Acme Robotics",
            "tab",
            *"Firmware Engineer",
            "tab",
            "ctrl+a",
            "ctrl+k",
            *"yesterday 2pm",
            "tab",
            "tab",
            "tab",
            *"Ada Byron, Alan Turing",
            "tab",
            *"next fri",
        ],
    ),
]


SMALL_SHOTS = [
    ("timeline-80x24.svg", ["1"]),
    ("pipeline-80x24.svg", ["4"]),
    ("composer-80x24.svg", ["1", "c", "f7", "backspace", *PUSHY_CHECK_IN]),
]
"""The same app in an 80×24 terminal: what fits, and what gives way."""

FUNNEL_SHOTS = [("funnel.svg", SIZE), ("funnel-80x24.svg", (80, 24))]
"""Insights scrolled to what is working, on the sample search with a CV noted on each (`with_cvs`)."""

WEEK_SHOTS = [("week.svg", SIZE), ("week-80x24.svg", (80, 24))]
"""The Week pane, on the sample search with two applications gone silent (`with_stalled`) and
two people losing touch (`with_losing_touch`)."""


async def shoot(store: Store, name: str, keys: list[str], size: tuple[int, int] = SIZE, **options) -> None:
    app = FollowupApp(store, **options)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


DRAFTS = [
    ("draft-thank-you-kenji.svg", "Thank you — the reminder-queue problem"),
    ("draft-thank-you-ruth.svg", "Thank you for your time yesterday"),
    ("draft-answer.svg", "Write up a better answer on exactly-once delivery"),
    ("draft-check-in.svg", "Checking in after the technical round"),
    ("draft-check-in-after-the-decision.svg", "Checking in on the decision"),
    ("draft-closing-the-loop.svg", "Closing the loop with Fernleaf"),
    ("draft-another-offer.svg", "Tell Brightwater about the other offer"),
]
"""Each kind of message, as the composer first drafts it (and where the cursor starts)."""


async def shoot_draft(store: Store, name: str, subject: str) -> None:
    from followup_tui.ui.composer import ComposerScreen

    followup = next(e.followup for e in store.list_followups() if e.followup.subject == subject)
    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ComposerScreen(followup.id))
        await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


def with_more_moments(store: Store) -> None:
    """The sample search, with a last unanswered check-in behind Fernleaf and another offer to tell
    Brightwater about: the moments the other drafts are for."""
    from followup_tui.domain.kinds import Kind
    from followup_tui.services.followups import add_by_names

    today = store.clock.today()
    add_by_names(store, "Checking in on the decision", today, "Brightwater Labs", "Sabine Krüger", Kind.CHECK_IN)
    add_by_names(store, "Closing the loop with Fernleaf", today, "Fernleaf Systems", "Sam Ito", Kind.CLOSING_LOOP)
    add_by_names(
        store, "Tell Brightwater about the other offer", today, "Brightwater Labs", "Sabine Krüger", Kind.OFFER_DEADLINE
    )


def with_next_round(store: Store) -> None:
    """The sample search with Lumen Health's onsite booked two days ahead, after its two past
    rounds, and the pay said on the phone: the round the prep sheet is for."""
    from dataclasses import replace
    from datetime import timedelta

    from followup_tui.domain.kinds import Stage
    from followup_tui.domain.models import Interview

    lumen = store.opportunity_ids_at("Lumen Health")[0]
    people = [c.id for c in store.find_contacts("Kenji Watanabe") + store.find_contacts("Ruth Abernathy")]
    starts = store.clock.now().replace(hour=10, minute=0) + timedelta(days=2)
    store.add_interview(Interview(lumen, starts, Stage("onsite"), "video", "https://zoom.example/j/4417"), people)
    store.update_opportunity(replace(store.get_opportunity(lumen), pay_asked="$150,000"))


def with_stories_and_ratings(store: Store) -> None:
    """Two stories in the bank, one linked to a question Lumen Health asked and one tagged for
    another; and the technical round's answers rated: the sheet's section 6, and its ratings."""
    from followup_tui.domain.debrief_form import check_debrief
    from followup_tui.domain.prep import folded
    from followup_tui.domain.story_bank import StoryForm
    from followup_tui.services.debriefs import form_for, record_debrief
    from followup_tui.services.story_bank import save_story

    save_story(
        store,
        StoryForm(
            title="The reminders sent twice",
            situation="After a failover, a clinic's reminders went out twice.",
            task="Stop the duplicates without losing a single reminder.",
            action="Gave each send an idempotency key and made the worker check it before sending.",
            result="No duplicate since, and the on-call pages for it stopped.",
            would_add="The runbook I wrote for the next failover.",
            tags="outage, idempotency",
            questions="How would you stop a reminder being sent twice?",
        ),
    )
    save_story(
        store,
        StoryForm(
            title="Choosing Go for the sync service",
            situation="A Python service could not keep up with the phones syncing at 9am.",
            action="Rewrote the hot path in Go after a week-long spike; kept the rest in Python.",
            result="p99 from 2 s to 90 ms.",
            tags="python, go",
        ),
    )
    lumen = store.opportunity_ids_at("Lumen Health")[0]
    technical = max(
        i.interview.id for i in store.list_interviews() if i.interview.opportunity_id == lumen and i.has_debrief
    )
    form, questions = form_for(store, technical)
    form.ratings = {
        folded("Tell us about an outage."): "weak",
        folded("How would you stop a reminder being sent twice?"): "strong",
    }
    record_debrief(store, check_debrief(form, store.clock.now(), questions=questions), technical)


async def shoot_story_bank(store: Store, name: str) -> None:
    from followup_tui.ui.story_bank import StoryBankScreen

    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(StoryBankScreen())
        await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


async def shoot_prep_scrolled(store: Store, name: str, heading: str) -> None:
    """The sheet scrolled so that `heading` is at the top."""
    from followup_tui.ui.prep_screen import PrepScreen

    app = FollowupApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PrepScreen())
        await pilot.pause(0.3)
        for widget in app.screen.query(".prep-heading"):
            if str(widget.render()) == heading:
                app.screen.query_one("#prep-sheet").scroll_to_widget(widget, top=True, animate=False)
        await pilot.pause(0.2)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


PREP_SHOTS = [
    ("prep.svg", SIZE, False),
    ("prep-brief.svg", SIZE, True),
    ("prep-80x24.svg", (80, 24), False),
    ("prep-brief-80x24.svg", (80, 24), True),
]
"""The prep sheet for the next round, whole and as the 15-minute brief, at both sizes."""


async def shoot_prep(store: Store, name: str, size: tuple[int, int], brief: bool) -> None:
    from followup_tui.ui.prep_screen import PrepScreen

    app = FollowupApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(PrepScreen(brief=brief))
        await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


def with_cvs(store: Store) -> None:
    """The CV sent with each sample application (two versions) and a cover letter with some."""
    from followup_tui.domain.documents import DocumentSent
    from followup_tui.domain.kinds import DocumentRole

    for n, listing in enumerate(sorted(store.list_opportunities(), key=lambda item: item.opportunity.id)):
        opportunity_id = listing.opportunity.id
        cv = "cv-platform-v1" if n % 3 == 1 else "cv-backend-v3"
        chosen = [DocumentSent(opportunity_id, DocumentRole.CV, cv, f"~/cv/{cv}.pdf")]
        if n % 2:
            chosen.append(DocumentSent(opportunity_id, DocumentRole.COVER_LETTER, f"letter-{n}"))
        store.set_documents(opportunity_id, chosen)


async def shoot_funnel(store: Store, name: str, size: tuple[int, int]) -> None:
    """Insights, scrolled so that "What is working" is at the top."""
    app = FollowupApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.action_insights()
        await pilot.pause(0.3)
        app.screen.query_one("#insights").scroll_to_widget(app.screen.query_one("#funnel"), top=True, animate=False)
        await pilot.pause(0.2)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote {OUT / name}")


def with_stalled(store: Store) -> None:
    """The sample search, with two applications gone silent: one never written to since applying,
    one with two check-ins unanswered — what the Week pane's stalled list is for."""
    from datetime import date, datetime, timezone

    from followup_tui.domain.models import Direction, Followup, FollowupStatus, Kind, Opportunity, Status

    store.add_opportunity(
        Opportunity("Pinecrest Bank", "Platform Engineer", Status.APPLIED, applied_on=date(2026, 11, 2))
    )
    orchard = store.add_opportunity(
        Opportunity("Orchard Mobile", "Backend Engineer", Status.INTERVIEWING, applied_on=date(2026, 9, 28))
    )
    for day in (date(2026, 10, 14), date(2026, 10, 27)):
        moment = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)
        store.add_followup(
            Followup(orchard.id, Kind.CHECK_IN, day, Direction.OUTBOUND, FollowupStatus.DONE, done_at=moment)
        )


def with_losing_touch(store: Store) -> None:
    """The sample search, with two processes that ended in the summer: Noor Haddad of Wren
    Analytics, not heard from since August, and Elena Petrova of Marlow & Finch, whose
    keeping-in-touch note came due on Tuesday — what the Week pane's losing-touch list is for."""
    from datetime import date, datetime, timezone

    from followup_tui.domain.models import Contact, Direction, Followup, FollowupStatus, Interview, Kind
    from followup_tui.domain.models import Opportunity, Status

    def at(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)

    for company, person, met, ended, status, note_due in (
        ("Wren Analytics", "Noor Haddad", date(2026, 7, 14), date(2026, 8, 3), Status.REJECTED, None),
        ("Marlow & Finch", "Elena Petrova", date(2026, 8, 4), date(2026, 8, 24), Status.WITHDRAWN, date(2026, 11, 24)),
    ):
        added = store.add_opportunity(Opportunity(company, "Backend Engineer", status, applied_on=date(2026, 7, 1)))
        card = store.add_contact(Contact(person, "Engineering Manager", company))
        store.add_interview(Interview(added.id, at(met)), [card.id])
        store.add_followup(
            Followup(added.id, Kind.THANK_YOU, met, Direction.OUTBOUND, FollowupStatus.DONE, card.id,
                     done_at=at(met), subject=f"Thank you, {person.split()[0]}")
        )  # fmt: skip
        with store.transaction():
            store.rewrite_status_history(added.id, [(Status.APPLIED, at(date(2026, 7, 1))), (status, at(ended))])
        if note_due:
            store.add_followup(
                Followup(added.id, Kind.STAY_IN_TOUCH, note_due, contact_id=card.id,
                         subject=f"Keeping in touch with {person.split()[0]}")
            )  # fmt: skip


def with_mail_waiting(store: Store, folder: Path) -> None:
    """The sample search after a scan of a mailbox: a reply from Lumen Health with a decision
    day, a rejection from Quarry & Co, an invitation from Brightwater."""
    import mailbox
    from email.message import EmailMessage

    from followup_tui.services.mail_inbox import scan

    box = mailbox.Maildir(folder / "INBOX", create=True)
    for sender, subject, body, hour in (
        (
            "Kenji Watanabe <kenji.w@lumenhealth.example>",
            "Re: Thank you — the reminder-queue problem",
            "Thanks Alex, good to hear from you.\nWe are meeting on Monday and hope to decide by Friday.",
            8,
        ),
        (
            "Hannah Brooks <hannah.brooks@quarry.example>",
            "Your application",
            "Thank you for your time. After careful consideration we have decided not to move forward.",
            9,
        ),
        (
            "Olu Adeyemi <olu@brightwater.example>",
            "Next steps",
            "We'd like to invite you to a final round on 3 Dec at 2pm with the CTO.",
            10,
        ),
    ):
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = sender, "alex@example.org", subject
        mail["Date"] = f"Thu, 26 Nov 2026 0{hour}:15:00 +0000" if hour < 10 else f"Thu, 26 Nov 2026 {hour}:15:00 +0000"
        mail["Message-ID"] = f"<shot-{hour}@mail.example>"
        mail.set_content(body)
        box.add(mail)
    scan(store, [folder / "INBOX"])


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    clock = clock_from_setting(FIXED_DAY)
    with tempfile.TemporaryDirectory() as folder:
        empty = Store.open(Path(folder) / "empty.db", clock)
        await shoot(empty, "empty-timeline.svg", [])
        empty.path = Path.home() / ".local/share/followup-tui/journal.db"  # where a first run puts it
        await shoot(empty, "welcome.svg", [], welcome=True)
        empty.close()
        store = Store.open(Path(folder) / "demo.db", clock)
        fill_demo(store)
        store.set_setting("me.name", "Alex Morgan")
        for name, keys in SHOTS:
            await shoot(store, name, keys)
        store.close()
        drafts = Store.open(Path(folder) / "drafts.db", clock)
        fill_demo(drafts)
        drafts.set_setting("me.name", "Alex Morgan")
        with_more_moments(drafts)
        for name, subject in DRAFTS:
            await shoot_draft(drafts, name, subject)
        drafts.close()
        small = Store.open(Path(folder) / "small.db", clock)  # a fresh sample: the shots above wrote drafts
        fill_demo(small)
        small.set_setting("me.name", "Alex Morgan")
        for name, keys in SMALL_SHOTS:
            await shoot(small, name, keys, (80, 24))
        small.close()
        prep = Store.open(Path(folder) / "prep.db", clock)
        fill_demo(prep)
        prep.set_setting("me.name", "Alex Morgan")
        with_next_round(prep)
        for name, size, brief in PREP_SHOTS:
            await shoot_prep(prep, name, size, brief)
        with_stories_and_ratings(prep)
        await shoot_prep_scrolled(prep, "prep-ratings.svg", "3. What Lumen Health asked")
        await shoot_prep_scrolled(prep, "prep-stories.svg", "5. Gaps to close")
        await shoot_story_bank(prep, "story-bank.svg")
        prep.close()

        week = Store.open(Path(folder) / "week.db", clock)  # the sample, two gone silent, two losing touch
        fill_demo(week)
        with_stalled(week)
        with_losing_touch(week)
        for name, size in WEEK_SHOTS:
            await shoot(week, name, ["5"], size)
        week.close()
        working = Store.open(Path(folder) / "funnel.db", clock)  # the sample, each with its CV
        fill_demo(working)
        with_cvs(working)
        for name, size in FUNNEL_SHOTS:
            await shoot_funnel(working, name, size)
        await shoot(working, "application-documents.svg", ["4", "down", "down", "down", "down", "down", "enter"])
        working.close()
        mail = Store.open(Path(folder) / "mail.db", clock)
        fill_demo(mail)
        with_mail_waiting(mail, Path(folder))
        await shoot(mail, "mail-proposals.svg", [])
        mail.close()
        imported = Store.open(Path(folder) / "imported.db", clock)  # a card as Apple Contacts exports it
        fill_demo(imported)
        import_vcards(imported, (FIXTURES / "apple-escaped-url.vcf").read_bytes())
        # Another UID is another person: the imported Ruth is her own card, below the demo's.
        for name, size in (("contact-imported.svg", SIZE), ("contact-imported-80x24.svg", (80, 24))):
            await shoot(imported, name, ["3", "slash", *"Abernathy", "enter", "down", "enter"], size)
        imported.close()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
