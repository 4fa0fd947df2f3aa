"""Comparable name forms: organisation keys, transliteration skeletons, acronyms, typos."""

from __future__ import annotations

import pytest

from tracewire.resolve.keys import (
    acronym_of,
    core_forms,
    org_key,
    person_tokens,
    skeleton,
    typo_distance,
)


@pytest.mark.parametrize(
    ("variant", "base", "key"),
    [
        ("Huawei Technologies Co., Ltd.", "Huawei Technologies", "huawei technology"),
        ("Huawei Technologies Co Ltd", "huawei technologies", "huawei technology"),
        ("Revolutionary Guards Corps", "Revolutionary Guard Corps", "revolutionary guard corp"),
        ("The Revolutionary Guard Corps", "revolutionary guard corps", "revolutionary guard corp"),
        ("Norvik Security Systems Ltd", "NORVIK SECURITY SYSTEMS", "norvik security system"),
        ("Norvik Security System GmbH", "Norvik Security Systems", "norvik security system"),
        ("Acme Industries Inc.", "Acme Industry", "acme industry"),
        ("Iran's Centrifuge Technology Company", "Iran Centrifuge Technology Company", None),
    ],
)
def test_org_key_ignores_legal_form_plural_case_and_the(
    variant: str, base: str, key: str | None
) -> None:
    assert org_key(variant) == org_key(base)
    if key is not None:
        assert org_key(variant) == key


def test_org_key_drops_filler_words_but_keeps_distinct_names_apart() -> None:
    assert org_key("Bank of China") == "bank china"
    assert org_key("Bank of China") != org_key("China")
    assert org_key("Hikvision") != org_key("Dahua")
    assert org_key("Zhejiang Dahua Technology Co., Ltd.") == "zhejiang dahua technology"
    assert org_key("Norvik Security") != org_key("Norvik Systems")
    # "ss", "us" and "is" endings are not plurals
    assert org_key("Kestrel Express") == "kestrel express"
    assert org_key("Corvus Analysis") == "corvus analysis"


def test_org_key_strips_a_bare_trailing_co() -> None:
    assert org_key("Huawei Technologies Co") == org_key("Huawei Technologies")


@pytest.mark.parametrize(
    ("a", "b", "skel"),
    [
        ("Ibrahim", "Ebrahim", "Vbrhm"),
        ("Hussein", "Hossein", "hsn"),
        ("Baqeri", "Bagheri", "bqr"),
        ("Mohammed", "Mohammad", "mhmd"),
        ("Muhammad", "Mohammad", "mhmd"),
        ("Sergei", "Sergey", "srg"),
        ("Rouhani", "Rohani", "rhn"),
        ("Esmail", "Ismail", "Vsml"),
        ("Yousef", "Yusuf", "Vsf"),  # "y" counts as a vowel
        ("Raisi", "Raeisi", "rs"),
    ],
)
def test_skeleton_equal_for_transliteration_pairs(a: str, b: str, skel: str) -> None:
    assert skeleton(a) == skeleton(b) == skel


@pytest.mark.parametrize(
    ("a", "b"),
    [("Yi", "Xiaohong"), ("Lavrov", "Lavrof"), ("Abdullah", "Abdollahian"), ("Wang", "Wei")],
)
def test_skeleton_differs_for_distinct_names(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_skeleton_folds_initial_gh_like_medial_gh() -> None:
    assert skeleton("Ghasem") == skeleton("Qasem")


def test_person_tokens_for_transliterated_full_names() -> None:
    assert person_tokens("Ibrahim Raisi") == person_tokens("Ebrahim Raisi") == ["Vbrhm", "rs"]
    assert person_tokens("Sergey Shoygu") == person_tokens("Sergei Shoigu") == ["srg", "sg"]
    assert person_tokens("Mohammad Baqeri") == person_tokens("Mohammed Bagheri")
    # hyphens split name parts; titles are removed
    assert person_tokens("Hossein Amir-Abdollahian") == ["hsn", "Vmr", "Vbdlhn"]
    assert person_tokens("General Mohammad Bagheri") == ["mhmd", "bqr"]
    assert person_tokens("President Ebrahim Raisi") == ["Vbrhm", "rs"]


def test_person_tokens_differ_for_distinct_people() -> None:
    assert person_tokens("Wang Yi") == ["wng", "V"]
    assert person_tokens("Wang Xiaohong") == ["wng", "xhng"]
    assert person_tokens("Wang Yi") != person_tokens("Wang Xiaohong")
    assert person_tokens("Li Qiang") != person_tokens("Li Keqiang")
    assert person_tokens("Wei Feng") != person_tokens("Wei Fenghe")  # a clipped part, not equal


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("KIA", "the Kestrel Intelligence Agency"),
        ("MOU", "Memorandum of Understanding"),  # every word's initial
        ("BIS", "Bureau of Industry and Security"),  # fillers skipped
        ("BOIAS", "Bureau of Industry and Security"),  # fillers kept
        ("CSP", "Comprehensive Strategic Partnership"),
        ("U.S.", "United States"),
        ("IRGC-QF", "Islamic Revolutionary Guard Corps Qods Force"),
    ],
)
def test_acronym_of_true(short: str, long: str) -> None:
    assert acronym_of(short, long)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("IRGC", "Iranian Revolutionary Guard"),  # a letter too many
        ("kia", "Kestrel Intelligence Agency"),  # not written as an acronym
        ("A", "Apple"),  # one letter
        ("NSO", "NSO Group"),
        ("FSB", "Federal Security Service"),  # the Russian initials
        ("IRGC-QF", "IRGC Qods Force"),
        ("KAI", "Kestrel Intelligence Agency"),  # letters out of order
    ],
)
def test_acronym_of_false(short: str, long: str) -> None:
    assert not acronym_of(short, long)


def test_acronym_of_mixed_fillers() -> None:
    assert acronym_of("MOIS", "Ministry of Intelligence and Security")


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("IVPM", "IPVM", 1),  # swap of neighbours
        ("Hikvision", "Hikvisoin", 1),
        ("ab", "ba", 1),
        ("IPVM", "IPVN", 1),  # substitution
        ("Tiandy", "Tiandi", 1),
        ("Kestrel", "Kestral", 1),
        ("IPVM", "IPV", 1),  # deletion
        ("IPVM", "IPVM", 0),
        ("ipvm", "IPVM", 0),  # case is ignored
        ("IPVM", "VIPM", 2),  # a move over two letters
        ("IPVM", "PIVN", 2),  # swap and substitution
        ("Dahua", "Dauha", 1),
        ("Norvik", "Narvic", 2),
        ("Sa", "", 2),
    ],
)
def test_typo_distance(a: str, b: str, distance: int) -> None:
    assert typo_distance(a, b) == distance
    assert typo_distance(b, a) == distance


COUNTRY_WORDS = {
    "china": "country:china",
    "chinese": "country:china",
    "india": "country:india",
    "united states": "country:united-states",
    "kenya": "country:kenya",
}
CORPORATE = frozenset({"ltd", "inc", "software", "systems", "system", "group", "technologies"})
GENERIC = frozenset({"bank", "ministry"})


@pytest.mark.parametrize(
    ("name", "cores", "states"),
    [
        ("Cognyte Software Ltd", {"cognyte", "cognytesoftware"}, set()),
        ("Cognyte", {"cognyte"}, set()),
        ("China Exim Bank", {"eximbank"}, {"country:china"}),
        ("Exim Bank of China", {"eximbank"}, {"country:china"}),
        ("EXIMBANK China", {"eximbank"}, {"country:china"}),
        ("Chinese EXIMBANK", {"eximbank"}, {"country:china"}),
        ("India Exim Bank", {"eximbank"}, {"country:india"}),
        ("United States Exim Bank", {"eximbank"}, {"country:united-states"}),
        ("Blue Coat Systems Inc", {"bluecoat", "bluecoatsystem"}, set()),
        ("Software Group Ltd", set(), set()),  # only corporate words: no core
        ("Bank of Kenya", set(), {"country:kenya"}),  # one generic word: no core
        ("Abc Ltd", set(), set()),  # a core under four letters names nothing
    ],
)
def test_core_forms_set_aside_states_fillers_and_corporate_tails(
    name: str, cores: set[str], states: set[str]
) -> None:
    assert core_forms(name, COUNTRY_WORDS, CORPORATE, GENERIC) == (cores, frozenset(states))


def test_core_forms_keep_what_distinguishes_two_names() -> None:
    a, _ = core_forms("Norvik Signal Systems", COUNTRY_WORDS, CORPORATE, GENERIC)
    b, _ = core_forms("Norvik Optics Systems", COUNTRY_WORDS, CORPORATE, GENERIC)
    # a head is a core only when all that follows it is corporate: the two never meet
    assert a == {"norviksignal", "norviksignalsystem"}
    assert b == {"norvikoptic", "norvikopticsystem"}
