"""Dates, amounts and attributed sources of a claim, read from its sentence."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
YEAR = r"(1[89]\d\d|20\d\d)"
RELATIVE_YEARS = {"last year": -1, "this year": 0, "next year": 1, "a year ago": -1}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}  # fmt: skip
YEARS_AGO = re.compile(r"\b(\d{1,2}|[a-z]+) years? ago\b")
# Currency words the NER model leaves outside a sum ("7.5 million" CARDINAL + "euros")
CURRENCY_WORDS = {"euro", "euros", "dollar", "dollars", "pound", "pounds", "yuan", "renminbi",
                  "rupee", "rupees", "rouble", "roubles", "ruble", "rubles", "rial", "rials",
                  "naira", "shillings", "francs", "pesos", "reais", "rand", "dirhams",
                  "riyals", "lira", "yen", "kwacha", "birr", "taka"}  # fmt: skip


def normalise_date(text: str, published: date | None) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` for a date expression; ranges as `YYYY/YYYY`."""
    lower = text.lower().strip()
    for phrase, shift in RELATIVE_YEARS.items():
        if phrase in lower:
            return str(published.year + shift) if published else None
    ago = YEARS_AGO.search(lower)
    if ago is not None:  # "two years ago", "3 years ago"
        count = int(ago.group(1)) if ago.group(1).isdigit() else NUMBERS.get(ago.group(1))
        return str(published.year - count) if published and count else None
    years = re.findall(YEAR, lower)
    words = re.findall(r"[a-z]+", lower)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day_match = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", re.sub(YEAR, " ", lower))
    if len(years) >= 2 and month is None:
        return f"{years[0]}/{years[-1]}"
    year = int(years[0]) if years else (published.year if published and month else None)
    if year is None:
        return None
    if month is None:
        return str(year)
    if day_match and 1 <= int(day_match.group(1)) <= 31:
        try:
            return date(year, month, int(day_match.group(1))).isoformat()
        except ValueError:
            return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}"


def _clause(trigger: Token) -> set[int]:
    """The trigger's phrase and the words that govern it, up to the clause's verb."""
    clause = {t.i for t in trigger.subtree}
    node = trigger
    while node.head.i != node.i and node.dep_ not in {"ROOT", "ccomp", "advcl", "relcl"}:
        node = node.head
        clause.add(node.i)
    clause.add(node.i)
    return clause


def _attached(ent: Span, clause: set[int]) -> bool:
    """The entity is in the clause or hangs off it through a preposition ("in 2019")."""
    head = ent.root.head
    return (
        ent.root.i in clause or head.i in clause or (head.dep_ == "prep" and head.head.i in clause)
    )


def _nearest(ents: list[Span], trigger: Token) -> Span | None:
    """The entity attached to the trigger's clause that is closest to the trigger."""
    clause = _clause(trigger)
    inside = [e for e in ents if _attached(e, clause)]
    return min(inside, key=lambda e: abs(e.start - trigger.i)) if inside else None


def claim_date(trigger: Token, published: date | None) -> str | None:
    """The date the sentence gives the claim, if any."""
    ents = [e for e in trigger.sent.ents if e.label_ == "DATE"]
    for ent in sorted(ents, key=lambda e: abs(e.start - trigger.i)):
        value = normalise_date(ent.text, published)
        if value and ent == _nearest(
            [e for e in ents if normalise_date(e.text, published)], trigger
        ):
            return value
    return None


def claim_amount(trigger: Token) -> str | None:
    """Money in the claim's sentence, as written."""
    ents = [e for e in trigger.sent.ents if e.label_ == "MONEY" and re.search(r"\d", e.text)]
    doc = trigger.doc
    ents += [  # "7.5 million euros" read as a number followed by a currency word
        doc[e.start : e.end + 1]
        for e in trigger.sent.ents
        if e.label_ == "CARDINAL"
        and e.end < trigger.sent.end
        and doc[e.end].lower_ in CURRENCY_WORDS
        and re.search(r"\d", e.text)
    ]
    found = _nearest(ents, trigger)
    if found is None:
        return None
    text = re.sub(r"^(up to|about|around|some|nearly|almost|over|more than)\s+", "", found.text)
    return text.strip()
