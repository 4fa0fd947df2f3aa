"""Later mentions: "the company", "the Chinese firm", "the regulator", "the minister"
refer back to the latest compatible earlier party (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.records import Mention

from .conftest import by_text, extract_of, mentions_of, summary

DEAL = "Cellebrite signed a deal with Hikvision in Lima. "


def later(mentions: list[Mention], words: str) -> Mention | None:
    """The mention made of `words` after the first sentence, if any."""
    return next((m for m in mentions if m.text == words and m.start >= len(DEAL)), None)


def test_the_company_is_the_earlier_clause_subject(extractor: Extractor) -> None:
    # Hikvision is the latest company, but the subject of the clause comes first
    found = mentions_of(extractor, DEAL + "The company later opened an office there.")
    company = later(found, "company")
    assert company is not None
    assert summary(company) == ("Company", "Cellebrite", "anaphor", None)
    assert company.entity_key == "company:cellebrite"
    assert company.source == "rule"


def test_a_stated_nationality_must_agree(extractor: Extractor) -> None:
    chinese = later(
        mentions_of(extractor, DEAL + "The Chinese firm later opened an office there."),
        "Chinese firm",
    )
    assert chinese is not None
    # the subject (an Israeli vendor) is passed over for the Chinese one; with a
    # nationality the words describe the party: a descriptor, kept as an alias
    assert summary(chinese) == ("Company", "Hikvision", "descriptor", None)
    israeli = later(
        mentions_of(extractor, DEAL + "The Israeli firm later opened an office there."),
        "Israeli firm",
    )
    assert israeli is not None and israeli.canonical == "Cellebrite"


def test_no_party_of_the_stated_nationality_means_no_reference(extractor: Extractor) -> None:
    found = mentions_of(
        extractor, "Cellebrite sold kits to Peru. The Chinese firm later bought them."
    )
    assert not any(m.canonical == "Cellebrite" and m.start > 30 for m in found)
    assert summary(by_text(found)["Chinese"]) == ("Country", "China", "demonym", None)


def test_a_body_noun_refers_to_the_latest_body(extractor: Extractor) -> None:
    text = (
        "The Hellenic Data Protection Authority fined Tessaly Optics. "
        "The regulator said the fine was final."
    )
    regulator = by_text(mentions_of(extractor, text))["regulator"]
    assert summary(regulator) == (
        "PublicBody",
        "Hellenic Data Protection Authority",
        "anaphor",
        "country:greece",
    )


def test_a_reference_crosses_paragraphs(extractor: Extractor) -> None:
    text = (
        "Sandvine sold filtering equipment to Belarus in 2019.\n\n"
        "Two years later the vendor withdrew from the market."
    )
    vendor = by_text(mentions_of(extractor, text))["vendor"]
    assert (vendor.canonical, vendor.form) == ("Sandvine", "anaphor")
    assert text[vendor.start : vendor.end] == "vendor"


def test_a_title_in_apposition_is_the_person_named(extractor: Extractor) -> None:
    text = (
        "The Zambian president, Hakainde Hichilema, met executives of ZTE in Lusaka. "
        "The Zambian president praised the company."
    )
    found = mentions_of(extractor, text)
    titles = [m for m in found if m.text == "Zambian president"]
    assert len(titles) == 2
    assert {(m.canonical, m.form) for m in titles} == {("Hakainde Hichilema", "descriptor")}
    assert {m.entity_key for m in found if m.canonical == "Hakainde Hichilema"} == {
        "person:hakainde-hichilema"
    }
    company = by_text(found)["company"]
    assert company.canonical == "ZTE"


def test_a_plain_title_refers_to_the_person_named_before(extractor: Extractor) -> None:
    text = (
        "The Kenyan interior minister, Kithure Kindiki, met executives of Safaricom. "
        "The minister praised the firm."
    )
    found = by_text(mentions_of(extractor, text))
    assert summary(found["minister"]) == ("Person", "Kithure Kindiki", "anaphor", None)
    assert summary(found["firm"]) == ("Company", "Safaricom", "anaphor", None)


@pytest.mark.parametrize(
    "name",
    [
        "The Mendoza mining company",  # the proper noun modifies the head
        "The Andes trading company",  # ... or the head's modifier
    ],
)
def test_a_proper_noun_inside_makes_a_name_not_a_reference(extractor: Extractor, name: str) -> None:
    text = f"Cellebrite sold kits to Peru. {name} later bought the kits."
    found = mentions_of(extractor, text)
    assert [m.text for m in found if m.canonical == "Cellebrite"] == ["Cellebrite"]


def test_a_noun_followed_by_of_introduces_someone_new(extractor: Extractor) -> None:
    found = mentions_of(extractor, "Cellebrite sold kits to Peru. The group of hackers stole them.")
    assert [m.text for m in found if m.canonical == "Cellebrite"] == ["Cellebrite"]


def test_a_place_based_phrase_still_refers_back(extractor: Extractor) -> None:
    text = "Cellebrite sold kits to Peru. The Tel Aviv-based firm later opened an office in Lima."
    firm = [m for m in mentions_of(extractor, text) if m.text.endswith("firm")]
    assert [(m.canonical, m.form) for m in firm] == [("Cellebrite", "anaphor")]


def test_a_reference_is_a_claim_party_with_its_words(extractor: Extractor) -> None:
    text = (
        "Norvik Systems, an Israeli vendor, met officials from Tessaly Optics, a Greek startup. "
        "The Israeli firm later sold cameras to Peru."
    )
    claims = extract_of(extractor, text).claims
    sold = [c for c in claims if c.relation.value == "supplies" and c.object.canonical == "Peru"]
    assert [(c.subject.canonical, c.subject.text) for c in sold] == [
        ("Norvik Systems", "Israeli firm")
    ]
