"""Money as claims write it ("$2.8 million (£1.8m)", "7.5 million euros") as a number and
an ISO currency code, for FtM's `amount` and `currency`.

Our own code: price-parser and babel read "$2.8" or "€480,000" but not the scale words
of news text ("million", "bn", "m"), and a claim's amount is kept as written, so the
first sum it names is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR", "₽": "RUB"}
WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "us dollars": "USD",
    "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "rupee": "INR", "rupees": "INR", "rial": "IRR", "rials": "IRR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
}  # fmt: skip
SCALES = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "m": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
AMOUNT = re.compile(
    rf"(?P<symbol>{_SYMBOL})?\s*(?P<number>\d[\d,]*(?:\.\d+)?)"
    rf"(?:[\s-]*(?P<scale>{_SCALE})\b)?(?:\s*(?P<word>{_WORD})\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount and its ISO 4217 currency code (None when the text names none)."""

    amount: str  # a plain decimal number, as FtM's number type writes it
    currency: str | None


def parse_amount(text: str | None) -> Money | None:
    """The first sum of money in `text`, or None when it names no number."""
    for match in AMOUNT.finditer(text or ""):
        symbol, word = match["symbol"], match["word"]
        if not (symbol or word or match["scale"]):
            continue  # a bare number ("5 cameras") is no sum
        try:
            value = Decimal(match["number"].replace(",", ""))
        except InvalidOperation:
            continue
        scale = SCALES[match["scale"].lower()] if match["scale"] else 1
        currency = SYMBOLS.get(symbol.upper() if symbol else "") or WORDS.get((word or "").lower())
        number = value * scale
        shown = format(number.normalize(), "f") if number == number.to_integral() else str(number)
        return Money(shown.removesuffix(".0"), currency)
    return None
