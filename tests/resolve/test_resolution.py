"""Resolution over a real store: one actor named many ways is one entity; judgements last."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.extract import Extractor
from tracewire.ontology import load_gazetteer
from tracewire.pipeline import build
from tracewire.records import BuildReport, EntityType, Judgement
from tracewire.resolve import Edge, EntityInfo, cluster
from tracewire.resolve.resolution import judge, undo, user_judgements
from tracewire.store import Store
from tracewire.store.models import EntityLinkRow, EntityRow, JudgementRow, MentionRow
from tracewire.store.read import entities as queries

REPORTS = {
    "a.txt": (
        "Norvik Security Systems Ltd supplied facial recognition cameras to the police of "
        "Ruritania in 2021, according to procurement records. The Baltic Digital Rights "
        "Alliance (BDRA) criticised the purchase.\n\n"
        "Hussein Salami, the commander of the IRGC, praised the deal during a visit. "
        "Hikvision and Dahua also bid for the tender.\n"
    ),
    "b.txt": (
        "Norvik Security Systems sold new servers to the police of Ruritania in 2022, "
        "officials said. The BDRA said the servers store footage for years. Bank of China "
        "financed the sale, and officials in Beijing approved the loan.\n\n"
        "Russian defence minister Sergey Shoygu visited the factory of Norvik Security Systems.\n"
    ),
    "c.txt": (
        "Spyware maker Quillfeather sold intrusion tools to the police of Ruritania in 2023. "
        "Surveillance vendor Tessaly Optics installed cameras in the capital.\n"
    ),
}
LATER = "Norvik Security Systems Ltd opened a regional office in the capital of Ruritania.\n"
NORVIK, NORVIK_LTD = "company:norvik-security-systems", "company:norvik-security-systems-ltd"
QUILL, TESSALY = "company:quillfeather", "company:tessaly-optics"


def build_reports(folder: Path, store: Store, extractor: Extractor, **reports: str) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    build([folder], store, extractor=extractor)


def clusters(session: Session) -> dict[str, str]:
    rows = session.execute(select(EntityRow.key, EntityRow.cluster_key)).tuples()
    return {key: cluster_key or key for key, cluster_key in rows}


def found_key(session: Session, name: str) -> str | None:
    entity = queries.find_entity(session, name)
    return entity.key if entity else None


def test_names_of_one_actor_resolve_to_one_entity(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    expected = {
        "Norvik Security Systems Ltd": NORVIK,
        "Norvik Security Systems": NORVIK,
        "BDRA": "organization:baltic-digital-rights-alliance",
        "Baltic Digital Rights Alliance": "organization:baltic-digital-rights-alliance",
        "Hussein Salami": "person:hossein-salami",  # not a gazetteer alias
        "Hossein Salami": "person:hossein-salami",
        "Sergey Shoygu": "person:sergei-shoigu",  # not a gazetteer alias
        "Shoigu": "person:sergei-shoigu",
    }
    with store.session() as session:
        assert {name: found_key(session, name) for name in expected} == expected
        norvik = queries.find_entity(session, "Norvik Security Systems Ltd")
        bdra = queries.find_entity(session, "BDRA")
        reps = clusters(session)
        by_key = {e.key: e for e in queries.list_entities(session)}
    assert norvik is not None and bdra is not None
    assert (norvik.mentions, norvik.documents) == (3, 2)  # 1 "Ltd" + 2 plain, two reports
    assert set(norvik.aliases) == {"Norvik Security Systems", "Norvik Security Systems Ltd"}
    assert (bdra.mentions, bdra.documents) == (3, 2)
    assert by_key[NORVIK].mentions == 3 and NORVIK_LTD not in by_key
    salami = by_key["person:hossein-salami"]
    assert salami.canonical == "Hossein Salami" and salami.mentions == 1
    assert "Hussein Salami" in salami.aliases
    assert reps["person:hussein-salami"] == reps["person:hossein-salami"]
    assert reps["organization:bdra"] == "organization:baltic-digital-rights-alliance"


def test_gazetteer_companies_in_one_sentence_and_other_types_stay_apart(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    with store.session() as session:
        reps = clusters(session)
        keys = {n: found_key(session, n) for n in ("Hikvision", "Dahua", "Bank of China", "China")}
    assert keys == {
        "Hikvision": "company:hikvision",
        "Dahua": "company:dahua",
        "Bank of China": "company:bank-of-china",  # a lender in finance.yaml
        "China": "country:china",
    }
    assert reps["company:hikvision"] == "company:hikvision"
    assert reps["company:dahua"] == "company:dahua"
    assert reps["company:bank-of-china"] == "company:bank-of-china"
    assert reps["country:china"] == "country:china"


def test_an_acronym_typed_otherwise_in_another_report_stays_apart(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(
        tmp_path / "in",
        store,
        extractor,
        **{
            "k1.txt": "Norvik sold cameras to the Kestrel Intelligence Agency (KIA) in 2021. "
            "The KIA paid in two instalments.\n",
            "k2.txt": "Norvik Security Systems sold new servers to the KIA in 2022.\n",
        },
    )
    with store.session() as session:
        reps = clusters(session)
        types = dict(session.execute(select(MentionRow.text, MentionRow.type)).all())
        kia_types = set(session.scalars(select(MentionRow.type).where(MentionRow.text == "KIA")))
        kestrel = queries.find_entity(session, "Kestrel Intelligence Agency")
    # The definition types "KIA" as the agency's PublicBody; alone in k2 the model calls it an
    # Organization, and the acronym rule only joins entities of the same type.
    assert reps["organization:kia"] == "organization:kia"
    assert (
        reps["publicbody:kestrel-intelligence-agency"] == "publicbody:kestrel-intelligence-agency"
    )
    assert types["Kestrel Intelligence Agency"] == EntityType.PUBLIC_BODY.value
    assert kia_types == {"PublicBody", "Organization"}
    assert kestrel is not None and (kestrel.mentions, kestrel.documents) == (3, 1)


def test_a_split_undoes_a_rule_merge_and_survives_a_rebuild(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    with store.transaction() as session:
        assert clusters(session)[NORVIK_LTD] == NORVIK
        judge(session, NORVIK_LTD, NORVIK, positive=False, user="alice")
    with store.session() as session:
        assert clusters(session)[NORVIK_LTD] == NORVIK_LTD
        assert found_key(session, "Norvik Security Systems Ltd") == NORVIK_LTD
        split = session.scalars(select(JudgementRow).where(JudgementRow.origin == "user")).one()
    assert (split.left_key, split.right_key, split.judgement) == (NORVIK, NORVIK_LTD, "negative")
    assert split.user == "alice" and isinstance(split.created_at, datetime)

    build_reports(folder, store, extractor, **{"d.txt": LATER})
    with store.session() as session:
        reps = clusters(session)
        rows = session.scalars(select(JudgementRow)).all()
        ltd = queries.find_entity(session, "Norvik Security Systems Ltd")
        plain = queries.find_entity(session, "Norvik Security Systems")
    assert reps[NORVIK_LTD] == NORVIK_LTD and reps[NORVIK] == NORVIK
    users = [r for r in rows if r.origin == "user"]
    assert [(r.user, r.created_at, r.judgement) for r in users] == [
        ("alice", split.created_at, "negative")
    ]
    assert not any({r.left_key, r.right_key} == {NORVIK, NORVIK_LTD} for r in rows if r != users[0])
    assert ltd is not None and plain is not None
    assert (ltd.key, ltd.mentions, ltd.documents) == (NORVIK_LTD, 2, 2)
    assert (plain.key, plain.mentions) == (NORVIK, 2)


def test_a_user_merge_joins_unrelated_names_and_survives_a_rebuild(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    with store.transaction() as session:
        assert clusters(session)[QUILL] == QUILL
        judge(session, TESSALY, QUILL, positive=True, user="bob")
    with store.session() as session:
        assert found_key(session, "Quillfeather") == found_key(session, "Tessaly Optics")
    build_reports(folder, store, extractor, **{"d.txt": LATER})
    with store.session() as session:
        reps = clusters(session)
        merged = queries.find_entity(session, "Tessaly Optics")
        row = session.scalars(select(JudgementRow).where(JudgementRow.origin == "user")).one()
    assert reps[QUILL] == reps[TESSALY]
    assert merged is not None and (merged.mentions, merged.documents) == (2, 1)
    assert {"Quillfeather", "Tessaly Optics"} <= set(merged.aliases)
    assert (row.left_key, row.right_key, row.judgement, row.user) == (
        QUILL,
        TESSALY,
        "positive",
        "bob",
    )


def test_dev_corpus_variants_resolve_together(dev_store: tuple[Store, BuildReport]) -> None:
    store, _ = dev_store
    with store.session() as session:
        keys = {
            n: found_key(session, n)
            for n in ("IVPM", "IPVM", "Wei Feng", "Wei Fenghe", "Hussein Amir Abdullah")
        }
        reps = clusters(session)
        ipvm = queries.find_entity(session, "IVPM")
    assert keys == {
        "IVPM": "organization:ipvm",
        "IPVM": "organization:ipvm",
        "Wei Feng": "person:wei-fenghe",
        "Wei Fenghe": "person:wei-fenghe",
        "Hussein Amir Abdullah": "person:hossein-amir-abdollahian",
    }
    assert reps["organization:ivpm"] == "organization:ipvm"
    assert ipvm is not None and {"IPVM", "IVPM"} <= set(ipvm.aliases)


def test_dev_corpus_keeps_distinct_bodies_apart(dev_store: tuple[Store, BuildReport]) -> None:
    store, _ = dev_store
    gazetteer = load_gazetteer()
    irgc_hit, qods_hit = gazetteer.lookup("IRGC"), gazetteer.lookup("IRGC-Qods Force")
    assert irgc_hit is not None and qods_hit is not None
    irgc_key, qods_key = irgc_hit[0].key, qods_hit[0].key
    assert irgc_key != qods_key
    with store.session() as session:
        reps = clusters(session)
        china = queries.find_entity(session, "China")
    irgc_members = {k for k, rep in reps.items() if rep == reps[irgc_key]}
    assert qods_key not in irgc_members
    if qods_key in reps:
        assert reps[qods_key] != reps[irgc_key]
    assert china is not None and (china.key, china.type) == ("country:china", "Country")
    # A "Bank of China" entity would never join the country, whatever a rule proposed.
    infos = {
        "country:china": EntityInfo("country:china", "China", EntityType.COUNTRY, True, {"China"}),
        "organization:bank-of-china": EntityInfo(
            "organization:bank-of-china", "Bank of China", EntityType.ORGANIZATION, False
        ),
    }
    edge = Edge("organization:bank-of-china", "country:china", "short-form", 0.8)
    assert cluster(infos, [], [edge]) == ({k: k for k in infos}, [])


# states and their bodies ----------------------------------------------------------------

MINISTRIES = {
    "ministries.txt": (
        "Kenya's interior ministry bought spyware from Quillfeather Labs in 2020. "
        "Uganda's interior ministry bought the same tools a year later. "
        "The Interior Ministry declined to comment.\n\n"
        "Kenya's government said the purchase was lawful.\n"
    ),
    "agencies.txt": (
        "The Egyptian National Security Agency bought interception tools from Nexa "
        "Technologies. The National Security Agency had tracked the sale, according to "
        "the documents. Egypt's government did not reply.\n"
    ),
}
KENYA_MINISTRY = "publicbody:kenya-interior-ministry"
UGANDA_MINISTRY = "publicbody:uganda-interior-ministry"
EGYPT_NSA = "publicbody:egyptian-national-security-agency"
US_NSA = "publicbody:national-security-agency"


def test_bodies_of_one_function_in_two_states_never_merge(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **MINISTRIES)
    with store.session() as session:
        reps = clusters(session)
        kenya = queries.find_entity(session, "Kenya's interior ministry")
        uganda = queries.find_entity(session, "Uganda's interior ministry")
    # a rule pairs each ministry with the bare "Interior Ministry"; the two states' bodies
    # still never end in one cluster
    assert reps[KENYA_MINISTRY] != reps[UGANDA_MINISTRY]
    assert kenya is not None and uganda is not None and kenya.key != uganda.key
    assert "Uganda's interior ministry" not in kenya.aliases
    # nor does a state merge with its bodies
    assert reps["country:kenya"] == "country:kenya"
    assert reps["country:egypt"] == "country:egypt"
    assert reps[KENYA_MINISTRY] != "country:kenya"


def test_two_gazetteer_bodies_a_rule_pairs_stay_apart(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **MINISTRIES)
    with store.session() as session:
        reps = clusters(session)
        rule_pairs = {
            frozenset((r.left_key, r.right_key))
            for r in session.scalars(select(JudgementRow).where(JudgementRow.origin != "user"))
        }
        links = dict(
            session.execute(select(EntityLinkRow.child_key, EntityLinkRow.parent_key)).all()
        )
    assert {EGYPT_NSA, US_NSA} <= set(reps)
    assert reps[EGYPT_NSA] == EGYPT_NSA and reps[US_NSA] == US_NSA
    assert frozenset((EGYPT_NSA, US_NSA)) not in rule_pairs
    assert links[EGYPT_NSA] == "country:egypt"
    assert links[US_NSA] == "country:united-states"
    assert links[KENYA_MINISTRY] == "country:kenya"
    assert links[UGANDA_MINISTRY] == "country:uganda"


# judgements: history, undo ---------------------------------------------------------------


def test_a_replaced_judgement_is_kept_and_undo_restores_the_rules(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    with store.transaction() as session:
        merge = judge(session, QUILL, TESSALY, positive=True, user="carol")
        merge_id = merge.id
    with store.transaction() as session:
        assert found_key(session, "Quillfeather") == found_key(session, "Tessaly Optics")
        split = judge(session, TESSALY, QUILL, positive=False, user="dave")
        split_id = split.id
    with store.session() as session:
        in_force = [(r.id, r.judgement, r.user) for r in user_judgements(session)]
        history = [
            (r.id, r.judgement, r.deleted_at is not None)
            for r in user_judgements(session, include_deleted=True)
        ]
        assert clusters(session)[QUILL] == QUILL
    assert in_force == [(split_id, "negative", "dave")]
    assert history == [(merge_id, "positive", True), (split_id, "negative", False)]

    # undoing the split leaves no judgement in force: the rules decide again, and they
    # split Norvik's long form only if a user says so
    with store.transaction() as session:
        undo(session, split_id)
        judge(session, NORVIK_LTD, NORVIK, positive=False, user="erin")
    with store.session() as session:
        reps = clusters(session)
        assert user_judgements(session)[0].left_key == NORVIK
    assert reps[QUILL] == QUILL and reps[TESSALY] == TESSALY
    assert reps[NORVIK_LTD] == NORVIK_LTD
    with store.transaction() as session:
        later = user_judgements(session)[-1].id
        undo(session, later)
    with store.session() as session:
        assert clusters(session)[NORVIK_LTD] == NORVIK  # the rule merge is back
        assert user_judgements(session) == []
        assert len(user_judgements(session, include_deleted=True)) == 3


def test_undo_refuses_unknown_rule_and_already_undone_judgements(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    with store.transaction() as session:
        row = judge(session, QUILL, TESSALY, positive=True, user="carol")
        row_id = row.id
        rule = session.scalars(select(JudgementRow).where(JudgementRow.origin != "user")).first()
        assert rule is not None
        rule_id = rule.id
    with store.transaction() as session:
        with pytest.raises(LookupError, match="no user judgement number"):
            undo(session, rule_id)
        with pytest.raises(LookupError, match="no user judgement number 9999"):
            undo(session, 9999)
        undo(session, row_id)
    with store.transaction() as session, pytest.raises(LookupError, match="already undone"):
        undo(session, row_id)
    with store.transaction() as session, pytest.raises(ValueError, match="itself"):
        judge(session, QUILL, QUILL, positive=True)


def test_an_unsure_judgement_neither_merges_nor_splits(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    with store.transaction() as session:
        judge(session, NORVIK_LTD, NORVIK, judgement=Judgement.UNSURE, user="frank")
        judge(session, QUILL, TESSALY, judgement=Judgement.UNSURE, user="frank")
    with store.session() as session:
        reps = clusters(session)
        kept = [(r.judgement, r.user) for r in user_judgements(session)]
    assert reps[NORVIK_LTD] == NORVIK  # the rule merge stands
    assert reps[QUILL] != reps[TESSALY]
    assert kept == [("unsure", "frank"), ("unsure", "frank")]
