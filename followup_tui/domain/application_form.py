"""An application as typed: company, role, status, where it came from, its link, the day applied,
pay, notes and the job description pasted in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .dates import typed_day
from .forms import FormErrors
from .models import Opportunity, Status
from .pay import PayError, read_pay
from .values import add_length_errors, web_link
from .when import WhenError, read_when


@dataclass
class ApplicationForm:
    company: str = ""
    role: str = ""
    status: str = Status.APPLIED.value
    source: str = ""
    url: str = ""
    applied: str = "today"
    pay_advertised: str = ""
    pay_asked: str = ""
    pay_offered: str = ""
    notes: str = ""
    job_description: str = ""

    @classmethod
    def of(cls, opportunity: Opportunity) -> ApplicationForm:
        """The form filled with a stored application, to edit it."""
        return cls(
            company=opportunity.company,
            role=opportunity.role,
            status=opportunity.status.value,
            source=opportunity.source,
            url=opportunity.url,
            applied=typed_day(opportunity.applied_on) if opportunity.applied_on else "",
            pay_advertised=opportunity.pay_advertised,
            pay_asked=opportunity.pay_asked,
            pay_offered=opportunity.pay_offered,
            notes=opportunity.notes,
            job_description=opportunity.job_description,
        )


PAY_FIELDS = ("pay_advertised", "pay_asked", "pay_offered")


def check_application(
    form: ApplicationForm, now: datetime, *, day_first: bool = True, opportunity_id: int | None = None
) -> Opportunity:
    """The application the form describes, or FormErrors naming each field to fix."""
    errors: dict[str, str] = {}
    company = " ".join(form.company.split())
    if not company:
        errors["company"] = "Which company is it at?"
    try:
        status = Status(form.status)
    except ValueError:
        errors["status"] = f"Pick a status: {', '.join(s.value for s in Status)}."
        status = Status.APPLIED
    url = ""
    try:
        url = web_link(form.url)
    except ValueError as error:
        errors["url"] = str(error)
    applied_on = None
    if form.applied.strip():
        try:
            applied_on = read_when(form.applied, now, day_first=day_first, past=True).day
        except WhenError as error:
            errors["applied"] = str(error)
    pay = {}
    for name in PAY_FIELDS:
        try:
            pay[name] = read_pay(getattr(form, name))
        except PayError as error:
            errors[name] = str(error)
    add_length_errors(
        errors,
        company=company,
        role=form.role,
        source=form.source,
        url=url,
        notes=form.notes,
        job_description=form.job_description,
    )
    if errors:
        raise FormErrors(errors)
    return Opportunity(
        company=company,
        role=" ".join(form.role.split()),
        status=status,
        source=form.source.strip(),
        url=url,
        applied_on=applied_on,
        notes=form.notes.strip(),
        job_description=form.job_description.strip(),
        id=opportunity_id,
        **pay,
    )
