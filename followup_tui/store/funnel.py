"""The funnel's read: each application's facts (the first reply logged, whether it had an
interview, whether its history reached an offer, the CV sent with it) in one pass over the
applications: the first reply one seek in the index of replies by application (m020), the
interview and the CV index searches by its id, and the offers one search of the status history
by status, made once."""

from __future__ import annotations

from followup_tui.domain.clock import local_day
from followup_tui.domain.funnel import ApplicationFacts
from followup_tui.domain.kinds import DocumentRole, FollowupStatus, Kind, Status

from . import rows
from .base import StoreBase

_OFFERED = (Status.OFFER.value, Status.ACCEPTED.value)

_FACTS = """
    SELECT o.id, o.source, o.applied_on, o.created_at,
        (SELECT min(f.done_at) FROM followups f
          WHERE f.opportunity_id = o.id AND f.kind = ? AND f.status = ?) AS first_reply,
        EXISTS (SELECT 1 FROM interviews i WHERE i.opportunity_id = o.id) AS interviewed,
        (o.status IN (?, ?) OR o.id IN (SELECT s.opportunity_id FROM status_changes s
          WHERE s.status IN (?, ?))) AS offered,
        (SELECT d.name FROM documents_sent d WHERE d.opportunity_id = o.id AND d.role = ?) AS cv
    FROM opportunities o
    WHERE o.status != ?
"""


class FunnelRecords(StoreBase):
    """The part of Store the funnel reads."""

    def application_facts(self) -> list[ApplicationFacts]:
        """Every application applied to (saved leads aside), with what the funnel counts: the
        first reply logged (a done reply-received follow-up), any interview, a status history that
        reached offer or accepted (the status now is its last step), and the CV's name."""
        params = [
            Kind.REPLY_RECEIVED.value,
            FollowupStatus.DONE.value,
            *_OFFERED,
            *_OFFERED,
            DocumentRole.CV.value,
            Status.SAVED.value,
        ]
        found = []
        for opportunity_id, source, applied_on, created_at, first_reply, interviewed, offered, cv in self.conn.execute(
            _FACTS, params
        ):
            added = rows.day_of(applied_on) or local_day(rows.moment_of(created_at))
            found.append(
                ApplicationFacts(
                    opportunity_id,
                    added,
                    source,
                    cv or "",
                    rows.moment_of(first_reply),
                    bool(interviewed),
                    bool(offered),
                )
            )
        return found
