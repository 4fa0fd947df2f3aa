"""Clustering: user decisions first, then rule edges under the never-merge constraints."""

from __future__ import annotations

from collections.abc import Iterable

from tracewire.ontology import load_gazetteer
from tracewire.records import EntityType
from tracewire.resolve import Decision, Edge, EntityInfo, cluster, propose

COMPANY, ORG, BODY = EntityType.COMPANY, EntityType.ORGANIZATION, EntityType.PUBLIC_BODY
PERSON, COUNTRY = EntityType.PERSON, EntityType.COUNTRY


def ent(
    key: str,
    canonical: str,
    type_: EntityType = COMPANY,
    *,
    gazetteer: bool = False,
    docs: Iterable[str] = ("d1",),
    mentions: int = 1,
) -> EntityInfo:
    return EntityInfo(key, canonical, type_, gazetteer, {canonical}, set(docs), set(), mentions)


def index(*entities: EntityInfo) -> dict[str, EntityInfo]:
    return {e.key: e for e in entities}


def edge(a: str, b: str, rule: str = "name-form") -> Edge:
    return Edge(a, b, rule, 0.9)


def groups(reps: dict[str, str]) -> set[frozenset[str]]:
    """The clusters as sets of member keys."""
    by_rep: dict[str, set[str]] = {}
    for key, rep in reps.items():
        by_rep.setdefault(rep, set()).add(key)
    return {frozenset(members) for members in by_rep.values()}


def test_rule_edges_merge_transitively_and_report_what_was_applied() -> None:
    entities = index(
        ent("company:norvik-ltd", "Norvik Security Systems Ltd", mentions=2),
        ent("company:norvik", "Norvik Security Systems", mentions=5),
        ent("company:norvk", "Norvk", mentions=1),
        ent("company:quillfeather", "Quillfeather", mentions=9),
    )
    edges = [
        edge("company:norvik-ltd", "company:norvik"),
        edge("company:norvik", "company:norvik-ltd"),  # the same pair again: not applied twice
        edge("company:norvk", "company:norvik-ltd", "typo"),
    ]
    reps, applied = cluster(entities, [], edges)
    assert reps == {
        "company:norvik-ltd": "company:norvik",
        "company:norvik": "company:norvik",
        "company:norvk": "company:norvik",
        "company:quillfeather": "company:quillfeather",
    }
    assert applied == [edges[0], edges[2]]


def test_representative_is_the_gazetteer_entity_even_when_less_mentioned() -> None:
    entities = index(
        ent("organization:ipvm", "IPVM", ORG, gazetteer=True, mentions=1),
        ent("organization:ivpm", "IVPM", ORG, mentions=7),
    )
    reps, _ = cluster(entities, [], [edge("organization:ivpm", "organization:ipvm", "typo")])
    assert set(reps.values()) == {"organization:ipvm"}


def test_representative_without_gazetteer_is_the_most_mentioned_then_shortest() -> None:
    entities = index(
        ent("company:a", "Brightlane Networks Ltd", mentions=4),
        ent("company:b", "Brightlane Networks", mentions=3),
        ent("company:c", "BRIGHTLANE NETWORKS LIMITED", mentions=1),
    )
    edges = [edge("company:b", "company:a"), edge("company:c", "company:b")]
    reps, _ = cluster(entities, [], edges)
    assert set(reps.values()) == {"company:a"}
    entities["company:b"].mentions = 4  # a tie on mentions: the shorter name stands
    reps, _ = cluster(entities, [], edges)
    assert set(reps.values()) == {"company:b"}


def test_two_gazetteer_entities_never_merge_even_with_an_edge() -> None:
    entities = index(
        ent("company:hikvision", "Hikvision", gazetteer=True, mentions=4),
        ent("company:dahua", "Dahua", gazetteer=True, mentions=3),
        ent("company:hik-dahua", "Hikvision Dahua", mentions=1),  # a bridge between them
    )
    edges = [
        edge("company:hikvision", "company:dahua"),
        edge("company:hik-dahua", "company:hikvision"),
        edge("company:hik-dahua", "company:dahua"),
    ]
    reps, applied = cluster(entities, [], edges)
    assert groups(reps) == {
        frozenset({"company:hikvision", "company:hik-dahua"}),
        frozenset({"company:dahua"}),
    }
    assert applied == [edges[1]]


def test_gazetteer_bodies_irgc_and_qods_force_stay_apart() -> None:
    irgc = "publicbody:islamic-revolutionary-guard-corps"
    qods = "publicbody:irgc-qods-force"
    entities = index(
        ent(irgc, "Islamic Revolutionary Guard Corps", BODY, gazetteer=True),
        ent(qods, "IRGC-Qods Force", BODY, gazetteer=True),
    )
    reps, applied = cluster(entities, [], [edge(irgc, qods, "short-form")])
    assert reps == {irgc: irgc, qods: qods}
    assert applied == []


def test_entities_of_different_types_never_merge() -> None:
    entities = index(
        ent("country:china", "China", COUNTRY, gazetteer=True),
        ent("organization:bank-of-china", "Bank of China", ORG),
        ent("company:kestrel", "Kestrel Analytics", COMPANY),
        ent("company:kestrel-ltd", "Kestrel Analytics Ltd", COMPANY),
        ent("publicbody:kestrel", "Kestrel Analytics", BODY),
    )
    edges = [
        edge("organization:bank-of-china", "country:china"),
        edge("company:kestrel", "company:kestrel-ltd"),
        edge("company:kestrel-ltd", "publicbody:kestrel"),  # would drag in another type
    ]
    reps, applied = cluster(entities, [], edges)
    assert groups(reps) == {
        frozenset({"country:china"}),
        frozenset({"organization:bank-of-china"}),
        frozenset({"company:kestrel", "company:kestrel-ltd"}),
        frozenset({"publicbody:kestrel"}),
    }
    assert applied == [edges[1]]


def test_a_company_the_model_called_an_organisation_joins_the_company() -> None:
    entities = index(
        ent("company:kestrel", "Kestrel Analytics", COMPANY, mentions=1),
        ent("organization:kestrel", "Kestrel Analytics", ORG, mentions=4),
        ent("publicbody:kestrel-agency", "Kestrel Agency", BODY),
    )
    edges = [
        edge("company:kestrel", "organization:kestrel"),
        edge("organization:kestrel", "publicbody:kestrel-agency"),
    ]
    reps, applied = cluster(entities, [], edges)
    assert groups(reps) == {
        frozenset({"company:kestrel", "organization:kestrel"}),
        frozenset({"publicbody:kestrel-agency"}),
    }
    # the company stands for the cluster even where the model's label was more frequent
    assert reps["organization:kestrel"] == "company:kestrel"
    assert applied == [edges[0]]


def test_a_user_split_beats_a_rule_edge_directly_and_through_a_third_name() -> None:
    entities = index(
        ent("person:ali-karimi", "Ali Karimi", PERSON, mentions=3),
        ent("person:aly-karimi", "Aly Karimi", PERSON, mentions=1),
        ent("person:ali-kariimi", "Ali Kariimi", PERSON, mentions=1),
    )
    split = Decision("person:ali-karimi", "person:aly-karimi", positive=False)
    direct = edge("person:ali-karimi", "person:aly-karimi", "transliteration")
    reps, applied = cluster(entities, [split], [direct])
    assert len(groups(reps)) == 3 and applied == []
    via = [
        edge("person:ali-karimi", "person:ali-kariimi", "typo"),
        edge("person:ali-kariimi", "person:aly-karimi", "typo"),
    ]
    reps, applied = cluster(entities, [split], via)
    assert groups(reps) == {
        frozenset({"person:ali-karimi", "person:ali-kariimi"}),
        frozenset({"person:aly-karimi"}),
    }
    assert applied == [via[0]]


def test_a_user_merge_joins_what_no_rule_would() -> None:
    entities = index(
        ent("company:quillfeather", "Quillfeather", mentions=2, docs={"d1"}),
        ent("company:tessaly-optics", "Tessaly Optics", mentions=5, docs={"d2"}),
        ent("company:tessaly-optics-ltd", "Tessaly Optics Ltd", mentions=1, docs={"d3"}),
    )
    edges = propose(list(entities.values()))
    assert {(e.left, e.right) for e in edges} == {
        ("company:tessaly-optics", "company:tessaly-optics-ltd")
    }
    reps, applied = cluster(entities, [], edges)
    assert reps["company:quillfeather"] == "company:quillfeather"
    merge = Decision("company:tessaly-optics-ltd", "company:quillfeather", positive=True)
    reps, applied = cluster(entities, [merge], edges)
    assert set(reps.values()) == {"company:tessaly-optics"}
    assert applied == edges  # the rule edge still joins the third name


def test_a_split_wins_over_a_merge_of_the_same_pair_and_unknown_keys_are_ignored() -> None:
    entities = index(ent("company:a", "Arbor Vision"), ent("company:b", "Birch Optics"))
    decisions = [
        Decision("company:a", "company:b", positive=True),
        Decision("company:a", "company:b", positive=False),
        Decision("company:a", "company:gone", positive=True),
    ]
    reps, applied = cluster(entities, decisions, [edge("company:a", "company:b")])
    assert reps == {"company:a": "company:a", "company:b": "company:b"}
    assert applied == []


def test_rules_and_cluster_together_on_a_mixed_set() -> None:
    entities = index(
        ent("organization:ipvm", "IPVM", ORG, gazetteer=True, docs={"d1", "d2"}, mentions=2),
        ent("organization:ivpm", "IVPM", ORG, docs={"d2"}, mentions=1),
        ent("person:ebrahim-raisi", "Ebrahim Raisi", PERSON, gazetteer=True, docs=(), mentions=0),
        ent("person:ibrahim-raisi", "Ibrahim Raisi", PERSON, docs={"d3"}, mentions=2),
        ent("company:hikvision", "Hikvision", gazetteer=True, docs={"d4"}, mentions=1),
        ent("company:dahua", "Dahua", gazetteer=True, docs={"d4"}, mentions=1),
    )
    reps, applied = cluster(entities, [], propose(list(entities.values())))
    assert reps == {
        "organization:ipvm": "organization:ipvm",
        "organization:ivpm": "organization:ipvm",
        "person:ebrahim-raisi": "person:ebrahim-raisi",
        "person:ibrahim-raisi": "person:ebrahim-raisi",
        "company:hikvision": "company:hikvision",
        "company:dahua": "company:dahua",
    }
    assert sorted(e.rule for e in applied) == ["transliteration", "typo"]


def test_an_organisation_joins_a_public_body_when_no_company_is_in_the_cluster() -> None:
    entities = index(
        ent("organization:kestrel-agency", "Kestrel Agency", ORG, mentions=6),
        ent("publicbody:kestrel-agency", "Kestrel Agency", BODY, mentions=1),
        ent("company:kestrel-agency", "Kestrel Agency", COMPANY, mentions=1),
    )
    edges = [
        edge("organization:kestrel-agency", "publicbody:kestrel-agency"),
        edge("organization:kestrel-agency", "company:kestrel-agency"),  # both: never
        edge("publicbody:kestrel-agency", "company:kestrel-agency"),
    ]
    reps, applied = cluster(entities, [], edges)
    assert groups(reps) == {
        frozenset({"organization:kestrel-agency", "publicbody:kestrel-agency"}),
        frozenset({"company:kestrel-agency"}),
    }
    # the typed body stands for the cluster though the model's label was said more often
    assert reps["organization:kestrel-agency"] == "publicbody:kestrel-agency"
    assert applied == [edges[0]]


def body(key: str, canonical: str, state: str | None, *, gazetteer: bool = False) -> EntityInfo:
    """A state body known to be part of `state` (None: the name states none)."""
    info = ent(key, canonical, BODY, gazetteer=gazetteer)
    info.state = state
    return info


def test_bodies_of_two_states_never_meet_even_through_a_stateless_name() -> None:
    kenya, uganda = "publicbody:kenya-interior-ministry", "publicbody:uganda-interior-ministry"
    bare = "publicbody:interior-ministry"
    entities = index(
        body(kenya, "Kenya Interior Ministry", "country:kenya"),
        body(uganda, "Uganda Interior Ministry", "country:uganda"),
        body(bare, "Interior Ministry", None),
    )
    edges = propose(list(entities.values()))
    # the rule pairs the bare name with each state's ministry, never the two directly
    assert {frozenset((e.left, e.right)) for e in edges} == {
        frozenset((bare, kenya)),
        frozenset((bare, uganda)),
    }
    reps, applied = cluster(entities, [], edges)
    assert reps[kenya] != reps[uganda]
    assert len(applied) == 1
    # a user may still say they are one (a judgement is not a rule)
    reps, _ = cluster(entities, [Decision(kenya, uganda, positive=True)], edges)
    assert reps[kenya] == reps[uganda]


def test_bodies_of_one_state_may_meet() -> None:
    kenya = "publicbody:kenya-interior-ministry"
    other = "publicbody:kenyan-interior-ministry"
    entities = index(
        body(kenya, "Kenya Interior Ministry", "country:kenya"),
        body(other, "Kenyan Interior Ministry", "country:kenya"),
    )
    reps, applied = cluster(entities, [], [edge(kenya, other, "core-name")])
    assert reps[kenya] == reps[other] and len(applied) == 1


def test_two_gazetteer_bodies_a_rule_proposes_to_join_stay_apart() -> None:
    gazetteer = load_gazetteer()
    infos = []
    for name in ("Egyptian National Security Agency", "National Security Agency"):
        hit = gazetteer.lookup(name)
        assert hit is not None and hit[1] == "name"
        entry = hit[0]
        names = {surface for surface, form in entry.names() if form != "capital"}
        infos.append(EntityInfo(entry.key, entry.name, entry.type, True, names, {"d1"}))
    edges = propose(infos)
    assert [e.rule for e in edges] == ["core-name"]  # "national security agency" in both
    reps, applied = cluster(index(*infos), [], edges)
    assert reps == {e.key: e.key for e in infos}
    assert applied == []
