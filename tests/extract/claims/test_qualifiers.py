"""Qualifiers and evidence: the date and amount a sentence gives a claim, and the sentence.

Dates are `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY/YYYY`; relative years need the
document's publication date. Amounts are kept as written, without "up to" and the like.
"""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import Extract, Xfail, cases, find, show, spec

PUBLISHED = date(2023, 5, 1)

DATES = [
    # month and year
    ("NSO Group sold Pegasus to Mexico in March 2021.", "NSO Group > Mexico", "2021-03"),
    (
        "Belarus joined the Shanghai Cooperation Organization in July 2024.",
        "member_of: Belarus > Shanghai Cooperation Organization",
        "2024-07",
    ),
    (
        "The Treasury sanctioned Intellexa in March 2024.",
        "sanctions: U.S. Department of the Treasury > Intellexa",
        "2024-03",
    ),
    # day, month and year
    (
        "Intellexa sold Predator to Madagascar on 14 February 2022.",
        "Intellexa > Madagascar",
        "2022-02-14",
    ),
    (
        "Belarus joined the Shanghai Cooperation Organization on 4 July 2024.",
        "member_of: Belarus > Shanghai Cooperation Organization",
        "2024-07-04",
    ),
    (
        "Huawei signed the contract with Serbia on 9 October 2019.",
        "contract: Huawei > Serbia",
        "2019-10-09",
    ),
    (
        "The Commerce Department added Hikvision to the Entity List on 7 October 2019.",
        "sanctions: U.S. Department of Commerce > Hikvision",
        "2019-10-07",
        Xfail("the model's DATE entity is 'October 2019': the day is cut off"),
    ),
    # year
    ("NSO Group sold Pegasus spyware to Mexico in 2017.", "NSO Group > Mexico", "2017"),
    (
        "Russia trained Nicaragua's police in 2017.",
        "trains: Russia > Nicaragua National Police",
        "2017",
    ),
    ("In 2016, Sandvine supplied Egypt with DPI equipment.", "Sandvine > Egypt", "2016"),
    ("China invested $2 billion in Ecuador in 2014.", "funds: China > Ecuador", "2014"),
    (
        "Gamma Group and Ethiopia signed a contract in 2012.",
        "contract: Gamma Group > Ethiopia",
        "2012",
    ),
    (
        "Kenya and China signed a memorandum of understanding in 2019.",
        "agreement: Kenya > China",
        "2019",
    ),
    # ranges
    (
        "Sandvine supplied DPI equipment to Egypt between 2010 and 2012.",
        "Sandvine > Egypt",
        "2010/2012",
    ),
    (
        "Russia trained Serbia's police between 2015 and 2018.",
        "trains: Russia > Serbia Police",
        "2015/2018",
    ),
    # no date
    ("Huawei sold cameras to Kenya.", "Huawei > Kenya", None),
    ("Sandvine is owned by Francisco Partners.", "owns: Francisco Partners > Sandvine", None),
]


@pytest.mark.parametrize(("text", "claim", "expected"), cases(DATES))
def test_claim_date(extract: Extract, text: str, claim: str, expected: str | None) -> None:
    assert find(extract(text), *spec(claim)).date == expected


RELATIVE = [
    ("Huawei sold cameras to Kenya last year.", "Huawei > Kenya", PUBLISHED, "2022"),
    ("Russia trained Mali's police last year.", "trains: Russia > Mali Police", PUBLISHED, "2022"),
    (
        "Russia will train Mali's police next year.",
        "trains: Russia > Mali Police",
        PUBLISHED,
        "2024",
    ),
    ("Huawei sold cameras to Kenya last year.", "Huawei > Kenya", None, None),
    ("Russia trained Mali's police last year.", "trains: Russia > Mali Police", None, None),
    ("Two years ago, Egypt bought drones from China.", "China > Egypt", PUBLISHED, "2021"),
    ("Huawei sold cameras to Kenya 5 years ago.", "Huawei > Kenya", PUBLISHED, "2018"),
    ("Two years ago, Egypt bought drones from China.", "China > Egypt", None, None),
]


@pytest.mark.parametrize(("text", "claim", "published", "expected"), cases(RELATIVE))
def test_relative_year_needs_the_publication_date(
    extract: Extract, text: str, claim: str, published: date | None, expected: str | None
) -> None:
    assert find(extract(text, published), *spec(claim)).date == expected


AMOUNTS = [
    (
        "Washington imposed an $892 million fine on ZTE.",
        "sanctions: United States > ZTE",
        "$892 million",
    ),
    (
        "The Commerce Department imposed a $892 million penalty on ZTE.",
        "sanctions: U.S. Department of Commerce > ZTE",
        "$892 million",
    ),
    ("Huawei sold cameras worth $892 million to Kenya.", "Huawei > Kenya", "$892 million"),
    ("Intellexa sold Predator to Egypt for €98.6 million.", "Intellexa > Egypt", "€98.6 million"),
    ("The EU invested €98.6 million in Serbia.", "funds: European Union > Serbia", "€98.6 million"),
    (
        "China pledged to invest up to $400 billion in Pakistan.",
        "funds: China > Pakistan",
        "$400 billion",
    ),
    (
        "Russia could invest up to $400 billion in Belarus.",
        "funds: Russia > Belarus",
        "$400 billion",
    ),
    (
        "A $150 million deal between ZTE and Ecuador was announced.",
        "contract: ZTE > Ecuador",
        "$150 million",
    ),
    ("China invested $2 billion in Ecuador.", "funds: China > Ecuador", "$2 billion"),
    ("Russia's loans to Belarus funded the new system.", "funds: Russia > Belarus", None),
]


@pytest.mark.parametrize(("text", "claim", "expected"), cases(AMOUNTS))
def test_claim_amount(extract: Extract, text: str, claim: str, expected: str | None) -> None:
    assert find(extract(text), *spec(claim)).amount == expected


DOCUMENT = (
    "Huawei opened an office in Nairobi in 2015. The company sold cameras to Kenya's police"
    " in 2018.\n\n"
    "  In 2021, Sandvine supplied Egypt with DPI equipment, according to Reuters. Critics"
    " objected.\n\n"
    "Russia and Serbia have close ties. Both countries signed a security agreement."
)


def test_evidence_is_the_claim_sentence(extract: Extract) -> None:
    claims = extract(DOCUMENT)
    assert {c.trigger: c.evidence for c in claims} == {
        "sold": "The company sold cameras to Kenya's police in 2018.",
        "supplied": "In 2021, Sandvine supplied Egypt with DPI equipment, according to Reuters.",
        "agreement": "Both countries signed a security agreement.",
    }, show(claims)


def test_evidence_offsets_slice_the_text_and_hold_the_trigger(extract: Extract) -> None:
    claims = extract(DOCUMENT)
    assert len(claims) == 3, show(claims)
    for claim in claims:
        assert DOCUMENT[claim.start : claim.end] == claim.evidence
        assert claim.trigger
        assert claim.trigger in claim.evidence


def test_party_offsets_are_document_offsets(extract: Extract) -> None:
    claims = extract(DOCUMENT)
    sandvine = find(claims, "supplies", "Sandvine", "Egypt")
    assert sandvine.subject.start == DOCUMENT.index("Sandvine")
    assert sandvine.object.start == DOCUMENT.index("Egypt")
    for claim in claims:  # names, references back and states all point at words of the text
        for party in (claim.subject, claim.object):
            assert DOCUMENT[party.start : party.end] == party.text, show([claim])
