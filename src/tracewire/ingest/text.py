"""Cleaning a report's text, deriving its id, and cutting it into blocks.

`clean_text` only removes what no reader needs (control characters, trailing spaces,
runs of blank lines): evidence sentences are later quoted from its output, so every
other character is kept as it is. Ids and duplicate checks use `normalise_for_id`,
which is free to fold case, quotes and whitespace.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tracewire.ingest.dates import starts_with_date
from tracewire.records import Block

# C0 controls other than tab and newline, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_RUN = re.compile(r"\n{3,}")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
# A line ending in one of these closes a sentence (or a caption, or a quotation).
_FINAL = frozenset('.!?:;"\u201d\u2019)')
# List bullets (-, *, •, ·, –, —, ▪) and numbered items ("1.", "2)", "(a)").
_BULLET = re.compile(
    r"(?:[-*\u2022\u00b7\u2013\u2014\u25aa\u25cf]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s"
)
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
# A date opening a longer line, or one that ends a sentence, is wrapped prose.
_MAX_DATELINE = 60
# The longest block handed to the parser: a longer paragraph (or a file that is one long
# line) is cut, at a sentence end where it can be, so that the NLP stage's time stays
# linear in the text's length and spaCy's own limit (a million characters) is never met.
MAX_BLOCK_CHARS = 10_000
# ... and the most tokens, roughly: a line of punctuation is a token per character, and a
# sentence that long costs the mention and claim rules time that grows faster than its
# length. Words plus punctuation characters estimate spaCy's tokens.
MAX_BLOCK_TOKENS = 2_000
MIN_DENSE_CHARS = 100  # shorter pieces are not cut for their tokens
_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "\u3002")


def clean_text(raw: str) -> str:
    """Normalise line endings, drop control characters, trailing spaces and extra blank lines."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


def normalise_for_id(text: str) -> str:
    """The form of a text used for ids and duplicate checks (NFKC, casefolded, quotes, spaces)."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    return " ".join(folded.split())


def document_id(text: str) -> str:
    """A 16-hex-character id that is the same for the same content, however it is spaced."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def split_blocks(text: str) -> tuple[Block, ...]:
    """The spans of `text` the NLP stage reads, in order, without repeated paragraphs.

    Each non-empty line is a block, except that a soft-wrapped line (one that does not
    end a sentence and is followed directly by a line starting with a lowercase letter
    or digit) continues into the next line. Bullets, headings and a dateline under a
    title never join. A block longer than `MAX_BLOCK_CHARS` is cut into several (see
    `cut_long`), and so is one of more than about `MAX_BLOCK_TOKENS` tokens
    (`cut_dense`). Offsets exclude surrounding whitespace; a block whose normalised text
    equals an earlier block's is left out.
    """
    blocks: list[Block] = []
    seen: set[str] = set()
    for joined_start, joined_end in _joined_spans(_line_spans(text), text):
        for start, end in cut_dense(text, cut_long(text, joined_start, joined_end)):
            key = normalise_for_id(text[start:end])
            if key and key not in seen:
                seen.add(key)
                blocks.append(Block(start, end))
    return tuple(blocks)


def cut_long(
    text: str, start: int, end: int, limit: int = MAX_BLOCK_CHARS
) -> list[tuple[int, int]]:
    """`text[start:end]` as spans of at most `limit` characters without edge whitespace.

    Each cut is at the last sentence end in the second half of the span, else at the
    last space there, else at the limit itself; each cut so moves on by at least half
    the limit after looking at no more than the limit, which keeps this linear.
    """
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        half, most = start + limit // 2, start + limit
        cut = max(text.rfind(mark, half, most) for mark in _SENTENCE_ENDS) + 1
        if cut <= 0:
            cut = text.rfind(" ", half, most)
        if cut <= start:
            cut = most
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return [(a, b - (len(text[a:b]) - len(text[a:b].rstrip()))) for a, b in spans if a < b]


def estimated_tokens(text: str) -> int:
    """About how many tokens spaCy makes of `text`: its words and punctuation marks."""
    return len(text.split()) + len(_PUNCTUATION.findall(text))


def cut_dense(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans`, each of more than `MAX_BLOCK_TOKENS` estimated tokens cut again into
    pieces of proportionally fewer characters, until none has more (or a piece is down
    to `MIN_DENSE_CHARS`). Each round cuts smaller pieces, so there are few rounds."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        tokens = estimated_tokens(text[start:end])
        if tokens <= MAX_BLOCK_TOKENS or end - start <= MIN_DENSE_CHARS:
            out.append((start, end))
            continue
        limit = max((end - start) * MAX_BLOCK_TOKENS // tokens, MIN_DENSE_CHARS)
        out += cut_dense(text, cut_long(text, start, end, limit))
    return out


def _line_spans(text: str) -> list[tuple[int, int] | None]:
    """The stripped span of each line, or None for a blank line."""
    spans: list[tuple[int, int] | None] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        else:
            spans.append(None)
        offset += len(line) + 1
    return spans


def _joined_spans(lines: list[tuple[int, int] | None], text: str) -> list[tuple[int, int]]:
    """Merge each soft-wrapped line with the line that follows it."""
    joined: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None
    for span in lines:
        if span is None:
            previous = None
            continue
        if previous is not None and _continues(
            text[previous[0] : previous[1]], text[span[0] : span[1]]
        ):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
        previous = span
    return joined


def _continues(line: str, following: str) -> bool:
    """Whether `line` is soft-wrapped into `following`."""
    if line[-1] in _FINAL or _is_structural(line) or _is_structural(following):
        return False
    if _is_dateline(following):
        return False
    first = following[0]
    return first.isdigit() or first.islower()


def _is_dateline(line: str) -> bool:
    """A short line opening with a date (`4 May 2022  Admin`), as under a title."""
    return len(line) <= _MAX_DATELINE and line[-1] not in _FINAL and starts_with_date(line)


def _is_structural(line: str) -> bool:
    """A list item or a markdown heading, which stands on its own line."""
    return bool(_BULLET.match(line) or _HEADING.match(line))
