"""The debrief questionnaire: what to write down while the interview is still fresh.

Each answer is stored with its question's key and prompt as asked, so rewording a
question here never rewrites a past debrief.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    hint: str = ""


DEFAULT_QUESTIONS: tuple[Question, ...] = (
    Question("overall", "How did it go, overall?", "Your first honest impression, in a sentence or two."),
    Question("went_well", "What went well?", "Answers that landed, moments of rapport."),
    Question(
        "do_differently",
        "What would you answer or do differently next time?",
        "The question you fumbled, the example you wish you had used.",
    ),
    Question("their_questions", "What did they ask you?", "Write the questions down while you remember the wording."),
    Question("my_questions", "What did you ask them, and what did they say?"),
    Question(
        "learned",
        "What did you learn about the role, the team and the company?",
        "Anything that would make your thank-you specific.",
    ),
    Question(
        "stood_out",
        "What stood out talking with each of them?",
        "A line each, name first — “Dan: how his team moves claims onto event streams”. Their thank-you names it.",
    ),
    Question(
        "to_clear_up",
        "Is there anything to clear up or send them?",
        "A link you promised, an answer you want to improve — one per line.",
    ),
    Question(
        "contact_details",
        "Did you get everyone's contact details, and do they have yours?",
    ),
    Question("next_steps", "What next steps and timeline did they give?", "Note the date a decision should come."),
    Question("concerns", "Any concerns or red flags?"),
)
