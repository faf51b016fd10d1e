"""The contact card form as typed, and its check: a real email, a real link, a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import FormErrors
from .models import Contact
from .stay_in_touch import months_field, months_typed
from .values import PROFILE_EXAMPLE, add_length_errors, length_problem, web_link

_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass
class ContactForm:
    name: str = ""
    title: str = ""
    company: str = ""
    emails: str = ""
    phones: str = ""
    profile_url: str = ""
    notes: str = ""
    has_my_details: bool = False
    stay_in_touch: str = ""
    """Months between keeping-in-touch notes once a process ends; "none"; empty for the setting's."""

    @classmethod
    def of(cls, contact: Contact) -> ContactForm:
        return cls(
            name=contact.name,
            title=contact.title,
            company=contact.company,
            emails=", ".join(contact.emails),
            phones=", ".join(contact.phones),
            profile_url=contact.profile_url,
            notes=contact.notes,
            has_my_details=contact.has_my_details,
            stay_in_touch=months_field(contact.stay_in_touch_months),
        )


def split_values(text: str) -> list[str]:
    """Several emails or phones typed in one field, separated by commas, semicolons or lines."""
    return [value.strip() for value in _SEPARATORS.split(text) if value.strip()]


def email_problem(address: str) -> str | None:
    """Why `address` is not an email address, or None when it is one. No network look-up."""
    from email_validator import EmailNotValidError, validate_email  # 17 ms: loaded when an address is checked

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return f"{address!r} is not an email address: {error}"
    return None


def check_contact(form: ContactForm, contact_id: int | None = None) -> Contact:
    """The card the form describes, or FormErrors naming each field to fix."""
    errors: dict[str, str] = {}
    name = " ".join(form.name.split())
    if not name:
        errors["name"] = "Whose card is this? A name is needed."
    emails = split_values(form.emails)
    problems = [problem for address in emails if (problem := email_problem(address))]
    if problems:
        errors["emails"] = problems[0]
    url = ""
    try:
        url = web_link(form.profile_url, PROFILE_EXAMPLE)
    except ValueError as error:
        errors["profile_url"] = str(error)
    phones = split_values(form.phones)
    months = None
    try:
        months = months_typed(form.stay_in_touch)
    except ValueError as error:
        errors["stay_in_touch"] = str(error)
    add_length_errors(errors, name=name, title=form.title, company=form.company, profile_url=url, notes=form.notes)
    for field, values, stored_as in (("emails", emails, "email"), ("phones", phones, "phone")):
        problems = [problem for value in values if (problem := length_problem(stored_as, value))]
        if problems and field not in errors:
            errors[field] = f"One of these {problems[0]}."
    if errors:
        raise FormErrors(errors)
    return Contact(
        name=name,
        title=form.title.strip(),
        company=" ".join(form.company.split()),
        email=emails[0] if emails else "",
        other_emails=emails[1:],
        phone=phones[0] if phones else "",
        other_phones=phones[1:],
        profile_url=url,
        notes=form.notes.rstrip(),
        has_my_details=form.has_my_details,
        stay_in_touch_months=months,
        id=contact_id,
    )
