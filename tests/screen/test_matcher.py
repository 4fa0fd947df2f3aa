"""Screening against the real OFAC SDN list: the cases the evidence graph depends on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.screen import ALGORITHM, VERSION, Match, Screener, read_ofac_csv
from tracewire.screen.matcher import compatible_schemata

IRGC = "10391"
QODS_FORCE = "10465"
CENTRIFUGE = "12941"


def top_hit(screener: Screener, name: str, schema: str | None = "Organization") -> Match:
    matches = screener.screen(name, schema)
    assert matches, f"no match at all for {name!r}"
    assert matches[0].is_hit, f"{name!r}: best {matches[0].score} {matches[0].explanation}"
    return matches[0]


@pytest.mark.parametrize(
    "name",
    [
        "Islamic Revolutionary Guard Corps",
        "Islamic Revolutionary Guards Corps",
        "IRGC",
        "Iranian Revolutionary Guard Corps",
        "ISLAMIC REVOLUTIONARY GUARD CORPS",
        "the Islamic Revolutionary Guard Corps",
    ],
)
@pytest.mark.parametrize("schema", ["Organization", "PublicBody", None])
def test_irgc_is_the_top_hit(screener: Screener, name: str, schema: str | None) -> None:
    match = top_hit(screener, name, schema)
    assert match.entry.entry_id == IRGC
    others = [m for m in screener.screen(name, schema) if m.entry.entry_id != IRGC]
    assert all(m.score < match.score for m in others)


def test_irgc_acronym_comes_from_the_list_itself(screener: Screener) -> None:
    # The SDN list gives IRGC no alias; the acronym is defined inside entry 10465's name,
    # "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE".
    match = top_hit(screener, "IRGC")
    assert match.matched_name == "IRGC"
    assert "acronym IRGC defined in entry 10465" in match.explanation
    qods = [m for m in screener.screen("IRGC Qods Force") if m.entry.entry_id == QODS_FORCE]
    assert qods and qods[0].is_hit


@pytest.mark.parametrize(
    "name",
    [
        "Iran's Centrifuge Technology Company",
        "Iran Centrifuge Technology Company",
        "TESA",
        "Iran Centrifuge Technology Co.",
    ],
)
def test_centrifuge_company_is_the_top_hit(screener: Screener, name: str) -> None:
    assert top_hit(screener, name).entry.entry_id == CENTRIFUGE


def test_possessive_is_an_exact_name(screener: Screener) -> None:
    match = top_hit(screener, "Iran's Centrifuge Technology Company")
    assert match.score == 1.0
    assert match.features["exact_name"] == 1.0
    assert "exact name" in match.explanation


@pytest.mark.parametrize(
    "name",
    [
        "Tiandy",
        "Hikvision",
        "Huawei",
        "IPVM",
        "Dahua",
        "China",
        "Iran",
        "United States",
        "People's Republic of China",
        "Islamic Republic of Iran",
        "Russian Federation",
        "North Korea",
    ],
)
@pytest.mark.parametrize("schema", ["Organization", None, "Country"])
def test_no_hit_for_vendors_and_countries(
    screener: Screener, name: str, schema: str | None
) -> None:
    hits = [m for m in screener.screen(name, schema) if m.is_hit]
    assert hits == [], [(m.entry.name, m.score) for m in hits]


def test_a_country_query_says_why_it_is_capped(screener: Screener) -> None:
    everything = screener.with_threshold(0.8, floor=0.0)
    matches = everything.screen("Islamic Republic of Iran", "Organization", limit=20)
    broadcasting = [m for m in matches if "BROADCASTING" in m.entry.name]
    assert broadcasting and not broadcasting[0].is_hit
    assert "names a state or territory (ir)" in broadcasting[0].explanation
    assert broadcasting[0].features["state_name_inexact"] == 1.0


def test_different_countries_in_the_names_are_no_hit(screener: Screener) -> None:
    everything = screener.with_threshold(0.8, floor=0.0)
    found = everything.screen("Central Bank of Iran", "Organization", limit=20)
    syria = [m for m in found if "SYRIA" in m.entry.name]
    assert syria and not syria[0].is_hit
    assert syria[0].features["generic_name_inexact"] == 1.0
    assert "common words only" in syria[0].explanation
    # ... while a nationality word against none is no hit either: the whole name is needed.
    mois = screener.screen("Iranian Ministry of Intelligence and Security")
    assert mois[0].entry.entry_id == "12111" and mois[0].level == "listed"


def test_person_queries_never_hit_organisations(screener: Screener) -> None:
    assert screener.screen("Islamic Revolutionary Guard Corps", "Person") == []
    assert screener.screen("Iran Centrifuge Technology Company", "Person") == []
    persons = screener.screen("Qasem Soleimani", "Person")
    assert persons[0].entry.entry_id == "10481"
    assert {m.entry.schema for m in persons} == {"Person"}
    assert screener.screen("Qasem Soleimani", "Organization") == []
    assert screener.screen("Kim Jong Un", "Company") == []


def test_schema_compatibility() -> None:
    assert compatible_schemata("Person") == ("Person",)
    assert compatible_schemata("Organization") == ("Organization",)
    assert compatible_schemata("Country") == ("Organization",)
    assert compatible_schemata("Technology") == ("Organization",)
    assert compatible_schemata("Vessel") == ("Vessel",)
    assert compatible_schemata("Airplane") == ("Aircraft",)
    assert set(compatible_schemata(None)) == {"Person", "Organization", "Vessel", "Aircraft"}


def test_match_record(screener: Screener) -> None:
    matches = screener.screen("Islamic Revolutionary Guards Corps", "Organization", limit=3)
    assert 1 <= len(matches) <= 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    best = matches[0]
    assert (best.algorithm, best.version) == (ALGORITHM, VERSION) == ("tracewire-names", "2")
    assert best.query_name == "Islamic Revolutionary Guards Corps"
    assert best.matched_name == "ISLAMIC REVOLUTIONARY GUARD CORPS"
    assert best.level == "listed"
    assert 0.8 <= best.score < 1.0
    assert best.features["name_match"] == best.score
    assert best.features["type_mismatch"] == 0.0
    assert best.features["exact_name"] == 0.0
    assert "guards~guard (plural)" in best.explanation
    assert "type Organization=Organization" in best.explanation
    assert "\n" not in best.explanation
    assert all(0.0 <= m.score <= 1.0 and m.score >= 0.5 for m in matches)


def test_aliases_are_screened_too(screener: Screener) -> None:
    matches = screener.screen("Sepah", "Organization", aliases=["Pasdaran", "IRGC"])
    assert matches[0].entry.entry_id == IRGC
    assert matches[0].query_name == "IRGC"


def test_threshold_and_floor(screener: Screener) -> None:
    strict = screener.with_threshold(0.99)
    assert strict.index is screener.index
    match = strict.screen("Islamic Revolutionary Guards Corps", "Organization")[0]
    assert match.entry.entry_id == IRGC and not match.is_hit
    assert strict.screen("Islamic Revolutionary Guard Corps", "Organization")[0].is_hit
    assert screener.screen("Islamic Revolutionary Guards Corps", "Organization")[0].is_hit
    everything = screener.with_threshold(0.8, floor=0.0)
    assert len(everything.screen("Iranian police", "Organization", limit=50)) > len(
        screener.screen("Iranian police", "Organization", limit=50)
    )
    assert screener.screen("", None) == []
    assert screener.screen("   ", "Person") == []


def test_a_small_list(sdn_rows: str, tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(sdn_rows, encoding="utf-8")
    small = Screener(read_ofac_csv(path), threshold=0.9)
    assert small.screen("Islamic Revolutionary Guard Corps")[0].entry.entry_id == IRGC
    assert small.screen("TESA", "Company")[0].is_hit
    assert small.screen("Soleimani Qasem", "Person")[0].score == 1.0
