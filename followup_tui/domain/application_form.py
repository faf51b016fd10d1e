"""A new application as typed: company, role, where it came from, its link, the day applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .contact_form import url_problem
from .forms import FormErrors
from .models import Opportunity, Status
from .when import WhenError, read_when


@dataclass
class ApplicationForm:
    company: str = ""
    role: str = ""
    source: str = ""
    url: str = ""
    applied: str = "today"


def check_application(form: ApplicationForm, now: datetime, *, day_first: bool = True) -> Opportunity:
    """The application the form describes, or FormErrors naming each field to fix."""
    errors: dict[str, str] = {}
    company = " ".join(form.company.split())
    if not company:
        errors["company"] = "Which company did you apply to?"
    url = form.url.strip()
    if url and (problem := url_problem(url)):
        errors["url"] = problem
    applied_on = None
    try:
        applied_on = read_when(form.applied, now, day_first=day_first).day
    except WhenError as error:
        errors["applied"] = str(error)
    if errors:
        raise FormErrors(errors)
    return Opportunity(
        company=company,
        role=" ".join(form.role.split()),
        status=Status.APPLIED,
        source=form.source.strip(),
        url=url,
        applied_on=applied_on,
    )
