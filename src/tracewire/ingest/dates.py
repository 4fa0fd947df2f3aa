"""Finding a report's publication date in the dateline near the top of its text.

Our own patterns, kept on purpose: HTML pages get their date from htmldate (through
trafilatura) and feeds from dateparser, but for a plain-text dateline dateparser's
`search_dates` misses the forms reports print ("19. January 2026", "Jan. 19th, 2026",
dates between no-break spaces) and reads "2024-13-01" as 13 January 2024, and htmldate
needs HTML. Only whole day-month-year dates count here.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = (
    # 2026-01-19
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
    # 19 January 2026, 19. January 2026, 19th Jan. 2026
    re.compile(rf"(?<!\d){_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # January 19, 2026, Jan 19th 2026
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
)
# Datelines and bylines are short; a date inside a body sentence is about an event.
_MAX_DATELINE = 120


def find_publication_date(text: str, *, max_lines: int = 10) -> date | None:
    """The first valid date on a short line among the first `max_lines` non-blank lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:max_lines]
    for line in lines:
        if len(line) > _MAX_DATELINE:
            continue
        found = parse_date(line)
        if found is not None:
            return found
    return None


def parse_date(line: str) -> date | None:
    """The first valid calendar date written in `line`, in any of the supported forms."""
    candidates = [
        (match.start(), found)
        for pattern in _PATTERNS
        for match in pattern.finditer(line)
        if (found := _as_date(match)) is not None
    ]
    return min(candidates)[1] if candidates else None


def starts_with_date(line: str) -> bool:
    """Whether `line` opens with a valid date, as a dateline does."""
    return any(
        (match := pattern.match(line)) is not None and _as_date(match) is not None
        for pattern in _PATTERNS
    )


def _as_date(match: re.Match[str]) -> date | None:
    """The date a pattern matched, or None if it is not a real calendar date."""
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return date(int(match["year"]), number, int(match["day"]))
    except ValueError:
        return None
