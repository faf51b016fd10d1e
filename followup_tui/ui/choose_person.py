"""Who is this for? Asked when a line names nobody in the room, or several of them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.domain.models import Contact

from .cells import one_line
from .dialog import Dialog
from .plain import Plain

NOBODY = "nobody"


class ChoosePerson(Dialog[int | None]):
    """Dismisses with the chosen person's id, or None for nobody in particular (esc too)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Nobody in particular", id="choose.none")]

    def __init__(self, line: str, people: list[Contact]):
        super().__init__()
        self.line, self.people = line, people

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Plain(f"Who is “{self.line}” for?", id="confirm-question")
            yield OptionList(  # a name is text, never markup
                *(Option(Content(one_line(person.name)), id=f"contact-{person.id}") for person in self.people),
                Option("Nobody in particular", id=NOBODY),
                id="people",
            )
            yield Static("enter chooses · esc: nobody in particular", id="confirm-detail")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or NOBODY
        self.dismiss(None if chosen == NOBODY else int(chosen.removeprefix("contact-")))
