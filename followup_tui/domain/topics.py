"""A line from a debrief, made into a topic a message can mention: a phrase that reads after
"our conversation about", "I've kept thinking about" or "we touched on".

"They are splitting the monolith first" becomes "how they are splitting the monolith first",
"How big is the platform team? (Four, hiring two.)" becomes "how big the platform team is",
"Design a deploy pipeline for 200 services" becomes "how to design a deploy pipeline for 200
services". A line that cannot be made one — about you, or a question with no clear subject —
gives no phrase, and the composer asks for the user's own words instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUBJECTS = {"they", "we", "he", "she", "it", "there", "you", "our", "their", "his", "her", "its"}
SUBJECTS |= {"they're", "we're", "he's", "she's", "it's", "there's", "they’re", "we’re", "it’s"}
ABOUT_ME = {"i", "i'm", "i've", "i'd", "my", "me", "mine"}
WH = {"what", "how", "why", "when", "where", "who", "which", "whether"}
MODALS = {"would", "could", "can", "should", "will", "might"}
BE = {"is", "are", "was", "were"}
DO = {"do", "did"}
FINITE = {
    *BE,
    *DO,
    *MODALS,
    "does",
    "has",
    "have",
    "had",
    "wants",
    "want",
    "needs",
    "need",
    "runs",
    "run",
    "uses",
    "use",
    "plans",
    "handles",
    "works",
    "looks",
    "seems",
    "said",
    "says",
}
TALKED = re.compile(
    r"^(?:(?:i|we|they)\s+)?(?:(?:asked|talked|spoke|chatted|heard|learned|learnt)\s+(?:about|of)"
    r"|discussed|covered|went\s+over)\s+",
    re.I,
)
IMPERATIVE = {"design", "debug", "build", "explain", "describe", "walk", "write", "implement", "model", "estimate"}
TELL_US = re.compile(r"^(?:tell|ask)\s+(?:us|me|them)\s+about\s+", re.I)
ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "some", "any", "each", "every"}


@dataclass(frozen=True)
class Topic:
    """A line of a debrief (`note`) and the phrase it gives, or None when it needs the user's words."""

    note: str
    phrase: str | None


def topic_of(note: str) -> Topic:
    return Topic(note, phrase_of(note))


def phrase_of(sentence: str) -> str | None:
    """The phrase `sentence` gives after "about", or None when it cannot be made one."""
    text = _core(sentence)
    if not text:
        return None
    words = text.split()
    first = words[0].casefold()
    if talked := TALKED.match(text):  # "I asked about Go", "talked about team growth"
        return _lower_first(text[talked.end() :]) or None
    if first in ABOUT_ME or (first.endswith("ed") and len(words) > 1):
        return None  # about you ("I nailed…", "Explained my…"), not about them
    if tell := TELL_US.match(text):
        return _lower_first(text[tell.end() :]) or None
    if first in WH:
        return _question(words)
    if first in FINITE:  # "Is it remote", "Do they pair": a yes/no question, no clear topic
        return None
    if first in IMPERATIVE:
        return "how to " + text[:1].lower() + text[1:]
    if sentence.rstrip().rstrip(")").rstrip().endswith("?") or "?" in sentence:
        return _lower_first(text)  # "Salary range?", "Kubernetes upgrades without downtime?"
    if any(word.casefold() in FINITE or _verb_after(words, i) for i, word in enumerate(words[1:], start=1)):
        return "how " + _lower_first(text)
    return _lower_first(text)


_NEXT_CLAUSE = re.compile(r",?\s+(?:and|but|which|so|because|while|whereas|though|although)\s+(?=\w+\s+\w+)", re.I)
"""Where a second clause starts: a topic is one clause, so the rest goes ("…next quarter, and the
team owns the Kafka cluster")."""


def _core(sentence: str) -> str:
    """The sentence without bullets, brackets, the detail after a colon or dash, the clauses
    after the first, and end marks."""
    text = re.sub(r"\([^)]*\)?", "", sentence)
    text = re.split(r"\s[—–-]\s|:\s|;\s", text)[0]
    if (clause := _NEXT_CLAUSE.search(text)) and "," in text[: clause.end()]:
        text = text[: clause.start()]
    text = text.strip().strip("-•*").strip().rstrip(".!?;:, ")
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    if text.count(",") and " and " not in text:  # "team size, on-call" → "team size and on-call"
        head, _, last = text.rpartition(",")
        text = f"{head} and {last.strip()}"
    return text


def _question(words: list[str]) -> str | None:
    """A wh-question as the phrase it asks about: "how big the team is", "how to stop…"."""
    wh, rest = words[0].casefold(), words[1:]
    if wh == "why":  # "why is the role open": the reason is for the user to put in words
        return None
    head = [wh]
    if wh == "how" and rest and rest[0].casefold() not in BE | DO | MODALS | {"does"}:
        head, rest = [wh, rest[0]], rest[1:]  # how big, how many
    if not rest:
        return None
    verb, after = rest[0].casefold(), rest[1:]
    if verb in MODALS | DO and after and after[0].casefold() == "you":
        return " ".join([*head, "to", *after[1:]]) if len(after) > 1 else None
    if verb in DO and after and after[0].casefold() in SUBJECTS:
        return " ".join([*head, *after])
    if verb in MODALS and len(after) > 1:
        return " ".join([*head, after[0], verb, *after[1:]])
    if verb in BE and after:
        return " ".join([*head, *after, verb])
    if verb == "does" and len(after) >= 3 and [w.casefold() for w in after[-2:]] == ["look", "like"]:
        return " ".join([*head, *after[:-2], "looks", "like"])
    return None


def _verb_after(words: list[str], index: int) -> bool:
    """Whether words[index] reads as the verb of a clause whose subject starts the sentence:
    "Sabine wants…", "They run…", "The platform handles…"."""
    word, before = words[index].casefold(), words[index - 1]
    if index == 1 and words[0].casefold() in SUBJECTS:
        return True
    if index == 2 and words[0].casefold() in ARTICLES and not before.casefold().endswith("s"):
        return word.endswith("s") and not word.endswith("ss")  # "The team owns…"
    named = before[:1].isupper() and index == 1
    return named and word.endswith("s") and not word.endswith("ss")


def _lower_first(text: str) -> str:
    """The phrase as it reads mid-sentence: a capital that only starts the sentence goes, a name's
    or an acronym's stays."""
    first, _, rest = text.partition(" ")
    if first.casefold() in ARTICLES | SUBJECTS | WH or (first[1:].islower() and first.casefold() in COMMON_NOUNS):
        first = first[:1].lower() + first[1:]
    return f"{first} {rest}".strip()


COMMON_NOUNS = {
    "team",
    "salary",
    "remote",
    "experience",
    "on-call",
    "deploys",
    "system",
    "design",
    "notice",
    "office",
    "culture",
    "hiring",
    "growth",
    "pay",
    "benefits",
    "equity",
    "travel",
    "onboarding",
    "career",
    "product",
    "platform",
    "data",
    "testing",
    "tests",
    "release",
    "releases",
    "code",
    "review",
    "reviews",
}
"""Words that start a line with a capital only because they start it."""


_TO_THEM = [
    (r"\bthey(?:'re| are)\b", "your team is"),
    (r"\bthey have\b", "your team has"),
    (r"\bthey were\b", "your team was"),
    (r"\b(?:they|we)\b", "you"),
    (r"\b(?:their|our)\b", "your"),
    (r"\b(?:theirs|ours)\b", "yours"),
    (r"\b(?:them|us)\b", "you"),
]
_ASKED_ME = [(r"\byou\b", "I"), (r"\byour\b", "my"), (r"\byours\b", "mine"), (r"\byourself\b", "myself")]
_ABOUT_ME = re.compile(r"\b(?:I|my|me|mine|myself)\b")


def for_the_reader(phrase: str | None, *, company: str = "", they_asked: bool = False) -> str | None:
    """A topic as it reads in a message to someone at the company: they are "you" and their
    company "your team" ("how your team is moving claims onto event streams"). A question they
    asked you speaks of you as "I" ("the time I disagreed with a product manager"); one that,
    so turned, is about you and is not a story ("what my biggest weakness is") gives nothing."""
    if not phrase:
        return None
    if they_asked:
        for pattern, mine in _ASKED_ME:
            phrase = re.sub(pattern, mine, phrase)
        phrase = re.sub(r"^a time\b", "the time", phrase)
        if _ABOUT_ME.search(phrase) and not phrase.startswith("the time "):
            return None
        return phrase
    if company.strip():
        phrase = re.sub(rf"(?<!\w){re.escape(company.strip())}(?:'s)?(?!\w)", "your team", phrase, flags=re.I)
    if re.match(r"^(?:how )?the \w+ \w+s\b", phrase):  # "the team owns their own…": the team's own
        phrase = re.sub(r"\btheir own\b", "its own", phrase)
    for pattern, theirs in _TO_THEM:
        phrase = re.sub(pattern, theirs, phrase, flags=re.I)
    return phrase


_IRREGULAR = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "'re", "’s": "’re"}


def _you_do(verb: str) -> str:
    """The verb after "you" where it was after "he" or "she": runs → run, fixes → fix, tries → try."""
    lower = verb.casefold()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:s|sh|ch|x|z|o)es$", lower):
        return verb[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return verb[:-1]
    return verb


def to_the_person(line: str) -> str:
    """A line written about someone ("how she runs blameless postmortems", "his story about the
    retry storm") as it reads in a message to them: "how you run…", "your story about…"."""
    line = re.sub(r"\b(?:he|she)\s+(\w+|'s|’s)\b", lambda m: f"you {_you_do(m.group(1))}", line, flags=re.I)
    line = re.sub(r"\b(?:he|she)(?:'s|’s)\b", "you're", line, flags=re.I)
    line = re.sub(r"\b(?:himself|herself)\b", "yourself", line, flags=re.I)
    line = re.sub(r"\bhis\b", "your", line, flags=re.I)
    line = re.sub(r"\bher(?=\s+[a-z])(?!\s+(?:about|at|in|on|for|with|to|from|and|or)\b)", "your", line, flags=re.I)
    return re.sub(r"\b(?:him|her)\b", "you", line, flags=re.I)
