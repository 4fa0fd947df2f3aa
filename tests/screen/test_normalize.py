"""Name normalisation: possessives, titles, legal forms, parentheses and acronyms."""

from __future__ import annotations

import pytest

from tracewire.screen.aliases import acronym_expansion, variants
from tracewire.screen.normalize import name_form, place_tokens, skeleton


@pytest.mark.parametrize(
    ("text", "schema", "tokens"),
    [
        (
            "Iran's Centrifuge Technology Company",
            "Organization",
            ("iran", "centrifuge", "technology", "company"),
        ),
        (
            "IRAN CENTRIFUGE TECHNOLOGY COMPANY",
            None,
            ("iran", "centrifuge", "technology", "company"),
        ),
        ("Iran’s Ministry", "Organization", ("iran", "ministry")),
        ("Dr. Ali Khamenei", "Person", ("ali", "khamenei")),
        ("Mr Mohammad Reza", "Person", ("mohammad", "reza")),
        ("ŞAHİN, Müslüm", "Person", ("sahin", "muslum")),
        ("AL-QA'IDA", "Organization", ("al", "qaida")),
        ("The Bank of China", "Organization", ("bank", "of", "china")),
        ("U.S.A. Holdings", "Organization", ("usa", "holdings")),
        ("M/V ADRIAN DARYA 1", "Vessel", ("adrian", "darya", "1")),
    ],
)
def test_tokens(text: str, schema: str | None, tokens: tuple[str, ...]) -> None:
    assert name_form(text, schema).tokens == tokens


def test_legal_forms_are_marked_not_lost() -> None:
    form = name_form("LIMITED LIABILITY COMPANY GAZPROM NEDRA", "Organization")
    assert form.core == ("gazprom", "nedra")
    assert form.legal_tokens == ("limited", "liability", "company")
    assert form.key == "gazprom nedra"
    assert name_form("ANGLO-CARIBBEAN CO., LTD.", "Organization").legal_tokens == ("co", "ltd")
    # Person names and object names have no legal forms.
    assert name_form("SMITH, Ltd", "Person").legal_tokens == ()
    assert name_form("EP-ABC", "Aircraft").legal_tokens == ()


def test_acronym_variants() -> None:
    irgc = variants("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE")
    assert [(v.text, v.acronym, v.expansion) for v in irgc] == [
        ("ISLAMIC REVOLUTIONARY GUARD CORPS -QODS FORCE", None, None),
        ("IRGC QODS FORCE", "IRGC", "ISLAMIC REVOLUTIONARY GUARD CORPS"),
    ]
    assert [(v.text, v.note) for v in variants("RAJAH SOLAIMAN MOVEMENT (RSM)")] == [
        ("RAJAH SOLAIMAN MOVEMENT", "parenthesis removed"),
        ("RSM", "acronym of RAJAH SOLAIMAN MOVEMENT"),
    ]
    assert acronym_expansion("NAFTIRAN INTERTRADE CO.", "NICO") == "NAFTIRAN INTERTRADE CO."
    assert acronym_expansion("MINISTRY OF INTELLIGENCE AND SECURITY", "MOIS") == (
        "MINISTRY OF INTELLIGENCE AND SECURITY"
    )
    assert acronym_expansion("TING SHING TAI JEWELLERY", "HK") is None
    assert variants("NO PARENTHESES") == []


def test_skeleton_folds_transliterations() -> None:
    assert skeleton("youssef") == skeleton("yousef")
    assert skeleton("liabylity") == skeleton("liability")
    assert skeleton("stocc") == skeleton("stock")
    assert skeleton("phaur") == skeleton("faur")
    assert skeleton("otwetstvennostyu") == skeleton("otvetstvennostyu")
    assert skeleton("qasem") == skeleton("kassem")
    assert skeleton("hassan") != skeleton("hussein")


def test_place_tokens() -> None:
    places = place_tokens()
    assert {"iran", "iranian", "china", "chinese", "russia", "russian"} <= places
    assert "revolutionary" not in places
