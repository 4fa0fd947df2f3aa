"""Merge rules on hand-built entities: which pairs each rule proposes, and which it does not."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import combinations

from tracewire.records import EntityType
from tracewire.resolve import Edge, EntityInfo, propose
from tracewire.resolve.rules import (
    acronyms,
    core_names,
    name_forms,
    short_forms,
    transliterations,
    typos,
)

COMPANY, ORG, BODY = EntityType.COMPANY, EntityType.ORGANIZATION, EntityType.PUBLIC_BODY
PERSON, AGREEMENT = EntityType.PERSON, EntityType.AGREEMENT
Rule = Callable[[list[EntityInfo]], Iterator[Edge]]


def ent(
    key: str,
    canonical: str,
    type_: EntityType = COMPANY,
    *,
    gazetteer: bool = False,
    names: Iterable[str] = (),
    docs: Iterable[str] = ("d1",),
    parties: Iterable[str] = (),
    mentions: int = 1,
) -> EntityInfo:
    """An entity known by its canonical name and `names`, seen in `docs`."""
    return EntityInfo(
        key, canonical, type_, gazetteer, {canonical, *names}, set(docs), set(parties), mentions
    )


def pairs(rule: Rule, *entities: EntityInfo) -> set[frozenset[str]]:
    """The unordered key pairs a rule proposes, checking every edge names the rule."""
    edges = list(rule(list(entities)))
    assert all(edge.rule == rule.__name__.rstrip("s").replace("_", "-") for edge in edges)
    return {frozenset((edge.left, edge.right)) for edge in edges}


def one(a: str, b: str) -> set[frozenset[str]]:
    return {frozenset((a, b))}


# name-form ---------------------------------------------------------------------------


def test_name_form_joins_legal_form_variants_across_documents() -> None:
    huawei = ent("company:huawei", "Huawei", gazetteer=True, names={"Huawei Technologies"})
    text = ent("company:huawei-tech-ltd", "Huawei Technologies Co., Ltd.", docs={"d9"})
    assert pairs(name_forms, huawei, text) == one("company:huawei", "company:huawei-tech-ltd")


def test_name_form_joins_plural_and_article_variants() -> None:
    a = ent("publicbody:rgc", "Revolutionary Guards Corps", BODY, docs={"d1"})
    b = ent("publicbody:the-rgc", "the Revolutionary Guard Corps", BODY, docs={"d2"})
    c = ent("company:norvik-ltd", "Norvik Security Systems Ltd")
    d = ent("company:norvik", "NORVIK SECURITY SYSTEMS", docs={"d3"})
    assert pairs(name_forms, a, b, c, d) == one(a.key, b.key) | one(c.key, d.key)


def test_name_form_refuses_other_words_other_types_and_people() -> None:
    assert not pairs(name_forms, ent("c:1", "Norvik Security"), ent("c:2", "Norvik Systems"))
    company = ent("company:kestrel", "Kestrel Analytics Ltd")
    org = ent("organization:kestrel", "Kestrel Analytics", ORG)
    assert not pairs(name_forms, company, org)
    people = ent("person:a", "Ali Karimi", PERSON), ent("person:b", "ALI KARIMI", PERSON)
    assert not pairs(name_forms, *people)


# transliteration ---------------------------------------------------------------------


def test_transliteration_joins_a_variant_to_the_gazetteer_without_context() -> None:
    raisi = ent("person:ebrahim-raisi", "Ebrahim Raisi", PERSON, gazetteer=True, docs=())
    ibrahim = ent("person:ibrahim-raisi", "Ibrahim Raisi", PERSON, docs={"d7"})
    fenghe = ent("person:wei-fenghe", "Wei Fenghe", PERSON, gazetteer=True, docs=())
    feng = ent("person:wei-feng", "Wei Feng", PERSON, docs={"d8"})  # a clipped part
    found = pairs(transliterations, raisi, ibrahim, fenghe, feng)
    assert found == one(raisi.key, ibrahim.key) | one(fenghe.key, feng.key)


def test_transliteration_between_text_names_needs_context() -> None:
    yousef = ent("person:yousef-karimi", "Yousef Karimi", PERSON, docs={"d1"})
    yusuf = ent("person:yusuf-karimi", "Yusuf Karimi", PERSON, docs={"d1"})
    assert pairs(transliterations, yousef, yusuf) == one(yousef.key, yusuf.key)
    yusuf.documents = {"d2"}
    assert not pairs(transliterations, yousef, yusuf)
    yousef.counterparts = {"company:norvik"}
    yusuf.counterparts = {"company:norvik", "country:iran"}
    assert pairs(transliterations, yousef, yusuf) == one(yousef.key, yusuf.key)


def test_transliteration_refuses_distinct_people() -> None:
    wang_yi = ent("person:wang-yi", "Wang Yi", PERSON, gazetteer=True)
    wang_xh = ent("person:wang-xiaohong", "Wang Xiaohong", PERSON)
    shamkhani = ent("person:ali-shamkhani", "Ali Shamkhani", PERSON, gazetteer=True)
    khamenei = ent("person:ali-khamenei", "Ali Khamenei", PERSON)
    surname = ent("person:raisi", "Raisi", PERSON)  # one word: no full name to compare
    raisi = ent("person:ebrahim-raisi", "Ebrahim Raisi", PERSON, gazetteer=True)
    assert not pairs(transliterations, wang_yi, wang_xh, shamkhani, khamenei, surname, raisi)


def test_transliteration_ignores_organisations() -> None:
    a = ent("company:hussein-trading", "Hussein Trading", docs={"d1"})
    b = ent("company:hossein-trading", "Hossein Trading", docs={"d1"})
    assert not pairs(transliterations, a, b)


# acronym -----------------------------------------------------------------------------


def test_acronym_joins_a_standalone_acronym_of_the_same_type() -> None:
    kia = ent("publicbody:kia", "KIA", BODY, docs={"d2"})
    kestrel = ent("publicbody:kestrel", "Kestrel Intelligence Agency", BODY, docs={"d1"})
    csp = ent("agreement:csp", "CSP", AGREEMENT, docs={"d3"})
    partnership = ent("agreement:csp-long", "Comprehensive Strategic Partnership", AGREEMENT)
    found = pairs(acronyms, kia, kestrel, csp, partnership)
    assert found == one(kia.key, kestrel.key) | one(csp.key, partnership.key)


def test_acronym_matches_any_name_of_the_long_entity() -> None:
    bdra = ent("organization:bdra", "BDRA", ORG, docs={"d2"})
    alliance = ent(
        "organization:alliance", "BD Rights", ORG, names={"Baltic Digital Rights Alliance"}
    )
    assert pairs(acronyms, bdra, alliance) == one(bdra.key, alliance.key)


def test_acronym_refuses_another_type_ambiguity_and_gazetteer_acronyms() -> None:
    kestrel = ent("publicbody:kestrel", "Kestrel Intelligence Agency", BODY)
    kia_org = ent("organization:kia", "KIA", ORG, docs={"d2"})
    assert not pairs(acronyms, kia_org, kestrel)
    kia = ent("publicbody:kia", "KIA", BODY, docs={"d2"})
    other = ent("publicbody:korean", "Korea Industrial Authority", BODY)
    assert not pairs(acronyms, kia, kestrel, other)
    known = ent("publicbody:kia-gaz", "KIA", BODY, gazetteer=True)
    assert not pairs(acronyms, known, kestrel)


def test_acronym_the_model_called_an_organisation_joins_its_body_in_one_document() -> None:
    ministry = ent("publicbody:mfa", "Ministry of Foreign Affairs", BODY, docs={"d1"})
    mfa = ent("organization:mfa", "MFA", ORG, docs={"d1"})
    assert pairs(acronyms, mfa, ministry) == one(mfa.key, ministry.key)
    elsewhere = ent("organization:mfa-2", "MFA", ORG, docs={"d9"})
    assert not pairs(acronyms, elsewhere, ministry)


def test_acronym_matches_a_canonical_name_that_carries_the_state() -> None:
    # "Iran's Centrifuge Technology Company" is stored with canonical "Iran Centrifuge
    # Technology Company" but its mention text (its only alias) lacks the state.
    owner = EntityInfo(
        "company:iran-centrifuge-technology-company",
        "Iran Centrifuge Technology Company",
        COMPANY,
        False,
        {"Centrifuge Technology Company"},
        {"d1"},
    )
    ictc = ent("company:ictc", "ICTC", docs={"d2"})
    assert pairs(acronyms, ictc, owner) == one(ictc.key, owner.key)


# short-form --------------------------------------------------------------------------


def test_short_form_joins_the_one_longer_name_in_the_same_document() -> None:
    party = ent("organization:ccp", "Chinese Communist Party", ORG, gazetteer=True, docs={"d1"})
    short = ent("organization:communist-party", "Communist Party", ORG, docs={"d1"})
    agency = ent("publicbody:kestrel", "Kestrel Intelligence Agency", BODY, docs={"d2"})
    clipped = ent("publicbody:intel", "Intelligence Agency", BODY, docs={"d2", "d5"})
    found = pairs(short_forms, party, short, agency, clipped)
    assert found == one(party.key, short.key) | one(agency.key, clipped.key)


def test_short_form_refuses_other_documents_ambiguity_and_single_words() -> None:
    norvik = ent("company:norvik", "Norvik Security Systems", docs={"d1"})
    clipped = ent("company:security-systems", "Security Systems", docs={"d2"})
    assert not pairs(short_forms, norvik, clipped)
    north = ent("publicbody:north", "Northern Border Police", BODY)
    south = ent("publicbody:south", "Southern Border Police", BODY)
    border = ent("publicbody:border", "Border Police", BODY)
    assert not pairs(short_forms, north, south, border)
    word = ent("company:systems", "Systems")
    other_type = ent("organization:security-systems", "Security Systems", ORG)
    assert not pairs(
        short_forms, ent("company:norvik", "Norvik Security Systems"), word, other_type
    )


# typo --------------------------------------------------------------------------------


def test_typo_joins_a_swap_in_the_same_document() -> None:
    ipvm = ent("organization:ipvm", "IPVM", ORG, gazetteer=True, docs={"d1", "d2"})
    ivpm = ent("organization:ivpm", "IVPM", ORG, docs={"d2"})
    assert pairs(typos, ipvm, ivpm) == one(ipvm.key, ivpm.key)


def test_typo_joins_a_misspelling_with_a_shared_counterparty() -> None:
    hik = ent("company:hikvision", "Hikvision", gazetteer=True, docs={"d1"}, parties={"p:police"})
    hikv = ent("company:hikvison", "Hikvison", docs={"d2"}, parties={"p:police"})
    tiandy = ent("company:tiandy", "Tiandy", gazetteer=True, docs={"d3"}, parties={"p:irgc"})
    tiandi = ent("company:tiandi", "Tiandi", docs={"d4"}, parties={"p:irgc"})
    found = pairs(typos, hik, hikv, tiandy, tiandi)
    assert found == one(hik.key, hikv.key) | one(tiandy.key, tiandi.key)


def test_typo_without_agreeing_context_yields_no_edge() -> None:
    ipvm = ent("organization:ipvm", "IPVM", ORG, gazetteer=True, docs={"d1"})
    ivpm = ent("organization:ivpm", "IVPM", ORG, docs={"d2"})
    assert not pairs(typos, ipvm, ivpm)
    hik = ent("company:hikvision", "Hikvision", gazetteer=True, docs={"d1"}, parties={"p:a"})
    hikv = ent("company:hikvison", "Hikvison", docs={"d2"}, parties={"p:b"})
    assert not pairs(typos, hik, hikv)


def test_typo_refuses_two_edits_two_gazetteer_names_case_and_type() -> None:
    assert not pairs(typos, ent("company:norvik", "Norvik"), ent("company:narvic", "Narvic"))
    dahua = ent("company:dahua", "Dahua", gazetteer=True)
    assert not pairs(typos, dahua, ent("company:dauha", "Dauha", gazetteer=True))
    assert not pairs(typos, ent("o:ipvm", "IPVM", ORG), ent("o:ipvn", "Ipvn", ORG))
    assert not pairs(typos, ent("company:tiandy", "Tiandy"), ent("org:tiandi", "Tiandi", ORG))
    spaced = ent("company:norvik-ab", "Norvik AB"), ent("company:norvik-ac", "Norvik AC")
    assert not pairs(typos, *spaced)


# propose -----------------------------------------------------------------------------


def test_propose_lists_every_rule_strongest_first() -> None:
    entities = [
        ent("organization:ipvm", "IPVM", ORG, gazetteer=True),
        ent("organization:ivpm", "IVPM", ORG),
        ent("company:norvik-ltd", "Norvik Security Systems Ltd"),
        ent("company:norvik", "Norvik Security Systems"),
        ent("person:ebrahim-raisi", "Ebrahim Raisi", PERSON, gazetteer=True),
        ent("person:ibrahim-raisi", "Ibrahim Raisi", PERSON),
        ent("publicbody:kestrel", "Kestrel Intelligence Agency", BODY),
        ent("publicbody:kia", "KIA", BODY, docs={"d2"}),
    ]
    edges = propose(entities)
    assert [e.rule for e in edges] == [
        "name-form",
        "transliteration",
        "acronym",
        "core-name",
        "typo",
    ]
    assert [e.strength for e in edges] == sorted((e.strength for e in edges), reverse=True)
    assert {frozenset((e.left, e.right)) for e in edges if e.rule == "acronym"} == one(
        "publicbody:kia", "publicbody:kestrel"
    )


# core-name ---------------------------------------------------------------------------


def test_core_name_joins_a_legal_long_form_to_the_gazetteer_short_form() -> None:
    cognyte = ent("company:cognyte", "Cognyte", gazetteer=True, docs={"d1"})
    long_form = ent("organization:cognyte-software-ltd", "Cognyte Software Ltd", ORG, docs={"d7"})
    assert pairs(core_names, cognyte, long_form) == one(cognyte.key, long_form.key)


def test_core_name_joins_word_order_and_preposition_variants() -> None:
    forms = [
        ent("company:china-exim", "China Exim Bank", docs={"d1"}),
        ent("company:exim-of-china", "Exim Bank of China", docs={"d1"}),
        ent("organization:eximbank-china", "EXIMBANK China", ORG, docs={"d1"}),
        ent("company:chinese-eximbank", "Chinese EXIMBANK", docs={"d1"}),
    ]
    found = pairs(core_names, *forms)
    assert found == {frozenset((a.key, b.key)) for a, b in combinations(forms, 2)}


def test_core_name_never_joins_names_that_state_different_countries() -> None:
    china = ent("company:china-exim", "China Exim Bank", docs={"d1"})
    india = ent("company:india-exim", "India Exim Bank", docs={"d1"})
    usa = ent("company:us-exim", "Exim Bank of the United States", docs={"d1"})
    assert pairs(core_names, china, india, usa) == set()
    # a name that states no country may meet one that does
    bare = ent("company:exim", "Exim Bank", docs={"d1"})
    assert pairs(core_names, china, bare) == one(china.key, bare.key)


def test_core_name_between_text_names_needs_a_document_or_a_counterparty() -> None:
    long_form = ent("company:kavtaria-ltd", "Kavtaria Signal Systems Ltd", docs={"d1"})
    short = ent("company:kavtaria", "Kavtaria Signal", docs={"d2"})
    assert pairs(core_names, long_form, short) == set()
    shared = ent("company:kavtaria", "Kavtaria Signal", docs={"d2"}, parties={"country:armenia"})
    linked = ent(
        "company:kavtaria-ltd",
        "Kavtaria Signal Systems Ltd",
        docs={"d1"},
        parties={"country:armenia"},
    )
    assert pairs(core_names, linked, shared) == one(linked.key, shared.key)


def test_core_name_refuses_people_generic_words_and_other_heads() -> None:
    people = [
        ent("person:cognyte", "Cognyte", PERSON, docs={"d1"}),
        ent("company:cognyte-ltd", "Cognyte Ltd", docs={"d1"}),
    ]
    assert pairs(core_names, *people) == set()
    generic = [
        ent("company:bank-ltd", "Bank Ltd", docs={"d1"}),
        ent("company:bank-group", "The Bank Group", docs={"d1"}),
    ]
    assert pairs(core_names, *generic) == set()
    other = [
        ent("company:norvik-signal", "Norvik Signal Systems", docs={"d1"}),
        ent("company:norvik-optics", "Norvik Optics Systems", docs={"d1"}),
    ]
    assert pairs(core_names, *other) == set()
