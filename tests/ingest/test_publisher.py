"""The publisher a page names in its markup (meta tags, JSON-LD, OpenGraph), never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.ingest import read_file
from tracewire.ingest.publisher import MAX_CHARS, html_publisher

BODY = (
    "<body><article><h1>Drones for the coast guard</h1><p>Falkmoor Avionics, an invented "
    "firm, delivered patrol drones to the coast guard of a fictional island state in "
    "2023, the ministry said.</p><p>The drones carry thermal cameras.</p></article></body>"
)


def page(head: str) -> str:
    title = "<title>Drones | Harbour Ledger</title>"
    return f"<!DOCTYPE html><html><head>{title}{head}</head>{BODY}</html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:site_name" content="Harbour  Ledger">', "Harbour Ledger"),
        ('<meta name="publisher" content="Isle Media Group">', "Isle Media Group"),
        ('<meta name="DC.Publisher" content="Coastal Press Trust">', "Coastal Press Trust"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "headline": "Drones", "publisher": {"@type": '
            '"Organization", "name": "Tidewater Review"}}</script>',
            "Tidewater Review",
        ),
        (  # a graph of nodes, the publisher a list
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": '
            '"x"}, {"@type": "Article", "publisher": [{"name": "North Sound Daily"}]}]}'
            "</script>",
            "North Sound Daily",
        ),
        ('<meta property="article:publisher" content="Gull Bay Courier">', "Gull Bay Courier"),
    ],
)
def test_the_publisher_named_in_the_markup(head: str, expected: str) -> None:
    assert html_publisher(page(head)) == expected


def test_an_explicit_publisher_comes_before_the_site_name() -> None:
    head = (
        '<meta property="og:site_name" content="Ledger Online">'
        '<script type="application/ld+json">{"@type": "Article", "publisher": '
        '"Ledger Holdings"}</script>'
        '<meta name="publisher" content="Ledger Newspapers Ltd">'
    )
    assert html_publisher(page(head)) == "Ledger Newspapers Ltd"
    assert html_publisher(page(head.split("<meta name=", maxsplit=1)[0])) == "Ledger Holdings"


@pytest.mark.parametrize(
    "head",
    [
        "",  # the title's "| Harbour Ledger" is not taken for a publisher
        '<meta property="article:publisher" content="https://social.example/harbourledger">',
        '<script type="application/ld+json">{"publisher": {"name": </script>',  # broken JSON
        '<script type="text/javascript">var x = {"publisher": {"name": "Not Me"}};</script>',
        '<meta name="publisher" content="   ">',
    ],
)
def test_no_publisher_when_the_markup_names_none(head: str) -> None:
    assert html_publisher(page(head)) is None


def test_broken_json_ld_falls_back_to_the_site_name() -> None:
    head = (
        '<script type="application/ld+json">{"publisher": </script>'
        '<meta property="og:site_name" content="Harbour Ledger">'
    )
    assert html_publisher(page(head)) == "Harbour Ledger"


def test_a_long_name_is_cut_to_the_column() -> None:
    head = f'<meta property="og:site_name" content="{"Ledger " * 200}">'
    found = html_publisher(page(head))
    assert found is not None and len(found) == MAX_CHARS


def test_files_carry_the_publisher_their_markup_names(tmp_path: Path) -> None:
    html = tmp_path / "drones.html"
    html.write_text(page('<meta property="og:site_name" content="Harbour Ledger">'), "utf-8")
    assert read_file(html).publisher == "Harbour Ledger"
    bare = tmp_path / "bare.html"
    bare.write_text(page(""), "utf-8")
    assert read_file(bare).publisher is None
    text = tmp_path / "drones.txt"
    text.write_text("Publisher: Harbour Ledger\n\nFalkmoor Avionics delivered drones.\n", "utf-8")
    assert read_file(text).publisher is None  # plain text has no metadata to read
