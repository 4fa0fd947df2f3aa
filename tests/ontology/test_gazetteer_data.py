"""Properties every shipped gazetteer entry must have, checked over all the YAML files.

The loader only refuses a surface form claimed twice; these tests hold the data to the
rest of the rules the files' comments state: well-formed, unique QIDs; countries that
exist; no ordinary English word or name shared by many states claimed by one entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from tracewire.ontology.gazetteer import (
    GAZETTEER_DIR,
    Gazetteer,
    GazetteerEntry,
    build_gazetteer,
    normalise_name,
    read_entries,
)
from tracewire.records import EntityType

FILES = sorted(GAZETTEER_DIR.glob("*.yaml"))

# Ordinary English words and phrases that are also names of actors of the trade ("Bull",
# "Gamma Group", "Paragon Solutions"): capitalised at a sentence start or in a headline
# they would be taken for the company. Only the entries listed in DELIBERATE may claim one.
ORDINARY_WORDS = {
    "ability",
    "advent",
    "amnesty",
    "apple",
    "area",
    "axis",
    "blue coat",
    "bull",
    "canon",
    "capita",
    "check point",
    "circles",
    "cobwebs",
    "foxglove",
    "gamma",
    "graphite",
    "hacking team",
    "liberty",
    "lookout",
    "meta",
    "network of the world",
    "nice",
    "none of your business",
    "open text",
    "orange",
    "paragon",
    "predator",
    "sequoia",
    "treasury",
    "trenchant",
}
# Kept on purpose, each argued in its file: the word means the actor far more often than
# the ordinary thing in reporting on this trade.
DELIBERATE = {
    "amnesty": "organization:amnesty-international",
    "blue coat": "company:blue-coat-systems",
    "lookout": "company:lookout",
    "treasury": "publicbody:us-department-of-the-treasury",
}
# Names many states give their own body: claimed bare by one entry, every state's body
# would be taken for that one ("Ministry of Interior (Egypt)" must be spelt out).
SHARED_BODY_NAMES = {
    "bundeskriminalamt",
    "bundespolizei",
    "defence ministry",
    "defense ministry",
    "department of defence",
    "directorate general of national security",
    "federal criminal police office",
    "federal police",
    "federal protective service",
    "foreign ministry",
    "general court",
    "general intelligence service",
    "home office",
    "human rights league",
    "intelligence bureau",
    "interior ministry",
    "justice and development party",
    "ministry of defence",
    "ministry of defense",
    "ministry of external affairs",
    "ministry of foreign affairs",
    "ministry of home affairs",
    "ministry of interior",
    "ministry of internal affairs",
    "ministry of the interior",
    "morality police",
    "national intelligence and security service",
    "national intelligence service",
    "national police",
    "national security council",
    "national security service",
    "secret service",
    "security council",
    "state council",
    "state security service",
    "supreme court",
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return build_gazetteer(FILES)


def surface_forms(entry: GazetteerEntry) -> list[str]:
    return [surface for surface, _ in entry.names()]


def loose_key(name: str) -> str:
    """A name without accents, punctuation, spacing or a leading 'the' ('U.S.' = 'US')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[\W_]+", "", text)


def test_qids_are_well_formed_and_name_one_entry_each(gazetteer: Gazetteer) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in gazetteer.entries.values():
        if entry.qid is not None:
            assert re.fullmatch(r"Q[1-9]\d*", entry.qid), (entry.key, entry.qid)
            owners[entry.qid].append(entry.key)
    shared = {qid: keys for qid, keys in owners.items() if len(keys) > 1}
    assert not shared


def test_every_country_field_names_a_country_entry(gazetteer: Gazetteer) -> None:
    countries = {e.name for e in gazetteer.entries.values() if e.type is EntityType.COUNTRY}
    unknown = {
        (entry.key, entry.country)
        for entry in gazetteer.entries.values()
        if entry.country is not None and entry.country not in countries
    }
    assert not unknown


def test_state_bodies_each_belong_to_a_state() -> None:
    # international public bodies (EU institutions, courts) live in organizations.yaml
    stateless = [e.key for e in read_entries(GAZETTEER_DIR / "state_bodies.yaml") if not e.country]
    assert not stateless


def test_no_ordinary_word_is_a_name_except_where_argued(gazetteer: Gazetteer) -> None:
    claimed = {
        (normalise_name(surface), entry.key)
        for entry in gazetteer.entries.values()
        for surface in surface_forms(entry)
        if not surface.isupper() and normalise_name(surface) in ORDINARY_WORDS
    }
    assert {(word, key) for word, key in claimed if DELIBERATE.get(word) != key} == set()


def test_no_entry_claims_a_name_many_states_share(gazetteer: Gazetteer) -> None:
    assert {name for name in SHARED_BODY_NAMES if name in gazetteer.by_name} == set()


def test_names_differing_only_in_punctuation_belong_to_one_entry(gazetteer: Gazetteer) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries.values():
        for surface in surface_forms(entry):
            owners[loose_key(surface)].add(entry.key)
    assert {key: keys for key, keys in owners.items() if len(keys) > 1} == {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_opens_with_a_comment_naming_its_sources(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and "Sources:" in first


@pytest.mark.parametrize(
    ("name", "kind"),
    [("vendors.yaml", EntityType.COMPANY), ("finance.yaml", EntityType.COMPANY)],
)
def test_company_files_hold_companies(name: str, kind: EntityType) -> None:
    assert {e.type for e in read_entries(GAZETTEER_DIR / name)} == {kind}


@pytest.mark.parametrize(
    "forms",
    [
        ["Export-Import Bank of China", "China Exim Bank", "EXIMBANK China", "Exim Bank of China"],
        ["Europol", "European Police Agency", "European Police Office"],
        ["U.S. Department of Commerce", "Commerce Department", "Dept of Commerce"],
        ["US Department of the Treasury", "Treasury", "U.S. Treasury Department"],
        ["Cognyte", "Cognyte Software Ltd", "Cognyte Software Ltd."],
        ["Blue Coat Systems", "Blue Coat", "Blue Coat Systems Inc."],
        ["Verint", "Verint Systems Inc."],
        ["Security Service of Ukraine", "SBU", "Ukraine's Security Service"],
        ["CNIL", "Commission nationale de l'informatique et des libertés"],
    ],
)
def test_long_and_short_forms_name_one_entry(gazetteer: Gazetteer, forms: list[str]) -> None:
    keys = set()
    for form in forms:
        hit = gazetteer.lookup(form)
        assert hit is not None, form
        keys.add(hit[0].key)
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # a parent and its subsidiary; an alliance and the companies sanctioned one by one
        ("Verint Systems Inc.", "Verint Systems Ltd"),
        ("Intellexa", "Intellexa Limited"),
        ("Cytrox", "Cytrox Holdings"),
        # the same kind of body in two states
        ("Sudan's National Intelligence and Security Service", "Ethiopian NISS"),
        ("Egypt's Interior Ministry", "Bahrain's Interior Ministry"),
        ("US Department of the Treasury", "HM Treasury"),
    ],
)
def test_related_but_distinct_actors_stay_apart(gazetteer: Gazetteer, one: str, other: str) -> None:
    first, second = gazetteer.lookup(one), gazetteer.lookup(other)
    assert first is not None and second is not None
    assert first[0].key != second[0].key
