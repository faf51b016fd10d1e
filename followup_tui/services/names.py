"""Names typed into a form that the journal does not hold yet, to ask about before they become records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewNames:
    """Saving would make an application at `company` and a card for each of `people`. Asked about
    first, so a half-typed "Glo" never becomes an application."""

    company: str | None = None
    people: tuple[str, ...] = ()
    company_only: bool = False
    """The company is only a name on a card (a contact form), not an application to make."""

    def __len__(self) -> int:
        return (1 if self.company else 0) + len(self.people)

    def question(self) -> str:
        company = f"{self.company} as a new company" if self.company_only else f"a new application at {self.company}"
        made = [company] if self.company else []
        if self.people:
            cards = " and ".join(self.people) if len(self.people) <= 2 else ", ".join(self.people)
            made.append(f"a card for {cards}" if len(self.people) == 1 else f"cards for {cards}")
        return f"Add {' and '.join(made)}?"
