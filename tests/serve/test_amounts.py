"""Sums of money as claims write them, read as a number and a currency."""

from __future__ import annotations

import pytest

from tracewire.serve.amounts import Money, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$2.8 million (£1.8m)", Money("2800000", "USD")),
        ("30.5 million euros or $33.7 million", Money("30500000", "EUR")),
        ("over $1.2 billion", Money("1200000000", "USD")),
        ("£330m", Money("330000000", "GBP")),
        ("300,000 US dollars; 20,000 US dollars", Money("300000", "USD")),
        ("$400-million", Money("400000000", "USD")),
        ("12 million yuan", Money("12000000", "CNY")),
        ("2.5 million", Money("2500000", None)),
        ("5 cameras", None),
        (None, None),
    ],
)
def test_amounts_are_read_as_number_and_currency(text: str | None, expected: Money | None) -> None:
    assert parse_amount(text) == expected
