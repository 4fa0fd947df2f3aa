"""Tests for finding a publication date near the top of a report."""

from __future__ import annotations

from datetime import date

import pytest

from tracewire.ingest.dates import find_publication_date, parse_date


@pytest.mark.parametrize(
    "line",
    [
        "19. January 2026",
        "January 19, 2026",
        "2026-01-19",
        "19 January 2026",
        "Posted on Jan. 19th, 2026 by staff",
        "19th Jan 2026",
        "\u00a0 19.\u00a0January 2026 \u00a0 Admin",
        "JANUARY 19 2026",
    ],
)
def test_parses_the_common_dateline_forms(line: str) -> None:
    assert parse_date(line) == date(2026, 1, 19)


@pytest.mark.parametrize("line", ["31 February 2024", "2024-13-01", "May 2024", "Admin 298"])
def test_rejects_invalid_or_partial_dates(line: str) -> None:
    assert parse_date(line) is None


def test_takes_the_first_date_on_the_line() -> None:
    assert parse_date("Updated 2 March 2024, first published 1 March 2024") == date(2024, 3, 2)


def test_finds_a_dateline_below_the_title() -> None:
    text = "Port cameras for the harbour\nSHARE\n  4 May 2022   Admin\n\nThe authority said."
    assert find_publication_date(text) == date(2022, 5, 4)


def test_ignores_dates_inside_body_sentences() -> None:
    text = (
        "Port cameras\n\nThe contract, which officials say was signed on 4 May 2022 in the capital "
        "after months of talks with the supplier, covered two hundred cameras."
    )
    assert find_publication_date(text) is None


def test_only_looks_near_the_top() -> None:
    text = "\n".join(f"Line {n} of the report" for n in range(12)) + "\n4 May 2022"
    assert find_publication_date(text) is None
    assert find_publication_date(text, max_lines=13) == date(2022, 5, 4)
