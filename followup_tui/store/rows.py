"""Turning domain records into table rows and back; dates travel as ISO text.

Moments are stored in UTC so they sort as text, and come back aware, to be
shown in whatever zone the user is in.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from followup_tui.domain.models import (
    Address,
    CardDetails,
    Contact,
    Direction,
    Followup,
    FollowupStatus,
    Interview,
    Kind,
    Opportunity,
    Stage,
    Status,
)
from followup_tui.domain.values import checked_text

Row = dict[str, Any]


def moment_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def moment_of(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def day_of(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def opportunity_row(o: Opportunity) -> Row:
    return checked_text(
        "application",
        {
            "company": o.company,
            "role": o.role,
            "status": o.status.value,
            "source": o.source,
            "url": o.url,
            "notes": o.notes,
            "applied_on": day_text(o.applied_on),
            "job_description": o.job_description,
            "pay_advertised": o.pay_advertised,
            "pay_asked": o.pay_asked,
            "pay_offered": o.pay_offered,
        },
    )


def opportunity_of(row: Row) -> Opportunity:
    return Opportunity(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        status=Status(row["status"]),
        source=row["source"],
        url=row["url"],
        notes=row["notes"],
        applied_on=day_of(row["applied_on"]),
        job_description=row["job_description"],
        pay_advertised=row["pay_advertised"],
        pay_asked=row["pay_asked"],
        pay_offered=row["pay_offered"],
    )


def interview_row(i: Interview) -> Row:
    return checked_text(
        "interview",
        {
            "opportunity_id": i.opportunity_id,
            "starts_at": moment_text(i.starts_at),
            "stage": i.stage.value,
            "format": i.format,
            "location": i.location,
            "decision_expected_on": day_text(i.decision_expected_on),
        },
    )


def interview_of(row: Row) -> Interview:
    return Interview(
        id=row["id"],
        opportunity_id=row["opportunity_id"],
        starts_at=moment_of(row["starts_at"]),
        stage=Stage(row["stage"]),
        format=row["format"],
        location=row["location"],
        decision_expected_on=day_of(row["decision_expected_on"]),
    )


def contact_row(c: Contact) -> Row:
    return checked_text(
        "contact",
        {
            "name": c.name,
            "title": c.title,
            "company": c.company,
            "email": c.email,
            "phone": c.phone,
            "profile_url": c.profile_url,
            "notes": c.notes,
            "has_my_details": int(c.has_my_details),
            "other_emails": json.dumps(c.other_emails, ensure_ascii=False),
            "other_phones": json.dumps(c.other_phones, ensure_ascii=False),
            "uid": c.uid,
            **({"details": details_json(c.details)} if c.details is not None else {}),
        },
    )


def details_json(details: CardDetails) -> str:
    """A card's details as the JSON object stored with it: only what it holds."""
    value = {
        "nickname": details.nickname,
        "birthday": details.birthday,
        "org_unit": details.org_unit,
        "addresses": [{"parts": list(a.parts), "types": list(a.types)} for a in details.addresses],
        "urls": details.urls,
        "email_types": details.email_types,
        "phone_types": details.phone_types,
        "extra_lines": details.extra_lines,
    }
    return json.dumps({key: v for key, v in value.items() if v}, ensure_ascii=False)


def details_of(text: str | None) -> CardDetails:
    """The stored details, anything not of its shape left out (the import checked them)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return CardDetails()
    if not isinstance(value, dict):
        return CardDetails()

    def text_of(key: str) -> str:
        return value[key] if isinstance(value.get(key), str) else ""

    def types_of(key: str) -> dict[str, list[str]]:
        found = value.get(key)
        if not isinstance(found, dict):
            return {}
        return {k: [t for t in v if isinstance(t, str)] for k, v in found.items() if isinstance(v, list)}

    addresses = [
        Address(tuple(str(p) for p in a.get("parts", [])), tuple(str(t) for t in a.get("types", [])))
        for a in value.get("addresses", [])
        if isinstance(a, dict) and isinstance(a.get("parts", []), list) and isinstance(a.get("types", []), list)
    ]
    return CardDetails(
        nickname=text_of("nickname"),
        birthday=text_of("birthday"),
        org_unit=text_of("org_unit"),
        addresses=addresses,
        urls=_strings(value.get("urls")),
        email_types=types_of("email_types"),
        phone_types=types_of("phone_types"),
        extra_lines=_strings(value.get("extra_lines")),
    )


def contact_of(row: Row) -> Contact:
    return Contact(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        company=row["company"],
        email=row["email"],
        phone=row["phone"],
        profile_url=row["profile_url"],
        notes=row["notes"],
        has_my_details=bool(row["has_my_details"]),
        other_emails=_text_list(row["other_emails"]),
        other_phones=_text_list(row["other_phones"]),
        uid=row["uid"],
        details=details_of(row["details"]),
        stay_in_touch_months=row.get("stay_in_touch_months"),
    )


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _text_list(text: str | None) -> list[str]:
    try:
        values = json.loads(text or "[]")
    except ValueError:
        return []
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def followup_row(f: Followup) -> Row:
    return checked_text(
        "follow-up",
        {
            "opportunity_id": f.opportunity_id,
            "contact_id": f.contact_id,
            "interview_id": f.interview_id,
            "kind": f.kind.value,
            "direction": f.direction.value,
            "due_on": day_text(f.due_on),
            "status": f.status.value,
            "done_at": moment_text(f.done_at) if f.done_at else None,
            "subject": f.subject,
            "body": f.body,
            "draft_subject": f.draft_subject,
            "message_id": f.message_id,
            "notes": f.notes,
            "decide_by": day_text(f.decide_by),
        },
    )


_KINDS = {kind.value: kind for kind in Kind}  # a dict lookup is five times quicker than Kind(value),
_DIRECTIONS = {direction.value: direction for direction in Direction}  # and the timeline reads
_FOLLOWUP_STATUSES = {status.value: status for status in FollowupStatus}  # thousands of rows


def followup_of(row: Row) -> Followup:
    return Followup(
        id=row["id"],
        opportunity_id=row["opportunity_id"],
        contact_id=row["contact_id"],
        interview_id=row["interview_id"],
        kind=_KINDS.get(row["kind"], Kind.NOTE),  # a kind this release does not know (a newer one's): a note
        direction=_DIRECTIONS[row["direction"]],
        due_on=date.fromisoformat(row["due_on"]),
        status=_FOLLOWUP_STATUSES[row["status"]],
        done_at=moment_of(row["done_at"]),
        subject=row["subject"],
        body=row["body"],
        draft_subject=row["draft_subject"],
        message_id=row["message_id"],
        notes=row["notes"],
        decide_by=day_of(row["decide_by"]),
    )
